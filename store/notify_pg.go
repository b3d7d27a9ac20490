package store

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
// connection drop, ForeignChanges asks the server again (changes.go) until
// it is back.

const notifyChannel = "xeploai_changes"

// listenRetry is how long after a failed listener another is tried.
const listenRetry = 10 * time.Second

type listener struct {
	mu       sync.Mutex
	started  bool
	alive    bool
	changed  bool // another session's notice since the last ForeignChanges
	lastTry  time.Time
	cancel   context.CancelFunc
	done     chan struct{}
	received atomic.Int64 // notices from other sessions (for tests)
}

// notify tells the listening windows that this transaction changed records.
func (db *DB) notify(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_notify('`+notifyChannel+`', ?)`, db.session)
	return err
}

// listening makes sure a listener runs (started on the first call, tried
// again after listenRetry when it failed) and reports whether it does.
func (db *DB) listening(ctx context.Context) bool {
	l := &db.notices
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
	conn, err := pgx.ConnectConfig(cctx, db.pgcfg)
	if err == nil {
		_, err = conn.Exec(cctx, `LISTEN `+notifyChannel)
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
			if n.Payload != db.session {
				l.received.Add(1)
				l.mu.Lock()
				l.changed = true
				l.mu.Unlock()
			}
		}
	}()
	return true
}

// isAlive reports whether the listener runs.
func (l *listener) isAlive() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.alive
}

// noticed reports (and forgets) another session's notice.
func (db *DB) noticed() bool {
	l := &db.notices
	l.mu.Lock()
	defer l.mu.Unlock()
	changed := l.changed
	l.changed = false
	return changed
}

// stopListening ends the listener, if one runs.
func (db *DB) stopListening() {
	l := &db.notices
	l.mu.Lock()
	cancel, done := l.cancel, l.done
	l.cancel, l.alive = nil, false
	l.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}
