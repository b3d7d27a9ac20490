package domain

import (
	"fmt"
	"strings"
	"testing"
)

func TestBadgeOccasions(t *testing.T) {
	occ := NewDate(2025, 5, 19)
	if prev := PreviousBadgeOccasion(occ); prev != NewDate(2025, 2, 3) || NextBadgeOccasion(NewDate(2025, 5, 20)) != NewDate(2025, 9, 2) || NextBadgeOccasion(occ) != occ {
		t.Fatalf("occasions: prev %v", prev)
	}
	if PreviousBadgeOccasion(NewDate(2025, 2, 3)) != NewDate(2024, 11, 7) || PreviousBadgeOccasion(NewDate(2025, 6, 1)) != occ {
		t.Error("previous occasion across a year or from another day")
	}
	if OccasionLabel(occ) != "19/05/2025" || OccasionLabel(NewDate(2025, 6, 1)) != "01/06/2025 (dịp khác)" {
		t.Errorf("labels %q %q", OccasionLabel(occ), OccasionLabel(NewDate(2025, 6, 1)))
	}
}

// TestBadgeDueAroundEachOccasion puts members at the edges of each of the
// four occasions of 2026 (and of another day): due, early, overdue,
// posthumous, postponed, and the days just outside.
func TestBadgeDueAroundEachOccasion(t *testing.T) {
	held := func(ms ...int) map[int]bool {
		h := map[int]bool{}
		for _, m := range ms {
			h[m] = true
		}
		return h
	}
	upTo65 := held(30, 40, 45, 50, 55, 60, 65)
	occasions := []Date{NewDate(2026, 2, 3), NewDate(2026, 5, 19), NewDate(2026, 9, 2), NewDate(2026, 11, 7), NewDate(2026, 6, 1)}
	for _, occ := range occasions {
		prev := PreviousBadgeOccasion(occ)
		// reaching returns a subject whose party age reaches years on day d.
		reaching := func(years int, d Date) BadgeSubject { return BadgeSubject{AdmittedOn: d.AddDate(-years, 0, 0)} }
		with := func(s BadgeSubject, f func(*BadgeSubject)) BadgeSubject { f(&s); return s }
		tests := []struct {
			name  string
			s     BadgeSubject
			want  int
			basis BadgeBasis
			why   string
			until Date // postponed until
		}{
			{"reaches 30 on the occasion", reaching(30, occ), 30, BasisDue, "đủ 30 năm tuổi Đảng ngày " + occ.String(), Date{}},
			{"reaches 30 the day after the previous occasion", reaching(30, prev.AddDate(0, 0, 1)), 30, BasisDue, "", Date{}},
			{"reaches 30 on the previous occasion: overdue", reaching(30, prev), 30, BasisOverdue, "bổ sung: đến hạn từ " + prev.String(), Date{}},
			{"reached 30 five years ago: overdue", reaching(30, occ.AddDate(-5, 0, 0)), 30, BasisOverdue, "bổ sung", Date{}},
			{"reaches 30 the day after the occasion", reaching(30, occ.AddDate(0, 0, 1)), 0, "", "", Date{}},
			{"holds 30", with(reaching(30, occ), func(s *BadgeSubject) { s.Held = held(30) }), 0, "", "", Date{}},
			{"holds 30, reached 40 long ago: overdue 40", with(reaching(40, occ.AddDate(-2, 0, 0)), func(s *BadgeSubject) { s.Held = held(30) }), 40, BasisOverdue, "", Date{}},
			{"holds 40 only, 42 years: nothing", with(reaching(40, occ.AddDate(-2, 0, 0)), func(s *BadgeSubject) { s.Held = held(40) }), 0, "", "", Date{}},
			{"no badge at 42 years: the highest reached", reaching(40, occ.AddDate(-2, 0, 0)), 40, BasisOverdue, "", Date{}},
			{"a gap of a year moves it", with(reaching(30, occ.AddDate(-1, 0, 0)), func(s *BadgeSubject) { s.Gaps = Span{Years: 1} }), 30, BasisDue, "trừ 1 năm không sinh hoạt", Date{}},
			{"a gap of a year and a day moves it past", with(reaching(30, occ.AddDate(-1, 0, 0)), func(s *BadgeSubject) { s.Gaps = Span{Years: 1, Days: 1} }), 0, "", "", Date{}},
			{"seriously ill, 12 months early at 30", with(reaching(30, occ.AddMonths(12)), func(s *BadgeSubject) { s.SeriouslyIll = true }), 30, BasisEarlyIllness, "đề nghị sớm (tối đa 12 tháng)", Date{}},
			{"seriously ill, 12 months and a day early at 30", with(reaching(30, occ.AddMonths(12).AddDate(0, 0, 1)), func(s *BadgeSubject) { s.SeriouslyIll = true }), 0, "", "", Date{}},
			{"seriously ill, 24 months early at 70", with(reaching(70, occ.AddMonths(24)), func(s *BadgeSubject) { s.SeriouslyIll = true; s.Held = upTo65 }), 70, BasisEarlyIllness, "tối đa 24 tháng", Date{}},
			{"seriously ill, 24 months and a day early at 70", with(reaching(70, occ.AddMonths(24).AddDate(0, 0, 1)), func(s *BadgeSubject) { s.SeriouslyIll = true; s.Held = upTo65 }), 0, "", "", Date{}},
			{"seriously ill and due: due", with(reaching(30, occ), func(s *BadgeSubject) { s.SeriouslyIll = true }), 30, BasisDue, "", Date{}},
			{"died a day before the occasion, 30 years reached long ago", with(reaching(30, occ.AddDate(-5, 0, 0)), func(s *BadgeSubject) { s.DiedOn = occ.AddDate(0, 0, -1) }), 30, BasisPosthumous, "từ trần ngày " + occ.AddDate(0, 0, -1).String() + ", truy tặng", Date{}},
			{"died 12 months before reaching 30", with(reaching(30, occ.AddMonths(6)), func(s *BadgeSubject) { s.DiedOn = occ.AddMonths(-6) }), 30, BasisPosthumous, "truy tặng", Date{}},
			{"died 12 months and a day before reaching 30", with(reaching(30, occ.AddMonths(6).AddDate(0, 0, 1)), func(s *BadgeSubject) { s.DiedOn = occ.AddMonths(-6) }), 0, "", "", Date{}},
			{"died with the badge", with(reaching(30, occ.AddDate(-3, 0, 0)), func(s *BadgeSubject) { s.DiedOn = occ; s.Held = held(30) }), 0, "", "", Date{}},
			{"died after the occasion: alive then", with(reaching(30, occ), func(s *BadgeSubject) { s.DiedOn = occ.AddDate(0, 0, 1) }), 30, BasisDue, "", Date{}},
			{"reprimanded 6 months before: eligible on the day", with(reaching(30, occ), func(s *BadgeSubject) {
				s.Disciplines = []BadgeDiscipline{{On: occ.AddMonths(-6), Form: "Khiển trách"}}
			}), 30, BasisDue, "", Date{}},
			{"reprimanded 6 months less a day before: postponed", with(reaching(30, occ), func(s *BadgeSubject) {
				s.Disciplines = []BadgeDiscipline{{On: occ.AddMonths(-6).AddDate(0, 0, 1), Form: "Khiển trách"}}
			}), 30, BasisDue, "kỷ luật khiển trách ngày", occ.AddDate(0, 0, 1)},
			{"warned 9 months before", with(reaching(30, occ), func(s *BadgeSubject) {
				s.Disciplines = []BadgeDiscipline{{On: occ.AddMonths(-9), Form: "Cảnh cáo"}}
			}), 30, BasisDue, "", Date{}},
			{"warned 8 months before: postponed", with(reaching(30, occ.AddDate(-1, 0, 0)), func(s *BadgeSubject) {
				s.Disciplines = []BadgeDiscipline{{On: occ.AddMonths(-8), Form: "CẢNH CÁO"}}
			}), 30, BasisOverdue, "xét từ " + occ.AddMonths(1).String(), occ.AddMonths(1)},
			{"removed from post 11 months before: postponed", with(reaching(30, occ), func(s *BadgeSubject) {
				s.Disciplines = []BadgeDiscipline{{On: occ.AddMonths(-11), Form: "Cách chức"}}
			}), 30, BasisDue, "", occ.AddMonths(1)},
			{"removed from post 12 months before", with(reaching(30, occ), func(s *BadgeSubject) {
				s.Disciplines = []BadgeDiscipline{{On: occ.AddMonths(-12), Form: "Cách chức"}}
			}), 30, BasisDue, "", Date{}},
			{"expelled once: never", with(reaching(30, occ), func(s *BadgeSubject) {
				s.Disciplines = []BadgeDiscipline{{On: occ.AddDate(-20, 0, 0), Form: "Khai trừ"}}
			}), 0, "", "", Date{}},
			{"a discipline after the occasion does not count", with(reaching(30, occ), func(s *BadgeSubject) {
				s.Disciplines = []BadgeDiscipline{{On: occ.AddDate(0, 0, 1), Form: "Khiển trách"}}
			}), 30, BasisDue, "", Date{}},
			{"seriously ill and warned: postponed early", with(reaching(30, occ.AddMonths(3)), func(s *BadgeSubject) {
				s.SeriouslyIll = true
				s.Disciplines = []BadgeDiscipline{{On: occ.AddMonths(-1), Form: "Cảnh cáo"}}
			}), 30, BasisEarlyIllness, "", occ.AddMonths(8)},
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s %s", occ, tt.name), func(t *testing.T) {
				p, ok := BadgeDue(tt.s, prev, occ)
				if !ok {
					if tt.want != 0 {
						t.Fatalf("not on the list, want %d (%s)", tt.want, tt.basis)
					}
					return
				}
				if p.Milestone != tt.want || p.Basis != tt.basis || !strings.Contains(p.Detail, tt.why) {
					t.Fatalf("got %d %s %q, want %d %s containing %q", p.Milestone, p.Basis, p.Detail, tt.want, tt.basis, tt.why)
				}
				if p.Postponed != !tt.until.IsZero() || p.EligibleFrom != tt.until {
					t.Errorf("postponed %v until %v, want until %v", p.Postponed, p.EligibleFrom, tt.until)
				}
				if p.Postponed && !strings.Contains(p.Detail, "xét từ "+tt.until.String()) {
					t.Errorf("detail %q does not say when", p.Detail)
				}
			})
		}
	}
}

func TestBadgePostponement(t *testing.T) {
	for form, want := range map[string]int{"Khiển trách": 6, "khien trach": 6, "Cảnh cáo": 9, "Cách chức": 12, "Xóa tên": 12, "": 12} {
		if got, never := BadgePostponement(form); got != want || never {
			t.Errorf("%q: %d %v, want %d", form, got, never, want)
		}
	}
	if _, never := BadgePostponement("Khai trừ"); !never {
		t.Error("expulsion does not bar the badge")
	}
}

func TestAddMonths(t *testing.T) {
	for _, tt := range []struct {
		d    Date
		n    int
		want Date
	}{
		{NewDate(2024, 6, 15), 6, NewDate(2024, 12, 15)},
		{NewDate(2024, 8, 31), 6, NewDate(2025, 2, 28)},
		{NewDate(2023, 8, 31), 6, NewDate(2024, 2, 29)},
		{NewDate(2024, 3, 31), -1, NewDate(2024, 2, 29)},
		{NewDate(2026, 2, 3), -12, NewDate(2025, 2, 3)},
		{NewDate(2026, 1, 15), -13, NewDate(2024, 12, 15)},
	} {
		if got := tt.d.AddMonths(tt.n); got != tt.want {
			t.Errorf("%v + %d months = %v, want %v", tt.d, tt.n, got, tt.want)
		}
	}
}

func TestAwardLineSaysTheFormOnce(t *testing.T) {
	for _, c := range []struct {
		a    Award
		want string
	}{
		{Award{Form: FormBadge, Milestone: 30, Content: "Huy hiệu 30 năm tuổi Đảng"}, "Huy hiệu 30 năm tuổi Đảng"},
		{Award{Form: FormBadge, Milestone: 30, Content: " huy hiệu 30 năm tuổi đảng "}, "Huy hiệu 30 năm tuổi Đảng"},
		{Award{Form: FormBadge, Milestone: 40}, "Huy hiệu 40 năm tuổi Đảng"},
		{Award{Form: FormCertificate, Content: "Hoàn thành xuất sắc nhiệm vụ 5 năm liền"}, "Giấy khen — Hoàn thành xuất sắc nhiệm vụ 5 năm liền"},
	} {
		if got := c.a.Line(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.a, got, c.want)
		}
	}
}
