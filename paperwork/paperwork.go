// Package paperwork gathers what the award documents need from the store —
// a candidate list, or the awards recorded under a decision — into a
// report.Batch, and writes the documents; the command line and the window
// both call it.
package paperwork

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"xeploai/domain"
	"xeploai/report"
	"xeploai/store"
)

// List says which candidate list candidates come from.
type List struct {
	Kind     string // "consecutive", "year" or "badge"
	Year     int    // the last year rated (consecutive, year)
	Years    int    // how many years running (consecutive)
	Group    domain.Group
	Occasion domain.Date // badges
	// Postponed: the members whose badge waits after a discipline, listed
	// apart (not candidates: only their list is printed).
	Postponed bool
}

// Reason is what the list's candidates are awarded for: "Hoàn thành xuất
// sắc nhiệm vụ 5 năm liền (2017–2021)" (for organisations, the exemplary
// title they are chosen for: "Trong sạch, vững mạnh tiêu biểu …"), with its
// years ("5 năm liền (2017–2021)"); empty for badges.
func (l List) Reason() (reason, years string) {
	switch l.Kind {
	case "consecutive":
		years = fmt.Sprintf("%d năm liền (%d–%d)", l.Years, l.Year-l.Years+1, l.Year)
	case "year":
		years = fmt.Sprintf("năm %d", l.Year)
	default:
		return "", ""
	}
	if l.Group == domain.GroupCells || l.Group == domain.GroupGrassroots {
		return domain.ExemplaryTitle(l.Group, max(1, l.Years), l.Year), years
	}
	return "Hoàn thành xuất sắc nhiệm vụ " + years, years
}

// FromCandidates makes the batch of candidates cs of list l; for badges it
// reads each member's party dates and works out the party age at the
// occasion.
func FromCandidates(ctx context.Context, st store.Store, l List, cs []store.Candidate) (report.Batch, error) {
	b := report.Batch{Form: domain.FormCertificate, Group: l.Group, Year: l.Year}
	b.Reason, b.Years = l.Reason()
	if l.Kind == "badge" {
		b.Form, b.Group, b.Occasion, b.Year, b.Postponed = domain.FormBadge, domain.GroupMembers, l.Occasion, 0, l.Postponed
	}
	if b.Group == "" {
		b.Group = domain.GroupMembers
	}
	if b.Group != domain.GroupMembers && l.Kind != "badge" {
		b.Pool, b.Note = true, domain.PoolNote(b.Group)
	}
	for _, c := range cs {
		content := c.Detail
		if c.Content != "" {
			content = c.Content // what an award recorded from it says
		}
		b.People = append(b.People, report.Person{Name: c.Name, IsOrg: c.SubjectKind == "org", BirthDate: c.BirthDate, Org: c.Org,
			Content: content, Milestone: c.Milestone, Note: candidateNote(c)})
		if content != b.Reason && b.Form != domain.FormBadge {
			b.Reason = "" // reasons differ: each line says its own
		}
	}
	if l.Kind == "badge" {
		ids := make([]int64, len(cs))
		for i, c := range cs {
			ids[i] = c.ID
		}
		if err := addPartyFacts(ctx, st, &b, ids); err != nil {
			return b, err
		}
	}
	return b, nil
}

// candidateNote is the Ghi chú of a badge candidate: why it is proposed
// when not simply due ("Truy tặng", "Đề nghị sớm: bệnh hiểm nghèo",
// "Bổ sung"), or, postponed after a discipline, from when it may be.
func candidateNote(c store.Candidate) string {
	switch {
	case !c.EligibleFrom.IsZero():
		return "Xét từ " + c.EligibleFrom.String()
	case c.Basis == "" || c.Basis == domain.BasisDue:
		return ""
	}
	return domain.UpperFirst(c.Basis.Label())
}

// addPartyFacts fills the admission and official dates and the party age
// at the occasion of the batch's members (ids in the same order).
func addPartyFacts(ctx context.Context, st store.Store, b *report.Batch, ids []int64) error {
	facts, err := st.PartyFacts(ctx, ids)
	if err != nil {
		return err
	}
	for i, id := range ids {
		f := facts[id]
		p := &b.People[i]
		p.AdmittedOn, p.OfficialOn = f.AdmittedOn, f.OfficialOn
		subject := domain.BadgeSubject{AdmittedOn: f.AdmittedOn, Gaps: f.Gaps}
		// A member who died has the party age reached in life (truy tặng).
		on := b.Occasion
		if !f.DiedOn.IsZero() && f.DiedOn.Before(on) {
			on = f.DiedOn
		}
		y, m := subject.PartyAge(on)
		if p.Note == domain.UpperFirst(domain.BasisOverdue.Label()) && !f.AdmittedOn.IsZero() {
			p.Note += ": đến hạn từ " + subject.MilestoneDate(p.Milestone).String()
		}
		// Months matter only short of the milestone (early, posthumous).
		switch {
		case f.AdmittedOn.IsZero():
		case m == 0 || y >= p.Milestone:
			p.PartyAge = fmt.Sprintf("%d năm", y)
		default:
			p.PartyAge = fmt.Sprintf("%d năm %d tháng", y, m)
		}
	}
	return nil
}

// Recorded makes the batch of the awards recorded under decision number no
// ("127" also finds "127-QĐ/QU" when abbr is "QU", and "127-QĐ/QU" finds
// "127", as an earlier version recorded it) of the date on (zero:
// whichever, when the number was used on one date only), with the decision
// as recorded. A decision mixing badges and certificates, or members and
// organisations, is refused: each is its own document.
func Recorded(ctx context.Context, st store.Store, no, abbr string, on domain.Date) (report.Batch, report.Decision, error) {
	var b report.Batch
	var as []store.DecisionAward
	forms := report.NumberForms(no, report.KindDecision, abbr)
	if len(forms) == 0 {
		forms = []string{no} // as typed: the store says what is missing
	}
	for _, n := range forms {
		got, err := st.DecisionAwards(ctx, n)
		if err != nil {
			return b, report.Decision{}, err
		}
		as = append(as, got...)
	}
	as, err := ofDate(as, no, on)
	if err != nil {
		return b, report.Decision{}, err
	}
	first := as[0]
	dec := report.Decision{No: first.DecisionNo, Date: first.DecisionDate}
	tree, err := st.Tree(ctx, first.DecisionDate)
	if err != nil {
		return b, dec, err
	}
	now, err := st.Tree(ctx, domain.Date{})
	if err != nil {
		return b, dec, err
	}
	path := func(id int64) string {
		if p := tree.Path(id); p != "" {
			return p
		}
		return now.Path(id)
	}
	b.Form = first.Form
	if b.Form == domain.FormMerit {
		b.Form = domain.FormCertificate
	}
	b.Reason = first.Content
	b.Year = max(first.YearTo, first.Year)
	switch {
	case first.YearFrom != 0 && first.YearTo > first.YearFrom:
		b.Years = fmt.Sprintf("%d năm liền (%d–%d)", first.YearTo-first.YearFrom+1, first.YearFrom, first.YearTo)
	default:
		b.Years = fmt.Sprintf("năm %d", b.Year)
	}
	b.Group = groupOf(now, first)
	sort.SliceStable(as, treeOrder(now, as))
	var ids []int64
	for _, a := range as {
		if (a.Form == domain.FormBadge) != (b.Form == domain.FormBadge) {
			return b, dec, domain.Errorf(domain.EINVALID, "--decision-no", "quyết định số %s ghi cả Huy hiệu Đảng và %s: hãy sửa các khen thưởng cho đúng số quyết định", dec.No, first.FormText())
		}
		if g := groupOf(now, a); g != b.Group {
			return b, dec, domain.Errorf(domain.EINVALID, "--decision-no", "quyết định số %s ghi khen thưởng cho cả %s và %s", dec.No, strings.ToLower(b.Group.Label()), strings.ToLower(g.Label()))
		}
		if a.Content != b.Reason {
			b.Reason = ""
		}
		p := report.Person{Name: a.Name, IsOrg: a.MemberID == 0, BirthDate: a.BirthDate, Org: path(a.UnitID), Content: a.Content, Milestone: a.Milestone, Note: a.Note}
		if a.Status == domain.StatusDied && a.Form == domain.FormBadge {
			p.Note = joinNotes("Truy tặng", p.Note)
		}
		b.People = append(b.People, p)
		ids = append(ids, a.MemberID)
	}
	if b.Form == domain.FormBadge {
		b.Reason, b.Years, b.Year = "", "", 0
		b.Occasion = domain.NextBadgeOccasion(dec.Date)
		if err := addPartyFacts(ctx, st, &b, ids); err != nil {
			return b, dec, err
		}
	}
	return b, dec, nil
}

// joinNotes joins the notes that say something, "; " between them.
func joinNotes(notes ...string) string {
	var out []string
	for _, n := range notes {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "; ")
}

// ofDate keeps the awards of the decision of date on; with on zero, the
// number must have been used on one date only (party documents are
// numbered through a term, so a number comes back in the next term).
func ofDate(as []store.DecisionAward, no string, on domain.Date) ([]store.DecisionAward, error) {
	var dates []string
	seen := map[domain.Date]bool{}
	var out []store.DecisionAward
	for _, a := range as {
		if !seen[a.DecisionDate] {
			seen[a.DecisionDate] = true
			dates = append(dates, a.DecisionDate.String())
		}
		if on.IsZero() || a.DecisionDate == on {
			out = append(out, a)
		}
	}
	switch {
	case len(as) == 0:
		return nil, domain.Errorf(domain.ENOTFOUND, "--decision-no", "không có khen thưởng nào ghi theo quyết định số %s", no)
	case len(out) == 0:
		return nil, domain.Errorf(domain.ENOTFOUND, "--decision-date", "quyết định số %s không có ngày %s (có: %s)", no, on, strings.Join(dates, ", "))
	case on.IsZero() && len(dates) > 1:
		return nil, domain.Errorf(domain.EINVALID, "--decision-date", "có nhiều quyết định số %s (ngày %s): hãy cho biết ngày quyết định", no, strings.Join(dates, ", "))
	}
	return out, nil
}

// groupOf is whose award a is: a member's, a cell's or a grassroots
// organisation's.
func groupOf(tree *domain.Tree, a store.DecisionAward) domain.Group {
	if a.MemberID != 0 {
		return domain.GroupMembers
	}
	if o := tree.Org(a.OrgID); o != nil && domain.GroupOfKind(o.Kind) == domain.GroupCells {
		return domain.GroupCells
	}
	return domain.GroupGrassroots
}

// treeOrder orders awards by their recipient's place in the tree, then by
// name, as the candidate lists are.
func treeOrder(tree *domain.Tree, as []store.DecisionAward) func(i, j int) bool {
	pos := make(map[int64]int, tree.Len())
	for _, r := range tree.Roots() {
		tree.Walk(r, func(o *domain.Org) { pos[o.ID] = len(pos) })
	}
	return func(i, j int) bool {
		if pi, pj := pos[as[i].UnitID], pos[as[j].UnitID]; pi != pj {
			return pi < pj
		}
		return domain.Fold(as[i].Name) < domain.Fold(as[j].Name)
	}
}
