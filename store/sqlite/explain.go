package sqlite

import (
	"errors"
	"fmt"

	sqlite3 "modernc.org/sqlite/lib"

	"xeploai/domain"
	"xeploai/safefile"
)

// ErrNotDatabase is returned for a file that is not an SQLite database.
var ErrNotDatabase = errors.New("not a database")

// ErrDamaged is returned for a database file that is truncated or damaged.
var ErrDamaged = errors.New("damaged database")

// ErrReadOnly is returned when a database that must be written cannot be:
// a read-only file or folder, or a database that needs a migration.
var ErrReadOnly = errors.New("read-only database")

// Explain turns what SQLite or the system says about the database at path
// into a message that names the file and the cause in Vietnamese: a
// read-only file or folder, a full disk, a missing permission, a busy
// database. Errors already meant for the user, and nil, pass unchanged.
func Explain(path string, err error) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	var msg string
	switch code := Code(err); code {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		msg = fmt.Sprintf("tệp dữ liệu %s đang bận: một chương trình khác (hoặc cửa sổ xeploai khác) đang ghi một lượng lớn dữ liệu; chưa có gì được ghi — hãy thử lại sau ít phút", path)
		return domain.Because(err, domain.ECONFLICT, "%s", msg)
	case sqlite3.SQLITE_READONLY:
		return ReadOnly(path)
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

// ReadOnly says that the database at path cannot be written.
func ReadOnly(path string) error {
	return domain.Because(ErrReadOnly, domain.EINVALID, "tệp dữ liệu %s chỉ đọc (tệp, hoặc thư mục chứa nó, không cho ghi); chưa có gì được ghi", path)
}

// isFileError reports a system error about a file (permission, no space).
func isFileError(err error) bool {
	return safefile.Cause(err) != err.Error()
}

// IsReadOnly reports an error that means the database cannot be
// written here.
func IsReadOnly(err error) bool {
	if errors.Is(err, ErrReadOnly) {
		return true
	}
	switch Code(err) {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return true
	}
	return false
}

// Cause says briefly why an SQLite operation on a file failed.
func Cause(err error) string {
	switch Code(err) {
	case sqlite3.SQLITE_FULL:
		return "đĩa đầy"
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return "không ghi được (thư mục chỉ đọc hoặc không có quyền)"
	case sqlite3.SQLITE_IOERR:
		return "đĩa đầy hoặc lỗi ghi đĩa"
	}
	return safefile.Cause(err)
}
