package store

import (
	"fmt"
	"strings"
	"testing"

	"xeploai/domain"
)

func TestConsecutiveCandidates(t *testing.T) { onBoth(t, testConsecutiveCandidates) }

func testConsecutiveCandidates(t *testing.T) {
	f := newFixture(t)
	rate := func(m *domain.Member, levels map[int]domain.Level) {
		for y, l := range levels {
			if err := f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: y, Level: l}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	ex := domain.LevelExcellent
	five := f.member(t, "Năm Năm Liền", "11111111", f.cell1)
	rate(five, map[int]domain.Level{2017: ex, 2018: ex, 2019: ex, 2020: ex, 2021: ex})
	four := f.member(t, "Bốn Năm", "22222222", f.cell1)
	rate(four, map[int]domain.Level{2018: ex, 2019: ex, 2020: ex, 2021: ex})
	gap := f.member(t, "Có Khoảng Trống", "33333333", f.cell2)
	rate(gap, map[int]domain.Level{2016: ex, 2017: ex, 2018: ex, 2019: domain.LevelGood, 2020: ex, 2021: ex})
	six := f.member(t, "Sáu Năm", "44444444", f.cell2)
	rate(six, map[int]domain.Level{2016: ex, 2017: ex, 2018: ex, 2019: ex, 2020: ex, 2021: ex})
	cs, err := f.db.ConsecutiveCandidates(ctx, 2021, 5, domain.GroupMembers)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	if len(cs) != 2 || names[0] != "Năm Năm Liền" || names[1] != "Sáu Năm" {
		t.Fatalf("candidates %v", names)
	}
	if cs[0].Card != "11111111" || cs[0].Org != "Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số 1" || cs[0].Detail != "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)" {
		t.Errorf("candidate %+v", cs[0])
	}
	year, _ := f.db.ConsecutiveCandidates(ctx, 2021, 1, domain.GroupMembers)
	if len(year) != 4 {
		t.Errorf("%d excellent in 2021, want 4", len(year))
	}
	for _, y := range []int{2017, 2018, 2019, 2020, 2021} {
		f.db.SetOrgRating(ctx, &domain.OrgRating{OrgID: f.cell1.ID, Rating: domain.Rating{Year: y, Level: ex}})
		f.db.SetOrgRating(ctx, &domain.OrgRating{OrgID: f.ward.ID, Rating: domain.Rating{Year: y, Level: ex}})
	}
	cells, _ := f.db.ConsecutiveCandidates(ctx, 2021, 5, domain.GroupCells)
	grass, _ := f.db.ConsecutiveCandidates(ctx, 2021, 5, domain.GroupGrassroots)
	if len(cells) != 1 || cells[0].Name != "Chi bộ Khu dân cư số 1" || len(grass) != 1 || grass[0].SubjectKind != "org" {
		t.Errorf("cells %+v grassroots %+v", cells, grass)
	}
}

// admitted adds a member of cell 1, born in 1960, admitted on the day given.
func (f *fixture) admitted(t *testing.T, name string, on domain.Date) *domain.Member {
	t.Helper()
	m := &domain.Member{FullName: name, BirthDate: domain.NewDate(1960, 1, 1), AdmittedOn: on, OfficialOn: on.AddDate(1, 0, 0), CellID: f.cell1.ID}
	if err := f.db.CreateMember(ctx, m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBadgeCandidatesLeaveOutHeldAndGone(t *testing.T) {
	onBoth(t, testBadgeCandidatesLeaveOutHeldAndGone)
}

func testBadgeCandidatesLeaveOutHeldAndGone(t *testing.T) {
	f := newFixture(t)
	mk := func(name string, admitted domain.Date) *domain.Member { return f.admitted(t, name, admitted) }
	due := mk("Đến Hạn", domain.NewDate(1996, 3, 1))
	holder := mk("Đã Có", domain.NewDate(1996, 3, 2))
	f.db.CreateAward(ctx, &domain.Award{MemberID: holder.ID, Form: domain.FormBadge, Milestone: 30, Content: "Huy hiệu 30 năm tuổi Đảng", Year: 2026})
	moved := mk("Chuyển Đi", domain.NewDate(1996, 3, 3))
	f.db.SetMemberStatus(ctx, moved.ID, domain.StatusTransferred, domain.NewDate(2020, 1, 1), "")
	gapped := mk("Gián Đoạn", domain.NewDate(1996, 3, 4))
	f.db.AddPartyAgeGap(ctx, gapped.ID, domain.NewDate(2000, 1, 1), domain.NewDate(2001, 12, 31), "xóa tên, kết nạp lại")
	ill := mk("Ốm Nặng", domain.NewDate(1997, 4, 1))
	f.db.AddAbsence(ctx, ill.ID, 2026, AbsenceSeriouslyIll, 0)
	cs, err := f.db.BadgeCandidates(ctx, domain.NewDate(2026, 5, 19))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range cs {
		got[c.Name] = c.Milestone
	}
	want := map[string]int{"Đến Hạn": 30, "Ốm Nặng": 30}
	if len(got) != len(want) || got["Đến Hạn"] != 30 || got["Ốm Nặng"] != 30 {
		t.Errorf("badge candidates %v, want %v (%+v)", got, want, due)
	}
	for _, c := range cs {
		if want := map[string]domain.BadgeBasis{"Đến Hạn": domain.BasisDue, "Ốm Nặng": domain.BasisEarlyIllness}[c.Name]; c.Basis != want {
			t.Errorf("%s: basis %q, want %q", c.Name, c.Basis, want)
		}
	}
}

func TestRecordAwardsLeavesTheList(t *testing.T) { onBoth(t, testRecordAwardsLeavesTheList) }

func testRecordAwardsLeavesTheList(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, "Năm Năm Liền", "11111111", f.cell1)
	for y := 2017; y <= 2021; y++ {
		f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: y, Level: domain.LevelExcellent}})
	}
	cs, _ := f.db.ConsecutiveCandidates(ctx, 2021, 5, domain.GroupMembers)
	if len(cs) != 1 {
		t.Fatalf("%d candidates", len(cs))
	}
	if err := f.db.RecordAwards(ctx, cs, Decision{}); err == nil {
		t.Error("recorded without a decision date")
	}
	if err := f.db.RecordAwards(ctx, cs, Decision{No: "12-QĐ/QU", Date: domain.NewDate(2022, 1, 26), Issuer: "Ban Thường vụ Quận ủy"}); err != nil {
		t.Fatal(err)
	}
	as, _ := f.db.Awards(ctx, AwardQuery{MemberID: m.ID})
	if len(as) != 1 || as[0].Form != domain.FormCertificate || as[0].YearFrom != 2017 || as[0].DecisionNo != "12-QĐ/QU" || as[0].Year != 2022 {
		t.Errorf("awards %+v", as)
	}
	if again, _ := f.db.ConsecutiveCandidates(ctx, 2021, 5, domain.GroupMembers); len(again) != 0 {
		t.Errorf("recorded member still listed: %+v", again)
	}
}

func TestCheckInputReadsDisciplineAndLeaders(t *testing.T) {
	onBoth(t, testCheckInputReadsDisciplineAndLeaders)
}

func testCheckInputReadsDisciplineAndLeaders(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, "Trần Văn Bí Thư", "", f.cell1)
	f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2023, Level: domain.LevelGood}})
	f.db.SetOrgRating(ctx, &domain.OrgRating{OrgID: f.cell1.ID, Rating: domain.Rating{Year: 2023, Level: domain.LevelExcellent}})
	if err := f.db.AddLeader(ctx, m.ID, f.cell1.ID, "Bí thư", domain.NewDate(2020, 1, 1), domain.Date{}); err != nil {
		t.Fatal(err)
	}
	if err := f.db.AddDiscipline(ctx, Discipline{MemberID: m.ID, On: domain.NewDate(2023, 6, 1), Form: "Khiển trách"}); err != nil {
		t.Fatal(err)
	}
	f.db.AddAbsence(ctx, m.ID, 2023, AbsenceSickLeave, 4)
	in, err := f.db.CheckInput(ctx, 2023, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !in.Disciplined[m.ID] || in.SickMonths[m.ID] != 4 || len(in.Leaders[f.cell1.ID]) != 1 {
		t.Fatalf("input %+v", in)
	}
	rules := map[string]int{}
	for _, v := range domain.Check(in) {
		rules[v.Rule]++
	}
	// The member (disciplined but good; sick 4 months but good) and the cell
	// (excellent with a disciplined leader).
	if rules[domain.RuleDiscipline] != 2 || rules[domain.RuleSickLeave] != 1 {
		t.Errorf("findings %v", rules)
	}
}

// TestExcellenceListsFlagWhatTheRulesWouldNotAllow: a member rated
// excellent in the run's years but disciplined in one, under the score band
// (2025 on), or on three months' sick leave stays on the list with the
// reason to look again; one with nothing to look at is as before.
func TestExcellenceListsFlagWhatTheRulesWouldNotAllow(t *testing.T) {
	onBoth(t, testExcellenceListsFlagWhatTheRulesWouldNotAllow)
}

func testExcellenceListsFlagWhatTheRulesWouldNotAllow(t *testing.T) {
	f := newFixture(t)
	ex := domain.LevelExcellent
	score := func(v float64) *float64 { return &v }
	rate := func(m *domain.Member, low float64) {
		for y := 2021; y <= 2025; y++ {
			r := domain.Rating{Year: y, Level: ex}
			if y == 2025 {
				r.Score = score(low)
			}
			if err := f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: r}); err != nil {
				t.Fatal(err)
			}
		}
	}
	clean := f.member(t, "Không Vấn Đề", "11111111", f.cell1)
	rate(clean, 95)
	disciplined := f.member(t, "Bị Kỷ Luật", "22222222", f.cell1)
	rate(disciplined, 95)
	if err := f.db.AddDiscipline(ctx, Discipline{MemberID: disciplined.ID, On: domain.NewDate(2023, 3, 1), Form: "Khiển trách"}); err != nil {
		t.Fatal(err)
	}
	low := f.member(t, "Điểm Thấp", "33333333", f.cell1)
	rate(low, 80.5)
	sick := f.member(t, "Nghỉ Ốm", "44444444", f.cell1)
	rate(sick, 92)
	unscored := f.member(t, "Chưa Chấm Điểm", "55555555", f.cell1)
	rate(unscored, 95)
	must(t, f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: unscored.ID, Rating: domain.Rating{Year: 2025, Level: ex}}))
	if err := f.db.AddAbsence(ctx, sick.ID, 2022, AbsenceSickLeave, 4); err != nil {
		t.Fatal(err)
	}
	cs, err := f.db.ConsecutiveCandidates(ctx, 2025, 5, domain.GroupMembers)
	if err != nil {
		t.Fatal(err)
	}
	review := map[string]string{}
	for _, c := range cs {
		review[c.Name] = c.Review
		if c.Detail != "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2021–2025)" {
			t.Errorf("%s: detail %q (the award's content must stay as it is)", c.Name, c.Detail)
		}
	}
	for name, want := range map[string]string{
		"Bị Kỷ Luật":     "bị kỷ luật ngày 01/03/2023",
		"Điểm Thấp":      "năm 2025 chỉ 80,5 điểm (xuất sắc cần từ 90)",
		"Nghỉ Ốm":        "năm 2022 nghỉ ốm 4 tháng",
		"Chưa Chấm Điểm": "năm 2025 chưa có điểm (xuất sắc cần từ 90)",
	} {
		if !strings.Contains(review[name], want) {
			t.Errorf("%s: %q, want %q in it", name, review[name], want)
		}
	}
	if r := review["Không Vấn Đề"]; r != "" {
		t.Errorf("a clean candidate is to be looked at: %q", r)
	}
}

// TestAPoolOfOrganisationsFlagsWhatTheRulesWouldNotAllow: a cell excellent
// five years running whose collective was disciplined in one of them, or
// whose members' levels do not allow it, stays in the pool with the
// check's own reason to look again; the ward above a disciplined cell too;
// a cell with nothing to look at is as before.
func TestAPoolOfOrganisationsFlagsWhatTheRulesWouldNotAllow(t *testing.T) {
	onBoth(t, testAPoolOfOrganisationsFlagsWhatTheRulesWouldNotAllow)
}

func testAPoolOfOrganisationsFlagsWhatTheRulesWouldNotAllow(t *testing.T) {
	f := newFixture(t)
	for _, o := range []*domain.Org{f.ward, f.cell1, f.cell2} {
		for y := 2021; y <= 2025; y++ {
			if err := f.db.SetOrgRating(ctx, &domain.OrgRating{OrgID: o.ID, Rating: domain.Rating{Year: y, Level: domain.LevelExcellent}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// cell1: every member excellent; cell2: disciplined in 2024, and in
	// 2025 one of its two members "không hoàn thành".
	for i, cell := range []*domain.Org{f.cell1, f.cell1, f.cell2, f.cell2} {
		m := f.member(t, fmt.Sprintf("Đảng Viên %d", i), fmt.Sprintf("5555555%d", i), cell)
		for y := 2021; y <= 2025; y++ {
			l := domain.LevelExcellent
			if i == 3 && y == 2025 {
				l = domain.LevelNotCompleted
			}
			if err := f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: y, Level: l}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.db.AddDiscipline(ctx, Discipline{OrgID: f.cell2.ID, On: domain.NewDate(2024, 5, 6), Form: "Khiển trách"}); err != nil {
		t.Fatal(err)
	}
	review := map[string]string{}
	for _, g := range []domain.Group{domain.GroupCells, domain.GroupGrassroots} {
		cs, err := f.db.ConsecutiveCandidates(ctx, 2025, 5, g)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			review[c.Name] = c.Review
		}
	}
	if len(review) != 3 {
		t.Fatalf("pools %v, want the ward and both cells", review)
	}
	if r := review[f.cell1.Name]; r != "" {
		t.Errorf("a cell with nothing to look at: %q", r)
	}
	for name, wants := range map[string][]string{
		f.cell2.Name: {"năm 2024 tập thể lãnh đạo bị kỷ luật trong năm nên phải xếp loại \"Không hoàn thành nhiệm vụ\"", "năm 2025 xếp loại \"Hoàn thành xuất sắc nhiệm vụ\" nhưng 1/2 đảng viên"},
		f.ward.Name:  {"năm 2024 ", "tổ chức trực thuộc bị kỷ luật (Chi bộ Khu dân cư số 2)"},
	} {
		for _, want := range wants {
			if !strings.Contains(review[name], want) {
				t.Errorf("%s: %q, want %q in it", name, review[name], want)
			}
		}
	}
}

func TestMembersNotEnteredAreFound(t *testing.T) { onBoth(t, testMembersNotEnteredAreFound) }

// testMembersNotEnteredAreFound: a member on a cell's roll on the review
// date with no rating and no reason for the year is named in Kiểm tra
// (one finding for the cell); one rated, given a reason, admitted after
// the review, transferred to another cell or dead before it is not; a
// death after the review leaves the member on that year's roll.
func testMembersNotEnteredAreFound(t *testing.T) {
	f := newFixture(t)
	rated := f.member(t, "Đã Xếp Loại", "1", f.cell1)
	reason := f.member(t, "Có Lý Do", "2", f.cell1)
	missing := f.member(t, "Chưa Nhập", "3", f.cell1)
	diedAfter := f.member(t, "Mất Sau", "4", f.cell1)
	diedBefore := f.member(t, "Mất Trước", "5", f.cell1)
	moved := f.member(t, "Chuyển Chi Bộ", "6", f.cell1)
	late := f.member(t, "Kết Nạp Muộn", "7", f.cell1)
	late.AdmittedOn, late.OfficialOn = domain.NewDate(2025, 12, 20), domain.Date{}
	must(t, f.db.UpdateMember(ctx, late, domain.Date{}))
	must(t, f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: rated.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelGood}}))
	must(t, f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: reason.ID, Rating: domain.Rating{Year: 2025, NotRatedReason: "Miễn sinh hoạt đảng"}}))
	must(t, f.db.SetMemberStatus(ctx, diedAfter.ID, domain.StatusDied, domain.NewDate(2026, 1, 5), ""))
	must(t, f.db.SetMemberStatus(ctx, diedBefore.ID, domain.StatusDied, domain.NewDate(2025, 6, 5), ""))
	must(t, f.db.TransferMember(ctx, moved.ID, f.cell2.ID, domain.NewDate(2025, 3, 1)))
	must(t, f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: moved.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelGood}}))
	in, err := f.db.CheckInput(ctx, 2025, 0)
	if err != nil {
		t.Fatal(err)
	}
	var found []domain.Violation
	for _, v := range domain.Check(in) {
		if strings.Contains(v.Message, "đảng viên trong danh sách") {
			found = append(found, v)
		}
	}
	want := "2 đảng viên trong danh sách ngày 15/12/2025 chưa có kết quả năm 2025 (hãy xếp loại, hoặc ghi lý do không xếp loại; báo cáo không tính họ): Chưa Nhập (thẻ 3), Mất Sau (thẻ 4)"
	if len(found) != 1 || found[0].SubjectID != f.cell1.ID || found[0].Rule != domain.RuleNotRated || found[0].Message != want {
		t.Fatalf("findings %+v\nwant one for the cell: %q", found, want)
	}
	// Rated in the sheet, the member is entered; cleared, not again.
	in.SetMember(domain.RatedMember{MemberID: missing.ID, Name: missing.FullName, OrgID: f.cell1.ID, Level: domain.LevelGood})
	in.SetMember(domain.RatedMember{MemberID: diedAfter.ID, Name: diedAfter.FullName, OrgID: f.cell1.ID, Reason: "Miễn sinh hoạt đảng"})
	for _, v := range domain.Check(in) {
		if strings.Contains(v.Message, "đảng viên trong danh sách") {
			t.Errorf("after rating both: %+v", v)
		}
	}
	// The cells and grassroots organisations with no rating of their own
	// are named too (none is rated in this fixture).
	orgs := 0
	for _, v := range domain.Check(in) {
		if v.SubjectKind == "org" && strings.Contains(v.Message, "chưa có kết quả năm 2025 của chính tổ chức") {
			orgs++
		}
	}
	if orgs != 4 {
		t.Errorf("%d organisations named without a rating of their own, want 4 (the ward, its two cells, the grassroots cell)", orgs)
	}
	in.SetMember(domain.RatedMember{MemberID: missing.ID, Name: missing.FullName, Card: "3", OrgID: f.cell1.ID})
	n := 0
	for _, v := range domain.Check(in) {
		if strings.Contains(v.Message, "1 đảng viên trong danh sách") && strings.HasSuffix(v.Message, "Chưa Nhập (thẻ 3)") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("a rating cleared in the sheet is not entered again")
	}
	// The cell's own check (the rating sheet's) finds it too.
	if in, err := f.db.CheckInput(ctx, 2025, f.cell1.ID); err != nil || len(in.Unrated[f.cell1.ID]) != 2 {
		t.Errorf("the cell's check: %+v, %v", in.Unrated, err)
	}
	// The report says what it cannot count: the two members, and the
	// cells and grassroots organisations with no rating of their own (the
	// ward, cell 2, the grassroots cell; cell 1 is rated).
	must(t, f.db.SetOrgRating(ctx, &domain.OrgRating{OrgID: f.cell1.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelGood}}))
	u, err := f.db.Unentered(ctx, 2025, 0)
	if err != nil || u != (domain.Unentered{Review: domain.NewDate(2025, 12, 15), Members: 2, Orgs: 3}) {
		t.Errorf("unentered %+v, %v", u, err)
	}
	if u, err := f.db.Unentered(ctx, 2025, f.cell2.ID); err != nil || u.Members != 0 || u.Orgs != 1 {
		t.Errorf("cell 2's report: %+v, %v", u, err)
	}
	if n := u.Note(2025); !strings.Contains(n, "2 đảng viên trong danh sách ngày 15/12/2025 và 3 tổ chức (chi bộ, tổ chức cơ sở đảng) chưa có kết quả năm 2025") {
		t.Errorf("note %q", n)
	}
}
