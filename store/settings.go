package store

import (
	"context"
	"database/sql"
	"errors"
)

// Setting returns the stored value of key, or def when it is not set.
func (db *DB) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := db.read.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	return v, err
}

// SetSetting stores value under key.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	return db.rawTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}

// Settings returns a lookup of stored settings with defaults, for code that
// must not depend on the store (a read error gives the default).
func (db *DB) Settings(ctx context.Context) func(key, def string) string {
	return func(key, def string) string {
		v, err := db.Setting(ctx, key, def)
		if err != nil {
			return def
		}
		return v
	}
}
