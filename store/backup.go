package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"xeploai/domain"
)

// SettingBackupKeep is how many automatic backups are kept (default 30).
const SettingBackupKeep = "backup_keep"

const backupPrefix = "xeploai-"

// Backup writes a consistent copy of the database to path: VACUUM INTO a
// temporary file beside it, integrity_check of the copy, fsync, rename. The
// copy is readable by the owner only.
func (db *DB) Backup(ctx context.Context, path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return domain.Errorf(domain.EINVALID, "", "không tạo được thư mục sao lưu %s: %v", dir, err)
	}
	tmp := filepath.Join(dir, fmt.Sprintf(".%s%d.tmp", backupPrefix, time.Now().UnixNano()))
	defer os.Remove(tmp)
	// Created empty first, so that the copy is never readable by others,
	// even while it is being written.
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	// On a connection of its own, which only reads the database: writers
	// carry on while the copy is made (WAL).
	conn, err := sql.Open("sqlite", dsn(db.path, false))
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	if err := checkIntegrity(ctx, tmp); err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// checkIntegrity opens path read-only and runs integrity_check.
func checkIntegrity(ctx context.Context, path string) error {
	if err := checkFile(path); err != nil {
		return err
	}
	c, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer c.Close()
	var res string
	if err := c.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("%w: %w", &domain.Error{Code: domain.EINVALID, Message: fmt.Sprintf("%s không đọc được như một tệp dữ liệu: %v", path, err)}, ErrDamaged)
	}
	if res != "ok" {
		return fmt.Errorf("%w: %w", &domain.Error{Code: domain.EINVALID, Message: fmt.Sprintf("%s bị hỏng (integrity_check: %s)", path, res)}, ErrDamaged)
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// BackupTo writes a new automatic backup into dir, named by the time, and
// keeps only the newest `backup_keep` (default 30). It returns the path.
func (db *DB) BackupTo(ctx context.Context, dir string) (string, error) {
	path := filepath.Join(dir, backupPrefix+time.Now().Format("20060102-150405.000")+".db")
	if err := db.Backup(ctx, path); err != nil {
		return "", err
	}
	keep := 30
	if v, err := db.Setting(ctx, SettingBackupKeep, "30"); err == nil {
		fmt.Sscan(v, &keep)
	}
	return path, pruneBackups(dir, max(keep, 1))
}

// Backups lists the automatic backups in dir, newest first.
func Backups(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, ".db") {
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(out)))
	return out, nil
}

func pruneBackups(dir string, keep int) error {
	// Copies left half-made by a process that stopped mid-backup.
	if stale, err := filepath.Glob(filepath.Join(dir, "."+backupPrefix+"*.tmp")); err == nil {
		for _, f := range stale {
			if st, err := os.Stat(f); err == nil && time.Since(st.ModTime()) > time.Hour {
				os.Remove(f)
			}
		}
	}
	all, err := Backups(dir)
	if err != nil {
		return err
	}
	for _, old := range all[min(keep, len(all)):] {
		if err := os.Remove(old); err != nil {
			return err
		}
	}
	return nil
}

// BackupIfOld writes an automatic backup when the newest in dir is older
// than maxAge (or there is none); it returns the new path or "".
func (db *DB) BackupIfOld(ctx context.Context, dir string, maxAge time.Duration) (string, error) {
	all, err := Backups(dir)
	if err != nil {
		return "", err
	}
	if len(all) > 0 {
		if st, err := os.Stat(all[0]); err == nil && time.Since(st.ModTime()) < maxAge {
			return "", nil
		}
	}
	return db.BackupTo(ctx, dir)
}

// Restore replaces the database at dbPath with the backup at from, after
// checking the backup (integrity, schema version) and backing up the current
// database into backupDir. No connection to dbPath may be open.
func Restore(ctx context.Context, dbPath, from, backupDir string) (saved string, err error) {
	if err := checkIntegrity(ctx, from); err != nil {
		return "", err
	}
	if _, err := os.Stat(dbPath); err == nil {
		cur, err := Open(dbPath)
		if err != nil {
			return "", err
		}
		saved, err = cur.BackupTo(ctx, backupDir)
		cur.Close()
		if err != nil {
			return "", err
		}
	}
	tmp := dbPath + ".restore.tmp"
	defer os.Remove(tmp)
	if err := copyFile(from, tmp); err != nil {
		return saved, err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return saved, err
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return saved, err
	}
	// Bring it up to this version's schema.
	db, err := Open(dbPath)
	if err != nil {
		return saved, err
	}
	return saved, db.Close()
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
