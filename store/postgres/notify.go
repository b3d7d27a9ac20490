package postgres

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// On a server, every write transaction ends by notifying the channel below
// with its session (delivered when it commits); an open window listens on
// a connection of its own, so that another office's change reaches it at
// once rather than by asking the server every second. Should that
// connection drop, the store asks the server again until it is back.

// Channel is the channel the notices go by.
const Channel = "xeploai_changes"

// listenRetry is how long after a failed listener another is tried.
const listenRetry = 10 * time.Second

// Notify tells the listening windows that tx, a transaction of session,
// changed records.
func Notify(ctx context.Context, tx *sql.Tx, session string) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_notify('`+Channel+`', ?)`, session)
	return err
}

// Listener hears the notices of sessions other than its own, on a
// connection of its own.
type Listener struct {
	mu       sync.Mutex
	started  bool
	alive    bool
	changed  bool // another session's notice since the last Noticed
	lastTry  time.Time
	cancel   context.CancelFunc
	done     chan struct{}
	received atomic.Int64 // notices from other sessions (for tests)
}

// Listen makes sure the listener runs for session on the server cfg names
// (started on the first call, tried again after listenRetry when it
// failed) and reports whether it does.
func (l *Listener) Listen(ctx context.Context, cfg *pgx.ConnConfig, session string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.alive {
		return true
	}
	if l.started && time.Since(l.lastTry) < listenRetry {
		return false
	}
	l.started, l.lastTry = true, time.Now()
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	conn, err := pgx.ConnectConfig(cctx, cfg)
	if err == nil {
		_, err = conn.Exec(cctx, `LISTEN `+Channel)
		if err != nil {
			conn.Close(context.Background())
		}
	}
	cancel()
	if err != nil {
		return false
	}
	lctx, stop := context.WithCancel(context.Background())
	l.alive, l.changed, l.cancel, l.done = true, false, stop, make(chan struct{})
	go func() {
		defer close(l.done)
		defer conn.Close(context.Background())
		for {
			n, err := conn.WaitForNotification(lctx)
			if err != nil {
				l.mu.Lock()
				l.alive = false
				l.changed = true // what happened meanwhile is not known: look again
				l.mu.Unlock()
				return
			}
			if n.Payload != session {
				l.received.Add(1)
				l.mu.Lock()
				l.changed = true
				l.mu.Unlock()
			}
		}
	}()
	return true
}

// Alive reports whether the listener runs.
func (l *Listener) Alive() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.alive
}

// Received counts the notices of other sessions heard so far.
func (l *Listener) Received() int64 { return l.received.Load() }

// Noticed reports (and forgets) another session's notice.
func (l *Listener) Noticed() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	changed := l.changed
	l.changed = false
	return changed
}

// Stop ends the listener, if one runs.
func (l *Listener) Stop() {
	l.mu.Lock()
	cancel, done := l.cancel, l.done
	l.cancel, l.alive = nil, false
	l.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}
