package store

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	sqlite3 "modernc.org/sqlite/lib"

	"xeploai/store/postgres"
	"xeploai/store/sqlite"
)

// Explain is explain for callers outside the store (the command line, the
// window): an error met while using the database at path.
func Explain(path string, err error) error {
	if postgres.IsURL(path) {
		if cfg, perr := pgx.ParseConfig(path); perr == nil {
			return postgres.Explain(postgres.Redact(path), cfg, err)
		}
	}
	return sqlite.Explain(path, err)
}

// explainWrite explains a failed write and, after a full disk or an I/O
// error, checkpoints and truncates the write-ahead log, so that the frames
// of the transaction that failed do not keep the disk full.
func (db *DB) explainWrite(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if db.pg {
		return postgres.Explain(db.path, db.pgcfg, err)
	}
	switch sqlite.Code(err) {
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR:
		db.write.ExecContext(context.WithoutCancel(ctx), `PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	return sqlite.Explain(db.path, err)
}

// isFKViolation reports a write refused because a row it refers to is gone
// (SQLite's message, PostgreSQL's code 23503).
func isFKViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23503"
	}
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

// isUniqueViolation reports a write refused because a unique value (a card
// number, a code) is taken (SQLite's message, PostgreSQL's code 23505).
func isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}
