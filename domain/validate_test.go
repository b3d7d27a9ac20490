package domain

import (
	"strings"
	"testing"
)

var today = NewDate(2026, 11, 25)

func validMember() Member {
	return Member{
		FullName:   "Nguyễn Văn Đức",
		BirthDate:  NewDate(1975, 3, 12),
		AdmittedOn: NewDate(2000, 5, 19),
		OfficialOn: NewDate(2001, 5, 19),
		CardNo:     "12345678",
		HistoryNo:  "DN-1234",
		Status:     StatusActive,
		CellID:     1,
	}
}

var cell = &Org{ID: 1, Name: "Chi bộ 1", Kind: KindCell}

// wantFieldError checks that err names field and that its message holds want.
func wantFieldError(t *testing.T, err error, field, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s: %s", field, want)
	}
	es, ok := err.(Errors)
	if !ok {
		t.Fatalf("error %T %v is not Errors", err, err)
	}
	for _, e := range es {
		if e.Field == field && strings.Contains(e.Message, want) {
			if e.Code != EINVALID {
				t.Errorf("code %v, want EINVALID", e.Code)
			}
			return
		}
	}
	t.Fatalf("error %q does not name %s with %q", err, field, want)
}

func TestMemberValidate(t *testing.T) {
	m := validMember()
	if err := m.Validate(cell, today); err != nil {
		t.Fatalf("valid member refused: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(*Member)
		cell  *Org
		field string
		msg   string
	}{
		{"no name", func(m *Member) { m.FullName = "" }, cell, "Họ và tên", "không được để trống"},
		{"no birth date", func(m *Member) { m.BirthDate = Date{} }, cell, "Ngày sinh", "không được để trống"},
		{"future birth", func(m *Member) { m.BirthDate = NewDate(2030, 1, 1) }, cell, "Ngày sinh", "tương lai"},
		{"no admission", func(m *Member) { m.AdmittedOn = Date{} }, cell, "Ngày vào Đảng", "không được để trống"},
		{"admitted as a child", func(m *Member) { m.AdmittedOn = NewDate(1980, 1, 1) }, cell, "Ngày vào Đảng", "chưa đủ 15 tuổi"},
		{"official before admission", func(m *Member) { m.OfficialOn = NewDate(2000, 5, 18) }, cell, "Ngày chính thức", "trước ngày vào Đảng 19/05/2000"},
		{"card not digits", func(m *Member) { m.CardNo = "12A45678" }, cell, "Số thẻ đảng viên", "chỉ được gồm chữ số"},
		{"history number with odd characters", func(m *Member) { m.HistoryNo = "12;DROP" }, cell, "Số lý lịch", "chỉ được gồm"},
		{"bad status", func(m *Member) { m.Status = "gone" }, cell, "Trạng thái", "không hợp lệ"},
		{"no cell", func(m *Member) {}, nil, "Chi bộ", "chưa chọn"},
		{"committee cannot hold members", func(m *Member) {}, &Org{Name: "Đảng bộ phường An Hải Bắc", Kind: KindGrassrootsCommittee}, "Chi bộ", "không trực tiếp quản lý đảng viên"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := validMember()
			tt.edit(&m)
			wantFieldError(t, m.Validate(tt.cell, today), tt.field, tt.msg)
		})
	}
	// Official on the admission day itself is allowed; probationary members have none.
	m.OfficialOn = m.AdmittedOn
	if err := m.Validate(cell, today); err != nil {
		t.Errorf("official on admission day refused: %v", err)
	}
	m.OfficialOn = Date{}
	if err := m.Validate(cell, today); err != nil || !m.Probationary() {
		t.Errorf("probationary member refused: %v", err)
	}
}

func TestOrgValidate(t *testing.T) {
	committee := &Org{ID: 2, Name: "Đảng bộ phường", Kind: KindGrassrootsCommittee}
	superior := &Org{ID: 1, Name: "Đảng bộ quận", Kind: KindSuperior}
	tests := []struct {
		name   string
		org    Org
		parent *Org
		field  string
	}{
		{"cell under committee", Org{Name: "Chi bộ 1", Kind: KindCell}, committee, ""},
		{"grassroots cell at top", Org{Name: "Chi bộ cơ sở A", Kind: KindGrassrootsCell}, nil, ""},
		{"committee under superior", Org{Name: "Đảng bộ phường B", Kind: KindGrassrootsCommittee}, superior, ""},
		{"cell at top", Org{Name: "Chi bộ 1", Kind: KindCell}, nil, "Trực thuộc"},
		{"cell under superior", Org{Name: "Chi bộ 1", Kind: KindCell}, superior, "Trực thuộc"},
		{"sub-committee under superior", Org{Name: "ĐBBP", Kind: KindSubCommittee}, superior, "Trực thuộc"},
		{"no name", Org{Kind: KindCell}, committee, "Tên tổ chức"},
		{"bad kind", Org{Name: "X", Kind: "club"}, nil, "Loại"},
		{"under itself", Org{ID: 2, Name: "X", Kind: KindGrassrootsCommittee}, committee, "Trực thuộc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.org.Validate(tt.parent)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantFieldError(t, err, tt.field, "")
		})
	}
}

func TestRatingValidate(t *testing.T) {
	score := func(f float64) *float64 { return &f }
	m := validMember()
	tests := []struct {
		name  string
		r     MemberRating
		field string
		msg   string
	}{
		{"good", MemberRating{Rating: Rating{Year: 2021, Level: LevelGood}}, "", ""},
		{"not rated with reason", MemberRating{Rating: Rating{Year: 2021, NotRatedReason: "Miễn sinh hoạt"}}, "", ""},
		{"score 100", MemberRating{Rating: Rating{Year: 2025, Level: LevelExcellent, Score: score(100)}}, "", ""},
		{"no level, no reason", MemberRating{Rating: Rating{Year: 2021}}, "Xếp loại", "không được để trống"},
		{"level and reason", MemberRating{Rating: Rating{Year: 2021, Level: LevelGood, NotRatedReason: "ốm"}}, "Lý do không xếp loại", "đã có mức"},
		{"score over 100", MemberRating{Rating: Rating{Year: 2025, Level: LevelGood, Score: score(100.5)}}, "Điểm", "0–100"},
		{"negative score", MemberRating{Rating: Rating{Year: 2025, Level: LevelGood, Score: score(-1)}}, "Điểm", "0–100"},
		{"year in future", MemberRating{Rating: Rating{Year: 2028, Level: LevelGood}}, "Năm", "không hợp lệ"},
		{"before admission", MemberRating{Rating: Rating{Year: 1999, Level: LevelGood}}, "Năm", "trước năm vào Đảng"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.ValidateFor(&m, 2026)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if e, ok := err.(*Error); ok {
				err = Errors{e}
			}
			wantFieldError(t, err, tt.field, tt.msg)
		})
	}
}

func TestAwardFormAndValidate(t *testing.T) {
	tests := []struct {
		in        string
		form      AwardForm
		milestone int
		wantErr   bool
	}{
		{"Giấy khen", FormCertificate, 0, false},
		{"BẰNG KHEN", FormMerit, 0, false},
		{"Huy hiệu 30 năm tuổi Đảng", FormBadge, 30, false},
		{"huy hieu 45 nam", FormBadge, 45, false},
		{"Huy hiệu Đảng", "", 0, true},
		{"Huy hiệu 35 năm tuổi Đảng", "", 0, true},
		{"Kỷ niệm chương", "", 0, true},
	}
	for _, tt := range tests {
		f, n, err := ParseAwardForm(tt.in)
		if (err != nil) != tt.wantErr || f != tt.form || n != tt.milestone {
			t.Errorf("ParseAwardForm(%q) = %v, %v, %v", tt.in, f, n, err)
		}
	}
	a := Award{MemberID: 1, Form: FormCertificate, Content: "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)", Year: 2022}
	a.Normalize()
	if a.YearFrom != 2017 || a.YearTo != 2021 {
		t.Errorf("year range %d–%d, want 2017–2021", a.YearFrom, a.YearTo)
	}
	if err := a.Validate(2026); err != nil {
		t.Errorf("valid award refused: %v", err)
	}
	both := a
	both.OrgID = 3
	wantFieldError(t, both.Validate(2026), "Người/tổ chức được khen", "đúng một")
	badge := Award{OrgID: 3, Form: FormBadge, Milestone: 30, Content: "x", Year: 2022}
	wantFieldError(t, badge.Validate(2026), "Hình thức", "chỉ trao cho đảng viên")
}

func TestParseKindStatusSex(t *testing.T) {
	for in, want := range map[string]OrgKind{"Đảng bộ": KindSuperior, "ĐẢNG BỘ CƠ SỞ": KindGrassrootsCommittee,
		"chi bo co so": KindGrassrootsCell, "Đảng bộ bộ phận": KindSubCommittee, "Chi bộ": KindCell} {
		if got, err := ParseOrgKind(in); err != nil || got != want {
			t.Errorf("ParseOrgKind(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseOrgKind("Tổ đảng"); err == nil {
		t.Error("Tổ đảng accepted as a kind")
	}
	for in, want := range map[string]MemberStatus{"": StatusActive, "Đang sinh hoạt": StatusActive, "chuyen di": StatusTransferred,
		"Từ trần": StatusDied, "Ra khỏi Đảng": StatusLeft, "Miễn sinh hoạt": StatusExempted} {
		if got, err := ParseMemberStatus(in); err != nil || got != want {
			t.Errorf("ParseMemberStatus(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseMemberStatus("Nghỉ hưu"); err == nil {
		t.Error("Nghỉ hưu accepted as a status")
	}
	for in, want := range map[string]Sex{"Nam": SexMale, "NỮ": SexFemale, "nu": SexFemale, "": ""} {
		if got, err := ParseSex(in); err != nil || got != want {
			t.Errorf("ParseSex(%q) = %v, %v", in, got, err)
		}
	}
}

func TestQuotaRatios(t *testing.T) {
	var c LevelCounts
	c.Add(LevelExcellent, "", 878)
	c.Add(LevelGood, "", 3891)
	c.Add(LevelNone, "Miễn sinh hoạt", 3)
	a, b := c.QuotaRatios()
	if int(a*1000) != 184 || int(b*1000) != 225 {
		t.Errorf("ratios %.4f %.4f, want 0.184 and 0.225", a, b)
	}
	if c.Total != 4772 || c.NotRated != 3 || c.Reasons["Miễn sinh hoạt"] != 3 {
		t.Errorf("counts %+v", c)
	}
}

func TestMaxCollectiveLevel(t *testing.T) {
	mk := func(ex, good, done, not int) LevelCounts {
		var c LevelCounts
		c.Add(LevelExcellent, "", ex)
		c.Add(LevelGood, "", good)
		c.Add(LevelCompleted, "", done)
		c.Add(LevelNotCompleted, "", not)
		return c
	}
	tests := []struct {
		c    LevelCounts
		want Level
	}{
		{mk(2, 6, 2, 0), LevelExcellent}, // exactly 80% good or above
		{mk(2, 5, 3, 0), LevelGood},      // 70%
		{mk(1, 4, 5, 0), LevelGood},      // exactly 50%
		{mk(1, 3, 6, 0), LevelCompleted}, // 40%
		{mk(5, 4, 0, 1), LevelCompleted}, // one not completed
		{mk(0, 0, 0, 0), LevelExcellent}, // nobody rated: no limit from members
	}
	for _, tt := range tests {
		if got := MaxCollectiveLevel(tt.c); got != tt.want {
			t.Errorf("MaxCollectiveLevel(%v) = %v, want %v", tt.c.Levels, got, tt.want)
		}
	}
}

func FuzzParseSearch(f *testing.F) {
	for _, s := range []string{`chibo:"khu dan cu 12" sinh:1975 xeploai:htxs/2021 trangthai:chuyen-di`, "nguyen van duc", "LÊ ANH", `"`, "a:b:c", "sinh:", "1234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseSearch(s)
		if err != nil {
			return
		}
		for _, term := range q.Terms {
			if term == "" || term != FoldKey(term) {
				t.Fatalf("term %q of %q is not folded", term, s)
			}
		}
		if fts := q.FTSQuery(nil); strings.Count(fts, `"`)%2 != 0 {
			t.Fatalf("unbalanced FTS query %q from %q", fts, s)
		}
	})
}

func TestAnOrganisationIsNotRatedBeforeItWasFounded(t *testing.T) {
	o := &Org{Name: "Chi bộ Mới", Kind: KindCell, FoundedOn: NewDate(2020, 3, 1)}
	for year, want := range map[int]string{
		2019: "Năm: xếp loại năm 2019 trước khi Chi bộ Mới được thành lập (01/03/2020)",
		2020: "",
		2021: "",
	} {
		r := OrgRating{Rating: Rating{Year: year, Level: LevelGood}}
		got := ""
		if err := r.ValidateFor(o, 2025); err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, want) || (want == "") != (got == "") {
			t.Errorf("%d: %q, want %q", year, got, want)
		}
	}
}

func TestNoRatingAfterAMemberWent(t *testing.T) {
	for _, c := range []struct {
		status MemberStatus
		on     Date
		year   int
		want   string
	}{
		{StatusDied, NewDate(2022, 6, 10), 2025, "Năm: xếp loại năm 2025, sau khi đảng viên từ trần ngày 10/06/2022"},
		{StatusLeft, NewDate(2022, 10, 19), 2023, "Năm: xếp loại năm 2023, sau khi đảng viên ra khỏi Đảng ngày 19/10/2022"},
		{StatusTransferred, NewDate(2024, 3, 1), 2025, "Năm: xếp loại năm 2025, sau khi đảng viên chuyển đi ngày 01/03/2024"},
		{StatusDied, NewDate(2022, 6, 10), 2022, ""}, // the year itself: rated or not, as the cell decided
		{StatusActive, Date{}, 2025, ""},
	} {
		m := validMember()
		m.Status, m.StatusOn = c.status, c.on
		r := MemberRating{Rating: Rating{Year: c.year, Level: LevelGood}}
		got := ""
		if err := r.ValidateFor(&m, 2025); err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s %s, %d: %q, want %q", c.status, c.on, c.year, got, c.want)
		}
	}
}
