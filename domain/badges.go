package domain

import "fmt"

// badgeOccasions are the days badges are handed out (HD 01-HD/TW §18):
// 3/2, 19/5, 2/9 and 7/11.
var badgeOccasions = [][2]int{{2, 3}, {5, 19}, {9, 2}, {11, 7}}

// IsBadgeOccasion reports whether d is one of the four days of the year.
func IsBadgeOccasion(d Date) bool {
	for _, o := range badgeOccasions {
		if d.Month == o[0] && d.Day == o[1] {
			return true
		}
	}
	return false
}

// NextBadgeOccasion is the first occasion on or after d.
func NextBadgeOccasion(d Date) Date {
	for y := d.Year; ; y++ {
		for _, o := range badgeOccasions {
			if c := NewDate(y, o[0], o[1]); !c.Before(d) {
				return c
			}
		}
	}
}

// PreviousBadgeOccasion is the last occasion strictly before d.
func PreviousBadgeOccasion(d Date) Date {
	for y := d.Year; ; y-- {
		for i := len(badgeOccasions) - 1; i >= 0; i-- {
			o := badgeOccasions[i]
			if c := NewDate(y, o[0], o[1]); c.Before(d) {
				return c
			}
		}
	}
}

// BadgeSubject is what the badge list knows of a member.
type BadgeSubject struct {
	AdmittedOn   Date
	GapDays      int // days outside the party, which party age leaves out
	SeriouslyIll bool
	DiedOn       Date // zero while alive
	Held         map[int]bool
}

// MilestoneDate is the day the member's party age reaches years.
func (s BadgeSubject) MilestoneDate(years int) Date {
	return s.AdmittedOn.AddDate(years, 0, s.GapDays)
}

// BadgeDue returns the milestone for which the member is put forward at the
// occasion occ (whose previous occasion is prev), with a line saying why, or
// 0 when none (HD 01-HD/TW §18):
//   - party age reaches the milestone after prev and on or before occ;
//   - seriously ill members up to 12 months early for 30–65 years, up to 24
//     months for 70–90;
//   - a member who died less than 12 months before reaching it, posthumously.
//
// A badge already held is never proposed again.
func BadgeDue(s BadgeSubject, prev, occ Date) (int, string) {
	if s.AdmittedOn.IsZero() {
		return 0, ""
	}
	for _, m := range BadgeMilestones {
		if s.Held[m] {
			continue
		}
		reach := s.MilestoneDate(m)
		base := func() string {
			b := fmt.Sprintf("vào Đảng %s, đủ %d năm tuổi Đảng ngày %s", s.AdmittedOn, m, reach)
			if s.GapDays > 0 {
				b += fmt.Sprintf(" (trừ %d ngày không sinh hoạt đảng)", s.GapDays)
			}
			return b
		}
		if !s.DiedOn.IsZero() {
			if !s.DiedOn.Before(reach.AddDate(-1, 0, 0)) && s.DiedOn.Before(reach) && !reach.AddDate(-1, 0, 0).After(occ) && reach.After(prev) {
				return m, base() + fmt.Sprintf("; từ trần ngày %s, xét truy tặng", s.DiedOn)
			}
			continue
		}
		if reach.After(prev) && !reach.After(occ) {
			return m, base()
		}
		if s.SeriouslyIll {
			early := 12
			if m >= 70 {
				early = 24
			}
			if !reach.AddDate(0, -early, 0).After(occ) && reach.After(occ) {
				return m, base() + fmt.Sprintf("; ốm nặng, xét sớm (tối đa %d tháng)", early)
			}
		}
	}
	return 0, ""
}
