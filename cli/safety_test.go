package cli

import (
	"xeploai/store/pgtest"

	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"xeploai/domain"
	"xeploai/safefile"
	"xeploai/store"
)

// The adversarial tests run the command line in a child process (this test
// binary again, with XEPLOAI_AS_CLI=1), so that a case can lower the file
// size limit (a full disk without root) and, when the tests run as root
// (who may write anything), run as an unprivileged user, so that read-only
// files and folders are read-only.

func TestMain(m *testing.M) {
	if os.Getenv("XEPLOAI_AS_CLI") == "1" {
		os.Exit(childCLI())
	}
	code := pgtest.Main(m) // stops the PostgreSQL cluster the tests may have started
	if cliBinDir != "" {
		os.RemoveAll(cliBinDir)
	}
	os.Exit(code)
}

// childCLI is the command line as the binary runs it, with the file size
// limit of XEPLOAI_FSIZE (writes past it fail with EFBIG, as on a full disk).
func childCLI() int {
	if n, err := strconv.ParseUint(os.Getenv("XEPLOAI_FSIZE"), 10, 64); err == nil {
		signal.Ignore(syscall.SIGXFSZ)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
			fmt.Fprintln(os.Stderr, "setrlimit:", err)
			return 9
		}
	}
	ctx := StopCleanly()
	if dir := os.Getenv("XEPLOAI_HOLD_TEMP"); dir != "" {
		// Half-way through writing a file, as a long backup or export is:
		// stopped, it removes what it was writing, as they do.
		f, err := safefile.Temp(dir, ".tmp")
		if err != nil {
			fmt.Println(err)
			return 9
		}
		defer safefile.Remove(f.Name())
		fmt.Println(f.Name())
		select {
		case <-ctx.Done():
			return ExitStopped
		case <-time.After(time.Minute):
			return 0
		}
	}
	return Main(os.Args[1:], &Env{Stdout: os.Stdout, Stderr: os.Stderr, Build: Build{Version: "test"}, Ctx: ctx})
}

const nobody = 65534

var (
	cliBinOnce sync.Once
	cliBinDir  string
	cliBin     string
)

// asRoot: tests run as root make read-only cases with ownership, and run
// the children as nobody.
var asRoot = os.Getuid() == 0

// cliChild runs the command line with args in a child process.
func cliChild(t *testing.T, env []string, args ...string) (int, string, string) {
	t.Helper()
	cliBinOnce.Do(func() {
		// A copy everyone may run: the test binary's folder is private.
		dir, err := os.MkdirTemp("", "xeploai-cli-bin-")
		if err != nil {
			panic(err)
		}
		os.Chmod(dir, 0o755)
		cliBinDir, cliBin = dir, filepath.Join(dir, "xeploai.test")
		in, err := os.Open(os.Args[0])
		if err != nil {
			panic(err)
		}
		defer in.Close()
		out, err := os.OpenFile(cliBin, os.O_CREATE|os.O_WRONLY, 0o755)
		if err != nil {
			panic(err)
		}
		io.Copy(out, in)
		out.Close()
	})
	cmd := exec.Command(cliBin, args...)
	cmd.Env = append(append(os.Environ(), "XEPLOAI_AS_CLI=1", "LANG=en_US.UTF-8"), env...)
	if asRoot {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return code, out.String(), errb.String()
}

// giveAway makes path (recursively) the children's to write.
func giveAway(t *testing.T, path string) {
	t.Helper()
	if !asRoot {
		return
	}
	filepath.WalkDir(path, func(p string, _ fs.DirEntry, err error) error {
		if err == nil {
			os.Lchown(p, nobody, nobody)
		}
		return nil
	})
}

// makeReadOnly makes a file or folder read-only for the children.
func makeReadOnly(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	mode := os.FileMode(0o444)
	if st.IsDir() {
		mode = 0o555
	}
	if asRoot {
		os.Chown(path, 0, 0)
		mode |= 0o200 // root's own; the child, nobody, may only read
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, 0o755) })
}

// safetyFixture is made once: a demo database with an undoable step, a
// backup of it, and a CSV to import that is large enough to fill a small
// disk.
type safetyFixture struct {
	dir, db, backup, csv, orgs string
}

var (
	fixtureOnce sync.Once
	fixture     safetyFixture
	fixtureErr  error
)

func getSafetyFixture(t *testing.T) safetyFixture {
	t.Helper()
	fixtureOnce.Do(func() {
		dir, err := os.MkdirTemp("", "xeploai-safety-")
		if err != nil {
			fixtureErr = err
			return
		}
		fixture = safetyFixture{dir: dir, db: filepath.Join(dir, "x.db"), backup: filepath.Join(dir, "backup.db"),
			csv: filepath.Join(dir, "Đảng viên.csv"), orgs: filepath.Join(dir, "Tổ chức.csv")}
		var out, errb bytes.Buffer
		env := &Env{Stdout: &out, Stderr: &errb}
		if Main([]string{"--db", fixture.db, "demo", "--members", "100"}, env) != 0 {
			fixtureErr = fmt.Errorf("demo: %s", errb.String())
			return
		}
		cell, err := uniqueCell(fixture.db)
		if err != nil {
			fixtureErr = err
			return
		}
		// Members of a new cell, with its organisations, so that the import
		// works into a new database as well as into the demo's.
		var csv strings.Builder
		csv.WriteString("Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ,Số thẻ đảng viên\n")
		for i := 0; i < 1500; i++ {
			fmt.Fprintf(&csv, "Người Thử Nghiệm %d,01/02/1970,03/04/1995,Chi bộ Thử nghiệm,77%06d\n", i, i)
		}
		os.WriteFile(fixture.csv, []byte(csv.String()), 0o644)
		os.WriteFile(fixture.orgs, []byte("Tên tổ chức,Loại,Trực thuộc\nĐảng bộ Thử nghiệm,Đảng bộ cơ sở,\nChi bộ Thử nghiệm,Chi bộ,Đảng bộ Thử nghiệm\n"), 0o644)
		one := filepath.Join(dir, "one", "Đảng viên.csv")
		os.MkdirAll(filepath.Dir(one), 0o755)
		os.WriteFile(one, []byte("Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\nMột Người,01/02/1970,03/04/1995,"+cell+"\n"), 0o644)
		if Main([]string{"--db", fixture.db, "import", one}, env) != 0 {
			fixtureErr = fmt.Errorf("import: %s", errb.String())
			return
		}
		if Main([]string{"--db", fixture.db, "backup", fixture.backup}, env) != 0 {
			fixtureErr = fmt.Errorf("backup: %s", errb.String())
			return
		}
		os.RemoveAll(filepath.Join(dir, "backups"))
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixture
}

// uniqueCell names a cell whose name no other organisation has.
func uniqueCell(path string) (string, error) {
	db, err := store.Open(path)
	if err != nil {
		return "", err
	}
	defer db.Close()
	orgs, err := db.Orgs(context.Background())
	if err != nil {
		return "", err
	}
	count := map[string]int{}
	for _, o := range orgs {
		count[o.Name]++
	}
	for _, o := range orgs {
		if o.Kind == domain.KindCell && count[o.Name] == 1 {
			return o.Name, nil
		}
	}
	return "", fmt.Errorf("no cell with a unique name")
}

func copyTo(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// entry is what a test remembers of a file to tell that it did not change.
type entry struct {
	kind string // file, dir, link, fifo
	sum  [32]byte
	link string
}

func snapshot(t *testing.T, root string) map[string]entry {
	t.Helper()
	m := map[string]entry{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		var e entry
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			e.kind = "link"
			e.link, _ = os.Readlink(p)
		case d.IsDir():
			e.kind = "dir"
		case d.Type()&fs.ModeNamedPipe != 0:
			e.kind = "fifo"
		default:
			e.kind = "file"
			b, _ := os.ReadFile(p)
			e.sum = sha256.Sum256(b)
		}
		m[p] = e
		return nil
	})
	return m
}

// safetyCase is one run of one verb against one hostile situation.
type safetyCase struct {
	name     string
	setup    func(t *testing.T, dir string) (db string, extra map[string]string)
	args     []string // {db}, {dir}, {out} … are replaced
	env      []string
	wantCode int
	wantName string // what the message must name ({db}, {out}…)
	wantMsg  string // and a word of the cause, if any
	// changes lists what may change: "db" (the database and its companions
	// and backups, for a verb that succeeds in writing), "new" (new files).
	changes string
}

// dbCases are hostile --db paths.
var dbCases = []struct {
	name  string
	setup func(t *testing.T, f safetyFixture, dir string) string
}{
	{"missing", func(t *testing.T, f safetyFixture, dir string) string { return filepath.Join(dir, "khong-co", "x.db") }},
	{"directory", func(t *testing.T, f safetyFixture, dir string) string {
		p := filepath.Join(dir, "thu-muc.db")
		os.Mkdir(p, 0o755)
		return p
	}},
	{"read-only file", func(t *testing.T, f safetyFixture, dir string) string {
		p := filepath.Join(dir, "x.db")
		copyTo(t, f.db, p)
		makeReadOnly(t, p)
		return p
	}},
	{"read-only folder", func(t *testing.T, f safetyFixture, dir string) string {
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o755)
		p := filepath.Join(ro, "x.db")
		copyTo(t, f.db, p)
		giveAway(t, p)
		makeReadOnly(t, ro)
		return p
	}},
	{"foreign SQLite", func(t *testing.T, f safetyFixture, dir string) string {
		p := filepath.Join(dir, "khac.db")
		c, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(`CREATE TABLE t(a); INSERT INTO t VALUES (1)`); err != nil {
			t.Fatal(err)
		}
		c.Close()
		return p
	}},
	{"clashing foreign SQLite", func(t *testing.T, f safetyFixture, dir string) string {
		p := filepath.Join(dir, "members.db")
		c, _ := sql.Open("sqlite", p)
		if _, err := c.Exec(`CREATE TABLE members(x)`); err != nil {
			t.Fatal(err)
		}
		c.Close()
		return p
	}},
	{"FIFO", func(t *testing.T, f safetyFixture, dir string) string {
		p := filepath.Join(dir, "ong.db")
		if err := syscall.Mkfifo(p, 0o666); err != nil {
			t.Fatal(err)
		}
		return p
	}},
	{"socket", func(t *testing.T, f safetyFixture, dir string) string {
		p := filepath.Join(dir, "so.db")
		l, err := net.Listen("unix", p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		return p
	}},
	{"dangling link", func(t *testing.T, f safetyFixture, dir string) string {
		p := filepath.Join(dir, "lienket.db")
		os.Symlink(filepath.Join(dir, "khong-co.db"), p)
		return p
	}},
	{"hard link", func(t *testing.T, f safetyFixture, dir string) string {
		p := filepath.Join(dir, "x.db")
		copyTo(t, f.db, p)
		if err := os.Link(p, filepath.Join(dir, "ten-khac.db")); err != nil {
			t.Fatal(err)
		}
		return p
	}},
	{"empty file", func(t *testing.T, f safetyFixture, dir string) string {
		p := filepath.Join(dir, "trong.db")
		os.WriteFile(p, nil, 0o644)
		return p
	}},
	{"newer version", func(t *testing.T, f safetyFixture, dir string) string {
		p := filepath.Join(dir, "x.db")
		b, _ := os.ReadFile(f.db)
		b[63] = 99 // user_version, big-endian at offset 60
		os.WriteFile(p, b, 0o600)
		return p
	}},
	{"truncated", func(t *testing.T, f safetyFixture, dir string) string {
		p := filepath.Join(dir, "x.db")
		b, _ := os.ReadFile(f.db)
		os.WriteFile(p, b[:len(b)/2], 0o600)
		return p
	}},
}

// verbs are every verb, with arguments that would succeed on a good
// database; creates says whether it may make a new database, writes whether
// it must write the database.
var verbs = []struct {
	name             string
	args             []string
	creates, writes  bool
	writesBesideDB   bool // makes a backup in the folder beside the database
	writesOutputFile bool
}{
	{"import", []string{"import", "{orgs}", "{csv}"}, true, true, false, false},
	{"demo", []string{"demo", "--members", "20"}, true, true, false, false},
	{"restore", []string{"restore", "{backup}"}, true, true, false, false},
	{"undo", []string{"undo"}, false, true, false, false},
	{"redo", []string{"redo"}, false, true, false, false},
	{"export", []string{"export", "{dir}/ra.xlsx"}, false, false, false, true},
	{"summary", []string{"summary", "--year", "2024"}, false, false, false, false},
	{"summary pdf", []string{"summary", "--year", "2024", "--format", "pdf", "-o", "{dir}/bc.pdf"}, false, false, false, true},
	{"check", []string{"check", "--year", "2024"}, false, false, false, false},
	{"awards", []string{"awards", "--kind", "consecutive", "--year", "2024"}, false, false, false, false},
	{"search", []string{"search", "nguyen"}, false, false, false, false},
	{"history", []string{"history"}, false, false, false, false},
	{"backup", []string{"backup"}, false, false, true, false},
}

func expand(args []string, vars map[string]string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		for k, v := range vars {
			a = strings.ReplaceAll(a, "{"+k+"}", v)
		}
		out[i] = a
	}
	return out
}

// caseDir is a fresh folder the children may write, with the import file
// and the backup to restore.
func caseDir(t *testing.T, f safetyFixture) (string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	os.Chmod(filepath.Dir(dir), 0o755)
	os.Chmod(dir, 0o755)
	in := filepath.Join(dir, "vao")
	os.Mkdir(in, 0o755)
	vars := map[string]string{"dir": dir, "csv": filepath.Join(in, "Đảng viên.csv"), "orgs": filepath.Join(in, "Tổ chức.csv"), "backup": filepath.Join(in, "backup.db")}
	copyTo(t, f.csv, vars["csv"])
	copyTo(t, f.orgs, vars["orgs"])
	copyTo(t, f.backup, vars["backup"])
	giveAway(t, dir)
	return dir, vars
}

// TestEveryVerbAgainstHostilePaths runs every verb against a missing path, a
// folder, a read-only file and folder, another program's SQLite file, a
// database from a newer version and a truncated one. Each refusal exits 1
// with a message naming the file; verbs that only read work on read-only
// databases; and every file that was there before is byte-for-byte the same
// afterwards (and nothing is left behind).
func TestEveryVerbAgainstHostilePaths(t *testing.T) {
	f := getSafetyFixture(t)
	for _, dc := range dbCases {
		for _, v := range verbs {
			t.Run(dc.name+"/"+v.name, func(t *testing.T) {
				t.Parallel()
				dir, vars := caseDir(t, f)
				db := dc.setup(t, f, dir)
				if !strings.HasPrefix(dc.name, "read-only") {
					giveAway(t, dir)
				}
				vars["db"] = db
				want, wantName := 1, db
				switch dc.name {
				case "missing", "empty file":
					if v.creates {
						want = 0
					}
				case "read-only file":
					if !v.writes {
						want = 0
					}
				case "read-only folder":
					if !v.writes && !v.writesBesideDB {
						want = 0
					}
					if v.writesBesideDB {
						wantName = filepath.Join(filepath.Dir(db), "backups")
					}
				}
				before := snapshot(t, dir)
				code, out, errOut := cliChild(t, nil, append([]string{"--db", db}, expand(v.args, vars)...)...)
				if code != want {
					t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, want, out, errOut)
				}
				if want == 1 && !strings.Contains(errOut, wantName) {
					t.Errorf("the message does not name %s: %s", wantName, errOut)
				}
				if want == 1 && strings.Contains(errOut, "lỗi nội bộ") {
					t.Errorf("an internal error for a user's situation: %s", errOut)
				}
				after := snapshot(t, dir)
				for p, e := range before {
					if after[p] != e && !(want == 0 && v.writes && strings.HasPrefix(p, db)) {
						t.Errorf("%s changed", p)
					}
				}
				for p := range after {
					if _, ok := before[p]; ok {
						continue
					}
					made := want == 0 && (strings.HasPrefix(p, db) || strings.HasPrefix(p, filepath.Join(filepath.Dir(db), "backups")) ||
						(v.writesOutputFile && strings.HasPrefix(p, filepath.Join(dir, "ra.xlsx"))) || (v.writesOutputFile && strings.HasPrefix(p, filepath.Join(dir, "bc.pdf"))))
					if dc.name == "missing" && want == 0 && p == filepath.Dir(db) {
						made = true // the creating verbs make the folder
					}
					if !made || strings.Contains(filepath.Base(p), ".xeploai-") || strings.HasSuffix(p, ".tmp") {
						t.Errorf("left behind: %s", p)
					}
				}
			})
		}
	}
}

// TestOutputsNeverReplaceWhatTheyMustNot: -o, export and backup FILE aimed
// at the open database, its -wal, another SQLite file, a FIFO, a symbolic
// link or a folder are refused with exit 1 naming the target, and nothing is
// changed.
func TestOutputsNeverReplaceWhatTheyMustNot(t *testing.T) {
	f := getSafetyFixture(t)
	targets := []struct {
		name  string
		setup func(t *testing.T, dir, db string) string
	}{
		{"the open database", func(t *testing.T, dir, db string) string { return db }},
		{"its -wal", func(t *testing.T, dir, db string) string { return db + "-wal" }},
		{"another SQLite file", func(t *testing.T, dir, db string) string {
			p := filepath.Join(dir, "cu.xlsx")
			copyTo(t, f.backup, p)
			return p
		}},
		{"a FIFO", func(t *testing.T, dir, db string) string {
			p := filepath.Join(dir, "ong.xlsx")
			if err := syscall.Mkfifo(p, 0o666); err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{"a symbolic link", func(t *testing.T, dir, db string) string {
			real := filepath.Join(dir, "that.xlsx")
			os.WriteFile(real, []byte("nội dung cũ"), 0o644)
			p := filepath.Join(dir, "lienket.xlsx")
			os.Symlink(real, p)
			return p
		}},
		{"a folder", func(t *testing.T, dir, db string) string {
			p := filepath.Join(dir, "thumuc.pdf")
			os.Mkdir(p, 0o755)
			return p
		}},
		{"a device", func(t *testing.T, dir, db string) string { return "/dev/null" }},
	}
	writers := []struct {
		name string
		args []string
	}{
		{"summary -o", []string{"summary", "--year", "2024", "--format", "pdf", "-o", "{out}"}},
		{"awards -o", []string{"awards", "--kind", "year", "--year", "2024", "--format", "csv", "-o", "{out}"}},
		{"export", []string{"export", "{out}"}},
		{"backup", []string{"backup", "{out}"}},
	}
	for _, tg := range targets {
		for _, w := range writers {
			if w.name == "export" && tg.name == "a folder" {
				continue // a folder is where export writes its CSV files
			}
			t.Run(tg.name+"/"+w.name, func(t *testing.T) {
				t.Parallel()
				dir, vars := caseDir(t, f)
				db := filepath.Join(dir, "x.db")
				copyTo(t, f.db, db)
				giveAway(t, db)
				vars["db"] = db
				vars["out"] = tg.setup(t, dir, db)
				giveAway(t, dir) // readable to the child: refused for what it is
				before := snapshot(t, dir)
				devBefore, _ := os.Stat("/dev/null")
				code, out, errOut := cliChild(t, nil, append([]string{"--db", db}, expand(w.args, vars)...)...)
				if code != 1 || !strings.Contains(errOut, vars["out"]) {
					t.Errorf("exit %d, want 1 naming %s\nstdout: %s\nstderr: %s", code, vars["out"], out, errOut)
				}
				after := snapshot(t, dir)
				for p, e := range before {
					if after[p] != e {
						t.Errorf("%s changed", p)
					}
				}
				for p := range after {
					if _, ok := before[p]; !ok && !strings.HasPrefix(p, db+"-") {
						t.Errorf("left behind: %s", p)
					}
				}
				if devAfter, _ := os.Stat("/dev/null"); devAfter.Mode() != devBefore.Mode() {
					t.Errorf("/dev/null became %v", devAfter.Mode())
				}
			})
		}
	}
}

// TestAFullDiskChangesNothing runs the writing verbs with the file size
// limit at 36 KB (writes past it fail, as on a full disk): each says the
// disk is full, naming the file, exits 1, changes nothing, and leaves no
// write-ahead log holding the space.
func TestAFullDiskChangesNothing(t *testing.T) {
	f := getSafetyFixture(t)
	cases := []struct {
		name  string
		args  []string
		name2 string // what the message names, if not the database
	}{
		// The file is checked without writing; the backup before the import
		// is the first write, and it is what the disk refuses.
		{"import", []string{"import", "{orgs}", "{csv}"}, "{dir}/backups/x-"},
		{"export", []string{"export", "{dir}/ra.xlsx"}, "{dir}/ra.xlsx"},
		{"backup", []string{"backup", "{dir}/ban-sao.db"}, "{dir}/ban-sao.db"},
		{"restore", []string{"restore", "{backup}"}, ""},
		{"summary pdf", []string{"summary", "--year", "2024", "--format", "pdf", "-o", "{dir}/bc.pdf"}, "{dir}/bc.pdf"},
		{"demo into a new file", []string{"--db", "{dir}/moi.db", "demo", "--members", "500"}, "{dir}/moi.db"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir, vars := caseDir(t, f)
			db := filepath.Join(dir, "x.db")
			copyTo(t, f.db, db)
			giveAway(t, db)
			vars["db"] = db
			args := expand(c.args, vars)
			if args[0] != "--db" {
				args = append([]string{"--db", db}, args...)
			}
			want := db
			if c.name2 != "" {
				want = expand([]string{c.name2}, vars)[0]
			}
			before := snapshot(t, dir)
			code, out, errOut := cliChild(t, []string{"XEPLOAI_FSIZE=36864"}, args...)
			if code != 1 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "đĩa đầy") {
				t.Errorf("exit %d, want 1 naming %s and a full disk\nstdout: %s\nstderr: %s", code, want, out, errOut)
			}
			after := snapshot(t, dir)
			for p, e := range before {
				if after[p] != e {
					t.Errorf("%s changed", p)
				}
			}
			for p := range after {
				if _, ok := before[p]; !ok {
					t.Errorf("left behind: %s", p)
				}
			}
		})
	}
}

// TestStoppedWritesLeaveNoTempFiles: a command told to stop (SIGTERM,
// SIGINT) while it writes removes its temporary file; one killed outright
// leaves it, and the next command writing in that folder removes it.
func TestStoppedWritesLeaveNoTempFiles(t *testing.T) {
	f := getSafetyFixture(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			dir, _ := caseDir(t, f)
			cmd := exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), "XEPLOAI_AS_CLI=1", "XEPLOAI_HOLD_TEMP="+dir)
			out, _ := cmd.StdoutPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line := make([]byte, 4096)
			n, _ := out.Read(line)
			tmp := strings.TrimSpace(string(line[:n]))
			if _, err := os.Stat(tmp); err != nil {
				t.Fatalf("no temporary file %q: %v", tmp, err)
			}
			cmd.Process.Signal(sig)
			cmd.Wait()
			_, err := os.Stat(tmp)
			if sig == syscall.SIGKILL {
				if err != nil {
					t.Fatal("a killed process could not have removed its file")
				}
				db := filepath.Join(dir, "x.db")
				copyTo(t, f.db, db)
				giveAway(t, dir)
				if code, _, errOut := cliChild(t, nil, "--db", db, "backup", filepath.Join(dir, "ban-sao.db")); code != 0 {
					t.Fatal(errOut)
				}
				_, err = os.Stat(tmp)
			}
			if !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s left %s behind", sig, tmp)
			}
		})
	}
}

// TestRestoreReadsOnlyRegularFiles: restoring from /dev/zero or a FIFO is
// refused at once (reading them would never end), leaving nothing behind.
func TestRestoreReadsOnlyRegularFiles(t *testing.T) {
	f := getSafetyFixture(t)
	dir, _ := caseDir(t, f)
	db := filepath.Join(dir, "x.db")
	copyTo(t, f.db, db)
	fifo := filepath.Join(dir, "ong.db")
	syscall.Mkfifo(fifo, 0o666)
	giveAway(t, dir)
	before := snapshot(t, dir)
	for _, from := range []string{"/dev/zero", fifo} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			code, _, errOut := cliChild(t, nil, "--db", db, "restore", from)
			if code != 1 || !strings.Contains(errOut, from) || !strings.Contains(errOut, "không phải là một tệp thường") {
				t.Errorf("restore %s: exit %d: %s", from, code, errOut)
			}
		}()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatalf("restore %s did not end", from)
		}
	}
	after := snapshot(t, dir)
	if len(after) != len(before) {
		t.Errorf("files before %d, after %d", len(before), len(after))
	}
	for p, e := range before {
		if after[p] != e {
			t.Errorf("%s changed", p)
		}
	}
}

// TestDBFlagMistakes: --db "" is an error (not the default database), and
// awards --years 0 names --years.
func TestDBFlagMistakes(t *testing.T) {
	code, _, errOut := run(t, "--db", "", "summary", "--year", "2024")
	if code != ExitUser || !strings.Contains(errOut, "--db cần đường dẫn") {
		t.Errorf("--db \"\": %d %s", code, errOut)
	}
	f := getSafetyFixture(t)
	code, _, errOut = run(t, "--db", f.db, "awards", "--kind", "consecutive", "--years", "0")
	if code != ExitUser || !strings.Contains(errOut, "--years") {
		t.Errorf("--years 0: %d %s", code, errOut)
	}
}

// TestOutputThatCannotBeWrittenIsAnError: a command whose output cannot be
// written (a full disk under a redirection, /dev/full) says so and exits 1,
// naming the output, not the database.
func TestOutputThatCannotBeWrittenIsAnError(t *testing.T) {
	f := getSafetyFixture(t)
	for _, args := range [][]string{
		{"summary", "--year", "2024"},
		{"summary", "--year", "2024", "--format", "json"},
		{"search", "nguyen"},
		{"history"},
	} {
		full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		code, errOut := runWithStdout(full, append([]string{"--db", f.db}, args...)...)
		full.Close()
		if code != 1 || !strings.Contains(errOut, "stdout") || strings.Contains(errOut, f.db) {
			t.Errorf("%v > /dev/full: exit %d, %s", args, code, errOut)
		}
	}
}

// TestAClosedPipeIsQuiet: output piped to a reader that has gone (`| head`)
// ends the command with the shell's exit for SIGPIPE and no message.
func TestAClosedPipeIsQuiet(t *testing.T) {
	f := getSafetyFixture(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close() // the reader has gone
	code, errOut := runWithStdout(w, "--db", f.db, "summary", "--year", "2024")
	w.Close()
	if code != ExitPipe || errOut != "" {
		t.Errorf("| a closed pipe: exit %d, %q", code, errOut)
	}
}

// runWithStdout runs the command line in a process of its own writing to
// stdout, and gives its exit code and what it said on stderr.
func runWithStdout(stdout *os.File, args ...string) (int, string) {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "XEPLOAI_AS_CLI=1")
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &errb
	code := 0
	if ee, ok := cmd.Run().(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	return code, errb.String()
}

// TestDatabaseOnANetworkShareIsWarnedAbout: a database on a share (here a
// folder marked remote) gets a warning on stderr saying why and what to do;
// the command still runs.
func TestDatabaseOnANetworkShareIsWarnedAbout(t *testing.T) {
	f := getSafetyFixture(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	copyTo(t, f.db, db)
	t.Setenv("XEPLOAI_REMOTE_PREFIXES", dir)
	code, out, errOut := run(t, "--db", db, "summary", "--year", "2024")
	if code != 0 || !strings.Contains(out, "TỔNG HỢP") {
		t.Fatalf("summary on a share: %d %s", code, errOut)
	}
	if !strings.Contains(errOut, "chú ý: tệp dữ liệu "+db+" nằm trên ổ mạng") || !strings.Contains(errOut, "có thể làm hỏng dữ liệu") {
		t.Errorf("no warning: %q", errOut)
	}
	t.Setenv("XEPLOAI_REMOTE_PREFIXES", "")
	if _, _, errOut := run(t, "--db", db, "summary", "--year", "2024"); strings.Contains(errOut, "ổ mạng") {
		t.Errorf("a local database warned about: %q", errOut)
	}
}

// TestExportToAFolderIsAllOrNothing: CSV files are put in place only when
// all are written and every name may be written over: a database named like
// a sheet, or a full disk half-way, leaves the folder as it was.
func TestExportToAFolderIsAllOrNothing(t *testing.T) {
	f := getSafetyFixture(t)
	for _, c := range []struct {
		name  string
		setup func(dir string)
		env   []string
		want  string
	}{
		{"a database named like a sheet", func(dir string) { copyTo(t, f.backup, filepath.Join(dir, "Khen thưởng.csv")) }, nil, "Khen thưởng.csv"},
		{"a full disk half-way", func(string) {}, []string{"XEPLOAI_FSIZE=36864"}, "đĩa đầy"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, _ := caseDir(t, f)
			db := filepath.Join(dir, "x.db")
			copyTo(t, f.db, db)
			out := filepath.Join(dir, "ra")
			os.Mkdir(out, 0o755)
			os.WriteFile(filepath.Join(out, "Tổ chức.csv"), []byte("bản cũ"), 0o644)
			c.setup(out)
			giveAway(t, dir)
			before := snapshot(t, out)
			code, _, errOut := cliChild(t, c.env, "--db", db, "export", out)
			if code != 1 || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d: %s", code, errOut)
			}
			after := snapshot(t, out)
			if len(after) != len(before) {
				t.Errorf("%d entries before, %d after: %v", len(before), len(after), after)
			}
			for p, e := range before {
				if after[p] != e {
					t.Errorf("%s changed", p)
				}
			}
		})
	}
}
