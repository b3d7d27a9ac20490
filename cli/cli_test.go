package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
	"xeploai/exchange"
	"xeploai/interchange"
	"xeploai/paths"
	"xeploai/store"
)

// run runs the command line with args and returns exit code, stdout, stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &Env{Stdout: &out, Stderr: &errb, Build: Build{Version: "1.2.3", Commit: "abc", Date: "2026-11-25"}})
	return code, out.String(), errb.String()
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := run(t, "version")
	if code != 0 || out != "xeploai 1.2.3 (commit abc, build 2026-11-25)\n" {
		t.Errorf("version: %d %q", code, out)
	}
	code, out, _ = run(t, "--help")
	if code != 0 || !strings.Contains(out, "--db TỆP   tệp dữ liệu (mặc định: ") || !strings.Contains(out, "summary") {
		t.Errorf("help: %d %q", code, out)
	}
	code, _, errOut := run(t, "frobnicate")
	if code != ExitUser || !strings.Contains(errOut, `không có lệnh "frobnicate"`) {
		t.Errorf("unknown verb: %d %q", code, errOut)
	}
}

func TestDemoThenSummaryJSONContract(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	code, out, errOut := run(t, "--db", db, "demo", "--members", "2000", "--from", "2019", "--to", "2023")
	if code != 0 || !strings.Contains(out, "2000 đảng viên") {
		t.Fatalf("demo: %d %q %q", code, out, errOut)
	}
	// Flags after the positional-free verb, in any order.
	code, out, errOut = run(t, "--db", db, "summary", "--format", "json", "--year", "2023")
	if code != 0 {
		t.Fatalf("summary: %d %q", code, errOut)
	}
	var got struct {
		Year   int    `json:"year"`
		Org    string `json:"org"`
		Groups []struct {
			Group    string         `json:"group"`
			Total    int            `json:"total"`
			Levels   map[string]int `json:"levels"`
			NotRated int            `json:"not_rated"`
		} `json:"groups"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("JSON %q: %v", out, err)
	}
	if got.Year != 2023 || got.Org != "Đảng bộ quận Sơn Trà" || len(got.Groups) != 3 {
		t.Fatalf("summary %+v", got)
	}
	for i, want := range []string{"grassroots", "cells", "members"} {
		g := got.Groups[i]
		if g.Group != want {
			t.Errorf("group %d is %q, want %q", i, g.Group, want)
		}
		sum := g.NotRated
		for _, k := range []string{"HTXSNV", "HTTNV", "HTNV", "KHTNV"} {
			n, ok := g.Levels[k]
			if !ok {
				t.Errorf("%s lacks level %s", want, k)
			}
			sum += n
		}
		if len(g.Levels) != 4 || sum != g.Total || g.Total == 0 {
			t.Errorf("%s: levels %v + not rated %d != total %d", want, g.Levels, g.NotRated, g.Total)
		}
	}
	// The raw text keeps the contract's key order and Vietnamese unescaped.
	if !strings.HasPrefix(out, `{"year":2023,"org":"Đảng bộ quận Sơn Trà","groups":[{"group":"grassroots","total":`) ||
		!strings.Contains(out, `"levels":{"HTXSNV":`) {
		t.Errorf("JSON text %q", out)
	}
	// Text report.
	code, out, _ = run(t, "--db", db, "summary", "--year", "2023")
	if code != 0 || !strings.Contains(out, "TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM 2023") || !strings.Contains(out, "Chi bộ trực thuộc") {
		t.Errorf("text summary: %q", out)
	}
	// Scoped to an organisation by name, ignoring case and diacritics.
	code, out, errOut = run(t, "--db", db, "summary", "--year", "2023", "--org", "dang bo quan son tra", "--format", "json")
	if code != 0 || !strings.Contains(out, `"org":"Đảng bộ quận Sơn Trà"`) {
		t.Errorf("scoped summary: %d %q %q", code, out, errOut)
	}
	code, _, errOut = run(t, "--db", db, "summary", "--year", "2023", "--org", "Không tồn tại")
	if code != ExitUser || !strings.Contains(errOut, "không tìm thấy tổ chức") {
		t.Errorf("unknown org: %d %q", code, errOut)
	}
	code, _, errOut = run(t, "--db", db, "summary", "--year", "2023", "--format", "xml")
	if code != ExitUser || !strings.Contains(errOut, "--format phải là một trong: csv, json, pdf, text, xlsx") {
		t.Errorf("bad format: %d %q", code, errOut)
	}
	// Demo refuses a database that has data.
	code, _, errOut = run(t, "--db", db, "demo", "--members", "10")
	if code != ExitUser || !strings.Contains(errOut, "đã có dữ liệu") {
		t.Errorf("demo twice: %d %q", code, errOut)
	}
}

func writeBook(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Đảng viên")
	for r, row := range rows {
		for c, v := range row {
			axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellValue("Đảng viên", axis, v)
		}
	}
	org := "Tổ chức"
	f.NewSheet(org)
	f.SetSheetRow(org, "A1", &[]any{"Tên tổ chức", "Loại", "Trực thuộc"})
	f.SetSheetRow(org, "A2", &[]any{"Đảng bộ phường Mân Thái", "Đảng bộ cơ sở", ""})
	f.SetSheetRow(org, "A3", &[]any{"Chi bộ 1", "Chi bộ", "Đảng bộ phường Mân Thái"})
	path := filepath.Join(t.TempDir(), "in.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportExportVerbs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	bad := writeBook(t, [][]any{
		{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"},
		{"Nguyễn Văn An", "01/01/1970", "01/01/1995", "Chi bộ 1"},
		{"Lê Thị Bình", "1/1/1975", "không rõ", "Chi bộ 1"},
	})
	code, _, errOut := run(t, "--db", db, "import", bad)
	if code != ExitUser || !strings.Contains(errOut, `lỗi: Đảng viên, dòng 3, cột C (Ngày vào Đảng): "không rõ" không phải là ngày`) ||
		!strings.Contains(errOut, "không có gì được ghi") {
		t.Fatalf("bad import: %d %q", code, errOut)
	}
	good := writeBook(t, [][]any{
		{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"},
		{"Nguyễn Văn An", "01/01/1970", "01/01/1995", "Chi bộ 1"},
		{"Lê Thị Bình", "1/1/1975", "2/3/2000", "Chi bộ 1"},
	})
	// --dry-run after the file, as users type it.
	code, out, errOut := run(t, "--db", db, "import", good, "--dry-run")
	if code != 0 || !strings.Contains(out, "Chạy thử: không có gì được ghi") {
		t.Fatalf("dry run: %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, "--db", db, "import", "--dry-run", good)
	if code != 0 || !strings.Contains(out, "Chạy thử") {
		t.Fatalf("dry run before file: %d %q", code, out)
	}
	code, out, errOut = run(t, "--db", db, "import", good)
	if code != 0 || !strings.Contains(out, "Đã nhập xong") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	if !strings.Contains(out, "\nĐảng viên ") || !hasLine(out, "Đảng viên 2 0 0") || !hasLine(out, "Tổ chức 2 0 0") {
		t.Errorf("report table: %q", out)
	}
	xlsx := filepath.Join(dir, "out.xlsx")
	code, _, errOut = run(t, "--db", db, "export", xlsx)
	if code != 0 {
		t.Fatalf("export: %q", errOut)
	}
	if st, err := os.Stat(xlsx); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("export file: %v %v", st, err)
	}
	csvDir := t.TempDir()
	if code, _, errOut = run(t, "--db", db, "export", csvDir); code != 0 {
		t.Fatalf("export csv: %q", errOut)
	}
	if _, err := os.Stat(filepath.Join(csvDir, "Đảng viên.csv")); err != nil {
		t.Error(err)
	}
	code, _, errOut = run(t, "--db", db, "export", filepath.Join(dir, "out.pdf"))
	if code != ExitUser || !strings.Contains(errOut, "không phải là tệp .xlsx") {
		t.Errorf("export pdf: %d %q", code, errOut)
	}
	code, _, errOut = run(t, "--db", db, "import")
	if code != ExitUser || !strings.Contains(errOut, "cần ít nhất một tệp") {
		t.Errorf("import nothing: %d %q", code, errOut)
	}
}

func TestNotADatabaseIsAUserError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(path, []byte("not sqlite"), 0o600)
	code, _, errOut := run(t, "--db", path, "summary", "--year", "2021")
	if code != ExitUser || !strings.Contains(errOut, "không phải là tệp dữ liệu xeploai") {
		t.Errorf("%d %q", code, errOut)
	}
}

// hasLine reports whether out has a line whose fields, joined by single
// spaces, are want.
func hasLine(out, want string) bool {
	for _, l := range strings.Split(out, "\n") {
		if strings.Join(strings.Fields(l), " ") == want {
			return true
		}
	}
	return false
}

func TestCheckAndAwardsJSONContracts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := run(t, "--db", db, "demo", "--members", "3000", "--from", "2016", "--to", "2025"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := run(t, "--db", db, "check", "--format", "json", "--year", "2021")
	if code != 0 {
		t.Fatalf("check: %d %q", code, errOut)
	}
	var chk struct {
		Year       int `json:"year"`
		Violations []struct {
			Rule        string `json:"rule"`
			Source      string `json:"source"`
			SubjectKind string `json:"subject_kind"`
			Subject     string `json:"subject"`
			Card        string `json:"card"`
			BirthDate   string `json:"birth_date"`
			Org         string `json:"org"`
			Message     string `json:"message"`
		} `json:"violations"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&chk); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	if chk.Year != 2021 || chk.Violations == nil {
		t.Fatalf("check %+v", chk)
	}
	known := map[string]bool{"quota": true, "level-vs-members": true, "discipline": true, "sick-leave": true, "score-level": true,
		"civil-service": true, "mass-organisations": true, "not-rated": true}
	cards := 0
	for _, v := range chk.Violations {
		if !known[v.Rule] || v.Source == "" || (v.SubjectKind != "member" && v.SubjectKind != "org") || v.Subject == "" || v.Org == "" || v.Message == "" {
			t.Errorf("violation %+v", v)
		}
		if v.Card != "" {
			cards++
			if v.SubjectKind != "member" {
				t.Errorf("an organisation's finding with a card: %+v", v)
			}
		}
		if _, err := domain.ParseDate(v.BirthDate); (v.SubjectKind == "member") != (v.BirthDate != "") || err != nil {
			t.Errorf("a finding's birth date: %+v (%v)", v, err)
		}
	}
	// A member's finding names the card (two of one name in a cell are
	// told apart); the demo's members mostly have one.
	if cards == 0 {
		t.Errorf("no member finding carries a card number")
	}
	if !strings.HasPrefix(out, `{"year":2021,"violations":[`) {
		t.Errorf("JSON text %q", out[:min(len(out), 80)])
	}
	for _, kind := range []string{"consecutive", "year", "badge"} {
		args := []string{"--db", db, "awards", "--kind", kind, "--format", "json", "--year", "2025"}
		if kind == "badge" {
			args = []string{"--db", db, "awards", "--format", "json", "--kind", kind, "--occasion", "2026-02-03"}
		}
		code, out, errOut := run(t, args...)
		if code != 0 {
			t.Fatalf("awards %s: %q", kind, errOut)
		}
		var got struct {
			Kind          string `json:"kind"`
			Occasion      string `json:"occasion"`       // badges
			OtherOccasion bool   `json:"other_occasion"` // badges, on another day than the four
			Candidates    []struct {
				SubjectKind string `json:"subject_kind"`
				Name        string `json:"name"`
				Card        string `json:"card"`
				Org         string `json:"org"`
				Milestone   *int   `json:"milestone"`
				Basis       string `json:"basis"`
				Detail      string `json:"detail"`
				Review      string `json:"review"` // only when the rules question an excellent year
			} `json:"candidates"`
		}
		dec := json.NewDecoder(strings.NewReader(out))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if got.Kind != kind || len(got.Candidates) == 0 {
			t.Fatalf("%s: %d candidates", kind, len(got.Candidates))
		}
		if (kind == "badge") != (got.Occasion == "2026-02-03") || got.OtherOccasion {
			t.Errorf("%s: occasion %q, other %v", kind, got.Occasion, got.OtherOccasion)
		}
		for _, c := range got.Candidates {
			if c.SubjectKind != "member" || c.Name == "" || c.Org == "" || c.Detail == "" || (c.Milestone != nil) != (kind == "badge") {
				t.Errorf("%s candidate %+v", kind, c)
			}
			bases := map[string]bool{"due": true, "early-illness": true, "overdue": true, "posthumous": true}
			if (kind == "badge") != bases[c.Basis] {
				t.Errorf("%s candidate basis %q", kind, c.Basis)
			}
		}
	}
	code, out, errOut = run(t, "--db", db, "awards", "--kind", "badge", "--occasion", "2026-02-04")
	if code != 0 || !strings.Contains(out, "ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG đợt 04/02/2026 (dịp khác)") {
		t.Errorf("another day as the occasion: %d %q %q", code, out[:min(len(out), 200)], errOut)
	}
	for _, postponed := range []string{"", "--postponed"} {
		args := []string{"--db", db, "awards", "--kind", "badge", "--occasion", "2026-02-04", "--format", "json"}
		if postponed != "" {
			args = append(args, postponed)
		}
		if code, out, errOut := run(t, args...); code != 0 || !strings.HasPrefix(out, `{"kind":"badge","occasion":"2026-02-04","other_occasion":true,`) {
			t.Errorf("another day's JSON %v: %d %q %q", args, code, out[:min(len(out), 120)], errOut)
		}
	}
	code, _, errOut = run(t, "--db", db, "awards", "--kind", "badge", "--occasion", "31/02/2026")
	if code != ExitUser || !strings.Contains(errOut, "không tồn tại") {
		t.Errorf("bad occasion: %d %q", code, errOut)
	}
	code, _, errOut = run(t, "--db", db, "awards", "--kind", "medal")
	if code != ExitUser || !strings.Contains(errOut, "--kind phải là một trong") {
		t.Errorf("bad kind: %d %q", code, errOut)
	}
}

func TestDocumentsFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if code, _, errOut := run(t, "--db", db, "demo", "--members", "1500", "--from", "2021", "--to", "2025"); code != 0 {
		t.Fatal(errOut)
	}
	pdf := filepath.Join(dir, "summary.pdf")
	if code, _, errOut := run(t, "--db", db, "summary", "--year", "2025", "--format", "pdf", "-o", pdf); code != 0 {
		t.Fatal(errOut)
	}
	text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils, installed by scripts/setup.sh): %v", err)
	}
	if s := string(text); !strings.Contains(s, "ĐẢNG CỘNG SẢN VIỆT NAM") || !strings.Contains(s, "BÁO CÁO") || !strings.Contains(s, "năm 2025") ||
		!strings.Contains(s, "Hoàn thành xuất sắc nhiệm vụ") || !strings.Contains(s, "Đảng bộ quận Sơn Trà") {
		t.Errorf("summary PDF:\n%s", s)
	}
	xlsx := filepath.Join(dir, "list.xlsx")
	if code, _, errOut := run(t, "--db", db, "awards", "--kind", "year", "--year", "2025", "--format", "xlsx", "-o", xlsx); code != 0 {
		t.Fatal(errOut)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetList()[0])
	if len(rows) < 5 || rows[0][0] != "DANH SÁCH đảng viên đề nghị khen thưởng hoàn thành xuất sắc nhiệm vụ năm 2025" || rows[2][1] != "Họ và tên" {
		t.Errorf("award list rows %v", rows[:min(len(rows), 4)])
	}
	code, _, errOut := run(t, "--db", db, "summary", "--year", "2025", "--format", "pdf")
	if code != ExitUser || !strings.Contains(errOut, "cần -o TỆP") {
		t.Errorf("pdf without -o: %d %q", code, errOut)
	}
}

func TestSearchJSONContract(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := run(t, "--db", db, "demo", "--members", "1000"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := run(t, "--db", db, "search", "nguyen", "--limit", "3", "--format", "json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var got struct {
		Query   string `json:"query"`
		Results []struct {
			Kind   string `json:"kind"`
			ID     int64  `json:"id"`
			Name   string `json:"name"`
			Detail string `json:"detail"`
		} `json:"results"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	if got.Query != "nguyen" || len(got.Results) != 3 {
		t.Fatalf("%+v", got)
	}
	for _, r := range got.Results {
		if r.Kind != "member" || r.ID == 0 || !strings.HasPrefix(r.Name, "Nguyễn") || !strings.Contains(r.Detail, "sinh ") {
			t.Errorf("result %+v", r)
		}
	}
	code, _, errOut = run(t, "--db", db, "search", "foo:bar")
	if code != ExitUser || !strings.Contains(errOut, `không có bộ lọc "foo"`) {
		t.Errorf("bad filter: %d %q", code, errOut)
	}
}

func TestBackupAndRestoreVerbs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if code, _, errOut := run(t, "--db", db, "demo", "--members", "300"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := run(t, "--db", db, "backup")
	if code != 0 || !strings.HasPrefix(strings.TrimSpace(out), filepath.Join(dir, "backups", "x-")) {
		t.Fatalf("backup: %d %q %q", code, out, errOut)
	}
	saved := strings.TrimSpace(out)
	file := filepath.Join(dir, "copy.db")
	if code, out, _ = run(t, "--db", db, "backup", file); code != 0 || strings.TrimSpace(out) != file {
		t.Fatalf("backup to file: %q", out)
	}
	// An import makes a backup first.
	before, _ := os.ReadDir(filepath.Join(dir, "backups"))
	good := writeBook(t, [][]any{{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"}, {"Phan Văn Mới", "1/1/1980", "1/1/2005", "Chi bộ 1"}})
	if code, _, errOut := run(t, "--db", db, "import", good); code != 0 {
		t.Fatal(errOut)
	}
	after, _ := os.ReadDir(filepath.Join(dir, "backups"))
	if len(after) != len(before)+1 {
		t.Errorf("import made %d backups", len(after)-len(before))
	}
	code, out, errOut = run(t, "--db", db, "restore", saved)
	if code != 0 || !strings.Contains(out, "Đã khôi phục") || !strings.Contains(out, "Đã sao lưu dữ liệu cũ") {
		t.Fatalf("restore: %d %q %q", code, out, errOut)
	}
	if code, out, _ = run(t, "--db", db, "search", "phan van moi", "--format", "json"); code != 0 || strings.Contains(out, "Phan Văn Mới") {
		t.Errorf("the imported member survived the restore: %q", out)
	}
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("junk"), 0o600)
	if code, _, errOut = run(t, "--db", db, "restore", junk); code != ExitUser || !strings.Contains(errOut, "không phải là tệp dữ liệu") {
		t.Errorf("restore junk: %d %q", code, errOut)
	}
}

// TestBadFlagsAreExplainedInVietnamese: a mistyped flag or value gets a
// message in the users' language naming the flag, and exit code 1.
func TestBadFlagsAreExplainedInVietnamese(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"summary", "--year", "abc"}, `summary: --year: "abc" không hợp lệ (cần một số)`},
		{[]string{"summary", "--yaer", "2025"}, "không có tùy chọn --yaer"},
		{[]string{"summary", "--year"}, "tùy chọn --year cần một giá trị"},
		{[]string{"import", "--dry-run=maybe", "a.xlsx"}, `--dry-run: "maybe" không hợp lệ (cần true hoặc false)`},
		{[]string{"search", "nguyen", "--limit", "x"}, `--limit: "x" không hợp lệ (cần một số)`},
	} {
		code, _, errOut := run(t, append([]string{"--db", db}, tc.args...)...)
		if code != ExitUser || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want %q", tc.args, code, errOut, tc.want)
		}
	}
}

// TestUndoRedoHistoryVerbs: an import is undone and redone from the command
// line, and the history says who did what.
func TestUndoRedoHistoryVerbs(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	importOrgs(t, db, "Chi bộ Thôn 1,Chi bộ cơ sở,\n")
	backups := func() int { return backupCount(db) }
	before := backups()
	code, out, _ := run(t, "--db", db, "undo")
	if backups() != before {
		t.Errorf("a one-row undo wrote a backup")
	}
	if code != 0 || !strings.HasPrefix(out, "Đã hoàn tác: Nhập tệp Tổ chức.csv") {
		t.Errorf("undo: %d %q", code, out)
	}
	if _, out, _ := run(t, "--db", db, "search", "thon 1"); !strings.Contains(out, "Không tìm thấy") {
		t.Errorf("after undo, search finds: %q", out)
	}
	if code, out, _ := run(t, "--db", db, "redo"); code != 0 || !strings.HasPrefix(out, "Đã làm lại: Nhập tệp Tổ chức.csv") {
		t.Errorf("redo: %d %q", code, out)
	}
	if _, out, _ := run(t, "--db", db, "redo"); out != "Không có gì để làm lại.\n" {
		t.Errorf("second redo: %q", out)
	}
	_, out, _ = run(t, "--db", db, "history")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "Làm lại: Nhập tệp Tổ chức.csv") || !strings.Contains(lines[1], "Hoàn tác: Nhập tệp Tổ chức.csv") || !strings.Contains(lines[2], "Nhập tệp Tổ chức.csv (1 dòng)") {
		t.Errorf("history:\n%s", out)
	}
}

// TestUndoOfABigImportBacksUpFirst: undoing an import of many rows is a bulk
// change, and a backup is written before it.
func TestUndoOfABigImportBacksUpFirst(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	var b strings.Builder
	b.WriteString("Tên tổ chức,Loại,Trực thuộc\nĐảng bộ xã Hòa Phong,Đảng bộ cơ sở,\n")
	for i := 1; i <= 120; i++ {
		fmt.Fprintf(&b, "Chi bộ Thôn %d,Chi bộ,Đảng bộ xã Hòa Phong\n", i)
	}
	importOrgs(t, db, strings.SplitN(b.String(), "\n", 2)[1])
	saved := backupCount(db)
	if code, out, _ := run(t, "--db", db, "undo"); code != 0 || !strings.Contains(out, "Nhập tệp Tổ chức.csv") {
		t.Fatalf("undo: %q", out)
	}
	if after := backupCount(db); after != saved+1 {
		t.Errorf("%d backups before the undo of 121 rows, %d after", saved, after)
	}
}

// TestImportBacksUpOnlyWhatItWrites: a file with errors is refused before
// any backup (at 500,000 members a backup takes half a minute); a good one is
// backed up first.
func TestImportBacksUpOnlyWhatItWrites(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	importOrgs(t, db, "Chi bộ Thôn 1,Chi bộ cơ sở,\n")
	backups := func() int { return backupCount(db) }
	bad := filepath.Join(dir, "to_chuc.csv")
	os.WriteFile(bad, []byte("Tên tổ chức,Loại,Trực thuộc\nChi bộ Thôn 2,Chi bộ,Không có\n"), 0o600)
	if code, _, errOut := run(t, "--db", db, "import", bad); code != ExitUser || !strings.Contains(errOut, "dòng 2") {
		t.Fatalf("bad import: %d %q", code, errOut)
	}
	if n := backups(); n != 0 {
		t.Errorf("%d backups after a refused import", n)
	}
	importOrgs(t, db, "Chi bộ Thôn 3,Chi bộ cơ sở,\n")
	if n := backups(); n != 1 {
		t.Errorf("%d backups after a second good import, want 1", n)
	}
}

// importOrgs imports rows (name, kind, parent) as "Tổ chức.csv" into db.
func importOrgs(t *testing.T, db, rows string) {
	t.Helper()
	csv := filepath.Join(t.TempDir(), "Tổ chức.csv")
	os.WriteFile(csv, []byte("Tên tổ chức,Loại,Trực thuộc\n"+rows), 0o600)
	if code, _, errOut := run(t, "--db", db, "import", csv); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
}

// backupCount is how many automatic backups db has.
func backupCount(db string) int {
	saved, _ := filepath.Glob(filepath.Join(paths.BackupDir(db), "*.db"))
	return len(saved)
}

// TestImportMapDryRunAndExportOrg: --map assigns a header the file uses to
// a column (repeatable); a dry run lists what it would add and change field
// by field; export --org writes one organisation's part.
func TestImportMapDryRunAndExportOrg(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	importOrgs(t, db, "Đảng bộ phường Mân Thái,Đảng bộ cơ sở,\nChi bộ 1,Chi bộ,Đảng bộ phường Mân Thái\nĐảng bộ phường Thọ Quang,Đảng bộ cơ sở,\nChi bộ 9,Chi bộ,Đảng bộ phường Thọ Quang\n")
	csv := filepath.Join(t.TempDir(), "Đảng viên.csv")
	os.WriteFile(csv, []byte("Tên đầy đủ,Sinh ngày,Ngày kết nạp,Đơn vị,Ghi chú riêng\nNguyễn Văn An,01/01/1970,01/01/1995,Chi bộ 1,cũ\n"), 0o600)
	code, _, errOut := run(t, "--db", db, "import", csv)
	if code != ExitUser || !strings.Contains(errOut, "không tìm thấy dòng tiêu đề") {
		t.Fatalf("without --map: %d %q", code, errOut)
	}
	code, _, errOut = run(t, "--db", db, "import", csv, "--map", "Tên đầy đủ=Cột không có")
	if code != ExitUser || !strings.Contains(errOut, `không có cột "Cột không có"`) {
		t.Errorf("a bad --map: %d %q", code, errOut)
	}
	maps := []string{"--map", "Tên đầy đủ=Họ và tên", "--map", "Đơn vị=Chi bộ", "--map", "Ghi chú riêng=Ghi chú"}
	code, out, errOut := run(t, append([]string{"--db", db, "import", csv}, maps...)...)
	if code != 0 || !hasLine(out, "Đảng viên 1 0 0") {
		t.Fatalf("with --map: %d %q %q", code, out, errOut)
	}
	os.WriteFile(csv, []byte("Tên đầy đủ,Sinh ngày,Ngày kết nạp,Đơn vị,Ghi chú riêng\nNguyễn Văn An,01/01/1970,01/01/1995,Chi bộ 1,mới\nTrần Văn Ba,02/02/1972,03/02/2001,Chi bộ 9,\n"), 0o600)
	code, out, _ = run(t, append([]string{"--db", db, "import", "--dry-run", csv}, maps...)...)
	if code != 0 || !strings.Contains(out, "+ Trần Văn Ba (sinh 02/02/1972)") || !strings.Contains(out, "~ Nguyễn Văn An (sinh 01/01/1970) — Ghi chú: cũ → mới") {
		t.Errorf("dry run: %d\n%s", code, out)
	}
	if code, _, errOut := run(t, append([]string{"--db", db, "import", csv}, maps...)...); code != 0 {
		t.Fatal(errOut)
	}
	book := filepath.Join(dir, "phuong.xlsx")
	if code, _, errOut := run(t, "--db", db, "export", "--org", "Đảng bộ phường Thọ Quang", book); code != 0 {
		t.Fatal(errOut)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	orgs, _ := f.GetRows("Tổ chức")
	members, _ := f.GetRows("Đảng viên")
	info, _ := f.GetRows("Thông tin")
	if len(orgs) != 3 || orgs[1][1] != "Đảng bộ phường Thọ Quang" || len(members) != 2 || members[1][0] != "Trần Văn Ba" ||
		!strings.Contains(fmt.Sprint(info), "Phạm vi: Đảng bộ phường Thọ Quang") {
		t.Errorf("the ward's part: %v %v %v", orgs, members, info)
	}
}

// TestImportAFolderOrAPatternAndExportToANewFolder: `export DIR` makes the
// folder when it does not exist yet; `import DIR` reads the .xlsx and .csv
// files in it, as does a pattern the shell did not expand (quoted, or on
// Windows' console); a pattern that matches nothing is an error naming it.
func TestImportAFolderOrAPatternAndExportToANewFolder(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "nguon.db")
	if code, _, errOut := run(t, "--db", src, "demo", "--members", "400"); code != 0 {
		t.Fatalf("demo: %q", errOut)
	}
	if code, hist, _ := run(t, "--db", src, "history"); code != 0 || !strings.Contains(hist, "Nạp dữ liệu hàng loạt (không ghi từng dòng, không hoàn tác được)") {
		t.Errorf("the demo's bulk load in the history: %q", hist)
	}
	out := filepath.Join(dir, "Xuat 26.11.2025") // a folder named by date
	if code, _, errOut := run(t, "--db", src, "export", out); code != 0 {
		t.Fatalf("export to a new folder: %q", errOut)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.csv"))
	if len(files) < 12 {
		t.Fatalf("%d files in the new folder", len(files))
	}
	if code, _, errOut := run(t, "--db", src, "export", filepath.Join(dir, "khong-co", "xuat")); code != ExitUser ||
		!strings.Contains(errOut, "khong-co") {
		t.Errorf("export into a missing folder: %d %q", code, errOut)
	}
	// What the office reads of a database, as text: a database moved
	// through the files reads the same, line for line, in the same order.
	summary := func(db string) string {
		var all []string
		for _, y := range []string{"2021", "2023", "2024", "2025"} {
			for _, verb := range [][]string{{"summary", "--year", y}, {"summary", "--year", y, "--format", "json"},
				{"check", "--year", y}, {"awards", "--kind", "consecutive", "--year", y, "--years", "3"},
				{"awards", "--kind", "badge", "--occasion", y + "-09-02"}} {
				code, out, errOut := run(t, append([]string{"--db", db}, verb...)...)
				if code != 0 && !(verb[0] == "check" && code == 1) {
					t.Fatalf("%v: %d %q", verb, code, errOut)
				}
				all = append(all, strings.Join(verb, " ")+"\n"+out)
			}
		}
		return strings.Join(all, "\n")
	}
	want := summary(src)
	if !strings.Contains(want, "vi phạm") || !strings.Contains(want, "Đảng viên không xếp loại") {
		t.Fatalf("the demo's reports lack findings or members not rated:\n%.2000s", want)
	}
	for _, arg := range []string{out, filepath.Join(out, "*.csv")} {
		db := filepath.Join(t.TempDir(), "moi.db")
		if code, _, errOut := run(t, "--db", db, "import", arg); code != 0 {
			t.Fatalf("import %s: %q", arg, errOut)
		}
		if got := summary(db); got != want {
			t.Errorf("import %s: summary\n%s\nwant\n%s", arg, got, want)
		}
	}
	db := filepath.Join(t.TempDir(), "moi.db")
	if code, _, errOut := run(t, "--db", db, "import", filepath.Join(out, "zz*.csv")); code != ExitUser ||
		!strings.Contains(errOut, "không có tệp nào khớp") {
		t.Errorf("a pattern matching nothing: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "--db", db, "import", t.TempDir()); code != ExitUser ||
		!strings.Contains(errOut, "không có tệp .xlsx hay .csv nào") {
		t.Errorf("an empty folder: %d %q", code, errOut)
	}
}

// TestImportExplainsASheetItCannotRead: a refused file whose sheet lacks
// required columns is described as the window's mapping shows it, with the
// --map to give; a --map naming a header no sheet has is refused.
func TestImportExplainsASheetItCannotRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ds.csv")
	os.WriteFile(path, []byte("Tên,Sinh ngày,Đơn vị\nNguyễn Văn A,01/01/1970,Chi bộ 1\n"), 0o600)
	db := filepath.Join(dir, "x.db")
	code, _, errOut := run(t, "--db", db, "import", path, "--sheet", "Đảng viên")
	for _, want := range []string{
		`Đảng viên (ds.csv) được đọc là trang Đảng viên; dòng tiêu đề 1:`,
		`cột A "Tên" → (không rõ)`,
		`cột B "Sinh ngày" → Ngày sinh`,
		`thiếu cột: Họ và tên, Ngày vào Đảng, Chi bộ`,
		`ví dụ: --map "Tên=Họ và tên"`,
	} {
		if code != ExitUser || !strings.Contains(errOut, want) {
			t.Errorf("%d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
	code, _, errOut = run(t, "--db", db, "import", path, "--sheet", "Đảng viên", "--map", "Ten day du=Họ và tên")
	if code != ExitUser || !strings.Contains(errOut, `không có cột tiêu đề "Ten day du" trong tệp; các tiêu đề: "Tên", "Sinh ngày", "Đơn vị"`) {
		t.Errorf("a --map of no header: %d %q", code, errOut)
	}
	code, _, errOut = run(t, "--db", db, "import", path, "--sheet", "Đảng viên", "--map", "Tên=Họ và tên", "--map", "Đơn vị=Chi bộ")
	if code != ExitUser || !strings.Contains(errOut, "không cột nào của tệp là Ngày vào Đảng: hãy thêm vào tệp") {
		t.Errorf("a column the file lacks: %d %q", code, errOut)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused import left a database: %v", err)
	}
}

// TestImportUsesTheMappingRememberedInTheWindow: a file laid out as one
// whose columns were mapped in the window (remembered in the database) is
// read with that mapping on the command line too, and says so.
func TestImportUsesTheMappingRememberedInTheWindow(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	importOrgs(t, db, "Đảng bộ phường Mân Thái,Đảng bộ cơ sở,\nChi bộ 1,Chi bộ,Đảng bộ phường Mân Thái\n")
	path := filepath.Join(dir, "ds.csv")
	os.WriteFile(path, []byte("Tên đầy đủ,Ngày sinh,Ngày vào Đảng,Chi bộ\nNguyễn Văn An,01/01/1970,01/01/1995,Chi bộ 1\n"), 0o600)
	opt := interchange.Options{Sheet: "Đảng viên"}
	ls, err := interchange.Inspect([]string{path}, opt)
	if err != nil || len(ls) != 1 || !ls[0].NeedsMapping() {
		t.Fatalf("layouts %+v %v", ls, err)
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	m, err := interchange.ParseMapping([]string{"Tên đầy đủ=Họ và tên"})
	if err != nil {
		t.Fatal(err)
	}
	remembered, _ := json.Marshal(m) // as the window's mapping dialog keeps it
	if err := s.SetSetting(context.Background(), exchange.MappingSetting(&ls[0]), string(remembered)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errOut := run(t, "--db", db, "import", path, "--sheet", "Đảng viên")
	if code != 0 || !strings.Contains(errOut, "các cột được ghép như đã lưu") || !hasLine(out, "Đảng viên 1 0 0") {
		t.Errorf("import: %d %q %q", code, out, errOut)
	}
}

// TestTheSameFileTwiceAndThricetypedCards: a file given twice is refused
// as such; a card number on three rows names the first row each time.
func TestTheSameFileTwiceAndThriceTypedCards(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	importOrgs(t, db, "Đảng bộ phường Mân Thái,Đảng bộ cơ sở,\nChi bộ 1,Chi bộ,Đảng bộ phường Mân Thái\n")
	path := filepath.Join(dir, "Đảng viên.csv")
	os.WriteFile(path, []byte("Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ,Số thẻ đảng viên\n"+
		"Nguyễn Văn An,01/01/1970,01/01/1995,Chi bộ 1,10000001\n"+
		"Lê Thị Bình,01/01/1971,01/01/1996,Chi bộ 1,10000001\n"+
		"Trần Văn Cường,01/01/1972,01/01/1997,Chi bộ 1,10000001\n"), 0o600)
	code, _, errOut := run(t, "--db", db, "import", path, path)
	if code != ExitUser || !strings.Contains(errOut, "tệp Đảng viên.csv được chọn hai lần") {
		t.Errorf("the same file twice: %d %q", code, errOut)
	}
	code, _, errOut = run(t, "--db", db, "import", path)
	for _, want := range []string{"dòng 3, cột E (Số thẻ đảng viên): 10000001 trùng với dòng 2", "dòng 4, cột E (Số thẻ đảng viên): 10000001 trùng với dòng 2"} {
		if code != ExitUser || !strings.Contains(errOut, want) {
			t.Errorf("%d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
}

// TestSheetNamesTheKindOfAForeignWorkbooksTables: --sheet reads a
// workbook's tables not named as ours (not its cover page) as that sheet,
// described and mapped as a CSV file's are.
func TestSheetNamesTheKindOfAForeignWorkbooksTables(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	importOrgs(t, db, "Đảng bộ phường Mân Thái,Đảng bộ cơ sở,\nChi bộ 1,Chi bộ,Đảng bộ phường Mân Thái\n")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Bìa")
	f.SetCellStr("Bìa", "A1", "Báo cáo của phường")
	f.NewSheet("DS ĐV 2025")
	f.SetSheetRow("DS ĐV 2025", "A1", &[]any{"TT", "Tên đầy đủ", "Ngày sinh", "Ngày KN", "Mã thẻ", "Chi bộ"})
	f.SetSheetRow("DS ĐV 2025", "A2", &[]any{1, "Nguyễn Văn An", "01/01/1970", "01/01/1995", "10000001", "Chi bộ 1"})
	path := filepath.Join(dir, "phuong.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "--db", db, "import", path)
	if code != ExitUser || !strings.Contains(errOut, "không có trang tính nào xeploai nhận ra") {
		t.Errorf("without --sheet: %d %q", code, errOut)
	}
	code, _, errOut = run(t, "--db", db, "import", path, "--sheet", "Đảng viên")
	if code != ExitUser || !strings.Contains(errOut, `DS ĐV 2025 (phuong.xlsx) được đọc là trang Đảng viên`) ||
		!strings.Contains(errOut, `--map "Tên đầy đủ=Họ và tên"`) || strings.Contains(errOut, "Bìa (phuong.xlsx) được đọc") {
		t.Errorf("with --sheet: %d %q", code, errOut)
	}
	code, out, errOut := run(t, "--db", db, "import", path, "--sheet", "Đảng viên", "--map", "Tên đầy đủ=Họ và tên")
	if code != 0 || !hasLine(out, "Đảng viên 1 0 0") {
		t.Errorf("with --map: %d %q %q", code, out, errOut)
	}
}
