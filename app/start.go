package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"xeploai/assets"
	"xeploai/domain"
	"xeploai/store"
)

// Start shows the main window at once with a progress bar while the
// database opens off the UI thread (a first start after an upgrade may
// migrate a large file for a while), then fills it and calls ready. If the
// database cannot be opened — not a database, damaged, from a newer version —
// the window says so in the interface's language and offers to quit: a
// program started from an icon has no console to print to.
func Start(a fyne.App, open func() (store.Store, error), opts Options, ready func(*UI)) *StartWindow {
	SetLanguage(a.Preferences().StringWithFallback(prefLanguage, LangVietnamese))
	a.SetIcon(assets.Icon)
	s := &StartWindow{Window: a.NewWindow(T("app.title"))}
	s.Message = widget.NewLabel(T("start.opening"))
	s.Message.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBarInfinite()
	panel := func(objs ...fyne.CanvasObject) fyne.CanvasObject {
		return container.NewCenter(container.NewGridWrap(fyne.NewSize(640, 240), container.NewVBox(objs...)))
	}
	s.Window.SetContent(panel(s.Message, bar))
	if opts.Screen != nil {
		opts.screen = opts.Screen() // on the main thread, where the driver may be asked
	}
	fitWindow(s.Window, opts.screen)
	s.Window.Show()
	var try func(open func() (store.Store, error))
	try = func(open func() (store.Store, error)) {
		background(func() {
			db, err := open()
			fyne.Do(func() {
				if err != nil {
					bar.Hide()
					msg := err.Error()
					if de := (*domain.Error)(nil); errors.As(err, &de) {
						msg = de.Message // without the Go error wrapped behind it
					}
					s.Message.SetText(T("start.failed", kv("Error", msg)))
					quit := widget.NewButton(T("start.quit"), a.Quit)
					quit.Importance = widget.HighImportance
					buttons := container.NewHBox(quit)
					if local := opts.Local; local != nil {
						// The shared server opened last is out of reach:
						// this PC's own file instead.
						opts.Local = nil
						buttons.Add(widget.NewButton(T("start.local"), func() {
							s.Message.SetText(T("start.opening"))
							bar.Show()
							s.Window.SetContent(panel(s.Message, bar))
							s.Err = nil
							try(local)
						}))
					}
					s.Window.SetContent(panel(s.Message, container.NewCenter(buttons)))
					s.Err = err // last: the window says it first
					return
				}
				u := build(a, s.Window, db, opts)
				s.UI = u
				if ready != nil {
					ready(u)
				}
			})
		})
	}
	try(open)
	return s
}

// LastServer is the shared server's database the window opened last on
// this PC (its address, without a password), or "".
func LastServer(a fyne.App) string { return a.Preferences().String(prefServer) }

// StartWindow is the main window while the database opens.
type StartWindow struct {
	Window  fyne.Window
	Message *widget.Label
	UI      *UI   // once the database is open
	Err     error // if it could not be
}
