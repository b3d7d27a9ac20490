package domain

import (
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
		OrgDiscipline: map[int64]bool{}, SickMonths: map[int64]float64{}, Exempted: map[int64]bool{}, Suspended: map[int64]bool{}}
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
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input(2021, members(100, 10, LevelExcellent, tt.ex), members(200, 11, LevelGood, tt.good))
			in.Denominator = tt.den
			vs := byRule(Check(in), RuleQuota)
			if (len(vs) > 0) != tt.violation {
				t.Fatalf("violations %+v, want %v", vs, tt.violation)
			}
			if tt.violation {
				v := vs[0]
				if v.Source != "HD 21-HD/BTCTW" || v.SubjectKind != "org" || v.Subject != "Đảng bộ phường An Hải Bắc" || !strings.Contains(v.Message, "của (xuất sắc + tốt)") {
					t.Errorf("violation %+v", v)
				}
			}
		})
	}
	// Cells per grassroots committee.
	in := input(2023)
	in.OrgRatings[10] = Rating{Level: LevelExcellent}
	in.OrgRatings[11] = Rating{Level: LevelGood}
	vs := byRule(Check(in), RuleQuota)
	if len(vs) != 1 || !strings.Contains(vs[0].Message, "chi bộ xếp loại xuất sắc") || vs[0].Source != "HD 25-HD/BTCTW" {
		t.Errorf("cells quota: %+v", vs)
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
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input(2021, members(100, 10, LevelExcellent, tt.ex), members(200, 10, LevelGood, tt.good),
				members(300, 10, LevelCompleted, tt.done), members(400, 10, LevelNotCompleted, tt.notOK))
			in.Members = append(in.Members, RatedMember{MemberID: 999, OrgID: 10, Reason: "Miễn sinh hoạt", AdmittedOn: NewDate(1960, 1, 1)})
			in.OrgRatings[10] = Rating{Level: tt.own}
			vs := byRule(Check(in), RuleLevelVsMembers)
			if (len(vs) > 0) != tt.violation {
				t.Fatalf("violations %+v, want %v", vs, tt.violation)
			}
			if tt.violation && vs[0].Org != "Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số 3" {
				t.Errorf("org path %q", vs[0].Org)
			}
		})
	}
}

func TestMemberRules(t *testing.T) {
	score := func(f float64) *float64 { return &f }
	tests := []struct {
		name  string
		year  int
		m     RatedMember
		setup func(in *CheckInput)
		rule  string // "" = no violation
	}{
		{"disciplined but good", 2021, RatedMember{Level: LevelGood}, func(in *CheckInput) { in.Disciplined[1] = true }, RuleDiscipline},
		{"disciplined and not completed", 2021, RatedMember{Level: LevelNotCompleted}, func(in *CheckInput) { in.Disciplined[1] = true }, ""},
		{"sick 3 months, good", 2021, RatedMember{Level: LevelGood}, func(in *CheckInput) { in.SickMonths[1] = 3 }, RuleSickLeave},
		{"sick 2.5 months, good", 2021, RatedMember{Level: LevelGood}, func(in *CheckInput) { in.SickMonths[1] = 2.5 }, ""},
		{"sick 4 months, completed", 2021, RatedMember{Level: LevelCompleted}, func(in *CheckInput) { in.SickMonths[1] = 4 }, ""},
		{"score 90 excellent", 2025, RatedMember{Level: LevelExcellent, Score: score(90)}, nil, ""},
		{"score 89.99 excellent", 2025, RatedMember{Level: LevelExcellent, Score: score(89.99)}, nil, RuleScoreLevel},
		{"score 70 good", 2025, RatedMember{Level: LevelGood, Score: score(70)}, nil, ""},
		{"score 69.9 good", 2025, RatedMember{Level: LevelGood, Score: score(69.9)}, nil, RuleScoreLevel},
		{"score 50 completed", 2025, RatedMember{Level: LevelCompleted, Score: score(50)}, nil, ""},
		{"score 49 completed", 2025, RatedMember{Level: LevelCompleted, Score: score(49)}, nil, RuleScoreLevel},
		{"scores not checked before 2025", 2024, RatedMember{Level: LevelExcellent, Score: score(10)}, nil, ""},
		{"not rated: exempted", 2021, RatedMember{Reason: "Miễn sinh hoạt"}, nil, ""},
		{"not rated: long illness is no reason", 2021, RatedMember{Reason: "Ốm đau dài ngày"}, nil, RuleNotRated},
		{"rated though exempted", 2021, RatedMember{Level: LevelGood}, func(in *CheckInput) { in.Exempted[1] = true }, RuleNotRated},
		{"rated though admitted 1/7", 2021, RatedMember{Level: LevelGood, AdmittedOn: NewDate(2021, 7, 1)}, nil, RuleNotRated},
		{"rated, admitted 30/6", 2021, RatedMember{Level: LevelGood, AdmittedOn: NewDate(2021, 6, 30)}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.m
			m.MemberID, m.Name, m.OrgID = 1, "Nguyễn Văn Đức", 10
			if m.AdmittedOn.IsZero() {
				m.AdmittedOn = NewDate(2000, 1, 1)
			}
			in := input(tt.year, []RatedMember{m})
			if tt.setup != nil {
				tt.setup(in)
			}
			vs := Check(in)
			var rules []string
			for _, v := range vs {
				if v.SubjectKind == "member" {
					rules = append(rules, v.Rule)
				}
			}
			switch {
			case tt.rule == "" && len(rules) > 0:
				t.Fatalf("unexpected %v: %+v", rules, vs)
			case tt.rule != "" && (len(rules) != 1 || rules[0] != tt.rule):
				t.Fatalf("got %v, want %s", rules, tt.rule)
			}
			for _, v := range vs {
				if v.SubjectKind == "member" && (v.Subject != "Nguyễn Văn Đức" || v.Source == "" || v.Message == "") {
					t.Errorf("violation %+v", v)
				}
			}
		})
	}
}

func TestCollectiveWithDisciplinedSubUnit(t *testing.T) {
	in := input(2023, members(1, 10, LevelGood, 5))
	in.OrgRatings[2] = Rating{Level: LevelExcellent}
	in.OrgRatings[10] = Rating{Level: LevelGood}
	in.OrgRatings[11] = Rating{Level: LevelGood}
	in.OrgDiscipline[11] = true
	vs := byRule(Check(in), RuleDiscipline)
	if len(vs) != 1 || vs[0].Source != "QĐ 124-QĐ/TW" || !strings.Contains(vs[0].Message, "Chi bộ Khu dân cư số 4") {
		t.Errorf("violations %+v", vs)
	}
}

func TestCollectiveWithDisciplinedLeader(t *testing.T) {
	in := input(2023, members(1, 10, LevelGood, 5))
	in.Members[0].Name = "Trần Văn Bí Thư"
	in.OrgRatings[10] = Rating{Level: LevelExcellent}
	in.Leaders = map[int64][]int64{10: {1}}
	in.Disciplined[1] = true
	var found bool
	for _, v := range byRule(Check(in), RuleDiscipline) {
		if v.SubjectKind == "org" && v.SubjectID == 10 && strings.Contains(v.Message, "cấp ủy viên bị kỷ luật trong năm (Trần Văn Bí Thư)") && v.Source == "QĐ 124-QĐ/TW" {
			found = true
		}
	}
	if !found {
		t.Errorf("no violation for an excellent cell whose leader was disciplined: %+v", Check(in))
	}
	in.OrgRatings[10] = Rating{Level: LevelGood}
	for _, v := range byRule(Check(in), RuleDiscipline) {
		if v.SubjectKind == "org" {
			t.Errorf("a good cell flagged: %+v", v)
		}
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
}

func TestBadgeDue(t *testing.T) {
	occ := NewDate(2025, 5, 19)
	prev := PreviousBadgeOccasion(occ)
	if prev != NewDate(2025, 2, 3) || NextBadgeOccasion(NewDate(2025, 5, 20)) != NewDate(2025, 9, 2) || NextBadgeOccasion(occ) != occ {
		t.Fatalf("occasions: prev %v", prev)
	}
	held30 := map[int]bool{30: true}
	tests := []struct {
		name string
		s    BadgeSubject
		want int
		why  string
	}{
		{"30 years on the very day", BadgeSubject{AdmittedOn: NewDate(1995, 5, 19)}, 30, "đủ 30 năm tuổi Đảng ngày 19/05/2025"},
		{"30 years the day after the previous occasion", BadgeSubject{AdmittedOn: NewDate(1995, 2, 4)}, 30, ""},
		{"30 years on the previous occasion", BadgeSubject{AdmittedOn: NewDate(1995, 2, 3)}, 0, ""},
		{"30 years the day after the occasion", BadgeSubject{AdmittedOn: NewDate(1995, 5, 20)}, 0, ""},
		{"already holds it", BadgeSubject{AdmittedOn: NewDate(1995, 5, 19), Held: held30}, 0, ""},
		{"40 years, holds 30", BadgeSubject{AdmittedOn: NewDate(1985, 3, 1), Held: held30}, 40, ""},
		{"a gap of a year moves it", BadgeSubject{AdmittedOn: NewDate(1994, 5, 19), GapDays: 365}, 30, "trừ 365 ngày"},
		{"seriously ill, 12 months early at 30", BadgeSubject{AdmittedOn: NewDate(1996, 5, 19), SeriouslyIll: true}, 30, "xét sớm"},
		{"seriously ill, 13 months early at 30", BadgeSubject{AdmittedOn: NewDate(1996, 6, 19), SeriouslyIll: true}, 0, ""},
		{"seriously ill, 24 months early at 70", BadgeSubject{AdmittedOn: NewDate(1957, 5, 19), SeriouslyIll: true, Held: map[int]bool{30: true, 40: true, 45: true, 50: true, 55: true, 60: true, 65: true}}, 70, "tối đa 24 tháng"},
		{"seriously ill, 25 months early at 70", BadgeSubject{AdmittedOn: NewDate(1957, 6, 19), SeriouslyIll: true, Held: map[int]bool{30: true, 40: true, 45: true, 50: true, 55: true, 60: true, 65: true}}, 0, ""},
		{"died 6 months before 30 years", BadgeSubject{AdmittedOn: NewDate(1995, 9, 1), DiedOn: NewDate(2025, 3, 1)}, 30, "truy tặng"},
		{"died 2 years before 30 years", BadgeSubject{AdmittedOn: NewDate(1997, 5, 1), DiedOn: NewDate(2025, 3, 1)}, 0, ""},
		{"died after reaching 30 years without it", BadgeSubject{AdmittedOn: NewDate(1995, 3, 1), DiedOn: NewDate(2025, 4, 1)}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, why := BadgeDue(tt.s, prev, occ)
			if got != tt.want || !strings.Contains(why, tt.why) {
				t.Errorf("BadgeDue = %d %q, want %d containing %q", got, why, tt.want, tt.why)
			}
		})
	}
}
