// Package store keeps xeploai's records in one SQLite file (modernc.org/sqlite,
// pure Go): schema and migrations, queries, imports and exports of record sets,
// and the conference report's figures. It has no GUI imports.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"xeploai/domain"
)

// DB is an open xeploai database: one writer connection (immediate
// transactions) beside a small pool of read-only connections.
type DB struct {
	path    string
	user    string // who the history names when the settings name nobody
	session string // this process, for grouping steps
	write   *sql.DB
	read    *sql.DB
	trees   treeCache
}

// ErrNotDatabase is returned for a file that is not an SQLite database.
var ErrNotDatabase = errors.New("not a database")

// ErrNewerSchema is returned for a database written by a newer xeploai.
var ErrNewerSchema = errors.New("database from a newer version")

// ErrDamaged is returned for a database file that is truncated or damaged.
var ErrDamaged = errors.New("damaged database")

const sqliteMagic = "SQLite format 3\x00"

// dsn builds a connection string whose pragmas reach every pooled connection.
func dsn(path string, readOnly bool) string {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	q := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)"
	if readOnly {
		q += "&_pragma=query_only(1)&_pragma=cache_size(-16000)&_pragma=mmap_size(1073741824)"
	} else {
		q += "&_txlock=immediate"
	}
	return "file:" + r.Replace(p) + "?" + q
}

// Open opens the database at path, creating it (mode 0600) when it does not
// exist, and brings its schema up to date. A file that is not a database, is
// damaged, or was written by a newer version is refused and left untouched.
func Open(path string) (*DB, error) {
	if err := prepareFile(path); err != nil {
		return nil, err
	}
	write, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	db := &DB{path: path, write: write, user: currentUser(), session: newSession()}
	if err := db.migrate(context.Background()); err != nil {
		write.Close()
		return nil, err
	}
	read, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(4)
	read.SetMaxIdleConns(4)
	db.read = read
	return db, nil
}

// prepareFile creates a missing database file with mode 0600, and checks an
// existing one without writing to it.
func prepareFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		return f.Close()
	}
	if !errors.Is(err, os.ErrExist) {
		return domain.Errorf(domain.EINVALID, "", "không tạo được tệp dữ liệu %s: %v", path, err)
	}
	return checkFile(path)
}

// checkFile reads an existing file's header and refuses what SQLite must not
// open: something else than a database, a truncated database, or one written
// by a newer version of xeploai.
func checkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return domain.Errorf(domain.EINVALID, "", "không mở được tệp dữ liệu %s: %v", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return domain.Errorf(domain.EINVALID, "", "%s là một thư mục, không phải tệp dữ liệu", path)
	}
	if st.Size() == 0 {
		return nil // a new, empty database
	}
	hdr := make([]byte, 100)
	if _, err := io.ReadFull(f, hdr); err != nil || !bytes.Equal(hdr[:16], []byte(sqliteMagic)) {
		return fmt.Errorf("%w: %w", &domain.Error{Code: domain.EINVALID, Message: fmt.Sprintf("%s không phải là tệp dữ liệu xeploai (SQLite); tệp được giữ nguyên", path)}, ErrNotDatabase)
	}
	pageSize := int64(binary.BigEndian.Uint16(hdr[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	changeCounter := binary.BigEndian.Uint32(hdr[24:28])
	pages := int64(binary.BigEndian.Uint32(hdr[28:32]))
	validFor := binary.BigEndian.Uint32(hdr[92:96])
	// A file shorter than its header says is truncated, unless a write-ahead
	// log is beside it: a checkpoint cut short (a crash, a power cut) leaves
	// the header ahead of the file, and SQLite completes it from the log.
	short := changeCounter == validFor && pages*pageSize > st.Size()
	if wal, err := os.Stat(path + "-wal"); short && err == nil && wal.Size() > 0 {
		short = false
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 || short {
		return fmt.Errorf("%w: %w", &domain.Error{Code: domain.EINVALID, Message: fmt.Sprintf("tệp dữ liệu %s bị cắt cụt hoặc hỏng (%d byte, cần %d); tệp được giữ nguyên — hãy khôi phục từ bản sao lưu", path, st.Size(), pages*pageSize)}, ErrDamaged)
	}
	if v := int(binary.BigEndian.Uint32(hdr[60:64])); v > len(migrations) {
		return newerSchema(path, v)
	}
	return nil
}

func newerSchema(path string, v int) error {
	return fmt.Errorf("%w: %w", &domain.Error{Code: domain.EINVALID, Message: fmt.Sprintf("tệp dữ liệu %s do phiên bản xeploai mới hơn tạo ra (lược đồ %d, phiên bản này biết đến %d); hãy cập nhật xeploai — tệp được giữ nguyên", path, v, len(migrations))}, ErrNewerSchema)
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
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
		return endStep(ctx, tx, step)
	})
}

// rawTx runs fn in one immediate write transaction outside the history (for
// migrations and settings).
func (db *DB) rawTx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	defer func() { err = busy(err) }()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
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

// busy turns SQLite's "database is locked", left after waiting the whole
// busy timeout for another process's long write, into a message.
func busy(err error) error {
	if err != nil && (strings.Contains(err.Error(), "database is locked") || strings.Contains(err.Error(), "SQLITE_BUSY")) {
		return fmt.Errorf("%w: %w", &domain.Error{Code: domain.ECONFLICT, Message: "tệp dữ liệu đang bận: một chương trình khác (hoặc cửa sổ xeploai khác) đang ghi một lượng lớn dữ liệu; chưa có gì được ghi — hãy thử lại sau ít phút"}, err)
	}
	return err
}

// queryer is what *sql.DB and *sql.Tx share for reading.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
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
