package domain

import (
	"fmt"
	"strings"
	"testing"
)

// ruleTree is a superior committee with one grassroots committee holding
// cells 10 and 11, and a grassroots cell 20.
func ruleTree() *Tree {
	return TreeAt([]Org{
		{ID: 1, Name: "Đảng bộ quận", Kind: KindSuperior},
		{ID: 2, Name: "Đảng bộ phường An Hải Bắc", Kind: KindGrassrootsCommittee, ParentID: 1},
		{ID: 10, Name: "Chi bộ Khu dân cư số 3", Kind: KindCell, ParentID: 2},
		{ID: 11, Name: "Chi bộ Khu dân cư số 4", Kind: KindCell, ParentID: 2},
		{ID: 20, Name: "Chi bộ Trường THCS", Kind: KindGrassrootsCell, ParentID: 1},
	}, nil, Date{})
}

// members makes n members of cell at level l, ids from start.
func members(start int64, cell int64, l Level, n int) []RatedMember {
	var out []RatedMember
	for i := 0; i < n; i++ {
		out = append(out, RatedMember{MemberID: start + int64(i), Name: "Đảng viên", OrgID: cell, Level: l, AdmittedOn: NewDate(2000, 1, 1), Status: StatusActive})
	}
	return out
}

func input(year int, ms ...[]RatedMember) *CheckInput {
	in := &CheckInput{Year: year, Tree: ruleTree(), OrgRatings: map[int64]Rating{}, Disciplined: map[int64]bool{},
		OrgDiscipline: map[int64]bool{}, SelfCorrected: map[int64]bool{}, OrgSelfCorrected: map[int64]bool{},
		SickMonths: map[int64]float64{}, Exempted: map[int64]bool{}, Suspended: map[int64]bool{}, Leaders: map[int64][]int64{}}
	for _, m := range ms {
		in.Members = append(in.Members, m...)
	}
	return in
}

func byRule(vs []Violation, rule string) []Violation {
	var out []Violation
	for _, v := range vs {
		if v.Rule == rule {
			out = append(out, v)
		}
	}
	return out
}

// yearsOfEachSet are a year of each rule set: 2018, 2019–22, 2023–24, 2025–.
var yearsOfEachSet = []int{2018, 2021, 2023, 2025}

func TestQuotaBoundaries(t *testing.T) {
	tests := []struct {
		name      string
		ex, good  int
		den       QuotaDenominator
		violation bool
	}{
		{"exactly 20% of excellent + good", 2, 8, QuotaOfExcellentAndGood, false},
		{"just over 20%", 3, 11, QuotaOfExcellentAndGood, true}, // 21.4%
		{"20% of good alone", 2, 10, QuotaOfGood, false},
		{"over 20% of good, under of both", 2, 9, QuotaOfGood, true}, // 22.2% of good, 18.2% of both
		{"same under the default", 2, 9, QuotaOfExcellentAndGood, false},
	}
	sources := map[int]string{2018: "HD 16-HD/BTCTW, Mục II", 2021: "HD 21-HD/BTCTW, Mục II.B.2.3", 2023: "QĐ 124-QĐ/TW, Điều 12", 2025: "QĐ 366-QĐ/TW, Điều 11"}
	for _, year := range yearsOfEachSet {
		for _, tt := range tests {
			t.Run(fmt.Sprint(year, " ", tt.name), func(t *testing.T) {
				in := input(year, members(100, 10, LevelExcellent, tt.ex), members(200, 11, LevelGood, tt.good))
				in.Denominator = tt.den
				vs := byRule(Check(in), RuleQuota)
				if (len(vs) > 0) != tt.violation {
					t.Fatalf("violations %+v, want %v", vs, tt.violation)
				}
				if tt.violation {
					v := vs[0]
					if v.Source != sources[year] || v.SubjectKind != "org" || v.Subject != "Đảng bộ phường An Hải Bắc" || !strings.Contains(v.Message, "của (xuất sắc + tốt)") {
						t.Errorf("violation %+v", v)
					}
				}
			})
		}
	}
	// Cells per grassroots committee.
	in := input(2023)
	in.OrgRatings[10] = Rating{Level: LevelExcellent}
	in.OrgRatings[11] = Rating{Level: LevelGood}
	vs := byRule(Check(in), RuleQuota)
	if len(vs) != 1 || !strings.Contains(vs[0].Message, "chi bộ xếp loại xuất sắc") || vs[0].Source != "QĐ 124-QĐ/TW, Điều 12" {
		t.Errorf("cells quota: %+v", vs)
	}
}

// superiorTree is a superior committee with five grassroots committees
// (ids 2–6) and four grassroots cells (ids 20–23).
func superiorTree() *Tree {
	orgs := []Org{{ID: 1, Name: "Đảng bộ quận", Kind: KindSuperior}}
	for i := int64(2); i <= 6; i++ {
		orgs = append(orgs, Org{ID: i, Name: fmt.Sprintf("Đảng bộ phường %d", i), Kind: KindGrassrootsCommittee, ParentID: 1})
	}
	for i := int64(20); i <= 23; i++ {
		orgs = append(orgs, Org{ID: i, Name: fmt.Sprintf("Chi bộ cơ quan %d", i), Kind: KindGrassrootsCell, ParentID: 1})
	}
	return TreeAt(orgs, nil, Date{})
}

func TestCollectiveQuotaGroupingIsASettingFrom2023(t *testing.T) {
	// Committees: 5 good (0%); cells: 1 excellent, 3 good (25%). All
	// together: 1 of 9 (11%).
	rate := func(in *CheckInput) {
		for i := int64(2); i <= 6; i++ {
			in.OrgRatings[i] = Rating{Level: LevelGood}
		}
		in.OrgRatings[20] = Rating{Level: LevelExcellent}
		for i := int64(21); i <= 23; i++ {
			in.OrgRatings[i] = Rating{Level: LevelGood}
		}
	}
	tests := []struct {
		year    int
		groups  QuotaGroups
		finding bool
	}{
		{2021, QuotaByParent, false}, {2021, QuotaByKind, false}, // HD 21: per committee, no setting
		{2023, QuotaByParent, false}, {2023, QuotaByKind, true},
		{2025, QuotaByParent, false}, {2025, QuotaByKind, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.year, tt.groups), func(t *testing.T) {
			in := input(tt.year)
			in.Tree = superiorTree()
			in.QuotaGroups = tt.groups
			rate(in)
			vs := byRule(Check(in), RuleQuota)
			if (len(vs) > 0) != tt.finding {
				t.Fatalf("findings %+v, want %v", vs, tt.finding)
			}
			if tt.finding && (!strings.Contains(vs[0].Message, "chung 1 xuất sắc / 8 tốt") || !strings.Contains(vs[0].Message, "Chi bộ cơ sở 1 xuất sắc / 3 tốt: 25,0%")) {
				t.Errorf("the finding does not show both groupings: %q", vs[0].Message)
			}
		})
	}
	// Over 20% together (2 of 9) is over in some kind too (committees 2 of
	// 5): a finding under either reading. (Together over while every kind is
	// under cannot happen: the whole's ratio lies between its parts'.)
	for _, groups := range []QuotaGroups{QuotaByParent, QuotaByKind} {
		in := input(2023)
		in.Tree = superiorTree()
		in.QuotaGroups = groups
		for i := int64(2); i <= 6; i++ {
			in.OrgRatings[i] = Rating{Level: map[bool]Level{true: LevelExcellent, false: LevelGood}[i <= 3]}
		}
		for i := int64(20); i <= 23; i++ {
			in.OrgRatings[i] = Rating{Level: LevelGood}
		}
		if vs := byRule(Check(in), RuleQuota); len(vs) != 1 {
			t.Errorf("%s: %+v", groups, vs)
		}
	}
}

func TestLevelVsMembersBoundaries(t *testing.T) {
	tests := []struct {
		name                  string
		ex, good, done, notOK int
		own                   Level
		violation             bool
	}{
		{"excellent with exactly 80%", 2, 6, 2, 0, LevelExcellent, false},
		{"excellent with 70%", 1, 6, 3, 0, LevelExcellent, true},
		{"good with exactly 50%", 1, 4, 5, 0, LevelGood, false},
		{"good with 40%", 1, 3, 6, 0, LevelGood, true},
		{"good with one not completed", 2, 7, 0, 1, LevelGood, true},
		{"completed with one not completed", 2, 7, 0, 1, LevelCompleted, false},
	}
	for _, year := range yearsOfEachSet {
		for _, tt := range tests {
			t.Run(fmt.Sprint(year, " ", tt.name), func(t *testing.T) {
				in := input(year, members(100, 10, LevelExcellent, tt.ex), members(200, 10, LevelGood, tt.good),
					members(300, 10, LevelCompleted, tt.done), members(400, 10, LevelNotCompleted, tt.notOK))
				in.Members = append(in.Members, RatedMember{MemberID: 999, OrgID: 10, Reason: "Miễn sinh hoạt", AdmittedOn: NewDate(1960, 1, 1)})
				in.Exempted[999] = true
				in.OrgRatings[10] = Rating{Level: tt.own}
				vs := byRule(Check(in), RuleLevelVsMembers)
				if (len(vs) > 0) != tt.violation {
					t.Fatalf("violations %+v, want %v", vs, tt.violation)
				}
				if tt.violation && vs[0].Org != "Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số 3" {
					t.Errorf("org path %q", vs[0].Org)
				}
				if tt.violation && (year >= 2023) != strings.Contains(vs[0].Message, "không áp dụng tỷ lệ này") {
					t.Errorf("both readings shown only after 2022: %q", vs[0].Message)
				}
			})
		}
	}
}

func TestMemberSharesAfter2022AreASetting(t *testing.T) {
	tests := []struct {
		year    int
		shares  SharesReading
		notOK   int
		finding bool
	}{
		{2021, SharesNone, 0, true}, // HD 21 itself: the shares bind, whatever the setting
		{2023, SharesApply, 0, true},
		{2023, SharesNone, 0, false},
		{2023, SharesNone, 1, true}, // a member not completed still caps the cell
		{2025, SharesNone, 0, false},
		{2025, SharesApply, 0, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.year, tt.shares, tt.notOK), func(t *testing.T) {
			// Excellent with 7 of 10 at good or above (70%).
			in := input(tt.year, members(100, 10, LevelGood, 7), members(200, 10, LevelCompleted, 3-tt.notOK), members(300, 10, LevelNotCompleted, tt.notOK))
			in.OrgRatings[10] = Rating{Level: LevelExcellent}
			in.Shares = tt.shares
			vs := byRule(Check(in), RuleLevelVsMembers)
			if (len(vs) > 0) != tt.finding {
				t.Fatalf("findings %+v, want %v", vs, tt.finding)
			}
			if tt.finding && tt.year >= 2023 && tt.notOK == 0 && (!strings.Contains(vs[0].Message, `theo tỷ lệ 80%/50% của HD 21: tối đa "Hoàn thành tốt nhiệm vụ"`) ||
				!strings.Contains(vs[0].Message, `không áp dụng tỷ lệ này sau năm 2022: tối đa "Hoàn thành xuất sắc nhiệm vụ"`)) {
				t.Errorf("message %q", vs[0].Message)
			}
		})
	}
}

func score(f float64) *float64 { return &f }

// memberFindings runs the checks over one member of cell 10 and returns the
// rules found about members.
func memberFindings(t *testing.T, year int, m RatedMember, setup func(in *CheckInput)) []Violation {
	t.Helper()
	m.MemberID, m.Name, m.OrgID = 1, "Nguyễn Văn Đức", 10
	if m.AdmittedOn.IsZero() {
		m.AdmittedOn = NewDate(2000, 1, 1)
	}
	if RuleSetFor(year).ScoreBands && m.Score == nil && m.Level != LevelNone {
		// From 2025 the level rests on a score: one that fits it, unless
		// the case is about the score (TestAScoreIsNeededFrom2025).
		fits := map[Level]float64{LevelExcellent: 95, LevelGood: 80, LevelCompleted: 60, LevelNotCompleted: 30}[m.Level]
		m.Score = &fits
	}
	in := input(year, []RatedMember{m})
	if setup != nil {
		setup(in)
	}
	var out []Violation
	for _, v := range Check(in) {
		if v.SubjectKind == "member" {
			if v.Subject != "Nguyễn Văn Đức" || v.Source == "" || v.Message == "" || v.OrgID != 10 {
				t.Errorf("violation %+v", v)
			}
			out = append(out, v)
		}
	}
	return out
}

func TestScoreBandsAreMinimums(t *testing.T) {
	tests := []struct {
		name  string
		year  int
		m     RatedMember
		setup func(in *CheckInput)
		want  bool
	}{
		{"90 excellent", 2025, RatedMember{Level: LevelExcellent, Score: score(90)}, nil, false},
		{"89.99 excellent", 2025, RatedMember{Level: LevelExcellent, Score: score(89.99)}, nil, true},
		{"92 good: other conditions may fail", 2025, RatedMember{Level: LevelGood, Score: score(92)}, nil, false},
		{"100 completed", 2025, RatedMember{Level: LevelCompleted, Score: score(100)}, nil, false},
		{"70 good", 2025, RatedMember{Level: LevelGood, Score: score(70)}, nil, false},
		{"69.9 good", 2025, RatedMember{Level: LevelGood, Score: score(69.9)}, nil, true},
		{"50 completed", 2025, RatedMember{Level: LevelCompleted, Score: score(50)}, nil, false},
		{"49.9 completed", 2025, RatedMember{Level: LevelCompleted, Score: score(49.9)}, nil, true},
		{"49.9 not completed", 2025, RatedMember{Level: LevelNotCompleted, Score: score(49.9)}, nil, false},
		{"80 not completed, disciplined", 2025, RatedMember{Level: LevelNotCompleted, Score: score(80)}, func(in *CheckInput) { in.Disciplined[1] = true }, false},
		{"scores not checked before 2025", 2024, RatedMember{Level: LevelExcellent, Score: score(10)}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs := memberFindings(t, tt.year, tt.m, tt.setup)
			if (len(vs) > 0) != tt.want {
				t.Fatalf("findings %+v, want %v", vs, tt.want)
			}
			if tt.want && (vs[0].Rule != RuleScoreLevel || vs[0].Source != "QĐ 366-QĐ/TW, Điều 11" || !strings.Contains(vs[0].Message, "chỉ cho phép xếp loại từ")) {
				t.Errorf("finding %+v", vs[0])
			}
		})
	}
}

func TestMemberRulesInEachRuleSet(t *testing.T) {
	type tc struct {
		name  string
		m     RatedMember
		setup func(in *CheckInput)
		rule  map[int]string // year → the rule found ("" none); years not given: ""
	}
	all := func(rule string) map[int]string {
		return map[int]string{2018: rule, 2021: rule, 2023: rule, 2025: rule}
	}
	admitted := func(d, m int) RatedMember { return RatedMember{Level: LevelGood, AdmittedOn: NewDate(0, m, d)} }
	notRated := func(reason string, d, m int) RatedMember {
		return RatedMember{Reason: reason, AdmittedOn: NewDate(0, m, d)}
	}
	tests := []tc{
		{"disciplined but good", RatedMember{Level: LevelGood}, func(in *CheckInput) { in.Disciplined[1] = true }, all(RuleDiscipline)},
		{"disciplined and not completed", RatedMember{Level: LevelNotCompleted}, func(in *CheckInput) { in.Disciplined[1] = true }, nil},
		{"sick 3 months, good", RatedMember{Level: LevelGood}, func(in *CheckInput) { in.SickMonths[1] = 3 }, all(RuleSickLeave)},
		{"sick 2.9 months, excellent", RatedMember{Level: LevelExcellent}, func(in *CheckInput) { in.SickMonths[1] = 2.9 }, nil},
		{"sick 4 months, completed", RatedMember{Level: LevelCompleted}, func(in *CheckInput) { in.SickMonths[1] = 4 }, nil},
		// From 2023 HD 21's link binds as the setting reads it (default:
		// it does; TestTheLinksAfter2022AreASetting has the other reading).
		{"civil servant good, party excellent", RatedMember{Level: LevelExcellent, CivilService: LevelGood}, nil, map[int]string{2021: RuleCivilService, 2023: RuleCivilService, 2025: RuleCivilService}},
		{"civil servant excellent, party excellent", RatedMember{Level: LevelExcellent, CivilService: LevelExcellent}, nil, nil},
		{"civil servant not completed, party completed", RatedMember{Level: LevelCompleted, CivilService: LevelNotCompleted}, nil, map[int]string{2021: RuleCivilService, 2023: RuleCivilService, 2025: RuleCivilService}},
		{"civil servant not completed, party not completed", RatedMember{Level: LevelNotCompleted, CivilService: LevelNotCompleted}, nil, nil},
		{"not a civil servant, excellent", RatedMember{Level: LevelExcellent}, nil, nil},
		// Not rated: the list, as the records bear it out.
		{"exempted on record", RatedMember{Reason: "Miễn sinh hoạt đảng"}, func(in *CheckInput) { in.Exempted[1] = true }, nil},
		{"exempted, not on record", RatedMember{Reason: "Miễn sinh hoạt"}, nil, all(RuleNotRated)},
		{"exempted by status before the review", RatedMember{Reason: "Miễn sinh hoạt", Status: StatusExempted, StatusOn: NewDate(0, 12, 15)}, nil, nil},
		{"exempted by status after the review", RatedMember{Reason: "Miễn sinh hoạt", Status: StatusExempted, StatusOn: NewDate(0, 12, 16)}, nil, all(RuleNotRated)},
		{"suspended on record", RatedMember{Reason: "Đình chỉ sinh hoạt đảng"}, func(in *CheckInput) { in.Suspended[1] = true }, map[int]string{2018: RuleNotRated}},
		{"suspended, not on record", RatedMember{Reason: "Đình chỉ sinh hoạt đảng"}, nil, all(RuleNotRated)},
		{"suspended from the committee only", RatedMember{Reason: "Đình chỉ sinh hoạt cấp ủy"}, func(in *CheckInput) { in.Suspended[1] = true }, all(RuleNotRated)},
		{"maternity leave is no reason", RatedMember{Reason: "Nghỉ thai sản"}, nil, all(RuleNotRated)},
		{"long illness is no reason", RatedMember{Reason: "Ốm đau dài ngày"}, nil, all(RuleNotRated)},
		{"admitted 16/06, not rated", notRated("Kết nạp chưa đủ 6 tháng", 16, 6), nil, nil},
		{"admitted 15/06, not rated", notRated("Kết nạp chưa đủ 6 tháng", 15, 6), nil, all(RuleNotRated)},
		{"rated though admitted 16/06", admitted(16, 6), nil, all(RuleNotRated)},
		{"rated, admitted 15/06", admitted(15, 6), nil, nil},
		{"rated though exempted", RatedMember{Level: LevelGood}, func(in *CheckInput) { in.Exempted[1] = true }, all(RuleNotRated)},
		{"rated though suspended", RatedMember{Level: LevelGood}, func(in *CheckInput) { in.Suspended[1] = true },
			map[int]string{2021: RuleNotRated, 2023: RuleNotRated, 2025: RuleNotRated}},
		{"review on 31/12: admitted 30/06 rated", admitted(30, 6), func(in *CheckInput) { in.Review = NewDate(in.Year, 12, 31) }, nil},
		{"review on 31/12: admitted 01/07 rated", admitted(1, 7), func(in *CheckInput) { in.Review = NewDate(in.Year, 12, 31) }, all(RuleNotRated)},
	}
	sources := map[int]map[string]string{
		2018: {RuleDiscipline: "HD 16-HD/BTCTW, Mục II", RuleSickLeave: "HD 16-HD/BTCTW, Mục II", RuleNotRated: "HD 16-HD/BTCTW, Mục II"},
		2021: {RuleDiscipline: "HD 21-HD/BTCTW, Mục II.B.2.3", RuleSickLeave: "HD 21-HD/BTCTW, Mục II.6", RuleNotRated: "HD 21-HD/BTCTW, Mục II.6", RuleCivilService: "HD 21-HD/BTCTW, Mục II.B.2.3"},
		2023: {RuleDiscipline: "QĐ 124-QĐ/TW, Điều 12", RuleSickLeave: "HD 25-HD/BTCTW", RuleNotRated: "HD 25-HD/BTCTW", RuleCivilService: "HD 21-HD/BTCTW, Mục II.B.2.3"},
		2025: {RuleDiscipline: "QĐ 366-QĐ/TW, Điều 11", RuleSickLeave: "HD 43-HD/BTCTW", RuleNotRated: "HD 43-HD/BTCTW", RuleCivilService: "HD 21-HD/BTCTW, Mục II.B.2.3"},
	}
	for _, year := range yearsOfEachSet {
		for _, tt := range tests {
			t.Run(fmt.Sprint(year, " ", tt.name), func(t *testing.T) {
				m := tt.m
				for _, d := range []*Date{&m.AdmittedOn, &m.StatusOn} {
					if d.Year == 0 && !d.IsZero() {
						d.Year = year
					}
				}
				vs := memberFindings(t, year, m, tt.setup)
				want := tt.rule[year]
				switch {
				case want == "" && len(vs) > 0:
					t.Fatalf("unexpected %+v", vs)
				case want != "" && (len(vs) != 1 || vs[0].Rule != want):
					t.Fatalf("got %+v, want %s", vs, want)
				case want != "" && vs[0].Source != sources[year][want]:
					t.Errorf("source %q, want %q", vs[0].Source, sources[year][want])
				}
			})
		}
	}
}

func TestNotRatedMessagesSayWhy(t *testing.T) {
	tests := []struct {
		year  int
		m     RatedMember
		setup func(in *CheckInput)
		want  string
	}{
		{2023, RatedMember{Reason: "Nghỉ thai sản"}, nil, "nghỉ thai sản được xếp loại theo thời gian công tác thực tế"},
		{2023, RatedMember{Reason: "Đình chỉ sinh hoạt cấp ủy"}, nil, "cấp ủy viên bị đình chỉ sinh hoạt cấp ủy vẫn phải đánh giá, xếp loại"},
		{2025, RatedMember{Reason: "Đảng viên dự bị"}, nil, "đảng viên dự bị vẫn phải đánh giá, xếp loại"},
		{2023, RatedMember{Reason: "Miễn sinh hoạt"}, nil, "hồ sơ không có việc miễn công tác và sinh hoạt đảng năm 2023"},
		{2023, RatedMember{Reason: "Kết nạp chưa đủ 6 tháng", AdmittedOn: NewDate(2023, 6, 15)}, nil, "kết nạp ngày 15/06/2023, đã đủ 6 tháng đến ngày đánh giá 15/12/2023"},
		{2023, RatedMember{Level: LevelGood, AdmittedOn: NewDate(2023, 9, 1)}, func(in *CheckInput) { in.Review = NewDate(2024, 1, 10) },
			"kết nạp ngày 01/09/2023, chưa đủ 6 tháng đến ngày đánh giá 10/01/2024"},
		{2018, RatedMember{Reason: "Đình chỉ sinh hoạt đảng"}, func(in *CheckInput) { in.Suspended[1] = true }, "năm 2018 (HD 16-HD/BTCTW) chỉ miễn xếp loại"},
		{2018, RatedMember{Reason: "Ốm"}, nil, "(Miễn sinh hoạt đảng, Kết nạp chưa đủ 6 tháng)"},
	}
	for _, tt := range tests {
		vs := memberFindings(t, tt.year, tt.m, tt.setup)
		if len(vs) != 1 || !strings.Contains(vs[0].Message, tt.want) {
			t.Errorf("%+v: findings %+v, want one saying %q", tt.m, vs, tt.want)
		}
	}
}

func TestOrganisationsFoundedLessThanSixMonthsBeforeTheReview(t *testing.T) {
	tests := []struct {
		name    string
		founded Date
		rating  Rating
		finding string
	}{
		{"founded 16/06, not rated", NewDate(0, 6, 16), Rating{NotRatedReason: "Thành lập chưa đủ 6 tháng"}, ""},
		{"founded 15/06, not rated", NewDate(0, 6, 15), Rating{NotRatedReason: "Mới thành lập"}, "đã đủ 6 tháng đến ngày đánh giá"},
		{"founded 16/06, rated", NewDate(0, 6, 16), Rating{Level: LevelGood}, "chưa đủ 6 tháng đến ngày đánh giá"},
		{"founded 15/06, rated", NewDate(0, 6, 15), Rating{Level: LevelGood}, ""},
		{"no founding date, not rated", Date{}, Rating{NotRatedReason: "Thành lập chưa đủ 6 tháng"}, "chưa có ngày thành lập"},
		{"a reason not on the list", Date{}, Rating{NotRatedReason: "Đang kiện toàn"}, "không có trong danh sách lý do không xếp loại tổ chức"},
		{"a member's reason", Date{}, Rating{NotRatedReason: "Miễn sinh hoạt"}, "không có trong danh sách lý do không xếp loại tổ chức"},
	}
	for _, year := range yearsOfEachSet {
		for _, tt := range tests {
			t.Run(fmt.Sprint(year, " ", tt.name), func(t *testing.T) {
				in := input(year, members(100, 11, LevelGood, 3))
				founded := tt.founded
				if !founded.IsZero() {
					founded.Year = year
				}
				in.Tree = TreeAt([]Org{
					{ID: 2, Name: "Đảng bộ phường An Hải Bắc", Kind: KindGrassrootsCommittee},
					{ID: 11, Name: "Chi bộ Khu dân cư số 4", Kind: KindCell, ParentID: 2, FoundedOn: founded},
				}, nil, Date{})
				in.OrgRatings[11] = tt.rating
				in.OrgRatings[2] = Rating{Level: LevelGood} // the ward is rated: only the cell is at stake
				vs := byRule(Check(in), RuleNotRated)
				switch {
				case tt.finding == "" && len(vs) > 0:
					t.Fatalf("unexpected %+v", vs)
				case tt.finding != "" && (len(vs) != 1 || vs[0].SubjectID != 11 || !strings.Contains(vs[0].Message, tt.finding)):
					t.Fatalf("got %+v, want %q", vs, tt.finding)
				}
			})
		}
	}
}

// collectiveTree is a grassroots committee (2) with five cells (10–14); 90 is
// its secretary, a member of cell 10.
func collectiveTree() *Tree {
	orgs := []Org{{ID: 2, Name: "Đảng bộ phường An Hải Bắc", Kind: KindGrassrootsCommittee}}
	for i := int64(10); i <= 14; i++ {
		orgs = append(orgs, Org{ID: i, Name: fmt.Sprintf("Chi bộ Khu dân cư số %d", i), Kind: KindCell, ParentID: 2})
	}
	return TreeAt(orgs, nil, Date{})
}

func TestCollectiveDisciplineInEachRuleSet(t *testing.T) {
	type setup func(in *CheckInput)
	unit := func(id int64, self bool) setup {
		return func(in *CheckInput) { in.OrgDiscipline[id] = true; in.OrgSelfCorrected[id] = self }
	}
	leader := func(self bool) setup {
		return func(in *CheckInput) {
			in.Leaders[2] = []int64{90}
			in.Disciplined[90] = true
			in.SelfCorrected[90] = self
		}
	}
	both := func(a, b setup) setup { return func(in *CheckInput) { a(in); b(in) } }
	// The worst level each case allows: before 2023 and from 2023.
	tests := []struct {
		name          string
		setup         setup
		before, after Level
		message       string
	}{
		{"nothing", func(*CheckInput) {}, LevelExcellent, LevelExcellent, ""},
		{"one of five cells disciplined", unit(10, false), LevelGood, LevelNotCompleted, "không phải vi phạm tự phát hiện"},
		{"one of five cells, found and corrected itself", unit(10, true), LevelGood, LevelGood, "dù tự phát hiện và khắc phục"},
		{"two of five cells, found and corrected itself (over 20%)", both(unit(10, true), unit(11, true)), LevelGood, LevelNotCompleted, "2/5 tổ chức trực thuộc bị kỷ luật trong năm (trên 20%"},
		{"a committee member disciplined", leader(false), LevelGood, LevelNotCompleted, "cấp ủy viên bị kỷ luật trong năm (Trần Văn Bí Thư)"},
		{"a committee member, found and corrected itself", leader(true), LevelGood, LevelGood, "dù tự phát hiện và khắc phục"},
		{"the committee itself disciplined", unit(2, false), LevelGood, LevelNotCompleted, "tập thể lãnh đạo bị kỷ luật trong năm"},
	}
	sources := map[int]string{2018: "HD 16-HD/BTCTW, Mục II", 2021: "HD 21-HD/BTCTW, Mục II.B.1.3", 2023: "QĐ 124-QĐ/TW, Điều 12", 2025: "QĐ 366-QĐ/TW, Điều 11"}
	for _, year := range yearsOfEachSet {
		for _, tt := range tests {
			for _, own := range Levels {
				t.Run(fmt.Sprintf("%d %s %s", year, tt.name, own.Short()), func(t *testing.T) {
					in := input(year, members(100, 10, LevelGood, 4))
					in.Members = append(in.Members, RatedMember{MemberID: 90, Name: "Trần Văn Bí Thư", OrgID: 10, Level: LevelNotCompleted, AdmittedOn: NewDate(1990, 1, 1)})
					in.Tree = collectiveTree()
					for i := int64(10); i <= 14; i++ {
						in.OrgRatings[i] = Rating{Level: LevelGood}
					}
					in.OrgRatings[2] = Rating{Level: own}
					tt.setup(in)
					worst := tt.after
					if year < 2023 {
						worst = tt.before
					}
					var found []Violation
					for _, v := range byRule(Check(in), RuleDiscipline) {
						if v.SubjectKind == "org" && v.SubjectID == 2 {
							found = append(found, v)
						}
					}
					if want := own < worst; (len(found) > 0) != want {
						t.Fatalf("findings %+v, want one: %v", found, want)
					}
					for _, v := range found {
						if v.Source != sources[year] {
							t.Errorf("source %q, want %q", v.Source, sources[year])
						}
						if year >= 2023 && !strings.Contains(v.Message, tt.message) {
							t.Errorf("message %q lacks %q", v.Message, tt.message)
						}
					}
				})
			}
		}
	}
}

func TestMassOrganisationsBeforeExcellent(t *testing.T) {
	tests := []struct {
		year      int
		own, mass Level
		finding   bool
	}{
		{2021, LevelExcellent, LevelGood, false},
		{2021, LevelExcellent, LevelCompleted, true},
		{2021, LevelExcellent, LevelNone, false}, // no result recorded
		{2021, LevelGood, LevelNotCompleted, false},
		{2018, LevelExcellent, LevelCompleted, false},
		{2023, LevelExcellent, LevelCompleted, true}, // as the setting reads HD 21 (default)
		{2025, LevelExcellent, LevelCompleted, true},
		{2025, LevelExcellent, LevelGood, false},
	}
	for _, tt := range tests {
		in := input(tt.year, members(100, 10, LevelGood, 5))
		in.OrgRatings[2] = Rating{Level: tt.own, MassOrgs: tt.mass}
		in.OrgRatings[10] = Rating{Level: LevelGood}
		in.OrgRatings[11] = Rating{Level: LevelGood}
		vs := byRule(Check(in), RuleMassOrgs)
		if (len(vs) > 0) != tt.finding {
			t.Errorf("%+v: findings %+v", tt, vs)
		}
		if len(vs) > 0 && (vs[0].Source != "HD 21-HD/BTCTW, Mục II.B.1.3" || !strings.Contains(vs[0].Message, `có kết quả "Hoàn thành nhiệm vụ"`)) {
			t.Errorf("finding %+v", vs[0])
		}
	}
}

func TestCheckSheetKeepsWhatTheSheetShows(t *testing.T) {
	in := input(2021, members(100, 10, LevelExcellent, 1), members(200, 10, LevelGood, 2), members(400, 10, LevelCompleted, 2), members(300, 11, LevelGood, 1))
	in.Disciplined[100] = true // a member of cell 10
	in.Disciplined[300] = true // a member of cell 11
	in.OrgRatings[10] = Rating{Level: LevelExcellent}
	in.OrgRatings[11] = Rating{Level: LevelGood}
	got := map[string]bool{}
	for _, v := range CheckSheet(in, 10) {
		got[fmt.Sprint(v.Rule, " ", v.SubjectID)] = true
	}
	// Cell 10's member, cell 10 itself (excellent with 60% good+), the ward's
	// quotas (members 1 of 4, cells 1 of 2); not cell 11's member.
	want := map[string]bool{"discipline 100": true, "level-vs-members 10": true, "quota 2": true}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("sheet findings %v, want %v", got, want)
	}
	// The sheet keeps its input as it writes.
	in.SetMember(RatedMember{MemberID: 100, OrgID: 10, Level: LevelNotCompleted, AdmittedOn: NewDate(2000, 1, 1)})
	in.SetMember(RatedMember{MemberID: 101, Name: "Nguyễn Văn Một", OrgID: 10})
	in.SetOrg(10, Rating{Level: LevelCompleted})
	// Only that member 101's rating was cleared: not entered now.
	if vs := CheckSheet(in, 10); len(vs) != 1 || vs[0].Rule != RuleNotRated || vs[0].SubjectID != 10 || !strings.HasSuffix(vs[0].Message, "chưa có kết quả năm 2021 (hãy xếp loại, hoặc ghi lý do không xếp loại; báo cáo không tính họ): Nguyễn Văn Một") {
		t.Errorf("after the changes: %+v", vs)
	}
}

func TestRuleSetFor(t *testing.T) {
	for year, want := range map[int]string{2018: "HD 16-HD/BTCTW", 2021: "HD 21-HD/BTCTW", 2023: "HD 25-HD/BTCTW", 2024: "HD 25-HD/BTCTW", 2025: "HD 43-HD/BTCTW", 2030: "HD 43-HD/BTCTW"} {
		if rs := RuleSetFor(year); rs == nil || rs.Guidance != want {
			t.Errorf("%d: %+v", year, rs)
		}
	}
	if RuleSetFor(2017) != nil {
		t.Error("2017 has a rule set")
	}
	// Every clause a set's rules can cite has a source naming a document.
	for _, rs := range RuleSets {
		clauses := []Clause{ClauseQuotaMembers, ClauseQuotaCollectives, ClauseLevelVsMembers, ClauseMemberDiscipline, ClauseCollectiveDiscipline, ClauseSickLeave, ClauseNotRated}
		if rs.ScoreBands {
			clauses = append(clauses, ClauseScoreLevel)
		}
		if rs.CivilService {
			clauses = append(clauses, ClauseCivilService)
		}
		if rs.MassOrgs {
			clauses = append(clauses, ClauseMassOrgs)
		}
		for _, c := range clauses {
			if s := rs.Source(c); !strings.Contains(s, "-QĐ/TW") && !strings.Contains(s, "-HD/BTCTW") {
				t.Errorf("%d: clause %s cites %q", rs.From, c, s)
			}
		}
	}
}

func TestReviewDate(t *testing.T) {
	if d := (&CheckInput{Year: 2024}).ReviewDate(); d != NewDate(2024, 12, 15) {
		t.Errorf("default review %v", d)
	}
	for d, ok := range map[Date]bool{NewDate(2024, 1, 1): true, NewDate(2025, 3, 31): true, NewDate(2023, 12, 31): false, NewDate(2025, 4, 1): false} {
		if err := ValidReviewDate(2024, d); (err == nil) != ok {
			t.Errorf("review %v for 2024: %v", d, err)
		}
	}
	for _, tt := range []struct {
		since, review Date
		want          bool
	}{
		{NewDate(2024, 6, 15), NewDate(2024, 12, 15), false},
		{NewDate(2024, 6, 16), NewDate(2024, 12, 15), true},
		{NewDate(2024, 8, 31), NewDate(2025, 2, 28), false}, // 31/08 + 6 months is 28/02
		{NewDate(2024, 9, 1), NewDate(2025, 2, 28), true},
		{Date{}, NewDate(2024, 12, 15), false},
	} {
		if got := SixMonthsBefore(tt.since, tt.review); got != tt.want {
			t.Errorf("SixMonthsBefore(%v, %v) = %v", tt.since, tt.review, got)
		}
	}
}

// TestSourcesAreTheYearsTexts: after 2022 no finding cites HD 21 as its
// source (its 80%/50% shares are a reading a finding names, not the source
// of a later year's rule), but for the links to the civil-service and the
// unions' results, which only HD 21 states and which bind after 2022 as the
// setting reads it; 2019–2022 cite HD 21.
func TestSourcesAreTheYearsTexts(t *testing.T) {
	clauses := []Clause{ClauseQuotaMembers, ClauseQuotaCollectives, ClauseLevelVsMembers, ClauseMemberDiscipline,
		ClauseCollectiveDiscipline, ClauseSickLeave, ClauseNotRated, ClauseScoreLevel, ClauseCivilService, ClauseMassOrgs}
	for year := 2018; year <= 2026; year++ {
		rs := RuleSetFor(year)
		for _, c := range clauses {
			src := rs.Source(c)
			if src == "" {
				continue
			}
			switch {
			case year >= 2023 && strings.Contains(src, "HD 21") && !(rs.LinksUnsettled && (c == ClauseCivilService || c == ClauseMassOrgs)):
				t.Errorf("%d %s cites %q", year, c, src)
			case year >= 2019 && year <= 2022 && !strings.Contains(src, "HD 21"):
				t.Errorf("%d %s cites %q, not HD 21", year, c, src)
			}
		}
	}
}

// TestTheLinksAfter2022AreASetting: HD 21's links of a party rating to the
// civil-service rating and to the unions' results bind after 2022 as the
// setting reads them; each finding says it follows the setting, and read
// "none" nothing is found.
func TestTheLinksAfter2022AreASetting(t *testing.T) {
	for _, year := range []int{2021, 2023, 2025} {
		for _, reading := range []LinksReading{"", LinksApply, LinksNone} {
			in := input(year, members(100, 10, LevelGood, 5))
			in.Members[0].Level, in.Members[0].CivilService = LevelExcellent, LevelGood
			in.OrgRatings[2] = Rating{Level: LevelExcellent, MassOrgs: LevelCompleted}
			in.OrgRatings[10] = Rating{Level: LevelGood}
			in.OrgRatings[11] = Rating{Level: LevelGood}
			in.Links = reading
			vs := Check(in)
			civil, mass := byRule(vs, RuleCivilService), byRule(vs, RuleMassOrgs)
			want := year < 2023 || reading != LinksNone
			if (len(civil) == 1) != want || (len(mass) == 1) != want {
				t.Errorf("%d read %q: civil-service %+v, mass organisations %+v; want a finding of each: %v", year, reading, civil, mass, want)
				continue
			}
			for _, v := range append(civil, mass...) {
				if says := strings.Contains(v.Message, "áp dụng theo cài đặt"); says != (year >= 2023) {
					t.Errorf("%d: %q says it follows the setting: %v", year, v.Message, says)
				}
			}
		}
	}
}

// TestAFindingNamesWhichMember: two of one name are told apart by the card,
// or by the date of birth where there is none.
func TestAFindingNamesWhichMember(t *testing.T) {
	for _, c := range []struct {
		v    Violation
		want string
	}{
		{Violation{SubjectKind: "member", Subject: "Trùng Tên", Card: "90000001", Born: NewDate(1970, 1, 2)}, "Trùng Tên (thẻ 90000001)"},
		{Violation{SubjectKind: "member", Subject: "Trùng Tên", Born: NewDate(1970, 1, 2)}, "Trùng Tên (sinh 02/01/1970)"},
		{Violation{SubjectKind: "member", Subject: "Trùng Tên"}, "Trùng Tên"},
		{Violation{SubjectKind: "org", Subject: "Chi bộ Hai", Card: "x"}, "Chi bộ Hai"},
	} {
		if got := c.v.Who(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.v, got, c.want)
		}
	}
}

// TestAHistoryLineIsWorthShowing: an added badge's years (0) and a row's
// keys are not listed; a change always is.
func TestAHistoryLineIsWorthShowing(t *testing.T) {
	for _, c := range []struct {
		op, col, old, new string
		want              bool
	}{
		{"insert", "year_from", "", "0", false},
		{"insert", "milestone", "", "30", true},
		{"insert", "milestone", "", "0", false},
		{"delete", "content", "Huy hiệu 30 năm tuổi Đảng", "", true},
		{"insert", "member_id", "", "12", false},
		{"insert", "cell_id", "", "3", true},
		{"update", "year_from", "2017", "0", true},
		{"insert", "note", "", "", false},
	} {
		if got := FieldShown(c.op, c.col, c.old, c.new); got != c.want {
			t.Errorf("%+v: %v", c, got)
		}
	}
}

// TestAScoreIsNeededFrom2025: from 2025 a level without its score is a
// finding (the level rests on the 100-point score); before, it is not.
func TestAScoreIsNeededFrom2025(t *testing.T) {
	for _, year := range yearsOfEachSet {
		in := input(year, []RatedMember{{MemberID: 1, Name: "Nguyễn Văn Đức", OrgID: 10, Level: LevelGood, AdmittedOn: NewDate(2000, 1, 1)}})
		vs := byRule(Check(in), RuleScoreLevel)
		if want := year >= 2025; (len(vs) == 1) != want {
			t.Errorf("%d: a level without a score: %+v, want a finding: %v", year, vs, want)
		} else if want && (!strings.Contains(vs[0].Message, "chưa có điểm") || vs[0].Source != "QĐ 366-QĐ/TW, Điều 11") {
			t.Errorf("%d: %+v", year, vs[0])
		}
	}
}
