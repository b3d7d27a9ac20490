package store

import (
	"context"
	"database/sql"
	"sync"

	"xeploai/domain"
)

// treeCache keeps organisation trees between calls: building one at 26,000
// organisations costs a third of a second, and most calls (the candidate
// lists, the summary, the member table) need one. It is dropped whenever
// SQLite's data_version says anything was committed since, by this process
// or another.
type treeCache struct {
	mu      sync.Mutex
	probe   *sql.Conn // a read connection kept aside to ask data_version
	version int64
	trees   map[domain.Date]*domain.Tree
}

// tree returns the tree as it stood on day on, from the cache when nothing
// was written since it was built.
func (db *DB) tree(ctx context.Context, on domain.Date) (*domain.Tree, error) {
	c := &db.trees
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.probe == nil {
		conn, err := db.read.Conn(ctx)
		if err != nil {
			return nil, err
		}
		c.probe = conn
	}
	var v int64
	if err := c.probe.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return nil, err
	}
	if v != c.version || c.trees == nil {
		c.version, c.trees = v, map[domain.Date]*domain.Tree{}
	}
	if t, ok := c.trees[on]; ok {
		return t, nil
	}
	t, err := treeAt(ctx, db.read, on)
	if err != nil {
		return nil, err
	}
	c.trees[on] = t
	return t, nil
}

func (c *treeCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.probe != nil {
		c.probe.Close()
		c.probe = nil
	}
}
