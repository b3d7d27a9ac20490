package domain

import (
	"fmt"
	"strings"
)

// badgeOccasions are the days badges are usually handed out (HD 01-HD/TW
// §18): 3/2, 19/5, 2/9 and 7/11. The same section allows "các dịp kỷ niệm
// quan trọng khác", so any day may be an occasion.
var badgeOccasions = [][2]int{{2, 3}, {5, 19}, {9, 2}, {11, 7}}

// IsBadgeOccasion reports whether d is one of the four standard days.
func IsBadgeOccasion(d Date) bool {
	for _, o := range badgeOccasions {
		if d.Month == o[0] && d.Day == o[1] {
			return true
		}
	}
	return false
}

// OccasionLabel names an occasion as the lists print it: the date, noted
// "dịp khác" when it is not one of the four standard days.
func OccasionLabel(d Date) string {
	if IsBadgeOccasion(d) {
		return d.String()
	}
	return d.String() + " (dịp khác)"
}

// NextBadgeOccasion is the first standard occasion on or after d.
func NextBadgeOccasion(d Date) Date {
	for y := d.Year; ; y++ {
		for _, o := range badgeOccasions {
			if c := NewDate(y, o[0], o[1]); !c.Before(d) {
				return c
			}
		}
	}
}

// PreviousBadgeOccasion is the last standard occasion strictly before d.
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

// BadgeBasis is why a member is on the badge list; a contract of `awards
// --kind badge --format json`.
type BadgeBasis string

// The bases of a badge proposal.
const (
	BasisDue          BadgeBasis = "due"           // the milestone falls since the previous occasion
	BasisEarlyIllness BadgeBasis = "early-illness" // seriously ill, up to 12 (30–65 years) or 24 months (70–90) early
	BasisOverdue      BadgeBasis = "overdue"       // the milestone passed before the previous occasion without the badge
	BasisPosthumous   BadgeBasis = "posthumous"    // died having reached it, or within the 12 months before it
)

// Label is the basis as the list's note reads.
func (b BadgeBasis) Label() string {
	return map[BadgeBasis]string{BasisDue: "đến hạn", BasisEarlyIllness: "đề nghị sớm: bệnh hiểm nghèo",
		BasisOverdue: "bổ sung", BasisPosthumous: "truy tặng"}[b]
}

// BadgeDiscipline is a discipline of the member, which postpones a badge.
type BadgeDiscipline struct {
	On   Date
	Form string
}

// BadgeSubject is what the badge list knows of a member.
type BadgeSubject struct {
	AdmittedOn   Date
	Gaps         Span // time outside the party, which party age leaves out
	SeriouslyIll bool
	DiedOn       Date // zero while alive
	Held         map[int]bool
	Disciplines  []BadgeDiscipline
}

// MilestoneDate is the day the member's party age reaches years.
func (s BadgeSubject) MilestoneDate(years int) Date {
	return s.after(years, 0)
}

// after is the day the member's party age reaches years and months: from
// admission, the gaps added on.
func (s BadgeSubject) after(years, months int) Date {
	return s.AdmittedOn.AddMonths((years+s.Gaps.Years)*12+months+s.Gaps.Months).AddDate(0, 0, s.Gaps.Days)
}

// BadgeProposal is a member's place on the badge list of an occasion.
type BadgeProposal struct {
	Milestone int
	Basis     BadgeBasis
	ReachedOn Date   // the day party age reaches the milestone
	Detail    string // why, in Vietnamese
	// Postponed members are not proposed before EligibleFrom, because of a
	// discipline; they are listed apart.
	Postponed    bool
	EligibleFrom Date
}

// BadgeDue returns the member's place on the list of the occasion occ
// (whose previous standard occasion is prev), and false when the member is
// not on it (HD 01-HD/TW §18, QĐ 29 §27.3, QĐ 24 guidance):
//   - due: party age reaches the milestone after prev and on or before occ;
//   - overdue: the highest milestone reached passed on or before prev
//     without the badge (postponed, or entered late): "bổ sung";
//   - early-illness: seriously ill, the next milestone up to 12 months away
//     (30–65 years) or 24 (70–90);
//   - posthumous: died on or before occ having reached the milestone, or less
//     than 12 months before reaching it: "truy tặng";
//   - postponed: any of these within 6 months of a reprimand, 9 of a warning,
//     12 of a removal from post, listed with the day it becomes eligible;
//     never after an expulsion.
//
// One proposal per member: the highest milestone reached; a badge held at or
// above it ends the matter. A badge already held is never proposed again.
func BadgeDue(s BadgeSubject, prev, occ Date) (BadgeProposal, bool) {
	if s.AdmittedOn.IsZero() {
		return BadgeProposal{}, false
	}
	p, ok := s.proposal(prev, occ)
	if !ok {
		return p, false
	}
	base := fmt.Sprintf("vào Đảng %s, đủ %d năm tuổi Đảng ngày %s", s.AdmittedOn, p.Milestone, p.ReachedOn)
	if !s.Gaps.IsZero() {
		base += fmt.Sprintf(" (trừ %s không sinh hoạt đảng)", s.Gaps)
	}
	switch p.Basis {
	case BasisOverdue:
		base += fmt.Sprintf("; bổ sung: đến hạn từ %s", p.ReachedOn)
	case BasisEarlyIllness:
		base += fmt.Sprintf("; ốm nặng, đề nghị sớm (tối đa %d tháng)", earlyMonths(p.Milestone))
	case BasisPosthumous:
		base += fmt.Sprintf("; từ trần ngày %s, truy tặng", s.DiedOn)
	}
	for _, d := range s.Disciplines {
		if d.On.After(occ) {
			continue
		}
		months, never := BadgePostponement(d.Form)
		if never {
			return BadgeProposal{}, false
		}
		if until := d.On.AddMonths(months); until.After(occ) && until.After(p.EligibleFrom) {
			p.Postponed, p.EligibleFrom = true, until
			p.Detail = fmt.Sprintf("%s; kỷ luật %s ngày %s: xét từ %s (nếu đã sửa chữa khuyết điểm, chi bộ xác nhận)",
				base, strings.ToLower(CleanText(d.Form)), d.On, until)
		}
	}
	if !p.Postponed {
		p.Detail = base
	}
	return p, true
}

func earlyMonths(milestone int) int {
	if milestone >= 70 {
		return 24
	}
	return 12
}

// proposal finds the milestone and basis, before disciplines.
func (s BadgeSubject) proposal(prev, occ Date) (BadgeProposal, bool) {
	dead := !s.DiedOn.IsZero() && !s.DiedOn.After(occ)
	// The highest milestone reached by the occasion (or, for one who died,
	// reached before death or within the 12 months after it).
	top := 0
	for _, m := range BadgeMilestones {
		reach := s.MilestoneDate(m)
		if (dead && !reach.AddMonths(-12).After(s.DiedOn)) || (!dead && !reach.After(occ)) {
			top = m
		}
	}
	held := false // the highest milestone reached, or a later one, is held
	for _, m := range BadgeMilestones {
		held = held || (m >= top && s.Held[m])
	}
	switch {
	case top != 0 && !held && dead:
		return BadgeProposal{Milestone: top, Basis: BasisPosthumous, ReachedOn: s.MilestoneDate(top)}, true
	case top != 0 && !held:
		reach := s.MilestoneDate(top)
		if reach.After(prev) {
			return BadgeProposal{Milestone: top, Basis: BasisDue, ReachedOn: reach}, true
		}
		return BadgeProposal{Milestone: top, Basis: BasisOverdue, ReachedOn: reach}, true
	case dead || !s.SeriouslyIll:
		return BadgeProposal{}, false
	}
	for _, m := range BadgeMilestones {
		if reach := s.MilestoneDate(m); reach.After(occ) {
			if !s.Held[m] && !reach.AddMonths(-earlyMonths(m)).After(occ) {
				return BadgeProposal{Milestone: m, Basis: BasisEarlyIllness, ReachedOn: reach}, true
			}
			break
		}
	}
	return BadgeProposal{}, false
}
