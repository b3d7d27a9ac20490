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

	"xeploai/domain"
	"xeploai/safefile"
	"xeploai/store/sqlite"
)

// SettingBackupKeep is how many automatic backups are kept (default 30).
const SettingBackupKeep = "backup_keep"

// Backup writes a consistent copy of the database to path: VACUUM INTO a
// temporary file beside it, integrity_check of the copy, fsync, rename. The
// copy is readable by the owner only. path must be new or an ordinary file:
// never a database (the open one included), a link, a device or a folder.
func (db *DB) Backup(ctx context.Context, path string) error { return db.backup(ctx, path, false) }

// errNameTaken is a new backup's name taken meanwhile by another process's.
var errNameTaken = errors.New("backup name taken")

// backup is Backup; fresh: path is a new name of the backups' folder, which
// is never replaced (errNameTaken when another process took it).
func (db *DB) backup(ctx context.Context, path string, fresh bool) error {
	if fresh && exists(path) {
		return errNameTaken
	}
	if err := safefile.CheckTarget(path); err != nil {
		return err
	}
	if db.pg {
		return db.backupServer(ctx, path)
	}
	// On a connection of its own, which only reads the database: writers
	// carry on while the copy is made (WAL).
	conn, err := sql.Open("sqlite", sqlite.DSN(db.path, false))
	if db.readOnly {
		conn, err = sql.Open("sqlite", sqlite.SourceDSN(db.path, db.immutable))
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	c, err := conn.Conn(ctx)
	if err != nil {
		return sqlite.Explain(db.path, err)
	}
	defer c.Close()
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		// A named copy goes where the user said: a folder mistyped is not made.
		return domain.Errorf(domain.EINVALID, "", "không có thư mục %s để ghi bản sao %s", filepath.Dir(path), filepath.Base(path))
	}
	return vacuumInto(ctx, c, path, fresh)
}

// vacuumInto writes the database c is connected to into path through a
// temporary file beside it, checked and synced before it is renamed.
func vacuumInto(ctx context.Context, c *sql.Conn, path string, fresh bool) (err error) {
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
		return domain.Errorf(domain.EINVALID, "", "không ghi được bản sao lưu %s: %s", path, sqlite.Cause(err))
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
	// A new name is taken only if still free (another process backing the
	// same file up may have taken it meanwhile): a hard link never
	// replaces. Where links cannot be made (a FAT drive), or the name is
	// an ordinary file the user chose to replace, the file is checked again
	// and renamed over it.
	switch err := os.Link(tmp, path); {
	case err == nil:
		return nil // tmp, the other name, is removed by the deferred Remove
	case fresh && errors.Is(err, os.ErrExist):
		return errNameTaken
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
	c, err := sql.Open("sqlite", sqlite.ReadOnlyDSN(path, !hasLog(path)))
	if err != nil {
		return err
	}
	defer c.Close()
	var res string
	if err := c.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return domain.Because(ErrDamaged, domain.EINVALID, "%s không đọc được như một tệp dữ liệu (bị hỏng?); hãy dùng một bản sao lưu khác", path)
	}
	if res != "ok" {
		return domain.Because(ErrDamaged, domain.EINVALID, "%s bị hỏng: khi kiểm tra toàn bộ tệp, SQLite thấy dữ liệu hỏng (%s); hãy dùng một bản sao lưu khác", path, firstLine(res))
	}
	return nil
}

// firstLine is the first line of a long report, shortened.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// BackupTo writes a new automatic backup into dir, named after the
// database and the time ("xeploai-20261126-131704.031.db" for xeploai.db),
// and keeps only the newest `backup_keep` (default 30) of this database's
// automatic backups: another database's in the same folder, and the copies
// a restore made of the data it replaced, are left alone. It returns the
// path.
func (db *DB) BackupTo(ctx context.Context, dir string) (string, error) {
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", domain.Errorf(domain.EINVALID, "", "không tạo được thư mục sao lưu %s: %s", dir, safefile.Cause(err))
	}
	var path string
	var err error
	for try := 0; ; try++ {
		// Another process backing the same file up in the same
		// millisecond has its own name: the next free one.
		path = freeBackupName(dir, db.stemPath(), time.Now())
		if err = db.backup(ctx, path, true); !errors.Is(err, errNameTaken) || try == 50 {
			break
		}
	}
	if errors.Is(err, errNameTaken) {
		err = domain.Errorf(domain.ECONFLICT, "", "không đặt được tên cho bản sao lưu trong %s: các chương trình khác đang cùng sao lưu; hãy thử lại", dir)
	}
	if err != nil {
		if os.IsNotExist(statErr) {
			os.Remove(dir) // a backup that failed leaves no folder it made
		}
		return "", err
	}
	keep := 30
	if v, err := db.Setting(ctx, SettingBackupKeep, "30"); err == nil {
		fmt.Sscan(v, &keep)
	}
	return path, pruneBackups(dir, db.stemPath(), max(keep, 1))
}

const (
	backupStamp = "20060102-150405.000"
	// beforeRestore marks the copy a restore makes of the data it replaces.
	beforeRestore = "-truoc-khoi-phuc"
)

// freeBackupName is the name of a backup made at t that no file in dir has
// yet (a millisecond later, and so on).
func freeBackupName(dir, dbPath string, t time.Time) string {
	for {
		path := filepath.Join(dir, backupName(dbPath, t, ""))
		if !exists(path) {
			return path
		}
		t = t.Add(time.Millisecond)
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, os.ErrNotExist)
}

// backupName names a backup of the database at dbPath made at t.
func backupName(dbPath string, t time.Time, mark string) string {
	return dbStem(dbPath) + "-" + t.Format(backupStamp) + mark + ".db"
}

func dbStem(dbPath string) string {
	base := filepath.Base(dbPath)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Backups lists the backups of the database at dbPath in dir, newest first:
// the automatic ones and those restores made.
func Backups(dir, dbPath string) ([]string, error) {
	auto, before, err := backupsOf(dir, dbPath)
	all := append(auto, before...)
	sort.Slice(all, func(i, j int) bool { return filepath.Base(all[i]) > filepath.Base(all[j]) })
	return all, err
}

// backupsOf lists the automatic backups of the database at dbPath in dir,
// and the copies restores made, each newest first.
func backupsOf(dir, dbPath string) (auto, before []string, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	prefix := dbStem(dbPath) + "-"
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || len(rest) < len(backupStamp) || !strings.HasSuffix(rest, ".db") {
			continue
		}
		if _, err := time.Parse(backupStamp, rest[:len(backupStamp)]); err != nil {
			continue
		}
		switch strings.TrimSuffix(rest[len(backupStamp):], ".db") {
		case "":
			auto = append(auto, filepath.Join(dir, e.Name()))
		case beforeRestore:
			before = append(before, filepath.Join(dir, e.Name()))
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(auto)))
	sort.Sort(sort.Reverse(sort.StringSlice(before)))
	return auto, before, nil
}

func pruneBackups(dir, dbPath string, keep int) error {
	safefile.RemoveStale(dir) // copies left half-made by a process that was killed
	auto, _, err := backupsOf(dir, dbPath)
	if err != nil {
		return err
	}
	for _, old := range auto[min(keep, len(auto)):] {
		// Another process pruning at the same time may have removed it.
		if err := os.Remove(old); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// BackupIfOld writes an automatic backup when the newest in dir is older
// than maxAge (or there is none); it returns the new path or "".
func (db *DB) BackupIfOld(ctx context.Context, dir string, maxAge time.Duration) (string, error) {
	auto, _, err := backupsOf(dir, db.stemPath())
	if err != nil {
		return "", err
	}
	if len(auto) > 0 {
		if st, err := os.Stat(auto[0]); err == nil && time.Since(st.ModTime()) < maxAge {
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
	target, exists, err := restoreTarget(dbPath)
	if err != nil {
		return "", err
	}
	f, _, err := safefile.OpenRegular(from)
	if err != nil {
		return "", err
	}
	f.Close()
	if err := checkIntegrity(ctx, from); err != nil {
		return "", err
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", domain.Errorf(domain.EINVALID, "", "không tạo được thư mục %s: %s", dir, safefile.Cause(err))
	}
	safefile.RemoveStale(dir)
	tmp, err := safefile.TempPath(dir, ".restore.tmp")
	if err != nil {
		return "", domain.Errorf(domain.EINVALID, "", "không khôi phục được %s: không ghi được vào thư mục %s (%s)", dbPath, dir, safefile.Cause(err))
	}
	defer safefile.Remove(tmp)
	// Copied through SQLite, so that what is committed in the backup's own
	// write-ahead log (a copy still open elsewhere) comes too.
	if err := copyDatabase(ctx, from, tmp); err != nil {
		var de *domain.Error
		if errors.As(err, &de) && de.Code == domain.EINVALID && !errors.Is(err, ErrNewerSchema) {
			return "", domain.Because(err, domain.EINVALID, "không khôi phục được %s: %s", dbPath, de.Message)
		}
		return "", err
	}
	// Bring the copy up to this version's schema (and mark it ours).
	up, err := Open(tmp)
	if err != nil {
		return "", err
	}
	if err := up.Close(); err != nil {
		return "", err
	}
	if !exists {
		// Nothing to replace: the checked copy becomes the database.
		if err := os.Rename(tmp, target); err != nil {
			return "", domain.Errorf(domain.EINVALID, "", "không ghi được %s: %s", dbPath, safefile.Cause(err))
		}
		safefile.Keep(tmp)
		return "", nil
	}
	if _, err := prepareFile(target, false); err != nil {
		return "", err
	}
	if !writable(target) {
		return "", sqlite.ReadOnly(dbPath)
	}
	saved, err = restoreInPlace(ctx, target, tmp, backupDir)
	removeSpentJournal(target)
	return saved, err
}

// restoreTarget is the file a restore writes: dbPath, or the file a link
// there points to; exists is false where no database is yet (no file, or an
// empty one). A device, FIFO, socket, folder or a link to nowhere is
// refused: a restore never puts a file in place of one of those.
func restoreTarget(dbPath string) (target string, exists bool, err error) {
	st, err := os.Lstat(dbPath)
	if errors.Is(err, os.ErrNotExist) {
		return dbPath, false, nil
	}
	if err != nil {
		return "", false, domain.Errorf(domain.EINVALID, "", "không dùng được %s: %s", dbPath, safefile.Cause(err))
	}
	target = dbPath
	if st.Mode()&os.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(dbPath); err != nil {
			return "", false, domain.Errorf(domain.EINVALID, "", "%s là một liên kết (symlink) không trỏ tới tệp nào; xeploai không khôi phục vào đó", dbPath)
		}
		if st, err = os.Stat(target); err != nil {
			return "", false, domain.Errorf(domain.EINVALID, "", "không dùng được %s: %s", dbPath, safefile.Cause(err))
		}
	}
	switch {
	case st.IsDir():
		return "", false, domain.Errorf(domain.EINVALID, "", "%s là một thư mục, không phải tệp dữ liệu; không khôi phục vào đó", dbPath)
	case !st.Mode().IsRegular():
		return "", false, domain.Errorf(domain.EINVALID, "", "%s không phải là một tệp thường (thiết bị, FIFO hoặc socket); xeploai không khôi phục vào đó", dbPath)
	}
	return target, st.Size() > 0, nil
}

// hasLog reports whether a write-ahead log is beside the database at path:
// without one, the file is read as it is on disk (immutable), which makes
// no -wal or -shm beside it.
func hasLog(path string) bool {
	st, err := os.Stat(path + "-wal")
	return err == nil && st.Size() > 0
}

// copyDatabase writes the database at from into the empty file to through
// SQLite (VACUUM INTO), reading what its write-ahead log holds too; a
// backup with no log beside it is read as it is on disk, so that nothing is
// made beside it.
func copyDatabase(ctx context.Context, from, to string) error {
	c, err := sql.Open("sqlite", sqlite.SourceDSN(from, !hasLog(from)))
	if err != nil {
		return err
	}
	defer c.Close()
	if v, err := schemaVersion(c); err == nil && v > len(migrations) {
		return newerSchema(from, v)
	}
	if _, err := c.ExecContext(ctx, `VACUUM INTO ?`, to); err != nil {
		return domain.Errorf(domain.EINVALID, "", "không chép được %s: %s", from, sqlite.Cause(err))
	}
	return syncFile(to)
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
	pool, err := sql.Open("sqlite", sqlite.URI(dbPath)+"?_pragma=busy_timeout(3000)&_pragma=foreign_keys(0)")
	if err != nil {
		return "", err
	}
	defer pool.Close()
	c, err := pool.Conn(ctx)
	if err != nil {
		return "", sqlite.Explain(dbPath, err)
	}
	defer c.Close()
	// Leaving WAL takes an exclusive lock on the file, which SQLite grants
	// only when no other connection has it open; in exclusive locking mode
	// the lock is then kept until this connection lets it go.
	inUse := func(err error) error {
		return domain.Because(err, domain.ECONFLICT, "không khôi phục được: tệp dữ liệu %s đang được mở ở cửa sổ xeploai khác hoặc một lệnh khác đang dùng nó; hãy đóng cửa sổ đó (hoặc chờ lệnh chạy xong) rồi thử lại — chưa có gì thay đổi", dbPath)
	}
	if _, err := c.ExecContext(ctx, `PRAGMA locking_mode = EXCLUSIVE`); err != nil {
		return "", sqlite.Explain(dbPath, err)
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
		return "", sqlite.Explain(dbPath, err)
	}
	// The data being replaced, backed up under the same lock: nothing can be
	// committed between this copy and the restore.
	saved = filepath.Join(backupDir, backupName(dbPath, time.Now(), beforeRestore))
	if err := vacuumInto(ctx, c, saved, true); err != nil {
		return "", err
	}
	err = sqlite.CopyPages(ctx, c, sqlite.ReadOnlyDSN(src, false))
	if err != nil {
		return saved, sqlite.Explain(dbPath, err)
	}
	return saved, nil
}
