package app

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// loader runs a view's reading off the UI goroutine, so that the window
// never freezes (the whole tree's check at 500,000 members takes seconds):
// the view shows its progress bar at once, a newer load cancels an older
// one (the user changed the year, the organisation or the tab), and only
// the newest result is applied, on the UI goroutine.
type loader struct {
	// Busy is the view's progress bar, shown while it loads.
	Busy *widget.ProgressBarInfinite
	// Failed, when set, clears what the view says it is doing after a
	// load failed (on the UI goroutine, before the error is shown).
	Failed func()

	mu      sync.Mutex
	cancel  context.CancelFunc
	gen     int
	pending sync.WaitGroup
}

func newLoader() *loader {
	l := &loader{Busy: widget.NewProgressBarInfinite()}
	l.Busy.Hide()
	return l
}

// run starts work; what it returns is applied on the UI goroutine unless a
// newer load began meanwhile, then done is called (also after an error,
// which is shown). work must not touch widgets.
func (l *loader) run(u *UI, work func(ctx context.Context) (apply func(), err error), done func()) {
	l.mu.Lock()
	if l.cancel != nil {
		l.cancel()
	}
	ctx, cancel := context.WithCancel(u.ctx)
	l.cancel = cancel
	l.gen++
	gen := l.gen
	l.mu.Unlock()
	l.Busy.Show()
	l.Busy.Start()
	l.pending.Add(1)
	background(func() {
		defer l.pending.Done()
		apply, err := work(ctx)
		fyne.Do(func() {
			l.mu.Lock()
			current := gen == l.gen
			l.mu.Unlock()
			if !current || ctx.Err() != nil {
				return // a newer load replaces this one
			}
			l.Busy.Stop()
			l.Busy.Hide()
			if apply != nil && err == nil {
				apply()
			}
			if err != nil {
				if l.Failed != nil {
					l.Failed() // what the view said it was doing is not so
				}
				u.showError(err)
			}
			if done != nil {
				done()
			}
		})
	})
}

// Wait waits for the loads started so far (tests, scripts).
func (l *loader) Wait() { l.pending.Wait() }

// asyncView is a view whose content loads off the UI goroutine; ready is
// called when it is complete.
type asyncView interface {
	RefreshAsync(ready func())
}

// background runs work off the UI goroutine; its results come back through
// fyne.Do. Tests make it run at once (Fyne's test driver runs fyne.Do on
// the calling goroutine, so work left running would race with the test).
var background = func(work func()) { go work() }
