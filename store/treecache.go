package store

import (
	"context"
	"database/sql"
	"sync"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
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
	names   *orgNameIndex
}

// orgNameIndex is every organisation's folded name, and each one's children.
type orgNameIndex struct {
	list     []orgName
	children map[int64][]int64
}

// orgName is what the search's organisation filter reads of every
// organisation.
type orgName struct {
	id, parent int64
	fold       string
}

// tree returns the tree as it stood on day on, from the cache when nothing
// was written since it was built.
func (db *DB) tree(ctx context.Context, on domain.Date) (*domain.Tree, error) {
	c := &db.trees
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.check(ctx, db); err != nil {
		return nil, err
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

// orgNames returns every organisation's id, parent and folded name, from the
// cache when nothing was written since they were read.
func (db *DB) orgNames(ctx context.Context) (*orgNameIndex, error) {
	c := &db.trees
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.check(ctx, db); err != nil {
		return nil, err
	}
	if c.names != nil {
		return c.names, nil
	}
	names := &orgNameIndex{children: map[int64][]int64{}}
	err := sqlrows.Each(ctx, db.read, `SELECT id, COALESCE(parent_id, 0), name_fold FROM orgs`, nil, func(sc func(...any) error) error {
		var o orgName
		err := sc(&o.id, &o.parent, &o.fold)
		names.list = append(names.list, o)
		names.children[o.parent] = append(names.children[o.parent], o.id)
		return err
	})
	if err != nil {
		return nil, err
	}
	c.names = names
	return names, nil
}

// check empties the cache when SQLite's data_version says something was
// committed since it was filled. The caller holds c.mu.
func (c *treeCache) check(ctx context.Context, db *DB) error {
	var v int64
	query := db.dialect.DataVersion()
	for try := 0; db.dialect.VersionAnywhere(); try++ {
		err := db.read.QueryRowContext(ctx, query).Scan(&v)
		if err == nil {
			return c.fresh(v)
		}
		// A lost connection (a server restarted) is replaced by the pool:
		// once more; what was cached may be stale.
		c.trees, c.names = nil, nil
		if try == 1 || ctx.Err() != nil {
			return err
		}
	}
	for try := 0; ; try++ {
		if c.probe == nil {
			conn, err := db.read.Conn(ctx)
			if err != nil {
				return err
			}
			c.probe = conn
		}
		err := c.probe.QueryRowContext(ctx, query).Scan(&v)
		if err == nil {
			break
		}
		// The connection is lost (a server restarted): another one, once;
		// what was cached may be stale.
		c.probe.Close()
		c.probe, c.trees, c.names = nil, nil, nil
		if try == 1 || ctx.Err() != nil {
			return err
		}
	}
	return c.fresh(v)
}

// fresh empties the cache when the data version v is not the one it was
// filled at.
func (c *treeCache) fresh(v int64) error {
	if v != c.version || c.trees == nil {
		c.version, c.trees, c.names = v, map[domain.Date]*domain.Tree{}, nil
	}
	return nil
}

func (c *treeCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.probe != nil {
		c.probe.Close()
		c.probe = nil
	}
}
