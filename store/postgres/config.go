package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// IsURL reports whether target names a PostgreSQL server (postgres:// or
// postgresql://) rather than a database file.
func IsURL(target string) bool {
	t := strings.ToLower(strings.TrimSpace(target))
	return strings.HasPrefix(t, "postgres://") || strings.HasPrefix(t, "postgresql://")
}

// Redact is a server address fit to show, and to keep: without its
// password (which the password file gives).
func Redact(target string) string {
	u, err := url.Parse(strings.TrimSpace(target))
	if err != nil || u.User == nil {
		return strings.TrimSpace(target)
	}
	if _, has := u.User.Password(); has {
		u.User = url.User(u.User.Username()) // shown, and opened again through the password file
	}
	return u.String()
}

// Config parses a server address into the connection settings the store
// uses: a 10-second connect timeout unless the address sets one, the
// program named to the server, and this PC's time zone.
func Config(target string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(strings.TrimSpace(target))
	if err != nil {
		return nil, err
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	cfg.RuntimeParams["application_name"] = "xeploai"
	// The store's queries are short: compiling one (the server's JIT, on
	// by default for costly plans) takes longer than running it.
	cfg.RuntimeParams["jit"] = "off"
	if tz := time.Local.String(); tz != "Local" && tz != "" {
		cfg.RuntimeParams["timezone"] = tz
	} else {
		delete(cfg.RuntimeParams, "timezone")
	}
	return cfg, nil
}

// writeLock is the advisory lock every write transaction on a server takes
// first ("XPLA", as the files' application id).
const writeLock = 0x58504C41

// LockWait is how long a write waits for the server's other writers
// before it is refused as busy (a window must not hang while another office
// imports for a minute), as SQLite's busy timeout does on a file.
var LockWait = 10 * time.Second

// LockWrites makes tx wait for the server's other writers, from every
// office, and hold them off until it ends: writers take turns, as on one
// SQLite file. After LockWait it gives up (lock_not_available, which
// Explain says in Vietnamese); nothing was written.
func LockWrites(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `SELECT set_config('lock_timeout', ?, true)`, fmt.Sprintf("%dms", LockWait.Milliseconds())); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(writeLock)); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `SELECT set_config('lock_timeout', '0', true)`)
	return err
}

// Scoped reports whether the role connected is one row-level security
// holds (an office's, xeploai grant): not the tables' owner, nor a
// superuser, nor one that bypasses it.
func Scoped(ctx context.Context, q *sql.DB) (bool, error) {
	var scoped bool
	err := q.QueryRowContext(ctx, `SELECT NOT (pg_has_role(current_user, c.relowner, 'MEMBER') OR r.rolsuper OR r.rolbypassrls)
		FROM pg_class c, pg_roles r WHERE c.oid = 'orgs'::regclass AND r.rolname = current_user`).Scan(&scoped)
	return scoped, err
}

// Analyze brings the server's statistics of every table up to date after
// a bulk load or a copy: until autovacuum gets to it (a minute or more),
// the planner would take the tables for as empty as they were.
func Analyze(ctx context.Context, db *sql.DB) {
	db.ExecContext(ctx, `ANALYZE`)
}
