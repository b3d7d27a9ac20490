package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"xeploai/store/postgres"
	"xeploai/store/sqlite"
)

type migration struct {
	version int
	name    string
	sql     string
}

// migrations are SQLite's (package sqlite); pgMigrations the same steps,
// by number and name, written for PostgreSQL (package postgres).
var (
	migrations   = loadMigrations(sqlite.Migrations)
	pgMigrations = loadMigrations(postgres.Migrations)
)

func init() {
	if len(pgMigrations) != len(migrations) {
		panic("store: the PostgreSQL migrations do not match SQLite's")
	}
	for i, m := range pgMigrations {
		if m.name != migrations[i].name {
			panic(fmt.Sprintf("store: PostgreSQL migration %s has no SQLite twin", m.name))
		}
	}
}

// loadMigrations reads migrations/NNNN_name.sql of a driver's files, in
// order; each is recorded under its name (migrations/NNNN_name.sql, as
// the first versions recorded them).
func loadMigrations(migrationFS fs.FS) []migration {
	const dir = "migrations/"
	names, err := fs.Glob(migrationFS, dir+"*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	var ms []migration
	for i, n := range names {
		var v int
		if _, err := fmt.Sscanf(strings.TrimPrefix(n, dir), "%04d_", &v); err != nil || v != i+1 {
			panic(fmt.Sprintf("migration %s is out of sequence", n))
		}
		b, _ := fs.ReadFile(migrationFS, n)
		ms = append(ms, migration{version: v, name: n, sql: string(b)})
	}
	return ms
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations) }

// migrate applies each pending migration in its own transaction, recording it
// in schema_migrations and in the header's user_version.
func (db *DB) migrate(ctx context.Context) error {
	if db.pg {
		return db.migratePG(ctx)
	}
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var current int
	if err := db.write.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var userVersion int
	if err := db.write.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&userVersion); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if current > len(migrations) || userVersion > len(migrations) {
		return newerSchema(db.path, max(current, userVersion))
	}
	for _, m := range migrations[current:] {
		err := db.rawTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.version, m.name); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, m.version))
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	// The mark that tells an xeploai database from another program's.
	var id int64
	if err := db.write.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&id); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if id != AppID {
		if _, err := db.write.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d`, AppID)); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	return nil
}
