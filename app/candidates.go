package app

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/report"
	"xeploai/store"
)

// CandidateView prepares award lists: members (or cells, or grassroots
// organisations) excellent N years running or in the year, and members due a
// party badge; chosen candidates are recorded under one decision.
type CandidateView struct {
	u          *UI
	Content    fyne.CanvasObject
	Kind       *widget.Select
	Year       *widget.Select
	Group      *widget.Select
	Occasion   *widget.Select
	List       *widget.List
	Count      *widget.Label
	DecisionNo *widget.Entry
	Date       *widget.Entry
	Issuer     *widget.Entry

	Candidates []store.Candidate
	Chosen     map[int]bool
}

var (
	candidateKinds  = []string{"Xuất sắc 5 năm liền", "Xuất sắc trong năm", "Huy hiệu Đảng"}
	candidateGroups = []string{"Đảng viên", "Chi bộ trực thuộc", "Tổ chức cơ sở đảng"}
)

func newCandidateView(u *UI) *CandidateView {
	v := &CandidateView{u: u, Count: widget.NewLabel(""), Chosen: map[int]bool{}}
	v.Kind = widget.NewSelect(candidateKinds, nil)
	v.Kind.SetSelectedIndex(0)
	this := domain.Today().Year
	var years []string
	for y := this; y >= this-15; y-- {
		years = append(years, strconv.Itoa(y))
	}
	v.Year = widget.NewSelect(years, nil)
	v.Year.SetSelected(strconv.Itoa(this - 1))
	v.Group = widget.NewSelect(candidateGroups, nil)
	v.Group.SetSelectedIndex(0)
	var occasions []string
	occ := domain.PreviousBadgeOccasion(domain.Today())
	for i := 0; i < 6; i++ {
		occasions = append(occasions, occ.String())
		occ = domain.NextBadgeOccasion(occ.AddDate(0, 0, 1))
	}
	v.Occasion = widget.NewSelect(occasions, nil)
	v.Occasion.SetSelectedIndex(1)
	v.List = widget.NewList(func() int { return len(v.Candidates) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*widget.Check)
			c.OnChanged = nil
			c.SetText(v.Line(i))
			c.SetChecked(v.Chosen[i])
			c.OnChanged = func(on bool) { v.Chosen[i] = on; v.updateCount() }
		})
	v.DecisionNo = widget.NewEntry()
	v.DecisionNo.SetPlaceHolder(T("cand.decisionNo"))
	v.Date = dateEntry(domain.Today())
	v.Issuer = widget.NewEntry()
	v.Issuer.SetPlaceHolder(T("cand.issuer"))
	// Two rows, so that the tab fits a 1024-pixel screen beside the tree.
	top := container.NewVBox(
		container.NewHBox(v.Kind, v.Group),
		container.NewHBox(widget.NewLabel(T("col.year")), v.Year, widget.NewLabel(T("cand.occasion")), v.Occasion,
			widget.NewButton(T("cand.list"), v.Refresh), widget.NewButton(T("print"), v.Print)))
	bottom := container.NewVBox(
		container.NewHBox(widget.NewButton(T("cand.all"), func() { v.ChooseAll(true) }), widget.NewButton(T("cand.none"), func() { v.ChooseAll(false) }), v.Count),
		container.NewGridWithColumns(4, v.DecisionNo, v.Date, v.Issuer, widget.NewButton(T("cand.record"), func() {
			if err := v.Record(); err != nil {
				v.u.showError(err)
			}
		})),
	)
	v.Content = container.NewBorder(top, bottom, nil, nil, v.List)
	return v
}

// Line is what candidate i reads.
func (v *CandidateView) Line(i int) string {
	c := v.Candidates[i]
	s := fmt.Sprintf("%d. %s", i+1, c.Name)
	if c.Card != "" {
		s += " — thẻ " + c.Card
	}
	if c.SubjectKind == "member" {
		s += " — " + c.Org
	}
	return s + " — " + c.Detail
}

func (v *CandidateView) updateCount() {
	n := 0
	for _, on := range v.Chosen {
		if on {
			n++
		}
	}
	v.Count.SetText(T("cand.count", kv("Chosen", n, "Total", len(v.Candidates))))
}

// ChooseAll ticks (or clears) every candidate.
func (v *CandidateView) ChooseAll(on bool) {
	for i := range v.Candidates {
		v.Chosen[i] = on
	}
	v.List.Refresh()
	v.updateCount()
}

// Refresh computes the list for the chosen kind, year or occasion, within
// the selected organisation.
func (v *CandidateView) Refresh() {
	if v.List == nil {
		return
	}
	year, _ := strconv.Atoi(v.Year.Selected)
	group := []domain.Group{domain.GroupMembers, domain.GroupCells, domain.GroupGrassroots}[max(0, v.Group.SelectedIndex())]
	var cs []store.Candidate
	var err error
	switch v.Kind.SelectedIndex() {
	case 0:
		cs, err = v.u.DB.ConsecutiveCandidates(v.u.ctx, year, 5, group)
	case 1:
		cs, err = v.u.DB.ConsecutiveCandidates(v.u.ctx, year, 1, group)
	default:
		occ, _ := domain.ParseDate(v.Occasion.Selected)
		cs, err = v.u.DB.BadgeCandidates(v.u.ctx, occ)
	}
	if err != nil {
		v.u.showError(err)
		return
	}
	v.Candidates = v.Candidates[:0]
	for _, c := range cs {
		if v.u.selected == 0 || v.u.Orgs.tree.IsUnder(c.OrgID, v.u.selected) {
			v.Candidates = append(v.Candidates, c)
		}
	}
	v.Chosen = map[int]bool{}
	v.List.Refresh()
	v.updateCount()
}

// Record records the chosen candidates' awards under the decision given.
func (v *CandidateView) Record() error {
	var chosen []store.Candidate
	for i, c := range v.Candidates {
		if v.Chosen[i] {
			chosen = append(chosen, c)
		}
	}
	date, err := domain.ParseDate(v.Date.Text)
	if err != nil {
		return domain.Errorf(domain.EINVALID, "Ngày quyết định", "%v", err)
	}
	d := store.Decision{No: v.DecisionNo.Text, Date: date, Issuer: v.Issuer.Text}
	if len(chosen) > 0 {
		if err := v.u.backupFirst(); err != nil {
			return err
		}
	}
	if err := v.u.DB.RecordAwards(v.u.ctx, chosen, d); err != nil {
		return err
	}
	dialog.ShowInformation(T("cand.record"), T("cand.recorded", kv("Count", len(chosen))), v.u.Window)
	v.Refresh()
	v.u.refreshMenu()
	return nil
}

// Document is the list as a printable document: the chosen candidates, or
// all of them when none is chosen.
func (v *CandidateView) Document() report.Document {
	var cs []store.Candidate
	for i, c := range v.Candidates {
		if v.Chosen[i] {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		cs = v.Candidates
	}
	people := report.PeopleFrom(cs, func(c store.Candidate) report.Person {
		return report.Person{Name: c.Name, BirthDate: c.BirthDate, Org: c.Org, Content: c.Detail, Milestone: c.Milestone}
	})
	if v.Kind.SelectedIndex() == 2 {
		occ, _ := domain.ParseDate(v.Occasion.Selected)
		return report.BadgeListDocument(occ, people)
	}
	return report.AwardListDocument(true, v.Kind.Selected+" — "+v.Year.Selected, people)
}

// Print asks where to write the candidate list and writes it.
func (v *CandidateView) Print() {
	v.u.PrintDocument(v.Document(), "danh-sach-de-nghi-"+v.u.scopeSlug())
}
