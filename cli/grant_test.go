package cli

import (
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xeploai/store/pgtest"
)

// TestOfficesAsTheReadmeSetsThemUp follows the README's setup of a shared
// server: an owner makes the tables (by copying a file up) and grants each
// office's login role its part with xeploai grant; the district's role then
// reads what the file reads, a ward's role works within its ward — figures,
// checks, an export of its part the same as the file's, imports and undo —
// and is refused, in Vietnamese, a member of another ward; a read-only role
// reads and writes nothing.
func TestOfficesAsTheReadmeSetsThemUp(t *testing.T) {
	c, err := pgtest.Shared()
	if err != nil {
		t.Fatal(err)
	}
	owner, district, ward, viewer, none, dbname := "xeploai_chu", "quan_uy", "phuong_a", "phuong_a_xem", "chua_cap", "xeploai_readme"
	for _, q := range []string{`CREATE ROLE ` + owner + ` LOGIN`, `CREATE DATABASE ` + dbname + ` OWNER ` + owner} {
		if err := c.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, q := range []string{`DROP DATABASE IF EXISTS ` + dbname + ` WITH (FORCE)`, `DROP ROLE IF EXISTS ` + district, `DROP ROLE IF EXISTS ` + ward,
			`DROP ROLE IF EXISTS ` + viewer, `DROP ROLE IF EXISTS ` + none, `DROP ROLE IF EXISTS ` + owner} {
			if err := c.Exec(q); err != nil {
				t.Error(err)
			}
		}
	})
	as := func(role string) string {
		return "postgres://" + role + "@/" + dbname + "?host=" + c.Dir() + "&sslmode=disable"
	}
	src := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := run(t, "--db", src, "demo", "--members", "200", "--from", "2024", "--to", "2025"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := run(t, "copy", src, as(owner)); code != 0 {
		t.Fatalf("copy up as the owner: %s", errOut)
	}
	for _, r := range []string{district, ward, viewer, none} {
		if err := c.Exec(`CREATE ROLE ` + r + ` LOGIN`); err != nil { // by the server's administrator
			t.Fatal(err)
		}
	}
	// The tree's top, a grassroots committee (A) and a grassroots cell (B),
	// by code.
	orgs := csvRows(t, exportDir(t, src)["Tổ chức.csv"])
	var top, wardA, wardB string
	for _, o := range orgs[1:] {
		switch {
		case o["Trực thuộc"] == "" && top == "":
			top = o["Mã tổ chức"]
		case o["Loại"] == "Đảng bộ cơ sở" && wardA == "":
			wardA = o["Mã tổ chức"]
		case o["Loại"] == "Chi bộ cơ sở" && wardB == "":
			wardB = o["Mã tổ chức"]
		}
	}
	if top == "" || wardA == "" || wardB == "" {
		t.Fatalf("the demo's tree has no top, grassroots committee or grassroots cell: %v", orgs[1:min(6, len(orgs))])
	}

	// grant is the owner's, on a server.
	if code, _, errOut := run(t, "--db", src, "grant", ward, "--org", wardA); code != ExitUser || !strings.Contains(errOut, "chỉ dùng với cơ sở dữ liệu dùng chung trên máy chủ") {
		t.Errorf("grant on a file: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "--db", as(owner), "grant", "khong_co", "--org", wardA); code == 0 || !strings.Contains(errOut, `không có người dùng "khong_co"`) {
		t.Errorf("grant to a missing role: %d %q", code, errOut)
	}
	for _, args := range [][]string{{district, "--org", top}, {ward, "--org", wardA}, {viewer, "--org", wardA, "--read-only"}} {
		code, out, errOut := run(t, append([]string{"--db", as(owner), "grant"}, args...)...)
		if code != 0 || !strings.HasPrefix(out, "Đã cấp cho "+args[0]+": ") {
			t.Fatalf("grant %v: %d %q %q", args, code, out, errOut)
		}
	}
	if code, _, errOut := run(t, "--db", as(ward), "grant", ward, "--org", top); code != ExitUser || !strings.Contains(errOut, "không phải chủ sở hữu") {
		t.Errorf("a ward grants itself the district: %d %q", code, errOut)
	}
	code, out, errOut := run(t, "--db", as(owner), "grant", "--list")
	if code != 0 || !strings.Contains(out, "phuong_a      "+wardA) || !strings.Contains(out, "chỉ xem") || strings.Count(out, "\n") != 4 {
		t.Errorf("grant --list: %d\n%s%s", code, out, errOut)
	}

	// The district reads what the file reads; a role granted nothing, nothing.
	if got, want := figures(t, as(district)), figures(t, src); got != want {
		t.Errorf("the district reads other figures: %s", firstDiff(got, want))
	}
	if code, out, errOut := run(t, "--db", as(none), "search", "nguyen"); code != ExitUser || out != "" || !strings.Contains(errOut, "chưa được cấp, hoặc không còn được cấp") || !strings.Contains(errOut, "xeploai grant chua_cap --org") {
		t.Errorf("a role granted nothing: %d %q %q", code, out, errOut)
	}

	// The ward reads its part as the file shows it.
	for _, args := range [][]string{
		{"summary", "--year", "2025", "--org", wardA, "--format", "json"},
		{"check", "--year", "2025", "--org", wardA, "--format", "json"},
	} {
		_, want, _ := run(t, append([]string{"--db", src}, args...)...)
		for _, role := range []string{ward, viewer} {
			code, got, errOut := run(t, append([]string{"--db", as(role)}, args...)...)
			if code != 0 || got != want {
				t.Errorf("%s as %s: %d %s %s", args, role, code, errOut, firstDiff(got, want))
			}
		}
	}
	want := exportDir(t, src, "--org", wardA)
	for name, got := range exportDir(t, as(ward), "--org", wardA) {
		if got != want[name] {
			t.Errorf("the ward's export, %s: %s", name, firstDiff(got, want[name]))
		}
	}
	// Naming none, the ward's reports and export are of its own part
	// (headed with its name, not the district's it can only see named).
	_, wantSummary, _ := run(t, "--db", src, "summary", "--year", "2025", "--org", wardA)
	if code, got, errOut := run(t, "--db", as(ward), "summary", "--year", "2025"); code != 0 || got != wantSummary {
		t.Errorf("the ward's summary naming no organisation: %d %s %s", code, errOut, firstDiff(got, wantSummary))
	}
	for name, got := range exportDir(t, as(ward)) {
		if got != want[name] {
			t.Errorf("the ward's export naming no organisation, %s: %s", name, firstDiff(got, want[name]))
		}
	}
	// Nor another ward's, nor the district's.
	if code, out, errOut := run(t, "--db", as(ward), "summary", "--year", "2025", "--org", wardB); code == 0 {
		t.Errorf("the ward reads ward B's summary: %q", out)
	} else if !strings.Contains(errOut, wardB) {
		t.Errorf("the ward asks for ward B: %q", errOut)
	}

	// It imports into its cells, and undoes; a member of ward B is refused,
	// naming what, and nothing is written.
	cellOf := func(wardCode string) string {
		if wardCode == wardB { // a grassroots cell: its members are its own
			return wardB
		}
		for _, o := range orgs[1:] {
			if o["Trực thuộc"] == wardCode && o["Loại"] == "Chi bộ" {
				return o["Mã tổ chức"]
			}
		}
		t.Fatalf("no cell under %s", wardCode)
		return ""
	}
	file := func(cell, card string) string {
		p := filepath.Join(t.TempDir(), "Đảng viên.csv")
		if err := os.WriteFile(p, []byte("Họ và tên,Ngày sinh,Ngày vào Đảng,Số thẻ đảng viên,Chi bộ\nNguyễn Văn Mới,02/03/1990,04/05/2015,"+card+","+cell+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if code, out, errOut := run(t, "--db", as(ward), "import", file(cellOf(wardA), "99999991")); code != 0 {
		t.Fatalf("import into the ward as the ward: %d %q %q", code, out, errOut)
	}
	if code, out, _ := run(t, "--db", as(ward), "search", "nguyen van moi"); code != 0 || !strings.Contains(out, "Nguyễn Văn Mới") {
		t.Errorf("search after the ward's import: %d %q", code, out)
	}
	if code, out, errOut := run(t, "--db", as(ward), "history", "--limit", "1"); code != 0 || !strings.Contains(out, "Nhập") || !strings.Contains(out, "("+ward+")") {
		t.Errorf("history as the ward names the ward's role: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := run(t, "--db", as(ward), "undo"); code != 0 {
		t.Errorf("undo as the ward: %s", errOut)
	}
	before := figures(t, as(district))
	code, out, errOut = run(t, "--db", as(ward), "import", file(cellOf(wardB), "99999992"))
	if code == 0 || !strings.Contains(errOut, `không tìm thấy tổ chức "`+cellOf(wardB)+`"`) || !strings.Contains(errOut, `người dùng "phuong_a" chỉ thấy và ghi được`) {
		t.Errorf("import into ward B as ward A: %d %q %q", code, out, errOut)
	}
	// A member of ward B, by card number, as if new in ward A: the card is
	// taken by a member ward A cannot see; said at the file's row, with the
	// number the file gives.
	var cardB string
	for _, m := range csvRows(t, exportDir(t, src)["Đảng viên.csv"])[1:] {
		if m["Chi bộ"] == cellOf(wardB) && m["Số thẻ đảng viên"] != "" {
			cardB = m["Số thẻ đảng viên"]
			break
		}
	}
	code, out, errOut = run(t, "--db", as(ward), "import", file(cellOf(wardA), cardB))
	if code == 0 || cardB == "" || !strings.Contains(errOut, "Đảng viên, dòng 2, cột D (Số thẻ đảng viên): số thẻ đảng viên "+cardB+" của Nguyễn Văn Mới đã là của một đảng viên khác trên máy chủ, ngoài phạm vi người dùng \"phuong_a\" được cấp") {
		t.Errorf("import of ward B's card into ward A: %d %q %q", code, out, errOut)
	}
	code, out, errOut = run(t, "--db", as(viewer), "import", file(cellOf(wardA), "99999993"))
	if code == 0 || !strings.Contains(errOut, "chỉ được xem") {
		t.Errorf("import as the read-only role: %d %q %q", code, out, errOut)
	}
	if after := figures(t, as(district)); after != before {
		t.Errorf("a refused import wrote: %s", firstDiff(after, before))
	}

	// Taken back, the ward sees nothing.
	if code, out, errOut := run(t, "--db", as(owner), "grant", ward, "--revoke"); code != 0 || !strings.Contains(out, "Đã thu hồi") {
		t.Errorf("revoke: %d %q %q", code, out, errOut)
	}
	if code, out, errOut := run(t, "--db", as(ward), "search", "nguyen"); code != ExitUser || out != "" || !strings.Contains(errOut, "không còn được cấp") {
		t.Errorf("the revoked ward: %d %q %q", code, out, errOut)
	}
	// The owner's own connection for the grants is plain SQL too.
	admin, err := sql.Open("pgx", as(owner))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var n int
	if err := admin.QueryRow(`SELECT COUNT(*) FROM scopes WHERE role = $1`, ward).Scan(&n); err != nil || n != 0 {
		t.Errorf("scopes of the revoked ward: %d %v", n, err)
	}
}

// csvRows reads an export's CSV file into rows keyed by header.
func csvRows(t *testing.T, text string) []map[string]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff"))).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("csv: %v", err)
	}
	out := []map[string]string{{}}
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			if i < len(r) {
				m[h] = r[i]
			}
		}
		out = append(out, m)
	}
	return out
}
