package domain

import (
	"strings"
	"testing"
)

// A district (code Q) with two wards, H (Hòa Hải, cells H1 and H2) and C
// (Hòa Cường Bắc, cell C1), and two members: Bùi Ngọc Mai in C1, Nguyễn Văn
// Tâm in H1.
func planState() *ImportState {
	return &ImportState{
		Today: MustDate("2026-11-26"),
		ImportRecords: ImportRecords{
			Orgs: []Org{
				{ID: 1, Code: "Q", Name: "Đảng bộ quận Sơn Trà", Kind: KindSuperior},
				{ID: 2, Code: "H", Name: "Đảng bộ phường Hòa Hải", Kind: KindGrassrootsCommittee, ParentID: 1},
				{ID: 3, Code: "H1", Name: "Chi bộ Tổ dân phố 1", Kind: KindCell, ParentID: 2},
				{ID: 4, Code: "H2", Name: "Chi bộ Tổ dân phố 2", Kind: KindCell, ParentID: 2},
				{ID: 5, Code: "C", Name: "Đảng bộ phường Hòa Cường Bắc", Kind: KindGrassrootsCommittee, ParentID: 1},
				{ID: 6, Code: "C1", Name: "Chi bộ Khối phố 1", Kind: KindCell, ParentID: 5},
			},
			Members: []Member{
				{ID: 10, FullName: "Bùi Ngọc Mai", BirthDate: MustDate("1942-07-05"), AdmittedOn: MustDate("1971-02-03"),
					CardNo: "10010286", HistoryNo: "000070DN", CellID: 6, Status: StatusActive},
				{ID: 11, FullName: "Nguyễn Văn Tâm", BirthDate: MustDate("1970-12-01"), AdmittedOn: MustDate("2007-04-07"),
					CardNo: "10184589", CellID: 3, Status: StatusActive},
			},
			Memberships: []Membership{
				{ID: 1, MemberID: 10, OrgID: 6, From: MustDate("1971-02-03")},
				{ID: 2, MemberID: 11, OrgID: 3, From: MustDate("2007-04-07")},
			},
		},
	}
}

// srcOf is the place of row n of a sheet holding the given columns.
func srcOf(sheet Sheet, n int, cols ...string) RowSource {
	letters := map[string]string{}
	for i, c := range cols {
		letters[c] = string(rune('A' + i))
	}
	return RowSource{Sheet: sheet.Name(), Row: n, Cols: letters}
}

var memberSheetCols = []string{ColFullName, ColBirthDate, ColAdmitted, ColCardNo, ColHistoryNo, ColCell}

func memberRow(n int, name, birth, admitted, card, history, cell string) MemberRow {
	return MemberRow{Src: srcOf(SheetMembers, n, memberSheetCols...), Cell: OrgRef{Ref: cell},
		Member: Member{FullName: name, BirthDate: MustDate(birth), AdmittedOn: MustDate(admitted), CardNo: card, HistoryNo: history}}
}

func errorsText(rep *ImportReport) string {
	var out []string
	for _, e := range rep.Errors {
		out = append(out, e.Error())
	}
	return strings.Join(out, "\n")
}

// TestMistypedNumberIsRefused: a new row carrying a stored member's card
// (or personal-history) number under another name and date of birth is a
// typo, refused with the holder named; a name or a birth date corrected
// alone is a change.
func TestMistypedNumberIsRefused(t *testing.T) {
	for _, c := range []struct {
		name  string
		row   MemberRow
		err   string // "" when the row is a change of Bùi Ngọc Mai
		field string // the change's field
	}{
		{"card of another member", memberRow(5, "Lý Thị Gõ Nhầm", "1995-01-01", "2020-01-01", "10010286", "", "H1"),
			"Đảng viên, dòng 5, cột D (Số thẻ đảng viên): số thẻ 10010286 là của Bùi Ngọc Mai, sinh 05/07/1942", ""},
		{"history number of another member", memberRow(6, "Lý Thị Gõ Nhầm", "1995-01-01", "2020-01-01", "", "000070DN", "H1"),
			"Đảng viên, dòng 6, cột E (Số lý lịch): số lý lịch 000070DN là của Bùi Ngọc Mai, sinh 05/07/1942", ""},
		{"name corrected alone", memberRow(7, "Bùi Thị Ngọc Mai", "1942-07-05", "1971-02-03", "10010286", "000070DN", "C1"), "", ColFullName},
		{"birth date corrected alone", memberRow(8, "Bùi Ngọc Mai", "1943-07-05", "1971-02-03", "10010286", "000070DN", "C1"), "", ColBirthDate},
	} {
		t.Run(c.name, func(t *testing.T) {
			plan := PlanImport(&Batch{Members: []MemberRow{c.row}}, planState())
			got := errorsText(&plan.Report)
			if c.err != "" {
				if !strings.Contains(got, c.err) || len(plan.Members) != 0 {
					t.Errorf("errors %q, %d members planned; want %q and none", got, len(plan.Members), c.err)
				}
				return
			}
			if got != "" || len(plan.Members) != 1 || plan.Members[0].ID != 10 {
				t.Fatalf("errors %q, members %+v; want Bùi Ngọc Mai changed", got, plan.Members)
			}
			fields := plan.Report.Members.Changes[0].Fields
			if fields[0].Field != c.field {
				t.Errorf("changes %v, want %s first", fields, c.field)
			}
		})
	}

	// Another sheet naming a member by card, name and date of birth is
	// refused the same way.
	rating := MemberRatingRow{Src: srcOf(SheetMemberRatings, 3, ColYear, ColCardNo, ColFullName, ColBirthDate, ColLevel),
		Member: MemberRef{CardNo: "10010286", FullName: "Lý Thị Gõ Nhầm", BirthDate: MustDate("1995-01-01")},
		Rating: Rating{Year: 2025, Level: LevelGood}}
	plan := PlanImport(&Batch{MemberRatings: []MemberRatingRow{rating}}, planState())
	if got := errorsText(&plan.Report); !strings.Contains(got, "Xếp loại đảng viên, dòng 3, cột B (Số thẻ đảng viên): số thẻ 10010286 là của Bùi Ngọc Mai") {
		t.Errorf("rating row: errors %q", got)
	}
}

// TestOrgWithoutCodeOrParent: an organisations row with neither a code nor
// a parent is the one organisation of that name and kind wherever it is
// (said in a warning), refused when several are, and a new organisation at
// the top only when none has the name.
func TestOrgWithoutCodeOrParent(t *testing.T) {
	cols := []string{ColOrgCode, ColOrgName, ColKind, ColParent}
	for _, c := range []struct {
		name, kind string
		want       int64  // the organisation matched; -1 for a new one; 0 for an error
		msg        string // in the warning, or the error
	}{
		{"Đảng bộ phường Hòa Hải", "Đảng bộ cơ sở", 2, "Tổ chức, dòng 2, cột B (Tên tổ chức): \"Đảng bộ phường Hòa Hải\" không ghi Trực thuộc hay Mã tổ chức; đã khớp với Đảng bộ phường Hòa Hải (thuộc Đảng bộ quận Sơn Trà)"},
		{"Đảng bộ Phường Hòa Hải", "Đảng bộ cơ sở", 2, "\"Đảng bộ Phường Hòa Hải\" không ghi Trực thuộc hay Mã tổ chức; đã khớp với Đảng bộ phường Hòa Hải (thuộc"}, // and renamed
		{"Đảng bộ quận Sơn Trà", "Đảng bộ", 1, ""}, // at the top already
		{"Chi bộ Tổ dân phố 1", "Chi bộ", 0, "Tổ chức, dòng 2, cột D (Trực thuộc): có 2 tổ chức tên \"Chi bộ Tổ dân phố 1\": Đảng bộ phường Hòa Hải › Chi bộ Tổ dân phố 1 (mã H1); Đảng bộ phường Hòa Cường Bắc › Chi bộ Tổ dân phố 1 (mã C2); hãy ghi Trực thuộc hoặc Mã tổ chức"},
		{"Đảng bộ phường Hòa Hải", "Chi bộ cơ sở", 0, "cột C (Loại): đã có tổ chức tên \"Đảng bộ phường Hòa Hải\" nhưng khác loại: Đảng bộ phường Hòa Hải (Đảng bộ cơ sở, mã H)"},
		{"Đảng bộ huyện Hòa Vang", "Đảng bộ", -1, ""},
	} {
		t.Run(c.name+", "+c.kind, func(t *testing.T) {
			st := planState()
			st.Orgs = append(st.Orgs, Org{ID: 7, Code: "C2", Name: "Chi bộ Tổ dân phố 1", Kind: KindCell, ParentID: 5})
			kind, err := ParseOrgKind(c.kind)
			if err != nil {
				t.Fatal(err)
			}
			row := OrgRow{Src: srcOf(SheetOrgs, 2, cols...), Org: Org{Name: c.name, Kind: kind}}
			plan := PlanImport(&Batch{Orgs: []OrgRow{row}}, st)
			errs, warnings := errorsText(&plan.Report), strings.Join(plan.Report.Warnings, "\n")
			switch {
			case c.want == 0:
				if !strings.Contains(errs, c.msg) {
					t.Errorf("errors %q, want %q", errs, c.msg)
				}
			case errs != "":
				t.Errorf("errors %q", errs)
			case c.want == -1:
				if plan.Report.Orgs.Added != 1 || plan.Orgs[0].ParentID != 0 {
					t.Errorf("orgs %+v, want one new at the top", plan.Orgs)
				}
			default:
				matched := plan.Report.Orgs.Unchanged == 1 || len(plan.Orgs) == 1 && plan.Orgs[0].ID == c.want
				if plan.Report.Orgs.Added != 0 || !matched || !strings.Contains(warnings, c.msg) || (c.msg == "") != (warnings == "") {
					t.Errorf("added %d, planned %+v, warnings %q; want #%d matched, %q", plan.Report.Orgs.Added, plan.Orgs, warnings, c.want, c.msg)
				}
			}
		})
	}
}

// TestOverlappingPeriodsAreRefused: periods of one member in two cells at
// once, as the import would leave them (stored and from the file), are an
// error naming the rows and the periods; periods that meet are not.
func TestOverlappingPeriodsAreRefused(t *testing.T) {
	cols := []string{ColCardNo, ColFullName, ColCell, ColFrom, ColTo}
	period := func(n int, card, cell, from, to string) MembershipRow {
		r := MembershipRow{Src: srcOf(SheetMemberships, n, cols...), Member: MemberRef{CardNo: card}, Cell: OrgRef{Ref: cell}}
		if from != "" {
			r.From = MustDate(from)
		}
		if to != "" {
			r.To = MustDate(to)
		}
		return r
	}
	// Bùi Ngọc Mai: in C2 from admission to 16/04/2025, then in C1.
	state := func() *ImportState {
		st := planState()
		st.Orgs = append(st.Orgs, Org{ID: 7, Code: "C2", Name: "Chi bộ Khối phố 2", Kind: KindCell, ParentID: 5})
		st.Memberships[0] = Membership{ID: 1, MemberID: 10, OrgID: 7, From: MustDate("1971-02-03"), To: MustDate("2025-04-16")}
		st.Memberships = append(st.Memberships, Membership{ID: 3, MemberID: 10, OrgID: 6, From: MustDate("2025-04-16")})
		return st
	}
	for _, c := range []struct {
		name    string
		members []MemberRow
		periods []MembershipRow
		want    []string // the errors, in part; none for a good file
	}{
		{"moved into H1 with periods that overlap the stored ones",
			[]MemberRow{memberRow(2, "Bùi Ngọc Mai", "1942-07-05", "1971-02-03", "10010286", "000070DN", "H1")},
			[]MembershipRow{period(2, "10010286", "C1", "1971-02-03", "2025-09-30"), period(3, "10010286", "H1", "2025-10-01", "")},
			[]string{
				"Quá trình sinh hoạt, dòng 2, cột D (Từ ngày): Bùi Ngọc Mai (số thẻ 10010286) sinh hoạt hai nơi cùng lúc: ở Đảng bộ phường Hòa Cường Bắc › Chi bộ Khối phố 2 từ 03/02/1971 đến 16/04/2025 (đã có trong cơ sở dữ liệu) trùng với ở Đảng bộ phường Hòa Cường Bắc › Chi bộ Khối phố 1 từ 03/02/1971 đến 30/09/2025 (Quá trình sinh hoạt, dòng 2)",
				"Quá trình sinh hoạt, dòng 2, cột D (Từ ngày): Bùi Ngọc Mai (số thẻ 10010286) sinh hoạt hai nơi cùng lúc: ở Đảng bộ phường Hòa Cường Bắc › Chi bộ Khối phố 1 từ 03/02/1971 đến 30/09/2025 (Quá trình sinh hoạt, dòng 2) trùng với ở Đảng bộ phường Hòa Cường Bắc › Chi bộ Khối phố 1 từ 16/04/2025 đến 01/10/2025 (đã có trong cơ sở dữ liệu)",
			}},
		{"moved into H1 on a day the periods meet", []MemberRow{memberRow(2, "Bùi Ngọc Mai", "1942-07-05", "1971-02-03", "10010286", "000070DN", "H1")},
			[]MembershipRow{period(2, "10010286", "H1", "2025-10-01", "")}, nil},
		{"two rows of the file", nil,
			[]MembershipRow{period(4, "10184589", "H2", "2005-01-01", "2010-01-01"), period(5, "10184589", "C1", "2008-01-01", "2009-01-01")},
			[]string{
				"dòng 4, cột D (Từ ngày): Nguyễn Văn Tâm (số thẻ 10184589) sinh hoạt hai nơi cùng lúc: ở Đảng bộ phường Hòa Hải › Chi bộ Tổ dân phố 2 từ 01/01/2005 đến 01/01/2010 (Quá trình sinh hoạt, dòng 4) trùng với ở Đảng bộ phường Hòa Hải › Chi bộ Tổ dân phố 1 từ 07/04/2007 đến nay (đã có trong cơ sở dữ liệu)",
				"dòng 5, cột D (Từ ngày): Nguyễn Văn Tâm (số thẻ 10184589) sinh hoạt hai nơi cùng lúc: ở Đảng bộ phường Hòa Hải › Chi bộ Tổ dân phố 2 từ 01/01/2005 đến 01/01/2010 (Quá trình sinh hoạt, dòng 4) trùng với ở Đảng bộ phường Hòa Cường Bắc › Chi bộ Khối phố 1 từ 01/01/2008 đến 01/01/2009 (Quá trình sinh hoạt, dòng 5)",
			}},
		{"a period before that ends on the day the next begins", nil,
			[]MembershipRow{period(4, "10184589", "H2", "2000-01-01", "2007-04-07")}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			plan := PlanImport(&Batch{Members: c.members, Memberships: c.periods}, state())
			got := errorsText(&plan.Report)
			for _, want := range c.want {
				if !strings.Contains(got, want) {
					t.Errorf("errors:\n%s\nwant %q", got, want)
				}
			}
			if c.want == nil && got != "" {
				t.Errorf("errors:\n%s\nwant none", got)
			}
		})
	}
}

// TestADryRunSaysAnAbsencesMonths: a sick leave added reads with its months.
func TestADryRunSaysAnAbsencesMonths(t *testing.T) {
	b := &Batch{Absences: []AbsenceRow{
		{Src: srcOf(SheetAbsences, 2, ColCardNo, ColKind, ColYear, ColMonths), Member: MemberRef{CardNo: "10184589"},
			Absence: Absence{Kind: AbsenceSickLeave, Year: 2025, Months: 4.5}},
		{Src: srcOf(SheetAbsences, 3, ColCardNo, ColKind, ColYear), Member: MemberRef{CardNo: "10010286"},
			Absence: Absence{Kind: AbsenceMaternity, Year: 2025}},
	}}
	p := PlanImport(b, planState())
	got := strings.Join(p.Report.Absences.AddedList, "\n")
	for _, want := range []string{"Nguyễn Văn Tâm (số thẻ 10184589): Nghỉ ốm 4,5 tháng năm 2025", ": Nghỉ thai sản năm 2025"} {
		if !strings.Contains(got, want) {
			t.Errorf("added %q, want %q in it (errors %s)", got, want, errorsText(&p.Report))
		}
	}
}
