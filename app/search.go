package app

import (
	"context"
	"strconv"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
)

// SearchBox is the search entry at the top of the window: results appear
// under it as the user types, grouped by kind, best first; Down and Up move,
// Enter or a click opens the record, Esc clears and closes.
//
// The results are not a pop-up: a pop-up is an overlay, and in the desktop
// driver the keyboard goes to the top overlay, so every key after the first
// would be lost. They float in a layer of the window over the tabs, and the
// entry keeps the focus.
type SearchBox struct {
	Entry
	u       *UI
	Results []store.SearchResult
	List    *widget.List
	Message *widget.Label
	// Panel is the floating results panel; Layer holds it over the tabs.
	Panel *fyne.Container
	Layer *fyne.Container

	chosen   int // the highlighted result, which Enter opens
	mu       sync.Mutex
	cancel   context.CancelFunc
	pending  sync.WaitGroup
	searched string // the text the shown results are for
}

func newSearchBox(u *UI) *SearchBox {
	s := &SearchBox{u: u, Message: widget.NewLabel("")}
	s.ExtendBaseWidget(s)
	s.SetPlaceHolder(T("search.placeholder"))
	// The highlighted result is drawn by the list's items, not selected:
	// a selection is what a click makes, and clicking the highlighted
	// result must open it too.
	s.List = widget.NewList(func() int { return len(s.Results) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			bg := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
			return container.NewStack(bg, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*canvas.Rectangle).Hidden = i != s.chosen
			if i < len(s.Results) {
				c.Objects[1].(*widget.Label).SetText(s.Line(i))
			}
			c.Refresh()
		})
	s.List.OnSelected = func(i widget.ListItemID) {
		s.List.UnselectAll()
		s.Open(i) // a click
	}
	s.OnChanged = func(string) { s.run() }
	s.OnSubmitted = func(string) { s.Open(s.chosen) }
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	bg.StrokeWidth = 1
	s.Panel = container.NewStack(bg, container.NewBorder(s.Message, nil, nil, nil, s.List))
	s.Panel.Hide()
	s.Layer = container.New(&dropLayout{s: s}, s.Panel)
	return s
}

// Line is what result i reads.
func (s *SearchBox) Line(i int) string {
	r := s.Results[i]
	return T("kind."+r.Kind) + " · " + r.Name + " — " + r.Detail
}

// run searches for the box's text off the UI goroutine; a newer text
// cancels the search of an older one.
func (s *SearchBox) run() {
	text := s.Text
	s.mu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	ctx, cancel := context.WithCancel(s.u.ctx)
	s.cancel = cancel
	s.mu.Unlock()
	q, err := domain.ParseSearch(text)
	if err != nil || q.Empty() {
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		s.show(text, nil, msg)
		return
	}
	s.pending.Add(1)
	background(func() {
		defer s.pending.Done()
		results, err := s.u.DB.Search(ctx, q, 50)
		if ctx.Err() != nil {
			return
		}
		msg := ""
		switch {
		case err != nil:
			msg = err.Error()
		case len(results) == 0:
			msg = T("search.none")
		}
		fyne.Do(func() {
			if s.Text == text {
				s.show(text, results, msg)
			}
		})
	})
}

// Wait waits for the searches started so far (for tests and scripts).
func (s *SearchBox) Wait() { s.pending.Wait() }

// show puts the results for text in the panel, or hides it when the box is
// empty.
func (s *SearchBox) show(text string, results []store.SearchResult, msg string) {
	s.Results, s.chosen, s.searched = results, 0, text
	s.Message.SetText(msg)
	s.Message.Hidden = msg == ""
	s.List.Refresh()
	s.List.ScrollToTop()
	s.setOpen(text != "")
	if text != "" || len(results) > 0 {
		s.u.trace("search %s %d", strconv.Quote(text), len(results))
	}
}

func (s *SearchBox) setOpen(on bool) {
	if on {
		s.Panel.Show()
		s.Layer.Refresh()
	} else {
		s.Panel.Hide()
	}
}

// TypedKey moves through the results and opens or clears; every other key
// is the entry's.
func (s *SearchBox) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyDown:
		s.move(s.chosen + 1)
	case fyne.KeyUp:
		s.move(s.chosen - 1)
	case fyne.KeyEscape:
		s.SetText("")
		s.setOpen(false)
	default:
		s.Entry.TypedKey(e)
	}
}

func (s *SearchBox) move(i int) {
	if i < 0 || i >= len(s.Results) {
		return
	}
	s.chosen = i
	s.List.Refresh()
	s.List.ScrollTo(i)
}

// Open opens result i: a member's page, an organisation in the tree, an
// award in the awards list.
func (s *SearchBox) Open(i int) {
	if i < 0 || i >= len(s.Results) {
		return
	}
	r := s.Results[i]
	s.setOpen(false)
	switch r.Kind {
	case "member":
		s.u.Members.ShowMember(r.ID)
	case "org":
		s.u.Orgs.Tree.Select(uid(r.ID))
		s.u.Orgs.Tree.ScrollTo(uid(r.ID))
		s.u.trace("open org %s", s.u.orgCode(r.ID))
	case "award":
		s.u.Tabs.SelectIndex(3)
	}
}

// dropLayout places the results panel under the search box, as wide as
// the box (at least 600 px) and at most 360 px high.
type dropLayout struct{ s *SearchBox }

func (l *dropLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	d := fyne.CurrentApp().Driver()
	box := d.AbsolutePositionForObject(l.s)
	layer := d.AbsolutePositionForObject(l.s.Layer)
	w := min(max(l.s.Size().Width, 600), size.Width)
	x := min(max(box.X-layer.X, 0), size.Width-w)
	h := min(360, size.Height)
	for _, o := range objs {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, h))
	}
}

func (l *dropLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }
