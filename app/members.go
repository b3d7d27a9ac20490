package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
)

const pageSize = 200

// MemberView is the member table: it reads pages from the store as they
// scroll into view, so 500,000 members cost no more than a few pages.
type MemberView struct {
	u       *UI
	Content fyne.CanvasObject
	Table   *widget.Table
	Count   *widget.Label
	// Show chooses the members on the roll (the default) or all of them.
	Show *widget.Select

	query store.MemberQuery
	total int
	pages map[int][]domain.Member
	order []int // pages by last use, for eviction
	cells map[int64]string
}

type memberColumn struct {
	key   string
	sort  string
	width float32
	text  func(v *MemberView, m *domain.Member) string
}

var memberColumns = []memberColumn{
	{"col.name", "name", 230, func(_ *MemberView, m *domain.Member) string { return m.FullName }},
	// The cell second, its own name first: on a small screen it is what
	// tells the rows apart.
	{"col.cell", "", 260, func(v *MemberView, m *domain.Member) string { return v.cells[m.CellID] }},
	{"col.birth", "birth", 110, func(_ *MemberView, m *domain.Member) string { return m.BirthDate.String() }},
	{"col.sex", "", 80, func(_ *MemberView, m *domain.Member) string { return Label(m.Sex.Label()) }},
	{"col.admitted", "admitted", 120, func(_ *MemberView, m *domain.Member) string { return m.AdmittedOn.String() }},
	{"col.card", "card", 100, func(_ *MemberView, m *domain.Member) string { return m.CardNo }},
	{"col.status", "", 130, func(_ *MemberView, m *domain.Member) string { return Label(m.Status.Label()) }},
}

func newMemberView(u *UI) *MemberView {
	v := &MemberView{u: u, Count: widget.NewLabel(""), pages: map[int][]domain.Member{}}
	v.Table = widget.NewTableWithHeaders(
		func() (int, int) { return v.total, len(memberColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Nguyễn Thị Minh Khai")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if m := v.Row(id.Row); m != nil {
				l.SetText(memberColumns[id.Col].text(v, m))
			} else {
				l.SetText("")
			}
		},
	)
	v.Table.ShowHeaderColumn = false
	v.Table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	v.Table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 {
			return
		}
		c := memberColumns[id.Col]
		b.SetText(T(c.key))
		b.SetIcon(nil)
		if c.sort != "" && (v.query.SortBy == c.sort || (v.query.SortBy == "" && c.sort == "name")) {
			if v.query.Desc {
				b.SetIcon(theme.MoveDownIcon())
			} else {
				b.SetIcon(theme.MoveUpIcon())
			}
		}
		b.OnTapped = func() { v.SortBy(c.sort) }
	}
	for i, c := range memberColumns {
		v.Table.SetColumnWidth(i, c.width)
	}
	v.Table.OnSelected = func(id widget.TableCellID) {
		if m := v.Row(id.Row); m != nil {
			v.ShowMember(m.ID)
		}
		v.Table.UnselectAll()
	}
	// On the roll by default, as the tree counts them; the others on demand.
	v.query.OnRoll = true
	v.Show = newSelect([]string{T("member.show.onroll"), T("member.show.all")}, nil)
	v.Show.SetSelectedIndex(0)
	v.Show.OnChanged = func(string) {
		v.query.OnRoll = v.Show.SelectedIndex() == 0
		v.Refresh()
	}
	bar := container.NewHBox(
		u.keptWriter(widget.NewButtonWithIcon(T("member.add"), theme.ContentAddIcon(), v.NewMember)),
		fitsText(v.Show, T("member.show.onroll")), v.Count,
	)
	v.Content = container.NewBorder(bar, nil, nil, nil, v.Table)
	return v
}

// SortBy orders the table by a column; a second tap reverses it.
func (v *MemberView) SortBy(col string) {
	if col == "" {
		return
	}
	if v.query.SortBy == col || (v.query.SortBy == "" && col == "name") {
		v.query.Desc = !v.query.Desc
	} else {
		v.query.SortBy, v.query.Desc = col, false
	}
	v.Refresh()
}

// SetNameFilter shows the members whose name has a word starting with s,
// ignoring case and diacritics.
func (v *MemberView) SetNameFilter(s string) {
	v.query.Name = s
	v.Refresh()
}

// Refresh counts the members in scope again and drops cached pages.
func (v *MemberView) Refresh() {
	v.query.OrgID = v.u.selected
	n, err := v.u.DB.CountMembers(v.u.ctx, v.query)
	if err != nil {
		v.u.showError(err)
		return
	}
	v.total = n
	v.pages = map[int][]domain.Member{}
	v.order = nil
	v.readCells()
	v.Count.SetText(T("member.count", kv("Count", n)))
	// To the top through the scroller: Fyne's Table.ScrollToTop moves the
	// rows but not the scroller, so a table scrolled down drew its top rows
	// empty until the next scroll.
	v.Table.ScrollToOffset(fyne.Position{})
	v.Table.Refresh()
}

// readCells reads the cells' paths the table shows (renamed or moved
// elsewhere, they read anew).
func (v *MemberView) readCells() {
	tree, err := v.u.DB.Tree(v.u.ctx, domain.Date{})
	if err != nil {
		return
	}
	v.cells = map[int64]string{}
	for _, r := range tree.Roots() {
		tree.Walk(r, func(o *domain.Org) {
			if o.Kind.HoldsMembers() {
				v.cells[o.ID] = tree.PathUp(o.ID)
			}
		})
	}
}

// Row returns the member on table row i, reading its page when needed.
func (v *MemberView) Row(i int) *domain.Member {
	if i < 0 || i >= v.total {
		return nil
	}
	p := i / pageSize
	page, ok := v.pages[p]
	if !ok {
		q := v.query
		q.Offset, q.Limit = p*pageSize, pageSize
		var err error
		if page, err = v.u.DB.Members(v.u.ctx, q); err != nil {
			return nil
		}
		v.pages[p] = page
		v.order = append(v.order, p)
		if len(v.order) > 8 {
			delete(v.pages, v.order[0])
			v.order = v.order[1:]
		}
	}
	if k := i - p*pageSize; k < len(page) {
		return &page[k]
	}
	return nil
}

// NewMember opens the form for a new member in the selected cell.
func (v *MemberView) NewMember() {
	if v.u.viewOnly() {
		return
	}
	m := &domain.Member{Status: domain.StatusActive}
	if o := v.u.selected; o != 0 {
		if org, err := v.u.DB.Org(v.u.ctx, o); err == nil && org.Kind.HoldsMembers() {
			m.CellID = org.ID
		}
	}
	v.u.memberForm(m, func() { v.Refresh(); v.u.Orgs.Refresh(); v.u.refreshStatus() })
}

// ShowMember opens a member's page: the record, ratings by year, awards and
// cells over time. What another office or window changes of the member
// shows on the open page within the poll's second (RefreshPage).
func (v *MemberView) ShowMember(id int64) {
	u := v.u
	m, err := u.DB.Member(u.ctx, id)
	if err != nil {
		u.showError(err)
		return
	}
	u.trace("open member %s", cardOr(m.CardNo, m.ID))
	p := &memberPage{id: id}
	head, content := v.pageParts(p, m)
	p.scroll = container.NewVScroll(content)
	p.body = container.NewBorder(head, nil, nil, nil, p.scroll)
	p.d = dialog.NewCustom(T("member.title"), T("OK"), p.body, u.Window)
	p.d.SetOnClosed(func() {
		if u.memberPage == p {
			u.memberPage = nil
		}
	})
	p.d.Resize(fyne.NewSize(720, 620))
	p.d.Show()
	u.memberPage = p
}

// memberPage is the member's page on screen.
type memberPage struct {
	id     int64
	d      dialog.Dialog
	body   *fyne.Container // the head above the scrolled record
	scroll *container.Scroll
}

// RefreshPage reads the open member's page again (another process wrote),
// where it is scrolled; a member deleted meanwhile is said so on it.
func (v *MemberView) RefreshPage() {
	u := v.u
	p := u.memberPage
	if p == nil {
		return
	}
	u.trace("refresh member page")
	var head, content fyne.CanvasObject
	m, err := u.DB.Member(u.ctx, p.id)
	if err != nil {
		key := "member.gone"
		if u.DB.Server() {
			key = "member.goneServer" // or moved out of the part this office sees
		}
		gone := widget.NewLabel(T(key))
		gone.Importance = widget.WarningImportance
		head, content = gone, container.NewVBox()
	} else {
		head, content = v.pageParts(p, m)
	}
	off := p.scroll.Offset
	p.scroll.Content = content
	p.body.Objects = []fyne.CanvasObject{p.scroll, head}
	p.body.Layout = layout.NewBorderLayout(head, nil, nil, nil)
	p.body.Refresh()
	p.scroll.Offset = off
	p.scroll.Refresh()
}

// pageParts builds the member page's head (name and actions) and record.
func (v *MemberView) pageParts(p *memberPage, m *domain.Member) (fyne.CanvasObject, *fyne.Container) {
	u, id := v.u, p.id
	tree, _ := u.DB.Tree(u.ctx, domain.Date{})
	info := widget.NewForm(
		widget.NewFormItem(T("col.birth"), widget.NewLabel(m.BirthDate.String())),
		widget.NewFormItem(T("col.admitted"), widget.NewLabel(m.AdmittedOn.String()+officialText(m))),
		widget.NewFormItem(T("col.card"), widget.NewLabel(m.CardNo)),
		widget.NewFormItem(T("col.cell"), widget.NewLabel(tree.Path(m.CellID))),
		widget.NewFormItem(T("col.status"), widget.NewLabel(statusText(m))),
	)
	ratings, _ := u.DB.MemberRatings(u.ctx, id)
	var rl []string
	for _, r := range ratings {
		line := fmt.Sprintf("%d: %s", r.Year, Label(r.Level.Name()))
		if r.Level == domain.LevelNone {
			line = fmt.Sprintf("%d: %s (%s)", r.Year, T("report.notrated"), r.NotRatedReason)
		}
		if r.Score != nil {
			line += " — " + T("member.points", kv("Score", scoreText(r.Score)))
		}
		if p := tree.Path(r.OrgID); r.OrgID != m.CellID && p != "" {
			line += " — " + p
		}
		rl = append(rl, line)
	}
	awards, _ := u.DB.Awards(u.ctx, store.AwardQuery{MemberID: id})
	var al []string
	for _, a := range awards {
		line := fmt.Sprintf("%d: %s", a.Year, a.Line())
		if a.DecisionNo != "" {
			line += " (" + T("member.decision", kv("No", a.DecisionNo, "Date", a.DecisionDate.String())) + ")"
		}
		al = append(al, line)
	}
	ms, _ := u.DB.Memberships(u.ctx, id)
	var ml []string
	for _, s := range ms {
		ml = append(ml, fmt.Sprintf("%s – %s: %s", s.From, s.To, tree.Path(s.OrgID)))
	}
	edit := u.writerButton(widget.NewButtonWithIcon(T("member.edit"), theme.DocumentCreateIcon(), func() {
		p.d.Hide()
		u.memberForm(m, func() { v.Refresh(); u.Orgs.Refresh(); v.ShowMember(id) })
	}))
	actions := container.NewHBox(edit,
		widget.NewButtonWithIcon(T("history.button"), theme.HistoryIcon(), func() {
			u.HistoryDialog(m.FullName, store.HistoryQuery{MemberID: id})
		}),
		u.writerButton(widget.NewButtonWithIcon(T("member.delete"), theme.DeleteIcon(), func() {
			dialog.ShowConfirm(T("member.delete"), T("member.deleteConfirm", kv("Name", m.FullName)), func(yes bool) {
				if !yes {
					return
				}
				if err := u.DB.DeleteMember(u.ctx, id); err != nil {
					u.showError(err)
					return
				}
				p.d.Hide()
				u.Reload()
				u.sayUndoable(T("member.deleted", kv("Name", m.FullName)))
			}, u.Window)
		})))
	// The name and the actions stay on top; the record scrolls under them.
	head := container.NewBorder(nil, nil, widget.NewLabelWithStyle(m.FullName, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), actions)
	content := container.NewVBox(
		info,
		widget.NewLabelWithStyle(T("member.ratings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(orDash(rl)),
		widget.NewLabelWithStyle(T("member.awards"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(orDash(al)),
		widget.NewLabelWithStyle(T("member.memberships"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(orDash(ml)),
		widget.NewLabelWithStyle(T("member.records"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		u.recordsSection(m, func() { p.d.Hide(); v.ShowMember(id) }),
	)
	return head, content
}

func orDash(lines []string) string {
	if len(lines) == 0 {
		return "—"
	}
	return strings.Join(lines, "\n")
}

func officialText(m *domain.Member) string {
	if m.Probationary() {
		return " (" + T("member.probation") + ")"
	}
	return " (" + T("member.officialOn", kv("Date", m.OfficialOn.String())) + ")"
}

func statusText(m *domain.Member) string {
	s := Label(m.Status.Label())
	if !m.StatusOn.IsZero() {
		s += " " + m.StatusOn.String()
	}
	return s
}
