package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"xeploai/store/pgtest"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the owner's grants
)

// pgDatabase is a new, empty database on the test process's PostgreSQL
// cluster, dropped after the test.
func pgDatabase(t *testing.T) string { return pgtest.Database(t) }

// exportDir exports db as CSV files and returns them by name.
func exportDir(t *testing.T, db string, opts ...string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	if code, _, errOut := run(t, append(append([]string{"--db", db, "export"}, opts...), dir)...); code != 0 {
		t.Fatalf("export %s %v: %d %s", db, opts, code, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	if len(out) < 5 {
		t.Fatalf("export %s %v wrote %d files", db, opts, len(out))
	}
	return out
}

// figures is what the year reports, checks and candidate lists print.
func figures(t *testing.T, db string) string {
	t.Helper()
	var b strings.Builder
	for _, args := range [][]string{
		{"summary", "--year", "2024", "--format", "json"}, {"summary", "--year", "2025"},
		{"check", "--year", "2025", "--format", "json"},
		{"awards", "--kind", "consecutive", "--year", "2025", "--years", "3", "--format", "json"},
		{"awards", "--kind", "badge", "--occasion", "2026-02-03", "--format", "json"},
		{"search", "nguyen van", "--format", "json"}, {"search", "chibo:\"khu dan cu\" sinh:1975"},
		{"search", "ngu van du"}, {"search", "n"}, {"search", "th"}, {"search", "1975"}, {"search", "hoa"},
		{"search", "xeploai:htxs/2024 tran"}, {"search", "loai:tochuc khu"}, {"search", "quyết định"},
		{"history", "--limit", "5"},
	} {
		code, out, errOut := run(t, append([]string{"--db", db}, args...)...)
		if code != 0 {
			t.Fatalf("%s %v: %d %s", db, args, code, errOut)
		}
		b.WriteString(strings.Join(args, " ") + "\n" + out)
	}
	return b.String()
}

// firstDiff shows the first line where got and want part.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			if i > 0 {
				return fmt.Sprintf("after %q:\n got %q\nwant %q", w[i-1], a, b)
			}
			return fmt.Sprintf("got %q\nwant %q", a, b)
		}
	}
	return "(the same)"
}

func sameFiles(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %s differs: %s", what, name, firstDiff(got[name], w))
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d files, want %d", what, len(got), len(want))
	}
}

func TestCopyBetweenFileAndServerKeepsEverything(t *testing.T) {
	src := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := run(t, "--db", src, "demo", "--members", "400", "--from", "2021", "--to", "2025"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	// Some history beyond the demo's load: a setting and an undone step.
	run(t, "--db", src, "config", "user_name", "Chị Hoa")
	wantFiles, wantFigures := exportDir(t, src), figures(t, src)

	server := pgDatabase(t)
	code, out, errOut := run(t, "copy", src, server)
	if code != 0 || !strings.Contains(out, "Đã chép toàn bộ dữ liệu") {
		t.Fatalf("copy to the server: %d %q %q", code, out, errOut)
	}
	sameFiles(t, "file → server", exportDir(t, server), wantFiles)
	if got := figures(t, server); got != wantFigures {
		t.Errorf("the server's figures differ: %s", firstDiff(got, wantFigures))
	}
	// The environment names the server when --db does not.
	t.Setenv("XEPLOAI_DB", server)
	if code, out, _ := run(t, "summary", "--year", "2025"); code != 0 || !strings.Contains(wantFigures, out) {
		t.Errorf("summary through XEPLOAI_DB: %d %q", code, out)
	}
	t.Setenv("XEPLOAI_DB", "")

	// Server → file, and a server's backup (the same kind of file).
	back := filepath.Join(t.TempDir(), "ban-sao.db")
	if code, _, errOut := run(t, "copy", server, back); code != 0 {
		t.Fatalf("copy to a file: %d %q", code, errOut)
	}
	sameFiles(t, "server → file", exportDir(t, back), wantFiles)
	if got := figures(t, back); got != wantFigures {
		t.Errorf("the copy's figures differ: %s", firstDiff(got, wantFigures))
	}
	saved := filepath.Join(t.TempDir(), "sao-luu.db")
	if code, out, errOut := run(t, "--db", server, "backup", saved); code != 0 || strings.TrimSpace(out) != saved {
		t.Fatalf("backup of the server: %d %q %q", code, out, errOut)
	}
	sameFiles(t, "server backup", exportDir(t, saved), wantFiles)

	// A destination with data is refused, and left as it was.
	code, _, errOut = run(t, "copy", back, server)
	if code != ExitUser || !strings.Contains(errOut, "đã có dữ liệu") {
		t.Errorf("copy into a server with data: %d %q", code, errOut)
	}
	code, _, errOut = run(t, "copy", server, src)
	if code != ExitUser || !strings.Contains(errOut, "đã có dữ liệu") {
		t.Errorf("copy into a file with data: %d %q", code, errOut)
	}
	sameFiles(t, "after the refused copies", exportDir(t, server), wantFiles)
	// Restore overwrites a file: not a server's database.
	code, _, errOut = run(t, "--db", server, "restore", saved)
	if code != ExitUser || !strings.Contains(errOut, "không dùng được với cơ sở dữ liệu dùng chung") {
		t.Errorf("restore on a server: %d %q", code, errOut)
	}
	// A copy that cannot start leaves no new file behind.
	missing := filepath.Join(t.TempDir(), "moi.db")
	code, _, errOut = run(t, "copy", filepath.Join(t.TempDir(), "khong-co.db"), missing)
	if _, err := os.Stat(missing); code != ExitUser || err == nil {
		t.Errorf("copy from nothing: %d %q, destination made: %v", code, errOut, err == nil)
	}
}

func TestServerErrorsAreSaidInVietnamese(t *testing.T) {
	c, err := pgtest.Shared()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RequirePassword("can_bo", "dung"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Exec(`DROP ROLE can_bo`) })
	t.Setenv("PGPASSWORD", "")
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	for _, tc := range []struct{ db, want string }{
		{strings.Replace(c.URL("khong_co"), "khong_co", "khong_co", 1), `không có cơ sở dữ liệu "khong_co"`},
		{"postgres://xeploai@127.0.0.1:1/xeploai?sslmode=disable&connect_timeout=5", "không kết nối được máy chủ cơ sở dữ liệu 127.0.0.1:1"},
		{"postgres://nguoi_la@/postgres?host=" + c.Dir() + "&sslmode=disable", `máy chủ ` + c.Dir() + ` không có người dùng "nguoi_la"`},
		{"postgres://a b@/x?%zz", "không hợp lệ"},
		{"postgres://can_bo:sai@/postgres?host=" + c.Dir() + "&sslmode=disable", `từ chối đăng nhập của người dùng "can_bo" (sai hoặc thiếu mật khẩu`},
		{"postgres://can_bo@/postgres?host=" + c.Dir() + "&sslmode=disable", `từ chối đăng nhập của người dùng "can_bo" (sai hoặc thiếu mật khẩu`},
		{"postgres://can_bo:dung@/" + strings.TrimPrefix(filepath.Base(strings.SplitN(pgDatabase(t), "?", 2)[0]), "/") + "?host=" + c.Dir() + "&sslmode=disable",
			`người dùng "can_bo" chưa được cấp, hoặc không còn được cấp, phần nào của cơ sở dữ liệu`},
	} {
		code, out, errOut := run(t, "--db", tc.db, "summary", "--year", "2025")
		if code != ExitUser || !strings.Contains(errOut, tc.want) || out != "" {
			t.Errorf("%s: %d %q, want %q", tc.db, code, errOut, tc.want)
		}
	}
}

// TestDemoOnTheServerIsTheFilesDemo fills a server and a file with the same
// demo data (the bulk load, the search index written after it): every
// export and figure is the same.
func TestDemoOnTheServerIsTheFilesDemo(t *testing.T) {
	file := filepath.Join(t.TempDir(), "demo.db")
	server := pgDatabase(t)
	for _, db := range []string{file, server} {
		if code, _, errOut := run(t, "--db", db, "demo", "--members", "300", "--from", "2022", "--to", "2025", "--seed", "7"); code != 0 {
			t.Fatalf("demo on %s: %s", db, errOut)
		}
	}
	sameFiles(t, "demo on the server", exportDir(t, server), exportDir(t, file))
	// (The history's times are when each demo ran; on a server it names
	// the database role after the person, here the cluster's superuser.)
	stamp := regexp.MustCompile(`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}`)
	role, gap := regexp.MustCompile(` \(postgres\)`), regexp.MustCompile(`  +`)
	same := func(s string) string {
		return gap.ReplaceAllString(role.ReplaceAllString(stamp.ReplaceAllString(s, "…"), ""), "  ")
	}
	if got, want := same(figures(t, server)), same(figures(t, file)); got != want {
		t.Errorf("the server's figures differ: %s", firstDiff(got, want))
	}

	// The files exported, imported into a new file and a new server
	// database: the same again; then the import undone and redone on both.
	dir := t.TempDir()
	if code, _, errOut := run(t, "--db", file, "export", dir); code != 0 {
		t.Fatal(errOut)
	}
	csvs, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	file2, server2 := filepath.Join(t.TempDir(), "nhap.db"), pgDatabase(t)
	for _, db := range []string{file2, server2} {
		if code, _, errOut := run(t, append([]string{"--db", db, "import"}, csvs...)...); code != 0 {
			t.Fatalf("import into %s: %s", db, errOut)
		}
	}
	sameFiles(t, "imported on the server", exportDir(t, server2), exportDir(t, file2))
	// A dry run reads the server's records, as it reads the file's.
	var dry []string
	for _, db := range []string{file2, server2} {
		code, out, errOut := run(t, append([]string{"--db", db, "import", "--dry-run"}, csvs...)...)
		if code != 0 {
			t.Fatalf("dry run on %s: %s", db, errOut)
		}
		dry = append(dry, out)
	}
	if dry[0] != dry[1] || !strings.Contains(dry[1], "Đảng viên") {
		t.Errorf("dry run: the file says\n%s\nthe server\n%s", dry[0], dry[1])
	}
	for _, verb := range []string{"undo", "redo"} {
		var outs []string
		for _, db := range []string{file2, server2} {
			code, out, errOut := run(t, "--db", db, verb)
			if code != 0 {
				t.Fatalf("%s on %s: %s", verb, db, errOut)
			}
			_, sum, _ := run(t, "--db", db, "summary", "--year", "2025", "--format", "json")
			outs = append(outs, same(out+sum))
		}
		if outs[0] != outs[1] {
			t.Errorf("%s: the file says %q, the server %q", verb, outs[0], outs[1])
		}
	}
	sameFiles(t, "redone on the server", exportDir(t, server2), exportDir(t, file2))
	// Automatic backups are a file's: nothing is made beside the address.
	if _, err := os.Stat("postgres:"); err == nil {
		t.Error(`a folder "postgres:" was made for backups of the server`)
	}
}
