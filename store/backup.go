package store

import (
	"bytes"
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

	"modernc.org/sqlite"

	"xeploai/domain"
	"xeploai/safefile"
)

// SettingBackupKeep is how many automatic backups are kept (default 30).
const SettingBackupKeep = "backup_keep"

const backupPrefix = "xeploai-"

// Backup writes a consistent copy of the database to path: VACUUM INTO a
// temporary file beside it, integrity_check of the copy, fsync, rename. The
// copy is readable by the owner only. path must be new or an ordinary file:
// never a database (the open one included), a link, a device or a folder.
func (db *DB) Backup(ctx context.Context, path string) error {
	if err := safefile.CheckTarget(path); err != nil {
		return err
	}
	// On a connection of its own, which only reads the database: writers
	// carry on while the copy is made (WAL).
	conn, err := sql.Open("sqlite", dsn(db.path, false))
	if db.readOnly {
		conn, err = sql.Open("sqlite", sourceDSN(db.path, db.immutable))
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	c, err := conn.Conn(ctx)
	if err != nil {
		return explain(db.path, err)
	}
	defer c.Close()
	return vacuumInto(ctx, c, path)
}

// vacuumInto writes the database c is connected to into path through a
// temporary file beside it, checked and synced before it is renamed.
func vacuumInto(ctx context.Context, c *sql.Conn, path string) (err error) {
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		// A backup folder made for a copy that fails is not left behind.
		defer func() {
			if err != nil {
				os.Remove(dir)
			}
		}()
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return domain.Errorf(domain.EINVALID, "", "không tạo được thư mục sao lưu %s: %s", dir, safefile.Cause(err))
	}
	safefile.RemoveStale(dir)
	// Created empty first, so that the copy is never readable by others,
	// even while it is being written.
	tmp, err := safefile.TempPath(dir, ".db.tmp")
	if err != nil {
		return domain.Errorf(domain.EINVALID, "", "không ghi được bản sao lưu vào %s: %s", dir, safefile.Cause(err))
	}
	defer safefile.Remove(tmp)
	if _, err := c.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return domain.Errorf(domain.EINVALID, "", "không ghi được bản sao lưu %s: %s", path, sqlCause(err))
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	if err := checkIntegrity(ctx, tmp); err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	if err := syncFile(tmp); err != nil {
		return domain.Errorf(domain.EINVALID, "", "không ghi được bản sao lưu %s: %s", path, safefile.Cause(err))
	}
	if err := safefile.CheckTarget(path); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return domain.Errorf(domain.EINVALID, "", "không ghi được bản sao lưu %s: %s", path, safefile.Cause(err))
	}
	safefile.Keep(tmp)
	return nil
}

// checkIntegrity opens path read-only and runs integrity_check.
func checkIntegrity(ctx context.Context, path string) error {
	if err := checkFile(path); err != nil {
		return err
	}
	c, err := sql.Open("sqlite", roDSN(path, false))
	if err != nil {
		return err
	}
	defer c.Close()
	var res string
	if err := c.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return domain.Because(ErrDamaged, domain.EINVALID, "%s không đọc được như một tệp dữ liệu: %v", path, err)
	}
	if res != "ok" {
		return domain.Because(ErrDamaged, domain.EINVALID, "%s bị hỏng (integrity_check: %s)", path, res)
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
	safefile.RemoveStale(dir) // copies left half-made by a process that was killed
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

// Restore replaces the contents of the database at dbPath with the backup at
// from. The backup is checked (a regular file, an xeploai database that
// passes integrity_check, not from a newer version) and brought to this
// version's schema in a copy first. The live database is then locked
// exclusively — which succeeds only when no other window or command has it
// open, so that nobody's work can be lost — backed up into backupDir under
// that lock, and overwritten page by page in place: whoever opens it next
// sees the restored data. It returns the backup of the replaced data.
func Restore(ctx context.Context, dbPath, from, backupDir string) (saved string, err error) {
	f, st, err := safefile.OpenRegular(from)
	if err != nil {
		return "", err
	}
	f.Close()
	if err := checkIntegrity(ctx, from); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return "", domain.Errorf(domain.EINVALID, "", "không tạo được thư mục %s: %s", filepath.Dir(dbPath), safefile.Cause(err))
	}
	safefile.RemoveStale(filepath.Dir(dbPath))
	tmp, err := safefile.TempPath(filepath.Dir(dbPath), ".restore.tmp")
	if err != nil {
		return "", domain.Errorf(domain.EINVALID, "", "không khôi phục được %s: không ghi được vào thư mục %s (%s)", dbPath, filepath.Dir(dbPath), safefile.Cause(err))
	}
	defer safefile.Remove(tmp)
	if err := copyFile(from, tmp, st.Size()); err != nil {
		return "", domain.Because(err, domain.EINVALID, "không khôi phục được %s: %s", dbPath, err.Error())
	}
	// Bring the copy up to this version's schema (and mark it ours).
	up, err := Open(tmp)
	if err != nil {
		return "", err
	}
	if err := up.Close(); err != nil {
		return "", err
	}
	if cur, err := os.Stat(dbPath); errors.Is(err, os.ErrNotExist) || (err == nil && cur.Size() == 0) {
		// Nothing to replace: the checked copy becomes the database.
		if err := os.Rename(tmp, dbPath); err != nil {
			return "", domain.Errorf(domain.EINVALID, "", "không ghi được %s: %s", dbPath, safefile.Cause(err))
		}
		safefile.Keep(tmp)
		return "", nil
	}
	if _, err := prepareFile(dbPath, false); err != nil {
		return "", err
	}
	if !writable(dbPath) {
		return "", readOnly(dbPath)
	}
	saved, err = restoreInPlace(ctx, dbPath, tmp, backupDir)
	removeSpentJournal(dbPath)
	return saved, err
}

// removeSpentJournal deletes the rollback journal that exclusive locking
// mode leaves beside the database with its header zeroed (SQLite keeps it
// rather than delete it); a journal with a header is hot and is left for
// SQLite to roll back.
func removeSpentJournal(dbPath string) {
	j := dbPath + "-journal"
	f, err := os.Open(j)
	if err != nil {
		return
	}
	hdr := make([]byte, 28)
	n, _ := io.ReadFull(f, hdr)
	f.Close()
	if bytes.Count(hdr[:n], []byte{0}) == n {
		os.Remove(j)
	}
}

// restoreInPlace copies the database at src over the live one at dbPath
// under an exclusive lock held from the backup of the live data to the end.
func restoreInPlace(ctx context.Context, dbPath, src, backupDir string) (saved string, err error) {
	pool, err := sql.Open("sqlite", fileURI(dbPath)+"?_pragma=busy_timeout(3000)&_pragma=foreign_keys(0)")
	if err != nil {
		return "", err
	}
	defer pool.Close()
	c, err := pool.Conn(ctx)
	if err != nil {
		return "", explain(dbPath, err)
	}
	defer c.Close()
	// Leaving WAL takes an exclusive lock on the file, which SQLite grants
	// only when no other connection has it open; in exclusive locking mode
	// the lock is then kept until this connection lets it go.
	inUse := func(err error) error {
		return domain.Because(err, domain.ECONFLICT, "không khôi phục được: tệp dữ liệu %s đang được mở ở cửa sổ xeploai khác hoặc một lệnh khác đang dùng nó; hãy đóng cửa sổ đó (hoặc chờ lệnh chạy xong) rồi thử lại — chưa có gì thay đổi", dbPath)
	}
	if _, err := c.ExecContext(ctx, `PRAGMA locking_mode = EXCLUSIVE`); err != nil {
		return "", explain(dbPath, err)
	}
	var mode string
	if err := c.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode); err != nil {
		return "", inUse(err)
	}
	if mode != "delete" {
		return "", inUse(fmt.Errorf("journal mode stays %s", mode))
	}
	defer func() {
		// Back to WAL and to normal locking; the next read lets the lock go.
		bg := context.WithoutCancel(ctx)
		c.ExecContext(bg, `PRAGMA journal_mode = WAL`)
		c.ExecContext(bg, `PRAGMA locking_mode = NORMAL`)
		c.ExecContext(bg, `SELECT COUNT(*) FROM sqlite_master`)
	}()
	if _, err := c.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
		return "", inUse(err)
	}
	if _, err := c.ExecContext(ctx, `COMMIT`); err != nil {
		return "", explain(dbPath, err)
	}
	// The data being replaced, backed up under the same lock: nothing can be
	// committed between this copy and the restore.
	saved = filepath.Join(backupDir, backupPrefix+time.Now().Format("20060102-150405.000")+".db")
	if err := vacuumInto(ctx, c, saved); err != nil {
		return "", err
	}
	err = c.Raw(func(dc any) error {
		r, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return fmt.Errorf("restore: the SQLite driver cannot restore in place")
		}
		b, err := r.NewRestore(roDSN(src, false))
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
	if err != nil {
		return saved, explain(dbPath, err)
	}
	return saved, nil
}

// copyFile copies from to the (new, empty) file to, reading no more than
// size bytes: a file that grows while it is read is refused.
func copyFile(from, to string, size int64) error {
	in, _, err := safefile.OpenRegular(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return domain.Errorf(domain.EINVALID, "", "không ghi được %s: %s", to, safefile.Cause(err))
	}
	n, err := io.Copy(out, io.LimitReader(in, size+1))
	if err == nil && n > size {
		err = domain.Errorf(domain.EINVALID, "", "%s thay đổi trong khi đang đọc; hãy thử lại khi không có chương trình nào ghi vào nó", from)
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		var de *domain.Error
		if errors.As(err, &de) {
			return err
		}
		return domain.Errorf(domain.EINVALID, "", "không chép được %s: %s", from, safefile.Cause(err))
	}
	return nil
}
