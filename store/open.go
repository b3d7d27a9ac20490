package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"xeploai/domain"
	"xeploai/safefile"
	"xeploai/store/internal/sqlrows"
	"xeploai/store/sqlite"
)

// AppID marks a file as an xeploai database (PRAGMA application_id, "XPLA"):
// set when a database is created, and on the first writable open of one made
// before the mark existed.
const AppID = 0x58504C41

// ErrNewerSchema is returned for a database written by a newer xeploai.
var ErrNewerSchema = errors.New("database from a newer version")

// ErrForeign is returned for an SQLite database of another program.
var ErrForeign = errors.New("another program's database")

// The errors of a file that cannot be used (package sqlite's).
var (
	ErrNotDatabase = sqlite.ErrNotDatabase
	ErrDamaged     = sqlite.ErrDamaged
	ErrReadOnly    = sqlite.ErrReadOnly
)

// ErrMissing is returned when no database is at the path and the caller
// must not create one.
var ErrMissing = errors.New("no database at this path")

// Options say how a database is opened.
type Options struct {
	// Create makes a new, empty database (mode 0600) when none is at the
	// path: the window, import, demo and restore do; reading verbs must not.
	Create bool
	// ReadOnly lets a database that cannot be written (a read-only file or
	// folder) be opened to read, when its schema needs no migration.
	ReadOnly bool
}

// Open opens the database at path to read and write, creating it (mode
// 0600) when it does not exist, and brings its schema up to date. A file that
// is not a database, is damaged, belongs to another program or was written by
// a newer version is refused and left untouched.
func Open(path string) (*DB, error) { return OpenWith(path, Options{Create: true}) }

// OpenWith opens the database at path as opt says.
func OpenWith(path string, opt Options) (*DB, error) {
	if strings.TrimSpace(path) == "" {
		return nil, domain.Errorf(domain.EINVALID, "--db", "đường dẫn tệp dữ liệu trống")
	}
	created, err := prepareFile(path, opt.Create)
	if err != nil {
		return nil, err
	}
	if !created && !writable(path) {
		if opt.ReadOnly {
			return openReadOnly(path)
		}
		return nil, sqlite.ReadOnly(path)
	}
	// What a process killed half-way left beside the database (a restore's
	// copy, a backup's) goes now.
	safefile.RemoveStale(filepath.Dir(path))
	db, err := openWritable(path)
	if err != nil && !created && opt.ReadOnly && sqlite.IsReadOnly(err) {
		return openReadOnly(path)
	}
	if err != nil && created {
		safefile.Remove(path) // nothing of ours is left where nothing was
	}
	return db, err
}

func openWritable(path string) (*DB, error) {
	write, err := sql.Open("sqlite", sqlite.DSN(path, false))
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	db := &DB{path: path, write: write, session: newSession(), dialect: sqlite.Dialect{}}
	if err := db.migrate(context.Background()); err != nil {
		write.Close()
		err = sqlite.Explain(path, err)
		var de *domain.Error
		if !errors.As(err, &de) {
			// Our own migrations fail only on a damaged file.
			err = domain.Because(ErrDamaged, domain.EINVALID, "tệp dữ liệu %s không đọc được như dữ liệu xeploai (có thể bị hỏng); tệp được giữ nguyên — hãy khôi phục từ bản sao lưu", path)
		} else {
			err = de // without the migration's name in front
		}
		return nil, err
	}
	read, err := sql.Open("sqlite", sqlite.DSN(path, true))
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(4)
	read.SetMaxIdleConns(4)
	db.read = read
	return db, nil
}

// openReadOnly opens a database that cannot be written, when its schema is
// current: the write pool is a read-only connection too, so that a write
// says the file is read-only instead of changing it.
func openReadOnly(path string) (*DB, error) {
	var lastErr error
	for _, immutable := range []bool{false, true} {
		conn, err := sql.Open("sqlite", sqlite.ReadOnlyDSN(path, immutable))
		if err != nil {
			return nil, err
		}
		version, err := schemaVersion(conn)
		if err != nil {
			conn.Close()
			lastErr = err
			continue
		}
		if version < len(migrations) {
			conn.Close()
			return nil, domain.Because(ErrReadOnly, domain.EINVALID, "tệp dữ liệu %s cần được nâng cấp lên phiên bản này của xeploai nhưng không ghi được (tệp hoặc thư mục chỉ đọc); hãy mở nó ở nơi ghi được một lần, hoặc chép nó sang thư mục khác", path)
		}
		write, _ := sql.Open("sqlite", sqlite.ReadOnlyDSN(path, immutable))
		write.SetMaxOpenConns(1)
		conn.SetMaxOpenConns(4)
		return &DB{path: path, write: write, read: conn, readOnly: true, immutable: immutable, session: newSession(), dialect: sqlite.Dialect{}}, nil
	}
	return nil, sqlite.Explain(path, lastErr)
}

// schemaVersion reads the last migration applied.
func schemaVersion(c *sql.DB) (int, error) {
	var v int
	err := c.QueryRow(`SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// writable reports whether SQLite could write the database at path: the file
// opens to write, and its folder takes new files (the -wal and -shm).
func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return dirWritable(filepath.Dir(path))
}

// prepareFile creates a missing database file with mode 0600 when create
// says so, and checks an existing one without writing to it.
func prepareFile(path string, create bool) (created bool, err error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		if !create {
			return false, domain.Because(ErrMissing, domain.EINVALID, "không có tệp dữ liệu %s — hãy kiểm tra đường dẫn --db (lệnh này không tạo tệp mới)", path)
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return false, domain.Errorf(domain.EINVALID, "", "không tạo được tệp dữ liệu %s: %s", path, safefile.Cause(err))
		}
		return true, f.Close()
	}
	if err != nil {
		return false, domain.Errorf(domain.EINVALID, "", "không mở được tệp dữ liệu %s: %s", path, safefile.Cause(err))
	}
	if st.IsDir() {
		return false, domain.Errorf(domain.EINVALID, "", "%s là một thư mục, không phải tệp dữ liệu", path)
	}
	if st.Mode().IsRegular() && st.Size() == 0 && !create {
		return false, domain.Because(ErrMissing, domain.EINVALID, "tệp %s trống, chưa phải là tệp dữ liệu xeploai — lệnh này không tạo dữ liệu mới (hãy nhập tệp Excel, hoặc mở bằng cửa sổ chương trình)", path)
	}
	if !st.Mode().IsRegular() {
		return false, domain.Errorf(domain.EINVALID, "", "%s không phải là một tệp thường (thiết bị, FIFO hoặc socket), không thể là tệp dữ liệu", path)
	}
	return false, checkFile(path)
}

// checkFile reads an existing file's header and refuses what SQLite must not
// open: something else than a database, a truncated database, another
// program's database, or one written by a newer version of xeploai.
func checkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return domain.Errorf(domain.EINVALID, "", "không mở được tệp dữ liệu %s: %s", path, safefile.Cause(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return domain.Errorf(domain.EINVALID, "", "%s không phải là một tệp thường, không thể là tệp dữ liệu", path)
	}
	if st.Size() == 0 {
		return nil // a new, empty database
	}
	if n := linkCount(st); n > 1 {
		// Two names for one file would each get a write-ahead log of its
		// own, and the work written through one would be lost.
		return domain.Errorf(domain.EINVALID, "", "tệp dữ liệu %s có %d tên (liên kết cứng); SQLite ghi nhật ký riêng cho mỗi tên và dữ liệu sẽ bị mất — hãy mở bằng một tên duy nhất (xoá các liên kết cứng kia, hoặc chép thành tệp riêng)", path, n)
	}
	hdr, ok := sqlite.ReadHeader(f)
	if !ok {
		return domain.Because(ErrNotDatabase, domain.EINVALID, "%s không phải là tệp dữ liệu xeploai (SQLite); tệp được giữ nguyên", path)
	}
	// A file shorter than its header says is truncated, unless a write-ahead
	// log is beside it: a checkpoint cut short (a crash, a power cut) leaves
	// the header ahead of the file, and SQLite completes it from the log.
	short := hdr.Current() && hdr.Size() > st.Size()
	if wal, err := os.Stat(path + "-wal"); short && err == nil && wal.Size() > 0 {
		short = false
	}
	if !hdr.ValidPageSize() || short {
		return domain.Because(ErrDamaged, domain.EINVALID, "tệp dữ liệu %s bị cắt cụt hoặc hỏng (%d byte, cần %d); tệp được giữ nguyên — hãy khôi phục từ bản sao lưu", path, st.Size(), hdr.Size())
	}
	switch id := hdr.AppID; {
	case id == AppID:
	case id != 0 || !ownOrEmpty(path):
		return foreign(path)
	}
	if v := int(hdr.UserVersion); v > len(migrations) {
		return newerSchema(path, v)
	}
	return nil
}

func foreign(path string) error {
	return domain.Because(ErrForeign, domain.EINVALID, "%s là cơ sở dữ liệu của một chương trình khác, không phải của xeploai; tệp được giữ nguyên — hãy chọn tệp dữ liệu xeploai hoặc một tên tệp mới", path)
}

func newerSchema(path string, v int) error {
	return domain.Because(ErrNewerSchema, domain.EINVALID, "tệp dữ liệu %s do phiên bản xeploai mới hơn tạo ra (lược đồ %d, phiên bản này biết đến %d); hãy cập nhật xeploai — tệp được giữ nguyên", path, v, len(migrations))
}

var errForeignRow = errors.New("a migration that is not ours")

// ownOrEmpty tells an unmarked SQLite file that xeploai may open — one made
// by a version before the mark (its first migration recorded under our
// name), or one with no schema at all — from another program's. It reads
// the file as it is (immutable: no lock, no -shm made); when that finds
// another program's schema but a log is beside the file, it looks again
// through the log, where a recent schema may still be.
func ownOrEmpty(path string) bool {
	probe := func(immutable bool) (own, ok bool) {
		c, err := sql.Open("sqlite", sqlite.ReadOnlyDSN(path, immutable))
		if err != nil {
			return false, false
		}
		defer c.Close()
		var objects int
		if err := c.QueryRow(`SELECT COUNT(*) FROM sqlite_master`).Scan(&objects); err != nil {
			return false, false
		}
		if objects == 0 {
			return true, true
		}
		// Every migration recorded must be one of ours, by number and name,
		// and the tables the first one makes must be there.
		recorded := 0
		err = sqlrows.Each(context.Background(), c, `SELECT version, name FROM schema_migrations ORDER BY version`, nil, func(sc func(...any) error) error {
			var v int
			var name string
			if err := sc(&v, &name); err != nil {
				return err
			}
			if v < 1 || v > len(migrations) || migrations[v-1].name != name {
				return errForeignRow
			}
			recorded++
			return nil
		})
		if err != nil || recorded == 0 {
			return false, true
		}
		var tables int
		if err := c.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('orgs', 'members', 'member_ratings', 'org_ratings', 'awards')`).Scan(&tables); err != nil {
			return false, true
		}
		return tables == 5, true
	}
	if own, _ := probe(true); own {
		return true
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		own, _ := probe(false)
		return own
	}
	return false
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// ReadOnly reports whether the database was opened only to read.
func (db *DB) ReadOnly() bool { return db.readOnly || db.viewOnly }
