package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
)

// RatingView is the December job: choose a year and an organisation, then
// rate its members (a cell) or its sub-organisations (a committee) from the
// keyboard. Every change is saved at once.
type RatingView struct {
	u        *UI
	Content  fyne.CanvasObject
	Year     *widget.Select
	Grid     *RatingGrid
	Own      *widget.Select // the selected organisation's own level
	OwnMass  *widget.Select // its government's, Front's and unions' lowest result (HD 21)
	Counts   *widget.Label
	Warnings *widget.Label
	Title    *widget.Label

	year int
	org  *domain.Org
	own  domain.Rating // the organisation's own rating as stored
	// check is what the year's rules read of the grassroots organisation the
	// sheet lies in (of the sheet's organisation itself above that level),
	// kept up to date as the sheet writes: the panel beside the grid shows
	// the findings of the rule set of the sheet's year about the sheet.
	check *domain.CheckInput
	// session groups the writes made on this sheet into one step of the
	// history, undone at once.
	session context.Context
	written bool   // the session has written something
	traced  string // the findings last written to the trace
	// said is what the sheet last put on the status line: the next rating
	// written takes it off.
	said string
	// flagged are the rows (members, or sub-organisations) the findings
	// shown are about: their name is marked ⚠ in the sheet.
	flagged map[int64]bool
	Rows    []RatingRow
}

// RatingRow is one line of the sheet: a member or a sub-organisation.
type RatingRow struct {
	MemberID int64
	Card     string // the member's card number
	OrgID    int64  // for a sub-organisation's own rating
	Name     string
	Detail   string
	Level    domain.Level
	Score    *float64
	Reason   string
	// Other is a member's civil-service rating, or a sub-organisation's
	// government and unions result (HD 21); LevelNone when not given.
	Other  domain.Level
	member domain.Member // a member row's record, for the rules
}

// rating is the row's rating for year.
func (r RatingRow) rating(year int) domain.Rating {
	rt := domain.Rating{Year: year, Level: r.Level, Score: r.Score, NotRatedReason: r.Reason}
	if r.MemberID != 0 {
		rt.CivilService = r.Other
	} else {
		rt.MassOrgs = r.Other
	}
	return rt
}

// RatingGrid is a table that takes level keys: 1–4 (or X, T, H, K), 0 for
// "not rated" with a reason from the list, D for a score, C for the
// civil-service rating (a member) or the government and unions result (an
// organisation), Delete to clear, arrows and Enter to move.
type RatingGrid struct {
	widget.Table
	v      *RatingView
	Cursor int
}

var levelKeys = map[rune]domain.Level{
	'1': domain.LevelExcellent, '2': domain.LevelGood, '3': domain.LevelCompleted, '4': domain.LevelNotCompleted,
	'x': domain.LevelExcellent, 't': domain.LevelGood, 'h': domain.LevelCompleted, 'k': domain.LevelNotCompleted,
}

func newRatingView(u *UI) *RatingView {
	v := &RatingView{u: u, Counts: widget.NewLabel(""), Warnings: widget.NewLabel(""), Title: widget.NewLabel("")}
	v.Warnings.Wrapping = fyne.TextWrapWord
	v.Counts.Wrapping = fyne.TextWrapWord
	this := domain.Today().Year
	var years []string
	for y := this; y >= this-15; y-- {
		years = append(years, strconv.Itoa(y))
	}
	v.year = this - 1
	if domain.Today().Month == 12 {
		v.year = this // rating season starts in December
	}
	v.Year = newSelect(years, nil)
	v.Year.SetSelected(strconv.Itoa(v.year))
	v.Year.OnChanged = func(s string) {
		v.year, _ = strconv.Atoi(s)
		v.Refresh()
	}
	v.Own = newSelect(levelNames(), func(s string) { v.setOwn(s) })
	v.OwnMass = newSelect(levelNames(), func(s string) { v.setOwnMass(s) })
	g := &RatingGrid{v: v}
	g.Length = func() (int, int) { return len(v.Rows), ratingCols }
	g.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("Hoàn thành xuất sắc nhiệm vụ")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	g.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row >= len(v.Rows) {
			l.SetText("")
			return
		}
		r := v.Rows[id.Row]
		l.TextStyle.Bold = id.Row == g.Cursor
		switch id.Col {
		case 0:
			if v.flagged[r.MemberID] || v.flagged[r.OrgID] {
				l.SetText("⚠ " + r.Name)
			} else {
				l.SetText(r.Name)
			}
		case 1:
			l.SetText(r.Detail)
		case 2:
			l.SetText(levelText(r))
		case 3:
			l.SetText(scoreText(r.Score))
		case 4:
			l.SetText(reasonText(r.Reason))
		case 5:
			if r.Other != domain.LevelNone {
				l.SetText(Label(r.Other.Short()))
			} else {
				l.SetText("")
			}
		}
		l.Refresh()
	}
	g.ShowHeaderRow = true
	g.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis // a long heading never runs over the next column
		return l
	}
	g.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			// Headings short enough for their columns (the panel and the
			// dialogs say them whole).
			cols := []string{"col.name", "col.birth", "col.level", "col.score", "col.reason.head", "col.civil.head"}
			if v.org != nil && !v.org.Kind.HoldsMembers() {
				// A committee's sheet lists its sub-organisations.
				cols = []string{"col.org", "col.kind", "col.level", "col.score", "col.reason.head", "col.mass.head"}
			}
			o.(*widget.Label).SetText(T(cols[id.Col]))
		}
	}
	g.OnSelected = func(id widget.TableCellID) {
		g.moveTo(id.Row)
		g.UnselectAll()
		u.Window.Canvas().Focus(g)
	}
	g.ExtendBaseWidget(g)
	for i, w := range []float32{180, 92, 120, 56, 130, 110} {
		g.SetColumnWidth(i, w)
	}
	v.Grid = g
	help := widget.NewLabel(T("rating.help"))
	help.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(
		container.NewHBox(widget.NewLabel(T("rating.year")), v.Year, v.Title),
		container.New(layout.NewFormLayout(), widget.NewLabel(T("rating.own")), v.Own, widget.NewLabel(T("col.mass")), v.OwnMass),
		help,
	)
	side := container.NewVBox(widget.NewLabelWithStyle(T("rating.counts"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.Counts, v.Warnings)
	sideScroll := container.NewVScroll(side)
	sideScroll.SetMinSize(fyne.NewSize(200, 0))
	v.Content = container.NewBorder(top, nil, nil, sideScroll, g)
	return v
}

// levelNamed is the level a choice box shows by name, in the interface's
// language; "—" is none.
func levelNamed(s string) domain.Level {
	for _, l := range domain.Levels {
		if Label(l.Name()) == s {
			return l
		}
	}
	return domain.LevelNone
}

func levelNames() []string {
	out := []string{"—"}
	for _, l := range domain.Levels {
		out = append(out, Label(l.Name()))
	}
	return out
}

// Refresh loads the sheet of the selected organisation for the year.
func (v *RatingView) Refresh() {
	if v.u == nil || v.Grid == nil {
		return
	}
	v.Rows = nil
	v.org = nil
	v.check = nil
	if id := v.u.selected; id != 0 {
		org, err := v.u.DB.Org(v.u.ctx, id)
		if err != nil {
			v.u.showError(err)
			return
		}
		v.org = org
		if err := v.load(); err != nil {
			v.u.showError(err)
		}
	}
	if v.org == nil {
		v.Title.SetText(T("rating.choose"))
	} else {
		v.Title.SetText(v.org.Name)
	}
	if v.org == nil || v.u.DB.ReadOnly() {
		v.Own.Disable()
		v.OwnMass.Disable()
	} else {
		v.Own.Enable()
		v.OwnMass.Enable()
	}
	if v.Grid.Cursor >= len(v.Rows) {
		v.Grid.Cursor = 0
	}
	v.Grid.Refresh()
	v.updateSide()
}

func (v *RatingView) load() error {
	ctx, db := v.u.ctx, v.u.DB
	v.session = store.WithGroup(ctx, store.NewGroup("ratings"), fmt.Sprintf("%s — %d", v.org.Name, v.year))
	v.written = false
	own, err := db.OrgRating(ctx, v.org.ID, v.year)
	if err != nil {
		return err
	}
	v.own = domain.Rating{Year: v.year}
	if own != nil {
		v.own = own.Rating
	}
	v.showOwn()
	tree, err := db.Tree(ctx, domain.YearEnd(v.year))
	if err != nil {
		return err
	}
	scope := v.org.ID
	if g := tree.Grassroots(v.org.ID); g != nil {
		scope = g.ID
	}
	if v.check, err = db.CheckInput(ctx, v.year, scope); err != nil {
		return err
	}
	if v.org.Kind.HoldsMembers() {
		sheet, err := db.RatingSheet(ctx, v.org.ID, v.year)
		if err != nil {
			return err
		}
		for _, s := range sheet {
			r := RatingRow{MemberID: s.Member.ID, Card: s.Member.CardNo, Name: s.Member.FullName, Detail: s.Member.BirthDate.String(), member: s.Member}
			if s.Rating != nil {
				r.Level, r.Score, r.Reason, r.Other = s.Rating.Level, s.Rating.Score, s.Rating.NotRatedReason, s.Rating.CivilService
			}
			v.Rows = append(v.Rows, r)
		}
		return nil
	}
	for _, c := range tree.Children(v.org.ID) {
		o := tree.Org(c)
		if !o.Active(domain.NewDate(v.year, 12, 1)) {
			continue
		}
		r := RatingRow{OrgID: o.ID, Name: o.Name, Detail: Label(o.Kind.Label())}
		if rt, err := db.OrgRating(ctx, o.ID, v.year); err != nil {
			return err
		} else if rt != nil {
			r.Level, r.Score, r.Reason, r.Other = rt.Level, rt.Score, rt.NotRatedReason, rt.MassOrgs
		}
		v.Rows = append(v.Rows, r)
	}
	return nil
}

// counts totals the sheet's levels.
func (v *RatingView) counts() domain.LevelCounts {
	var c domain.LevelCounts
	for _, r := range v.Rows {
		if r.Level != domain.LevelNone || r.Reason != "" {
			c.Add(r.Level, r.Reason, 1)
		}
	}
	return c
}

func (v *RatingView) updateSide() {
	c := v.counts()
	var lines []string
	for _, l := range domain.Levels {
		lines = append(lines, fmt.Sprintf("%s: %d", Label(l.Short()), c.Levels[l]))
	}
	lines = append(lines, fmt.Sprintf("%s: %d", T("report.notrated"), c.NotRated),
		T("rating.progress", kv("Done", c.Total, "All", len(v.Rows))))
	a, b := c.QuotaRatios()
	lines = append(lines, T("rating.quota", kv("A", domain.Percent(a), "B", domain.Percent(b))))
	v.Counts.SetText(strings.Join(lines, "\n"))
	var warn []string
	if v.org != nil && v.check != nil {
		if rs := domain.RuleSetFor(v.year); rs != nil {
			warn = append(warn, T("rating.rules", kv("Regulation", rs.Regulation, "Guidance", rs.Guidance, "Review", v.check.ReviewDate().String())))
		}
		findings := domain.CheckSheet(v.check, v.org.ID)
		v.traceFindings(findings)
		// The rows are members (a cell) or sub-organisations (a committee).
		rowKind := "org"
		if v.org.Kind.HoldsMembers() {
			rowKind = "member"
		}
		flagged := map[int64]bool{}
		for _, f := range findings {
			if f.SubjectKind == rowKind && (rowKind == "member" || f.SubjectID != v.org.ID) {
				flagged[f.SubjectID] = true
			}
		}
		if !maps.Equal(flagged, v.flagged) {
			v.flagged = flagged
			v.Grid.Refresh()
		}
		for _, f := range findings {
			text := Say(f.Text, f.Message) + " (" + SaySource(f.Source) + ")"
			if f.SubjectID != v.org.ID || f.SubjectKind != "org" {
				text = findingWho(f) + ": " + text
			}
			warn = append(warn, "⚠ "+text)
		}
	}
	v.Warnings.SetText(strings.Join(warn, "\n"))
}

// traceFindings writes the panel's findings to the trace when they change:
// one line `finding <rule> "<source>"` each, then `findings <year> <n>`.
func (v *RatingView) traceFindings(fs []domain.Violation) {
	var lines []string
	for _, f := range fs {
		lines = append(lines, fmt.Sprintf("finding %s %s", f.Rule, strconv.Quote(f.Source)))
	}
	lines = append(lines, fmt.Sprintf("findings %d %d", v.year, len(fs)))
	if text := strings.Join(lines, "\n"); text != v.traced {
		v.traced = text
		v.u.trace("%s", text)
	}
}

// reasonText is what the reason column shows: a reason not on the list is
// marked.
func reasonText(reason string) string {
	known, ok := domain.ParseReason(reason)
	switch {
	case reason == "":
		return ""
	case !ok:
		return "⚠ " + reason
	}
	return Label(known.Label()) // in the interface's language
}

// showOwn shows the organisation's own rating without writing it again.
func (v *RatingView) showOwn() {
	name := func(l domain.Level) string {
		if l == domain.LevelNone {
			return "—"
		}
		return Label(l.Name())
	}
	v.Own.OnChanged, v.OwnMass.OnChanged = nil, nil
	v.Own.SetSelected(name(v.own.Level))
	v.OwnMass.SetSelected(name(v.own.MassOrgs))
	v.Own.OnChanged = func(s string) { v.setOwn(s) }
	v.OwnMass.OnChanged = func(s string) { v.setOwnMass(s) }
}

func (v *RatingView) setOwn(s string) {
	if v.org == nil {
		return
	}
	r := v.own
	r.Level = levelNamed(s)
	r.NotRatedReason = ""
	if r.Level == domain.LevelNone {
		r = domain.Rating{Year: v.year}
	}
	v.writeOwn(r)
}

// setOwnMass records the result of the government, the Front and the
// unions at the organisation's level; the organisation must be rated first.
func (v *RatingView) setOwnMass(s string) {
	if v.org == nil {
		return
	}
	if v.own.Level == domain.LevelNone && v.own.NotRatedReason == "" {
		v.u.showError(domain.Errorf(domain.EINVALID, T("col.mass"), "hãy xếp loại tổ chức trước"))
		v.showOwn()
		return
	}
	r := v.own
	r.MassOrgs = levelNamed(s)
	v.writeOwn(r)
}

func (v *RatingView) writeOwn(r domain.Rating) {
	if v.u.viewOnly() {
		v.showOwn()
		return
	}
	// Saved only over the rating the sheet shows (another office may have
	// rated the organisation since it opened).
	var next *domain.OrgRating
	if r.Level != domain.LevelNone || r.NotRatedReason != "" {
		next = &domain.OrgRating{OrgID: v.org.ID, Rating: r}
	}
	was := v.own
	err := v.u.DB.RateOrgFrom(v.session, v.org.ID, v.year, &was, next)
	var changed *store.RatingChangedError
	if errors.As(err, &changed) {
		v.own = domain.Rating{Year: v.year}
		if changed.Current != nil {
			v.own = *changed.Current
		}
		v.showOwn()
		v.u.inform(T("changed.title"), T("changed.rating", kv("Name", changed.Name, "Year", changed.Year, "Who", changed.Who, "At", domain.StampText(changed.At))))
		return
	}
	if err != nil {
		v.u.showError(err)
		v.showOwn()
		return
	}
	v.own = r
	v.showOwn()
	if v.check != nil {
		v.check.SetOrg(v.org.ID, r)
	}
	v.sessionStarted()
	v.updateSide()
}

// sessionStarted names the sheet's session in the Edit menu after its first
// write (the later ones join the same undo step).
func (v *RatingView) sessionStarted() {
	if !v.written {
		v.written = true
		v.u.refreshMenu()
	}
}

// Set records row i's level (LevelNone with a reason for "not rated"; with
// neither, the rating is removed) and saves it at once.
func (v *RatingView) Set(i int, l domain.Level, reason string, score *float64) error {
	if i < 0 || i >= len(v.Rows) {
		return nil
	}
	next := v.Rows[i]
	next.Level, next.Reason, next.Score = l, reason, score
	return v.write(i, next)
}

// SetOther records row i's civil-service rating (a member) or government
// and unions result (an organisation); the row must be rated first.
func (v *RatingView) SetOther(i int, l domain.Level) error {
	if i < 0 || i >= len(v.Rows) {
		return nil
	}
	next := v.Rows[i]
	if next.Level == domain.LevelNone && next.Reason == "" {
		err := domain.Errorf(domain.EINVALID, v.otherName(), "hãy xếp loại %s trước", next.Name)
		v.u.showError(err)
		return err
	}
	next.Other = l
	return v.write(i, next)
}

// otherName names the sheet's last column.
func (v *RatingView) otherName() string {
	if v.org != nil && !v.org.Kind.HoldsMembers() {
		return T("col.mass")
	}
	return T("col.civil")
}

// errViewOnly is a key on the sheet of a database open read-only: nothing
// is written, and the status line has said why.
var errViewOnly = errors.New("chỉ xem")

// write saves row i as next and keeps the rules' input up to date.
func (v *RatingView) write(i int, next RatingRow) error {
	if v.u.viewOnly() {
		return errViewOnly
	}
	r := &v.Rows[i]
	l, reason := next.Level, next.Reason
	if l == domain.LevelNone && reason == "" {
		next.Score, next.Other = nil, domain.LevelNone
	}
	rating := next.rating(v.year)
	ctx, db := v.session, v.u.DB
	var err error
	switch {
	case r.MemberID != 0:
		// Saved only over the rating the row shows (another office may have
		// rated the member since the sheet opened).
		was := r.rating(v.year)
		var rated *domain.MemberRating
		if l != domain.LevelNone || reason != "" {
			rated = &domain.MemberRating{MemberID: r.MemberID, OrgID: v.org.ID, Rating: rating}
		}
		err = db.RateMemberFrom(ctx, r.MemberID, v.year, &was, rated)
	default:
		// An organisation's likewise.
		was := r.rating(v.year)
		var rated *domain.OrgRating
		if l != domain.LevelNone || reason != "" {
			rated = &domain.OrgRating{OrgID: r.OrgID, Rating: rating}
		}
		err = db.RateOrgFrom(ctx, r.OrgID, v.year, &was, rated)
	}
	var changed *store.RatingChangedError
	if errors.As(err, &changed) {
		// The row shows what is stored now, and the sheet says why.
		next = *r
		next.Level, next.Reason, next.Score, next.Other = domain.LevelNone, "", nil, domain.LevelNone
		if c := changed.Current; c != nil {
			next.Level, next.Reason, next.Score, next.Other = c.Level, c.NotRatedReason, c.Score, c.CivilService
			if r.MemberID == 0 {
				next.Other = c.MassOrgs
			}
		}
		v.applyRow(i, next)
		v.u.inform(T("changed.title"), T("changed.rating", kv("Name", changed.Name, "Year", changed.Year, "Who", changed.Who, "At", domain.StampText(changed.At))))
		return err
	}
	if err != nil {
		v.u.showError(err)
		return err
	}
	v.applyRow(i, next)
	if r.MemberID != 0 {
		code := l.Code()
		if code == "" {
			code = "none"
		}
		if v.said != "" && v.u.Status.Text == v.said {
			v.u.refreshStatus()
		}
		v.said = ""
		v.u.trace("rate %s %d %s", cardOr(r.Card, r.MemberID), v.year, code)
		// What goes with the level: the score and the civil-service rating.
		score, other := scoreText(next.Score), next.Other.Code()
		v.u.trace("rated %s %d score %s other %s", cardOr(r.Card, r.MemberID), v.year, orNone(score), orNone(other))
	}
	v.sessionStarted()
	return nil
}

// orNone is s, or "none" for nothing (a trace's word).
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// applyRow shows row i as next and keeps the rules' input and the side
// panel up to date.
func (v *RatingView) applyRow(i int, next RatingRow) {
	r := &v.Rows[i]
	*r = next
	rating := next.rating(v.year)
	switch {
	case v.check == nil:
	case r.MemberID != 0:
		m := r.member
		v.check.SetMember(domain.RatedMember{MemberID: r.MemberID, Name: r.Name, Card: m.CardNo, BirthDate: m.BirthDate, OrgID: v.org.ID, Level: r.Level, Score: r.Score,
			Reason: r.Reason, CivilService: r.Other, AdmittedOn: m.AdmittedOn, Status: m.Status, StatusOn: m.StatusOn})
	default:
		v.check.SetOrg(r.OrgID, rating)
	}
	v.Grid.RefreshRow(i)
	v.updateSide()
}

// RefreshRow redraws one row.
func (g *RatingGrid) RefreshRow(i int) {
	for c := 0; c < ratingCols; c++ {
		g.RefreshItem(widget.TableCellID{Row: i, Col: c})
	}
}

func (g *RatingGrid) moveTo(i int) {
	if i < 0 || i >= len(g.v.Rows) {
		return
	}
	old := g.Cursor
	g.Cursor = i
	g.RefreshRow(old)
	g.RefreshRow(i)
	g.ScrollTo(widget.TableCellID{Row: i, Col: 0})
}

// TypedRune sets levels from the keyboard.
func (g *RatingGrid) TypedRune(r rune) {
	v := g.v
	if len(v.Rows) == 0 {
		return
	}
	switch lr := []rune(strings.ToLower(string(r)))[0]; {
	case strings.ContainsRune("0nđdc", lr) && v.u.viewOnly():
		// Nothing to ask for: nothing can be written here.
	case levelKeys[lr] != domain.LevelNone:
		if v.Set(g.Cursor, levelKeys[lr], "", keepScore(v.Rows[g.Cursor])) == nil {
			g.moveTo(g.Cursor + 1)
		}
	case lr == '0' || lr == 'n':
		v.askReason(g.Cursor)
	case lr == 'd' || lr == 'đ':
		v.askScore(g.Cursor)
	case lr == 'c':
		v.askOther(g.Cursor)
	}
}

// ratingCols: name, birth (or kind), level, score, reason, and the
// civil-service rating or the government and unions result.
const ratingCols = 6

// levelText is what the level column shows: the level, "not rated" when a
// reason was given, nothing while the row is still to be rated.
func levelText(r RatingRow) string {
	if r.Level == domain.LevelNone && r.Reason == "" {
		return ""
	}
	if r.Level == domain.LevelNone {
		return T("report.notrated")
	}
	return Label(r.Level.Short()) // short, so that every column fits a small screen
}

// scoreText shows a score with the Vietnamese decimal comma.
func scoreText(s *float64) string { return strings.Replace(domain.ScoreText(s), ".", ",", 1) }

func keepScore(r RatingRow) *float64 {
	if r.Level == domain.LevelNone {
		return nil
	}
	return r.Score
}

// TypedKey moves with the arrows and Enter, and clears with Delete.
func (g *RatingGrid) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyUp:
		g.moveTo(g.Cursor - 1)
	case fyne.KeyDown, fyne.KeyReturn, fyne.KeyEnter:
		g.moveTo(g.Cursor + 1)
	case fyne.KeyDelete, fyne.KeyBackspace:
		g.v.Set(g.Cursor, domain.LevelNone, "", nil)
	case fyne.KeyPageUp, fyne.KeyPageDown:
		// The year before or after, keeping the keyboard in the grid and the
		// cursor on the same member (or organisation).
		step := map[fyne.KeyName]int{fyne.KeyPageUp: -1, fyne.KeyPageDown: 1}[e.Name]
		if y := strconv.Itoa(g.v.year + step); slices.Contains(g.v.Year.Options, y) {
			var was RatingRow
			if g.Cursor < len(g.v.Rows) {
				was = g.v.Rows[g.Cursor]
			}
			g.v.Year.SetSelected(y)
			for i, r := range g.v.Rows {
				if r.MemberID == was.MemberID && r.OrgID == was.OrgID {
					g.moveTo(i)
					break
				}
			}
			g.v.u.Window.Canvas().Focus(g)
		}
	case fyne.KeyHome:
		g.moveTo(0)
	case fyne.KeyEnd:
		g.moveTo(len(g.v.Rows) - 1)
	default:
		g.Table.TypedKey(e)
	}
}

// askReason picks row i's reason not to rate from the list: a member's
// reasons, or an organisation's. A reason stored before (or imported) that
// is not on the list is shown, to be replaced.
func (v *RatingView) askReason(i int) {
	r := v.Rows[i]
	list := domain.MemberReasons
	if r.MemberID == 0 {
		list = domain.OrgReasons
	}
	var d dialog.Dialog
	pick := func(label string) {
		d.Hide()
		if v.Set(i, domain.LevelNone, label, nil) == nil {
			v.Grid.moveTo(i + 1)
		}
		v.u.Window.Canvas().Focus(v.Grid)
	}
	// One button a reason, numbered: a digit picks it from the keyboard.
	keys := &keyCatcher{}
	buttons := container.NewVBox()
	for n, reason := range list {
		label := reason.Label() // stored in Vietnamese, shown in the interface's language
		b := widget.NewButton(fmt.Sprintf("%d · %s", n+1, Label(label)), func() { pick(label) })
		b.Alignment = widget.ButtonAlignLeading
		if known, ok := domain.ParseReason(r.Reason); ok && known == reason {
			b.Importance = widget.HighImportance
		}
		buttons.Add(b)
		keys.runes = append(keys.runes, rune('1'+n))
		keys.actions = append(keys.actions, func() { pick(label) })
	}
	content := container.NewVBox(widget.NewLabel(T("rating.reason.keys")), buttons)
	if _, ok := domain.ParseReason(r.Reason); !ok && r.Reason != "" {
		note := widget.NewLabel(T("rating.reason.unknown", kv("Reason", r.Reason)))
		note.Wrapping = fyne.TextWrapWord
		content.Add(note)
	}
	content.Add(keys)
	d = dialog.NewCustom(T("rating.reason")+" — "+r.Name, T("Cancel"), content, v.u.Window)
	d.SetOnClosed(func() { v.u.Window.Canvas().Focus(v.Grid) })
	keys.cancel = d.Hide
	d.Resize(fyne.NewSize(min(520, v.u.Window.Canvas().Size().Width-40), 0))
	d.Show()
	v.u.Window.Canvas().Focus(keys)
}

// keyCatcher is an invisible widget that takes the keyboard in a dialog:
// each of its runes runs its action; Esc cancels.
type keyCatcher struct {
	widget.BaseWidget
	runes   []rune
	actions []func()
	cancel  func()
}

func (k *keyCatcher) CreateRenderer() fyne.WidgetRenderer {
	k.ExtendBaseWidget(k)
	return widget.NewSimpleRenderer(layout.NewSpacer())
}

func (k *keyCatcher) FocusGained() {}
func (k *keyCatcher) FocusLost()   {}

func (k *keyCatcher) TypedRune(r rune) {
	for i, x := range k.runes {
		if x == r {
			k.actions[i]()
			return
		}
	}
}

func (k *keyCatcher) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyEscape && k.cancel != nil {
		k.cancel()
	}
}

// labelsOf names each of a domain list's items as users read them.
func labelsOf[T interface{ Label() string }](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = Label(x.Label())
	}
	return out
}

// askOther picks row i's civil-service rating or government and unions
// result: one button a level, numbered as the sheet's keys (1 excellent …
// 4 not completed, 0 none), so that a digit picks it from the keyboard.
func (v *RatingView) askOther(i int) {
	r := v.Rows[i]
	var d dialog.Dialog
	pick := func(l domain.Level) {
		d.Hide()
		v.SetOther(i, l)
		v.u.Window.Canvas().Focus(v.Grid)
	}
	keys := &keyCatcher{}
	buttons := container.NewVBox()
	add := func(key rune, l domain.Level, label string) {
		b := widget.NewButton(fmt.Sprintf("%c · %s", key, label), func() { pick(l) })
		b.Alignment = widget.ButtonAlignLeading
		if l == r.Other {
			b.Importance = widget.HighImportance
		}
		buttons.Add(b)
		keys.runes = append(keys.runes, key)
		keys.actions = append(keys.actions, func() { pick(l) })
	}
	for n, l := range domain.Levels {
		add(rune('1'+n), l, Label(l.Name()))
	}
	add('0', domain.LevelNone, T("rating.other.none"))
	hint := widget.NewLabel(T("rating.other.hint." + map[bool]string{true: "civil", false: "mass"}[r.MemberID != 0]))
	hint.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustom(v.otherName()+" — "+r.Name, T("Cancel"), container.NewVBox(widget.NewLabel(T("rating.other.keys")), buttons, hint, keys), v.u.Window)
	d.SetOnClosed(func() { v.u.Window.Canvas().Focus(v.Grid) })
	keys.cancel = d.Hide
	d.Resize(fyne.NewSize(min(520, v.u.Window.Canvas().Size().Width-40), 0))
	d.Show()
	v.u.Window.Canvas().Focus(keys)
}

func (v *RatingView) askScore(i int) {
	r := v.Rows[i]
	if r.Level == domain.LevelNone {
		v.said = T("rating.score.first", kv("Name", r.Name))
		v.u.Status.SetText(v.said)
		return
	}
	score := newEntry()
	score.SetText(scoreText(r.Score))
	score.Validator = func(s string) error {
		_, err := domain.ParseScore(s)
		return err
	}
	d := dialog.NewForm(T("rating.score")+" — "+r.Name, T("Save"), T("Cancel"), []*widget.FormItem{widget.NewFormItem(T("col.score"), score)}, func(ok bool) {
		if ok {
			p, _ := domain.ParseScore(score.Text)
			v.Set(i, r.Level, "", p)
		}
		v.u.Window.Canvas().Focus(v.Grid)
	}, v.u.Window)
	score.OnSubmitted = func(string) { d.Submit() } // Enter saves a right score
	d.Show()
	v.u.Window.Canvas().Focus(score)
	// The old score selected: what is typed replaces it ("9" over 85 is 9,
	// not 985 or 95).
	score.TypedShortcut(&fyne.ShortcutSelectAll{})
}
