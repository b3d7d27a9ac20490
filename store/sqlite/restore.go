package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"modernc.org/sqlite"
)

// CopyPages replaces the database c is connected to, page by page, with
// the one srcDSN opens, through SQLite's backup API; c must hold the
// database's exclusive lock. It stops, leaving the copy unfinished, when
// ctx ends.
func CopyPages(ctx context.Context, c *sql.Conn, srcDSN string) error {
	return c.Raw(func(dc any) error {
		r, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return fmt.Errorf("restore: the SQLite driver cannot restore in place")
		}
		b, err := r.NewRestore(srcDSN)
		if err != nil {
			return err
		}
		for {
			more, err := b.Step(4096)
			if err != nil {
				b.Finish()
				return err
			}
			if !more {
				return b.Finish()
			}
			if ctx.Err() != nil {
				b.Finish()
				return ctx.Err()
			}
		}
	})
}
