package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
)

// SearchBox is the search entry at the top of the window: results appear
// under it as the user types, grouped by kind, best first; Down and Up move,
// Enter opens the record, Esc clears.
type SearchBox struct {
	widget.Entry
	u       *UI
	Results []store.SearchResult
	List    *widget.List
	Message *widget.Label
	popup   *widget.PopUp
	chosen  int
}

func newSearchBox(u *UI) *SearchBox {
	s := &SearchBox{u: u, Message: widget.NewLabel("")}
	s.ExtendBaseWidget(s)
	s.SetPlaceHolder(T("search.placeholder"))
	s.List = widget.NewList(func() int { return len(s.Results) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.Line(i)) })
	s.List.OnSelected = func(i widget.ListItemID) { s.chosen = i }
	s.OnChanged = func(string) { s.run() }
	s.OnSubmitted = func(string) { s.Open(s.chosen) }
	return s
}

// Line is what result i reads.
func (s *SearchBox) Line(i int) string {
	r := s.Results[i]
	return T("kind."+r.Kind) + " · " + r.Name + " — " + r.Detail
}

func (s *SearchBox) run() {
	q, err := domain.ParseSearch(s.Text)
	s.Results = nil
	s.chosen = 0
	switch {
	case err != nil:
		s.Message.SetText(err.Error())
	case q.Empty():
		s.Message.SetText("")
	default:
		if s.Results, err = s.u.DB.Search(s.u.ctx, q, 50); err != nil {
			s.Message.SetText(err.Error())
		} else if len(s.Results) == 0 {
			s.Message.SetText(T("search.none"))
		} else {
			s.Message.SetText("")
		}
	}
	s.List.Refresh()
	if len(s.Results) > 0 {
		s.List.Select(0)
	}
	s.show(s.Text != "")
}

func (s *SearchBox) show(on bool) {
	c := s.u.Window.Canvas()
	if !on {
		if s.popup != nil {
			s.popup.Hide()
		}
		return
	}
	if s.popup == nil {
		s.popup = widget.NewPopUp(container.NewBorder(s.Message, nil, nil, nil, s.List), c)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s)
	s.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, s.Size().Height)))
	s.popup.Resize(fyne.NewSize(max(s.Size().Width, 600), 360))
	c.Focus(s)
}

// TypedKey moves through the results and opens or clears.
func (s *SearchBox) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyDown:
		if s.chosen+1 < len(s.Results) {
			s.List.Select(s.chosen + 1)
		}
	case fyne.KeyUp:
		if s.chosen > 0 {
			s.List.Select(s.chosen - 1)
		}
	case fyne.KeyEscape:
		s.SetText("")
		s.show(false)
	default:
		s.Entry.TypedKey(e)
	}
}

// Open opens result i: a member's page, an organisation in the tree, an
// award in the awards list.
func (s *SearchBox) Open(i int) {
	if i < 0 || i >= len(s.Results) {
		return
	}
	r := s.Results[i]
	s.show(false)
	switch r.Kind {
	case "member":
		s.u.Members.ShowMember(r.ID)
	case "org":
		s.u.Orgs.Tree.Select(uid(r.ID))
		s.u.Orgs.Tree.ScrollTo(uid(r.ID))
	case "award":
		s.u.Tabs.SelectIndex(3)
	}
}
