// Package store keeps xeploai's records, in one SQLite file or on a
// PostgreSQL server shared by several offices: the Store interface, the
// queries (written once, with SQLite's placeholders), imports and matching,
// search, candidate lists, the history with undo/redo, backups and
// restore, copies between databases, and the conference report's figures.
// What only one kind of database has lives in its package, store/sqlite or
// store/postgres, which know nothing of the records. It has no GUI imports.
package store

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"

	"github.com/jackc/pgx/v5"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
	"xeploai/store/postgres"
)

// DB is an open xeploai database: one writer connection (immediate
// transactions) beside a small pool of read-only connections.
type DB struct {
	path    string
	user    atomic.Pointer[string] // who the history names when the settings name nobody (SetUserName)
	session string                 // this process, for grouping steps
	write   *sql.DB
	read    *sql.DB
	trees   treeCache
	foreign foreignWatch
	notices postgres.Listener // a server's notices of other sessions' writes
	// readOnly: the file or its folder cannot be written; every pool is a
	// read-only connection.
	readOnly  bool
	immutable bool // read as it is on disk: SQLite could not make the -shm
	// pg: a PostgreSQL server's database (postgres.go); path is then its
	// address without the password.
	pg      bool
	pgcfg   *pgx.ConnConfig
	dialect dialect // the SQL that differs between the two
	// office: on a server, the office (the granted role) of a role the
	// row-level security holds, whose own settings are key@office; "" for
	// a file and the owner.
	office string
	// viewOnly: on a server, a role whose every grant is read-only.
	viewOnly bool
}

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	db.notices.Stop()
	db.trees.close()
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	errs = append(errs, db.write.Close())
	return errors.Join(errs...)
}

// inTx runs fn in one immediate write transaction that is one step of the
// history (action and subject say what it does, for the history's reader),
// committing when fn returns nil and rolling back otherwise.
func (db *DB) inTx(ctx context.Context, action, subject string, fn func(tx *sql.Tx) error) error {
	return db.inStep(ctx, action, subject, func(tx *sql.Tx, _ int64) error { return fn(tx) })
}

// inStep is inTx for code that needs the step's id.
func (db *DB) inStep(ctx context.Context, action, subject string, fn func(tx *sql.Tx, step int64) error) error {
	return db.rawTx(ctx, func(tx *sql.Tx) error {
		step, err := db.beginStep(ctx, tx, action, subject)
		if err != nil {
			return err
		}
		if err := fn(tx, step); err != nil {
			return err
		}
		if db.pg {
			if err := postgres.RefreshSearch(ctx, tx, step); err != nil {
				return err
			}
			if err := postgres.Notify(ctx, tx, db.session); err != nil {
				return err
			}
		}
		return endStep(ctx, tx, step)
	})
}

// rawTx runs fn in one immediate write transaction outside the history (for
// migrations and settings).
func (db *DB) rawTx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	defer func() { err = db.explainWrite(ctx, err) }()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if db.pg {
		// Writers from every office take turns, as on one SQLite file.
		if err := postgres.LockWrites(ctx, tx); err != nil {
			tx.Rollback()
			return err
		}
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	return fn(tx)
}

// queryer is what *sql.DB and *sql.Tx share.
type queryer = sqlrows.Queryer

// insertID runs an INSERT of one row and returns the row's id.
func insertID(ctx context.Context, q queryer, insert string, args ...any) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, insert+` RETURNING id`, args...).Scan(&id)
	return id, err
}

// dateArg is the stored form of a date: ISO text, or NULL when unset.
func dateArg(d domain.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.ISO()
}

// nullText stores "" as NULL, for optional unique columns.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullID stores 0 as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// scanDate reads a stored date.
func scanDate(s sql.NullString) domain.Date {
	if !s.Valid {
		return domain.Date{}
	}
	d, _ := domain.ParseDate(s.String)
	return d
}
