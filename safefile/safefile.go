// Package safefile writes files that hold personal data: readable by the
// owner only (mode 0600), in place only once complete and synced, and never
// over something that is not an ordinary output file — a database, a device,
// a FIFO, a folder or a symbolic link. It also keeps track of its temporary
// files, so that none is left behind by a failure, a signal or a crash.
package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"xeploai/domain"
)

// sqliteMagic opens every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// companions are the files SQLite keeps beside a database.
var companions = []string{"-wal", "-shm", "-journal"}

// CheckTarget refuses a path that the program must not write over: an
// existing folder, device, FIFO, socket or symbolic link (links are refused,
// not followed, so that a write never lands somewhere the user did not name),
// any existing SQLite database file, and the -wal, -shm or -journal file of
// a database. A path that does not exist yet, or an existing regular file
// that is not a database, may be written.
func CheckTarget(path string) error {
	if path == "" {
		return domain.Errorf(domain.EINVALID, "", "cần tên tệp để ghi")
	}
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return checkCompanion(path)
	case err != nil:
		return domain.Errorf(domain.EINVALID, "", "không kiểm tra được %s: %v", path, Cause(err))
	}
	switch m := st.Mode(); {
	case m&os.ModeSymlink != 0:
		dest, _ := os.Readlink(path)
		return domain.Errorf(domain.EINVALID, "", "%s là một liên kết (symlink) tới %s; xeploai không ghi qua liên kết — hãy ghi thẳng vào tệp đích", path, dest)
	case m.IsDir():
		return domain.Errorf(domain.EINVALID, "", "%s là một thư mục; hãy cho tên một tệp trong đó, ví dụ %s", path, filepath.Join(path, "tep"+filepath.Ext(path)))
	case !m.IsRegular():
		return domain.Errorf(domain.EINVALID, "", "%s không phải là một tệp thường (thiết bị, FIFO hoặc socket); xeploai không ghi vào đó", path)
	}
	db, err := isSQLite(path)
	if err != nil {
		return domain.Errorf(domain.EINVALID, "", "không đọc được %s để biết có được ghi đè hay không (%s); tệp được giữ nguyên — hãy chọn tên khác", path, Cause(err))
	}
	if db {
		return domain.Errorf(domain.EINVALID, "", "%s là một tệp cơ sở dữ liệu (SQLite); xeploai không bao giờ ghi đè lên tệp dữ liệu — hãy chọn tên khác", path)
	}
	return checkCompanion(path)
}

// checkCompanion refuses the -wal, -shm or -journal file of a database,
// the suffix in any case (on Windows and macOS "X.DB-WAL" is x.db's log).
func checkCompanion(path string) error {
	lower := strings.ToLower(path)
	for _, s := range companions {
		if strings.HasSuffix(lower, s) {
			if base := path[:len(path)-len(s)]; IsSQLite(base) {
				return domain.Errorf(domain.EINVALID, "", "%s là tệp đi kèm của cơ sở dữ liệu %s; xeploai không ghi vào đó — hãy chọn tên khác", path, base)
			}
		}
	}
	return nil
}

// IsSQLite reports whether path is a regular file that begins as an SQLite
// database does.
func IsSQLite(path string) bool {
	db, _ := isSQLite(path)
	return db
}

// isSQLite is IsSQLite that says when the file exists but cannot be read.
func isSQLite(path string) (bool, error) {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return false, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	hdr := make([]byte, len(sqliteMagic))
	n, _ := io.ReadFull(f, hdr)
	hdr = hdr[:n]
	// A database, or a write-ahead log (whatever it is called now).
	return bytes.Equal(hdr, []byte(sqliteMagic)) || (n >= 4 && (bytes.Equal(hdr[:4], walMagic[0]) || bytes.Equal(hdr[:4], walMagic[1]))), nil
}

// walMagic opens every SQLite write-ahead log (big- or little-endian
// checksums).
var walMagic = [2][]byte{{0x37, 0x7f, 0x06, 0x82}, {0x37, 0x7f, 0x06, 0x83}}

// OpenRegular opens a file to read, refusing anything that is not a regular
// file (a device such as /dev/zero, a FIFO, a folder) before opening it:
// reading those never ends or blocks.
func OpenRegular(path string) (*os.File, os.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, notFound(path, err)
	}
	if st.IsDir() {
		return nil, nil, domain.Errorf(domain.EINVALID, "", "%s là một thư mục, không phải một tệp", path)
	}
	if !st.Mode().IsRegular() {
		return nil, nil, domain.Errorf(domain.EINVALID, "", "%s không phải là một tệp thường (thiết bị, FIFO hoặc socket); xeploai chỉ đọc tệp thường", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, notFound(path, err)
	}
	return f, st, nil
}

func notFound(path string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return domain.Errorf(domain.EINVALID, "", "không tìm thấy tệp %s", path)
	}
	return domain.Errorf(domain.EINVALID, "", "không đọc được tệp %s: %s", path, Cause(err))
}

// Write creates path through write: into a temporary file beside it, synced,
// then renamed over path, so that a crash never leaves half a file. The
// target is checked first (CheckTarget) and again just before the rename.
func Write(path string, write func(w io.Writer) error) error {
	if err := CheckTarget(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	RemoveStale(dir)
	tmp, err := Temp(dir, ".tmp")
	if err != nil {
		return domain.Errorf(domain.EINVALID, "", "không ghi được vào thư mục %s: %s", dir, Cause(err))
	}
	defer Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return writeError(path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return writeError(path, err)
	}
	if err := tmp.Close(); err != nil {
		return writeError(path, err)
	}
	if err := CheckTarget(path); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return writeError(path, err)
	}
	return nil
}

// writeError names the file and the cause of a failed write; a user's error
// (a domain.Error) passes unchanged.
func writeError(path string, err error) error {
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	return domain.Errorf(domain.EINVALID, "", "không ghi được %s: %s; tệp cũ (nếu có) được giữ nguyên", path, Cause(err))
}

// Cause says in Vietnamese why a file operation failed: a full disk, a
// read-only file or folder, a missing permission; else the system's words.
func Cause(err error) string {
	switch {
	case isNoSpace(err):
		return "đĩa đầy (hết chỗ trống hoặc vượt giới hạn kích thước tệp)"
	case isReadOnlyFS(err):
		return "ổ đĩa chỉ đọc"
	case errors.Is(err, os.ErrPermission):
		return "không có quyền truy cập (tệp hoặc thư mục chỉ đọc, hoặc của người dùng khác)"
	case errors.Is(err, os.ErrNotExist):
		return "không có tệp hoặc thư mục đó"
	case errors.Is(err, os.ErrExist):
		return "đã có tệp hoặc liên kết với tên đó"
	}
	if msg := pathCause(err); msg != "" {
		return msg
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// tempPrefix begins every temporary file's name; the process id follows, so
// that a later run can tell a dead process's leftovers from live work.
const tempPrefix = ".xeploai-"

var (
	mu      sync.Mutex
	tracked = map[string]bool{}
)

// Temp creates a new empty file in dir, readable by the owner only, named
// .xeploai-<pid>-<random><suffix>. It is tracked until Remove or Keep, so
// that RemoveTracked (on SIGINT or SIGTERM) deletes it.
func Temp(dir, suffix string) (*os.File, error) {
	f, err := os.CreateTemp(dir, fmt.Sprintf("%s%d-*%s", tempPrefix, os.Getpid(), suffix))
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	mu.Lock()
	tracked[f.Name()] = true
	mu.Unlock()
	return f, nil
}

// TempPath is Temp for code that wants only the (closed, empty) file's name.
func TempPath(dir, suffix string) (string, error) {
	f, err := Temp(dir, suffix)
	if err != nil {
		return "", err
	}
	if err := f.Close(); err != nil {
		Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// Keep stops tracking a temporary file that was renamed into place.
func Keep(path string) {
	mu.Lock()
	delete(tracked, path)
	mu.Unlock()
}

// Remove deletes a temporary file (and any -journal, -wal or -shm SQLite
// left beside it) and stops tracking it.
func Remove(path string) {
	Keep(path)
	os.Remove(path)
	for _, s := range companions {
		os.Remove(path + s)
	}
}

// RemoveTracked deletes every temporary file still being written: called when
// the process is told to stop.
func RemoveTracked() {
	mu.Lock()
	paths := make([]string, 0, len(tracked))
	for p := range tracked {
		paths = append(paths, p)
	}
	mu.Unlock()
	for _, p := range paths {
		Remove(p)
	}
}

// ProcessAlive reports whether a process with this id may still run.
func ProcessAlive(pid int) bool { return processAlive(pid) }

// RemoveStale deletes, in dir, the temporary files of xeploai processes that
// are no longer running (killed before they could clean up).
func RemoveStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), tempPrefix)
		if !ok || e.IsDir() {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		if !ok {
			continue
		}
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid <= 0 || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}
