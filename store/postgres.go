package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"xeploai/domain"
	"xeploai/store/postgres"
	"xeploai/store/sqlite"
)

// A shared database on a PostgreSQL server: the same *DB, the same queries
// (their placeholders rewritten by package postgres's connector), its own
// migrations (store/postgres/migrations) and what only a server has — an advisory lock that
// makes writers from every office take turns, as SQLite's writer lock does
// on one PC, and the step of a transaction kept in the session
// (xeploai.step) for the history's trigger. What only an SQLite file has —
// the file checks, WAL, data_version, file backups and restore — stays in
// open.go, backup.go and bulk.go.

// OpenTarget opens a database file or, for a postgres:// address, a server's
// database: what every verb and the window open.
func OpenTarget(target string, opt Options) (*DB, error) {
	if postgres.IsURL(target) {
		return OpenPostgres(target)
	}
	return OpenWith(target, opt)
}

// OpenPostgres opens the xeploai database at a PostgreSQL address,
// bringing its schema up to date (an empty database gets the whole schema
// on the first connection). A server that cannot be reached, a refused
// password, a missing database or one of another program are said in
// Vietnamese, and nothing is written.
func OpenPostgres(target string) (*DB, error) {
	shown := postgres.Redact(target)
	cfg, err := postgres.Config(target)
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "--db", "địa chỉ máy chủ %s không hợp lệ: cần dạng postgres://người-dùng@máy-chủ:5432/tên-cơ-sở-dữ-liệu?sslmode=require", shown)
	}
	connector := postgres.Connector(cfg)
	write := sql.OpenDB(connector)
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	db := &DB{pg: true, pgcfg: cfg, path: shown, write: write, session: newSession(), dialect: postgres.Dialect{}}
	ctx := context.Background()
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, postgres.Explain(shown, cfg, err)
	}
	if err := db.migrate(ctx); err != nil {
		write.Close()
		return nil, postgres.Explain(shown, cfg, err)
	}
	scoped, err := postgres.Scoped(ctx, write)
	if err != nil {
		write.Close()
		return nil, postgres.Explain(shown, cfg, err)
	}
	db.dialect = postgres.Dialect{Scoped: scoped}
	if scoped {
		if err := write.QueryRowContext(ctx, `SELECT xeploai_office(current_user), NOT EXISTS (SELECT 1 FROM xeploai_orgs(current_user, true))`).Scan(&db.office, &db.viewOnly); err != nil {
			write.Close()
			return nil, postgres.Explain(shown, cfg, err)
		}
	}
	read := sql.OpenDB(connector)
	read.SetMaxOpenConns(4)
	read.SetMaxIdleConns(4)
	db.read = read
	return db, nil
}

// migratePG applies the pending PostgreSQL migrations, each in a write
// transaction of its own (under the write lock: two offices opening a new
// database at once do not both migrate it). A database holding tables of
// another program is refused.
func (db *DB) migratePG(ctx context.Context) error {
	var current int
	err := db.rawTx(ctx, func(tx *sql.Tx) error {
		var ours, others int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE table_name = 'schema_migrations'),
			COUNT(*) FILTER (WHERE table_name <> 'schema_migrations')
			FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&ours, &others); err != nil {
			return err
		}
		if ours == 0 && others > 0 {
			return domain.Because(ErrForeign, domain.EINVALID, "cơ sở dữ liệu %s đã có bảng của một chương trình khác, không phải của xeploai; không có gì được ghi — hãy tạo một cơ sở dữ liệu trống cho xeploai", db.path)
		}
		if ours == 0 {
			if _, err := tx.ExecContext(ctx, `CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL,
				applied_at text NOT NULL DEFAULT to_char(now(), 'YYYY-MM-DD HH24:MI:SS'))`); err != nil {
				return err
			}
		}
		return tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current)
	})
	if err != nil {
		return err
	}
	if current > len(pgMigrations) {
		return domain.Because(ErrNewerSchema, domain.EINVALID, "cơ sở dữ liệu %s do phiên bản xeploai mới hơn tạo ra (lược đồ %d, phiên bản này biết đến %d); hãy cập nhật xeploai trên máy này — không có gì được ghi", db.path, current, len(pgMigrations))
	}
	for i, m := range pgMigrations {
		if m.version <= current {
			continue
		}
		err := db.rawTx(ctx, func(tx *sql.Tx) error {
			var done int
			// Another office may have migrated while this one waited.
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&done); err != nil || done > 0 {
				return err
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.version, migrations[i].name)
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// stemPath names the database for its backups' file names: the file, or on
// a server the database's name (xeploai → xeploai-20260120-….db).
func (db *DB) stemPath() string {
	if db.pg {
		return db.pgcfg.Database + ".db"
	}
	return db.path
}

// Server reports whether the database is a shared server's (PostgreSQL)
// rather than a file: restoring a file over it, and the file's folder, do
// not apply.
func (db *DB) Server() bool { return db.pg }

// backupServer writes the server's whole dataset (records, history, trash,
// settings) into a new SQLite file at path: a temporary file beside it,
// renamed into place once complete, readable by the owner only.
func (db *DB) backupServer(ctx context.Context, path string) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return domain.Errorf(domain.EINVALID, "", "không có thư mục %s để ghi bản sao %s", dir, filepath.Base(path))
	}
	tmp := filepath.Join(dir, fmt.Sprintf(".%s.sao-chep-%d", filepath.Base(path), time.Now().UnixNano()))
	remove := func() {
		for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
			os.Remove(p)
		}
	}
	file, err := OpenWith(tmp, Options{Create: true})
	if err != nil {
		remove()
		return err
	}
	err = db.CopyInto(ctx, file)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		remove()
		var de *domain.Error
		if errors.As(err, &de) {
			return err
		}
		return domain.Errorf(domain.EINVALID, "", "không ghi được bản sao %s: %s", path, sqlite.Cause(err))
	}
	return nil
}
