package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"xeploai/domain"
	"xeploai/safefile"
)

// explain turns what SQLite or the system says about the database at path
// into a message that names the file and the cause in Vietnamese: a
// read-only file or folder, a full disk, a missing permission, a busy
// database. Errors already meant for the user, and nil, pass unchanged.
func explain(path string, err error) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	var msg string
	switch code := sqliteCode(err); code {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		msg = fmt.Sprintf("tệp dữ liệu %s đang bận: một chương trình khác (hoặc cửa sổ xeploai khác) đang ghi một lượng lớn dữ liệu; chưa có gì được ghi — hãy thử lại sau ít phút", path)
		return domain.Because(err, domain.ECONFLICT, "%s", msg)
	case sqlite3.SQLITE_READONLY:
		return readOnly(path)
	case sqlite3.SQLITE_FULL:
		msg = fmt.Sprintf("không ghi được vào tệp dữ liệu %s: đĩa đầy; chưa có gì được ghi — hãy giải phóng chỗ trống rồi thử lại", path)
	case sqlite3.SQLITE_IOERR:
		msg = fmt.Sprintf("lỗi đọc/ghi đĩa với tệp dữ liệu %s (đĩa đầy, ổ đĩa bị tháo ra, hoặc hỏng?); chưa có gì được ghi", path)
	case sqlite3.SQLITE_CANTOPEN:
		msg = fmt.Sprintf("không mở được tệp dữ liệu %s (không có quyền, hoặc thư mục chứa nó chỉ đọc hay không còn)", path)
	case sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		msg = fmt.Sprintf("không có quyền ghi tệp dữ liệu %s", path)
	case sqlite3.SQLITE_NOTADB:
		return domain.Because(ErrNotDatabase, domain.EINVALID, "%s không phải là tệp dữ liệu xeploai (SQLite); tệp được giữ nguyên", path)
	case sqlite3.SQLITE_CORRUPT:
		return domain.Because(ErrDamaged, domain.EINVALID, "tệp dữ liệu %s bị hỏng; hãy khôi phục từ bản sao lưu (Tệp › Khôi phục, hoặc xeploai restore)", path)
	default:
		if code == 0 && isFileError(err) {
			msg = fmt.Sprintf("không dùng được tệp dữ liệu %s: %s", path, safefile.Cause(err))
			break
		}
		return err
	}
	return domain.Because(err, domain.EINVALID, "%s", msg)
}

func readOnly(path string) error {
	return domain.Because(ErrReadOnly, domain.EINVALID, "tệp dữ liệu %s chỉ đọc (tệp, hoặc thư mục chứa nó, không cho ghi); chưa có gì được ghi", path)
}

// sqliteCode is the primary result code of an SQLite error, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// isFileError reports a system error about a file (permission, no space).
func isFileError(err error) bool {
	return safefile.Cause(err) != err.Error()
}

// isReadOnlyError reports an error that means the database cannot be
// written here.
func isReadOnlyError(err error) bool {
	if errors.Is(err, ErrReadOnly) {
		return true
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return true
	}
	return false
}

// Explain is explain for callers outside the store (the command line, the
// window): an error met while using the database at path.
func Explain(path string, err error) error {
	if IsServerURL(path) {
		if cfg, perr := pgx.ParseConfig(path); perr == nil {
			return explainPG(RedactURL(path), cfg, err)
		}
	}
	return explain(path, err)
}

// explainWrite explains a failed write and, after a full disk or an I/O
// error, checkpoints and truncates the write-ahead log, so that the frames
// of the transaction that failed do not keep the disk full.
func (db *DB) explainWrite(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if db.pg {
		return explainPG(db.path, db.pgcfg, err)
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR:
		db.write.ExecContext(context.WithoutCancel(ctx), `PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	return explain(db.path, err)
}

// sqlCause says briefly why an SQLite operation on a file failed.
func sqlCause(err error) string {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL:
		return "đĩa đầy"
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return "không ghi được (thư mục chỉ đọc hoặc không có quyền)"
	case sqlite3.SQLITE_IOERR:
		return "đĩa đầy hoặc lỗi ghi đĩa"
	}
	return safefile.Cause(err)
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
