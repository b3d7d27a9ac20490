package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/paperwork"
	"xeploai/report"
	"xeploai/store"
)

// CandidateView prepares award lists: members (or cells, or grassroots
// organisations) excellent N years running or in the year, and members due a
// party badge; chosen candidates are recorded under one decision.
type CandidateView struct {
	u            *UI
	Content      fyne.CanvasObject
	Kind         *widget.Select
	Year         *widget.Select
	Group        *widget.Select
	Occasion     *Entry         // the four standard days offered first; any date may be typed
	Basis        *widget.Select // badges: all, or one basis
	List         *widget.List
	tall         map[int]bool // the rows made a line taller (fitRows)
	Count        *widget.Label
	Note         *widget.Label     // what the list is: an organisation pool, another occasion
	Postponed    *widget.Label     // badges postponed after a discipline, listed apart
	postponedBox *container.Scroll // the Postponed label's box, hidden when none is
	DecisionNo   *Entry
	Date         *Entry
	Issuer       *Entry

	Candidates []store.Candidate
	Chosen     map[int]bool
	load       *loader
	// Documents is the documents form shown last (after recording, or from
	// the print button).
	Documents *DocumentsForm
}

// badgeBases are the choices of the basis filter, "all" first.
var badgeBases = []domain.BadgeBasis{"", domain.BasisDue, domain.BasisEarlyIllness, domain.BasisOverdue, domain.BasisPosthumous}

func newCandidateView(u *UI) *CandidateView {
	v := &CandidateView{u: u, Count: widget.NewLabel(""), Note: widget.NewLabel(""), Postponed: widget.NewLabel(""), Chosen: map[int]bool{}, tall: map[int]bool{}, load: newLoader()}
	v.Note.Wrapping = fyne.TextWrapWord
	v.Postponed.Wrapping = fyne.TextWrapWord
	v.Kind = newSelect([]string{T("cand.kind.consecutive"), T("cand.kind.year"), T("cand.kind.badge")}, nil)
	v.Kind.SetSelectedIndex(0)
	this := domain.Today().Year
	var years []string
	for y := this; y >= this-15; y-- {
		years = append(years, strconv.Itoa(y))
	}
	v.Year = newSelect(years, nil)
	v.Year.SetSelected(strconv.Itoa(this - 1))
	v.Group = newSelect([]string{Label(domain.GroupMembers.Label()), Label(domain.GroupCells.Label()), Label(domain.GroupGrassroots.Label())}, nil)
	v.Group.SetSelectedIndex(0)
	var occasions []string
	occ := domain.PreviousBadgeOccasion(domain.Today())
	for i := 0; i < 6; i++ {
		occasions = append(occasions, occ.String())
		occ = domain.NextBadgeOccasion(occ.AddDate(0, 0, 1))
	}
	v.Occasion = newSelectEntry(occasions)
	v.Occasion.SetText(occasions[1])
	var bases []string
	for _, b := range badgeBases {
		bases = append(bases, basisLabel(b))
	}
	v.Basis = newSelect(bases, func(string) { v.Refresh() })
	v.Basis.SetSelectedIndex(0)
	v.List = widget.NewList(func() int { return len(v.Candidates) },
		func() fyne.CanvasObject { return newCandidateItem() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			it := o.(*candidateItem)
			head, detail, review := v.lineParts(i)
			it.check.OnChanged = nil
			it.check.SetText(head)
			it.check.SetChecked(v.Chosen[i])
			it.check.OnChanged = func(on bool) { v.Chosen[i] = on; v.updateCount() }
			it.detail.SetText(detail)
			it.review.SetText(review)
			it.review.Hidden = review == ""
		})
	v.DecisionNo = newEntry()
	v.DecisionNo.SetPlaceHolder(T("cand.decisionNo"))
	v.Date = dateEntry(domain.Today())
	v.Issuer = newEntry()
	v.Issuer.SetPlaceHolder(T("cand.issuer"))
	// Two rows, so that the tab fits a 1024-pixel screen beside the tree;
	// the year and group for the lists of excellence, the occasion and the
	// basis for badges: only those of the chosen kind show.
	yearInputs := container.NewHBox(widget.NewLabel(T("col.year")), v.Year)
	badgeInputs := container.NewHBox(widget.NewLabel(T("cand.occasion")),
		container.NewGridWrap(fyne.NewSize(150, v.Occasion.MinSize().Height), v.Occasion))
	// The group's and the basis' names whole ("Chi bộ trực thuộc",
	// "Truy tặng"), not cut to "Chi bộ …".
	groupBox := container.NewGridWrap(fyne.NewSize(250, v.Group.MinSize().Height), v.Group)
	basisBox := container.NewGridWrap(fyne.NewSize(250, v.Basis.MinSize().Height), v.Basis)
	v.Kind.OnChanged = func(string) {
		badges := v.Kind.SelectedIndex() == 2
		for _, o := range []fyne.CanvasObject{yearInputs, groupBox, badgeInputs, basisBox} {
			if show := (o == badgeInputs || o == basisBox) == badges; show {
				o.Show()
			} else {
				o.Hide()
			}
		}
	}
	v.Kind.OnChanged("")
	// A list is never shown for other choices than those it was made for:
	// changing the kind, year or group makes it again; typing another
	// occasion empties it until Lập danh sách (or Enter) makes it.
	showInputs := v.Kind.OnChanged
	v.Kind.OnChanged = func(s string) { showInputs(s); v.Refresh() }
	v.Year.OnChanged = func(string) { v.Refresh() }
	v.Group.OnChanged = func(string) { v.Refresh() }
	v.Occasion.OnChanged = func(string) { v.clear() }
	v.Occasion.OnSubmitted = func(string) { v.Refresh() }
	kind := container.NewGridWrap(fyne.NewSize(200, v.Kind.MinSize().Height), v.Kind)
	top := container.NewVBox(
		container.NewHBox(kind, groupBox, basisBox),
		container.NewHBox(yearInputs, badgeInputs, widget.NewButton(T("cand.list"), v.Refresh), widget.NewButton(T("doc.print"), v.Print)),
		v.Note)
	postponed := container.NewVScroll(v.Postponed)
	postponed.SetMinSize(fyne.NewSize(0, 70))
	postponed.Hide() // shown when some are postponed: the list has the room otherwise
	v.postponedBox = postponed
	bottom := container.NewVBox(
		postponed,
		container.NewHBox(widget.NewButton(T("cand.all"), func() { v.ChooseAll(true) }), widget.NewButton(T("cand.none"), func() { v.ChooseAll(false) }), v.Count),
		container.NewGridWithColumns(4, v.DecisionNo, v.Date, v.Issuer, u.keptWriter(widget.NewButton(T("cand.record"), func() {
			if err := v.Record(); err != nil {
				v.u.showError(err)
			}
		}))),
	)
	v.Content = container.NewBorder(top, bottom, nil, nil, v.List)
	return v
}

// Line is what candidate i reads.
func (v *CandidateView) Line(i int) string {
	head, detail, review := v.lineParts(i)
	s := head + " — " + detail
	if review != "" {
		s += " — " + review
	}
	return s
}

// lineParts are a candidate's lines in the list: who (with card, milestone
// and basis) beside the tick box, where and why under it, and what to look
// again at, if anything, under that.
func (v *CandidateView) lineParts(i int) (head, detail, review string) {
	c := v.Candidates[i]
	head = fmt.Sprintf("%d. %s", i+1, c.Name)
	if c.Card != "" {
		head += " — " + T("cand.card", kv("Card", c.Card))
	}
	if c.Milestone != 0 {
		head += " — " + T("cand.years", kv("N", c.Milestone))
	}
	if c.Basis != "" && c.Basis != domain.BasisDue {
		head += " — " + strings.ToUpper(Label(c.Basis.Label()))
	}
	detail = c.Detail
	if c.SubjectKind == "member" {
		detail = c.Org + " — " + c.Detail
	}
	if c.Review != "" {
		review = "⚠ " + T("cand.review", kv("Why", c.Review))
	}
	return head, detail, review
}

// candidateItem is a row of the candidate list: the tick box with who, and
// under it where and why, and what to look again at (if anything), each
// line cut with "…" where the window is narrow (the printed list has all).
type candidateItem struct {
	widget.BaseWidget
	check          *widget.Check
	detail, review *widget.Label
}

func newCandidateItem() *candidateItem {
	it := &candidateItem{check: widget.NewCheck("", nil), detail: widget.NewLabel(""), review: widget.NewLabel("")}
	for _, l := range []*widget.Label{it.detail, it.review} {
		l.Truncation = fyne.TextTruncateEllipsis
		l.SizeName = theme.SizeNameCaptionText
	}
	it.review.Importance = widget.WarningImportance
	it.review.Hide() // most have nothing to look at: the list's rows are two lines high
	it.ExtendBaseWidget(it)
	return it
}

func (it *candidateItem) CreateRenderer() fyne.WidgetRenderer {
	// The lines under the box start under its text.
	indent := canvas.NewRectangle(color.Transparent)
	indent.SetMinSize(fyne.NewSize(it.check.MinSize().Width-theme.Padding(), 0))
	under := container.New(layout.NewCustomPaddedVBoxLayout(0), it.detail, it.review)
	return widget.NewSimpleRenderer(container.NewBorder(it.check, nil, indent, nil, under))
}

// fitRows makes the rows with something to look at a line taller (and
// those that had, as the others).
func (v *CandidateView) fitRows() {
	it := newCandidateItem()
	short := it.MinSize().Height
	it.review.Show()
	tall := it.MinSize().Height
	for i := range v.tall {
		if i >= len(v.Candidates) || v.Candidates[i].Review == "" {
			v.List.SetItemHeight(i, short)
			delete(v.tall, i)
		}
	}
	for i, c := range v.Candidates {
		if c.Review != "" && !v.tall[i] {
			v.List.SetItemHeight(i, tall)
			v.tall[i] = true
		}
	}
}

func basisLabel(b domain.BadgeBasis) string {
	if b == "" {
		return T("cand.basis.all")
	}
	return T("cand.basis." + string(b))
}

// occasion reads the occasion field: a date as dd/mm/yyyy.
func (v *CandidateView) occasion() (domain.Date, error) {
	d, err := domain.ParseDate(v.Occasion.Text)
	if err == nil && d.IsZero() {
		err = errors.New(T("cand.noDate"))
	}
	if err != nil {
		return d, domain.Errorf(domain.EINVALID, T("cand.occasion"), "%v", err)
	}
	return d, nil
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
func (v *CandidateView) Refresh() { v.RefreshAsync(nil) }

// RefreshAsync reads the candidates off the UI goroutine (a second or so at
// 500,000 members) behind the view's progress bar.
func (v *CandidateView) RefreshAsync(ready func()) {
	if v.List == nil {
		return
	}
	year, _ := strconv.Atoi(v.Year.Selected)
	group := []domain.Group{domain.GroupMembers, domain.GroupCells, domain.GroupGrassroots}[max(0, v.Group.SelectedIndex())]
	kind := v.Kind.SelectedIndex()
	badges := kind == 2
	var occ domain.Date
	if badges {
		var err error
		if occ, err = v.occasion(); err != nil {
			// Said over the empty list, not in a dialog that would come
			// back at each click in the tree until the day is mended.
			v.clear()
			v.Note.SetText(SayError(err))
			return
		}
	}
	db := v.u.DB
	v.load.run(v.u, func(ctx context.Context) (func(), error) {
		var cs, ps []store.Candidate
		var err error
		switch kind {
		case 0:
			cs, err = db.ConsecutiveCandidates(ctx, year, 5, group)
		case 1:
			cs, err = db.ConsecutiveCandidates(ctx, year, 1, group)
		default:
			if cs, err = db.BadgeCandidates(ctx, occ); err == nil {
				ps, err = db.BadgePostponed(ctx, occ)
			}
		}
		if err != nil {
			return nil, err
		}
		return func() { v.show(cs, ps, badges, group, occ) }, nil
	}, ready)
}

// show puts the candidates read in the list, those of the chosen
// organisation and basis, and the postponed apart.
func (v *CandidateView) show(cs, ps []store.Candidate, badges bool, group domain.Group, occ domain.Date) {
	note := ""
	switch {
	case badges && !domain.IsBadgeOccasion(occ):
		note = T("cand.otheroccasion", kv("Date", domain.OccasionLabel(occ)))
	case !badges && group != domain.GroupMembers:
		note = domain.PoolNote(group)
	}
	v.Note.SetText(note)
	mine := func(c store.Candidate) bool { return v.u.selected == 0 || v.u.Orgs.tree.IsUnder(c.OrgID, v.u.selected) }
	basis := badgeBases[max(0, v.Basis.SelectedIndex())]
	v.Candidates = v.Candidates[:0]
	for _, c := range cs {
		if mine(c) && (!badges || basis == "" || c.Basis == basis) {
			v.Candidates = append(v.Candidates, c)
		}
	}
	if len(v.Candidates) == 0 {
		// An empty list says so, rather than a blank that looks unfinished.
		note = strings.TrimSpace(note + "\n" + T("cand.nobody"))
		v.Note.SetText(note)
	}
	var lines []string
	for _, c := range ps {
		if mine(c) {
			lines = append(lines, fmt.Sprintf("%s — %s — %s — %s", c.Name, T("cand.years", kv("N", c.Milestone)), c.Org, c.Detail))
		}
	}
	if len(lines) > 0 {
		v.Postponed.SetText(T("cand.postponed", kv("Count", len(lines))) + "\n" + strings.Join(lines, "\n"))
		v.postponedBox.Show()
	} else {
		v.Postponed.SetText("")
		v.postponedBox.Hide()
	}
	v.Chosen = map[int]bool{}
	v.fitRows()
	v.List.Refresh()
	v.updateCount()
}

// clear empties the list, which no longer matches the choices made.
func (v *CandidateView) clear() {
	v.load.run(v.u, func(context.Context) (func(), error) { return nil, nil }, nil) // an older load is dropped
	v.Candidates = v.Candidates[:0]
	v.Chosen = map[int]bool{}
	v.Postponed.SetText("")
	v.postponedBox.Hide()
	v.Note.SetText(T("cand.remake"))
	v.fitRows()
	v.List.Refresh()
	v.updateCount()
}

// chosen are the chosen candidates; all of them when none is chosen.
func (v *CandidateView) chosen() []store.Candidate {
	var cs []store.Candidate
	for i, c := range v.Candidates {
		if v.Chosen[i] {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return v.Candidates
	}
	return cs
}

// list is the candidate list chosen above.
func (v *CandidateView) list() (paperwork.List, error) {
	year, _ := strconv.Atoi(v.Year.Selected)
	l := paperwork.List{Kind: "consecutive", Year: year, Years: 5,
		Group: []domain.Group{domain.GroupMembers, domain.GroupCells, domain.GroupGrassroots}[max(0, v.Group.SelectedIndex())]}
	var err error
	switch v.Kind.SelectedIndex() {
	case 1:
		l.Kind, l.Years = "year", 1
	case 2:
		l.Kind = "badge"
		l.Occasion, err = v.occasion()
	}
	return l, err
}

// PrintDocuments opens the documents of the chosen candidates (all when none
// is chosen), with the decision's number and date as typed below.
func (v *CandidateView) PrintDocuments() (*DocumentsForm, error) {
	if len(v.Candidates) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "", "%s", T("cand.empty"))
	}
	l, err := v.list()
	if err != nil {
		return nil, err
	}
	b, err := paperwork.FromCandidates(v.u.ctx, v.u.DB, l, v.chosen())
	if err != nil {
		return nil, err
	}
	date, _ := domain.ParseDate(v.Date.Text)
	v.Documents = v.u.DocumentsDialog(T("doc.title"), b, report.Decision{No: v.DecisionNo.Text, Date: date})
	return v.Documents, nil
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
		return domain.Errorf(domain.EINVALID, T("award.decisionDate"), "%v", err)
	}
	// The number as the decision prints it ("127" → "127-QĐ/QU"), so that
	// it is found as printed. A decision of another committee (the city's,
	// for badges) is recorded with its number as written on it: a bare
	// number would take this committee's abbreviation, so it is asked for
	// in full.
	h := report.HeadingFrom(v.u.DB.Settings(v.u.ctx))
	abbr := h.Abbr
	d := store.Decision{No: strings.TrimSpace(v.DecisionNo.Text), Date: date, Issuer: strings.TrimSpace(v.Issuer.Text)}
	if d.No != "" && !strings.ContainsAny(d.No, "-/") && !h.IssuedHere(d.Issuer) {
		return domain.Errorf(domain.EINVALID, T("cand.decisionNo"), "%s", T("cand.decisionNo.full", kv("Issuer", d.Issuer, "No", d.No)))
	}
	if d.No != "" {
		d.No = report.FullNumber(d.No, report.KindDecision, abbr)
	}
	if len(chosen) > 0 {
		if err := v.u.backupFirst(); err != nil {
			return err
		}
	}
	if err := v.u.DB.RecordAwards(v.u.ctx, chosen, d); err != nil {
		return err
	}
	v.DecisionNo.SetText("") // the next decision has a number of its own
	// The decision's paperwork, from the records just written (from the
	// chosen candidates when the decision has no number to find them by).
	b, dec, err := paperwork.Recorded(v.u.ctx, v.u.DB, d.No, abbr, d.Date)
	if d.No == "" {
		dec = report.Decision{Date: d.Date}
		var l paperwork.List
		if l, err = v.list(); err == nil {
			b, err = paperwork.FromCandidates(v.u.ctx, v.u.DB, l, chosen)
		}
	}
	v.Refresh()
	v.u.refreshMenu()
	if err != nil {
		return err
	}
	v.Documents = v.u.DocumentsDialog(T("cand.recorded", kv("Count", len(chosen))), b, dec)
	return nil
}

// Print opens the documents of the list (the button, Ctrl+P).
func (v *CandidateView) Print() {
	if _, err := v.PrintDocuments(); err != nil {
		v.u.showError(err)
	}
}
