package store

import (
	"context"
	"sync"
	"time"
)

// foreign watches for what other processes (another window, a command)
// commit to the database: SQLite's data_version, asked on the connection
// that makes this process's own writes, changes only for commits made by
// other connections — here, other processes.
type foreignWatch struct {
	mu      sync.Mutex
	version int64
	known   bool
}

// ForeignChanges reports whether another process has committed anything
// since the last call (the first call only notes where things stand). It
// waits at most a moment for the write connection: a long write of this
// process's own is not another's.
func (db *DB) ForeignChanges(ctx context.Context) (bool, error) {
	if db.pg && db.notices.Listen(ctx, db.pgcfg, db.session) {
		// Told by the server (postgres.Listener): nothing to ask.
		changed := db.notices.Noticed()
		f := &db.foreign
		f.mu.Lock()
		defer f.mu.Unlock()
		if !f.known {
			f.known = true
			return false, nil
		}
		return changed, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	var v int64
	query, args := db.dialect.OthersVersion(db.session)
	if err := db.write.QueryRowContext(ctx, query, args...).Scan(&v); err != nil {
		if ctx.Err() != nil {
			return false, nil // busy with our own write: ask again later
		}
		return false, err
	}
	f := &db.foreign
	f.mu.Lock()
	defer f.mu.Unlock()
	changed := f.known && v != f.version
	f.version, f.known = v, true
	return changed, nil
}
