package safefile

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

const sqliteHeader = "SQLite format 3\x00" + "rest of a page"

// TestCheckTarget: what may be written over, and what never is.
func TestCheckTarget(t *testing.T) {
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	db := file("x.db", sqliteHeader)
	old := file("old.pdf", "%PDF-1.4")
	fifo := filepath.Join(dir, "fifo.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.pdf")
	os.Symlink(old, link)
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o700)
	for _, c := range []struct {
		name, path, want string // want "" = may be written
	}{
		{"a new file", filepath.Join(dir, "new.pdf"), ""},
		{"an old document", old, ""},
		{"a database", db, "cơ sở dữ liệu"},
		{"a database under another name", file("report.xlsx", sqliteHeader), "cơ sở dữ liệu"},
		{"its -wal (absent)", db + "-wal", "tệp đi kèm"},
		{"its -shm (present)", file("x.db-shm", "shm"), "tệp đi kèm"},
		{"its -journal", db + "-journal", "tệp đi kèm"},
		{"a FIFO", fifo, "không phải là một tệp thường"},
		{"a device", "/dev/null", "không phải là một tệp thường"},
		{"a symbolic link", link, "liên kết"},
		{"a folder", sub, "thư mục"},
		{"nothing", "", "cần tên tệp"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckTarget(c.path)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path)):
				t.Errorf("got %v, want a refusal naming %s with %q", err, c.path, c.want)
			}
		})
	}
}

// TestWriteLeavesNothingOnFailure: a failed write leaves the old file and
// no temporary file; a refused target is not touched.
func TestWriteLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.csv")
	os.WriteFile(p, []byte("old"), 0o600)
	err := Write(p, func(w io.Writer) error {
		w.Write([]byte("half"))
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("old file now %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := Write(p, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
}

// TestOpenRegularRefusesEndlessFiles: /dev/zero, a FIFO and a folder are
// refused before they are read (reading them never ends or blocks).
func TestOpenRegularRefusesEndlessFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	syscall.Mkfifo(fifo, 0o600)
	for _, p := range []string{"/dev/zero", fifo, t.TempDir()} {
		if f, _, err := OpenRegular(p); err == nil {
			f.Close()
			t.Errorf("opened %s", p)
		}
	}
}

// TestStaleTempFilesOfDeadProcesses: a temporary file left by a process
// that was killed is removed by the next run; a live process's is kept.
func TestStaleTempFilesOfDeadProcesses(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := filepath.Join(dir, tempPrefix+strconv.Itoa(cmd.Process.Pid)+"-123.tmp")
	live, err := Temp(dir, ".tmp")
	if err != nil {
		t.Fatal(err)
	}
	defer Remove(live.Name())
	live.Close()
	os.WriteFile(dead, []byte("half a backup"), 0o600)
	RemoveStale(dir)
	if _, err := os.Stat(dead); !errors.Is(err, os.ErrNotExist) {
		t.Error("a dead process's temporary file was kept")
	}
	if _, err := os.Stat(live.Name()); err != nil {
		t.Error("this process's temporary file was removed")
	}
	RemoveTracked()
	if _, err := os.Stat(live.Name()); !errors.Is(err, os.ErrNotExist) {
		t.Error("RemoveTracked kept a temporary file")
	}
}
