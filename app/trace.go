package app

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// trace writes one line per user-visible action when Options.Trace is set
// (XEPLOAI_TRACE=1 sets it to stderr): a contract that `make window-check`
// and other scripts read, so its forms never change:
//
//	search "<text in the box>" <number of results>
//	open member <card number>      open org <code>
//	rate <card number> <year> <HTXSNV|HTTNV|HTNV|KHTNV|none>
//	save member <card number>
//	dialog "<title>"               closed "<title>"
//	written <path>
//	tab "<title>"                  ready "<title>" <milliseconds>
//	first "<title>" <milliseconds> (a long tab's first part, before ready)
func (u *UI) trace(format string, args ...any) {
	if u.Opts.Trace != nil {
		fmt.Fprintf(u.Opts.Trace, format+"\n", args...)
	}
}

// traceTab says a tab is shown, and returns what says it is complete.
func (u *UI) traceTab(title string) (ready func()) {
	start := time.Now()
	u.tabShown = start
	u.trace("tab %s", strconv.Quote(title))
	return func() { u.trace("ready %s %d", strconv.Quote(title), time.Since(start).Milliseconds()) }
}

// orgCode is what the trace names an organisation by: its code, or #id.
func (u *UI) orgCode(id int64) string {
	if o, err := u.DB.Org(u.ctx, id); err == nil && o != nil && o.Code != "" {
		return o.Code
	}
	return "#" + strconv.FormatInt(id, 10)
}

// cardOr is what the trace names a member by: the card number, or #id.
func cardOr(card string, id int64) string {
	if card != "" {
		return card
	}
	return "#" + strconv.FormatInt(id, 10)
}

// watchDialogs traces each dialog as it appears on screen, Fyne's own (the
// file dialogs) included: it looks at the window's top overlay ten times a
// second and names a new one by its title (the first bold label in it).
func (u *UI) watchDialogs() {
	if u.Opts.Trace == nil {
		return
	}
	var last fyne.CanvasObject
	lastTitle := ""
	go func() {
		for range time.Tick(100 * time.Millisecond) {
			fyne.Do(func() {
				top := u.Window.Canvas().Overlays().Top()
				if top != nil && !top.Visible() {
					top = nil
				}
				if top == last {
					return
				}
				if lastTitle != "" && !u.overlayShown(last) {
					u.trace("closed %s", strconv.Quote(lastTitle))
				}
				last, lastTitle = top, ""
				if top != nil {
					if lastTitle = dialogTitle(top); lastTitle != "" {
						u.trace("dialog %s", strconv.Quote(lastTitle))
					}
				}
			})
		}
	}()
}

// overlayShown reports whether o is still one of the window's overlays.
func (u *UI) overlayShown(o fyne.CanvasObject) bool {
	for _, x := range u.Window.Canvas().Overlays().List() {
		if x == o && x.Visible() {
			return true
		}
	}
	return false
}

// dialogTitle finds the first bold label under o.
func dialogTitle(o fyne.CanvasObject) string {
	switch w := o.(type) {
	case *widget.Label:
		if w.TextStyle.Bold {
			return w.Text
		}
	case *widget.PopUp:
		return dialogTitle(w.Content)
	case *fyne.Container:
		for _, c := range w.Objects {
			if t := dialogTitle(c); t != "" {
				return t
			}
		}
	}
	return ""
}
