package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
	"xeploai/store"
)

// pdfPages is the text of a PDF page by page, white space folded.
func pdfPages(t *testing.T, path string) []string { return pdfPagesAs(t, path, "-layout") }

// pdfPagesAs reads a PDF in a mode of pdftotext: -raw gives a table row by
// row, each cell whole even when it wraps.
func pdfPagesAs(t *testing.T, path, mode string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", mode, path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f\n"), "\f")
	for i, p := range pages {
		pages[i] = regexp.MustCompile(`\s+`).ReplaceAllString(p, " ")
	}
	return pages
}

type listed struct {
	Name, Org, Detail string
	Milestone         int
}

// candidates lists an award list as the JSON contract gives it.
func candidates(t *testing.T, db string, args ...string) []listed {
	t.Helper()
	code, out, errOut := run(t, append([]string{"--db", db, "awards", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatal(errOut)
	}
	var got struct{ Candidates []listed }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	return got.Candidates
}

func TestAwardDocumentsFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if code, _, errOut := run(t, "--db", db, "demo", "--members", "1500", "--from", "2021", "--to", "2025"); code != 0 {
		t.Fatal(errOut)
	}
	five := candidates(t, db, "--kind", "consecutive", "--year", "2025")
	if len(five) < 3 {
		t.Fatalf("%d candidates: too few to test with", len(five))
	}
	// The decision from today's list, signer given on the command line.
	dec := filepath.Join(dir, "qd.pdf")
	code, out, errOut := run(t, "--db", db, "awards", "--kind", "consecutive", "--year", "2025", "--document", "decision", "--format", "pdf", "-o", dec,
		"--decision-no", "127", "--decision-date", "20/01/2026", "--signer", "Trần Văn Bình", "--signer-title", "K/T BÍ THƯ / PHÓ BÍ THƯ")
	if code != 0 || !strings.Contains(out, "Đã ghi "+dec) {
		t.Fatalf("decision: %d %q %q", code, out, errOut)
	}
	pages := pdfPages(t, dec)
	for _, want := range []string{"QUẬN ỦY SƠN TRÀ", "Số 127-QĐ/QU", "Sơn Trà, ngày 20 tháng 01 năm 2026", "QUYẾT ĐỊNH",
		"về việc tặng Giấy khen cho đảng viên hoàn thành xuất sắc nhiệm vụ 5 năm liền (2021–2025)",
		fmt.Sprintf("Điều 1. Tặng Giấy khen cho %s đồng chí", domain.Thousands(len(five))), "Điều 2.", "Điều 3.", "Nơi nhận:",
		"T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "PHÓ BÍ THƯ", "Trần Văn Bình"} {
		if !strings.Contains(pages[0], want) {
			t.Errorf("decision's first page lacks %q:\n%s", want, pages[0])
		}
	}
	annex := strings.Join(pages[1:], " ")
	if !strings.Contains(annex, "(Kèm theo Quyết định số 127-QĐ/QU, ngày 20/01/2026 của Ban Thường vụ Quận ủy)") {
		t.Errorf("annex:\n%s", annex)
	}
	for _, c := range five {
		cell := c.Org // a grassroots cell right under the district has no path
		if i := strings.LastIndex(c.Org, "› "); i >= 0 {
			cell = c.Org[i+len("› "):]
		}
		if !strings.Contains(annex, c.Name) || !strings.Contains(annex, cell) {
			t.Errorf("annex lacks %s of %s", c.Name, cell)
		}
	}
	// The signer from the settings when none is given; the certificates,
	// one page each; the editable copy.
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st.SetSetting(ctx, "heading.signer_name", "Lê Thị Ký")
	st.Close()
	certs := filepath.Join(dir, "gk.pdf")
	if code, _, errOut := run(t, "--db", db, "awards", "--kind", "consecutive", "--year", "2025", "--document", "certificates", "-o", certs, "--decision-no", "127", "--blank"); code != 0 {
		t.Fatal(errOut)
	}
	if got := pdfPages(t, certs); len(got) != len(five) || !strings.Contains(got[0], five[0].Name) || !strings.Contains(got[0], "Lê Thị Ký") ||
		!strings.Contains(got[0], "GIẤY KHEN") || !strings.Contains(got[0], "Đã hoàn thành xuất sắc nhiệm vụ 5 năm liền (2021–2025)") {
		t.Errorf("%d certificate pages for %d people; first:\n%s", len(got), len(five), got[0])
	}
	xlsx := filepath.Join(dir, "qd.xlsx")
	if code, _, errOut := run(t, "--db", db, "awards", "--kind", "consecutive", "--year", "2025", "--document", "decision", "--format", "xlsx", "-o", xlsx); code != 0 {
		t.Fatal(errOut)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	if sheets := f.GetSheetList(); len(sheets) != 2 || sheets[0] != "Quyết định" {
		t.Errorf("sheets %q", sheets)
	}
	calib := filepath.Join(dir, "thu.pdf")
	if code, _, errOut := run(t, "--db", db, "awards", "--document", "calibration", "-o", calib); code != 0 || !strings.Contains(pdfPages(t, calib)[0], "IN THỬ VỊ TRÍ GIẤY KHEN") {
		t.Errorf("calibration: %q", errOut)
	}

	// Badges: the proposal grouped by milestone.
	badges := candidates(t, db, "--kind", "badge", "--occasion", "2026-02-03")
	prop := filepath.Join(dir, "tt.pdf")
	if code, _, errOut := run(t, "--db", db, "awards", "--kind", "badge", "--occasion", "2026-02-03", "--document", "proposal", "-o", prop); code != 0 {
		t.Fatal(errOut)
	}
	all := strings.Join(pdfPagesAs(t, prop, "-raw"), " ")
	for _, want := range []string{"TỜ TRÌNH", "về việc đề nghị tặng Huy hiệu Đảng đợt 03/02/2026", fmt.Sprintf("cho %d đồng chí", len(badges)), "Lê Thị Ký"} {
		if !strings.Contains(all, want) {
			t.Errorf("proposal lacks %q:\n%s", want, all)
		}
	}
	for i, c := range badges {
		// Each under its milestone, numbered through (the JSON list is in
		// the same order: highest milestone first).
		section := fmt.Sprintf("Huy hiệu %d năm tuổi Đảng", c.Milestone)
		row := fmt.Sprintf("%d %s ", i+1, c.Name)
		if s, r := strings.Index(all, section), strings.Index(all, row); s < 0 || r < s {
			t.Errorf("proposal lacks %q under %q", row, section)
		}
	}
	if code, _, errOut := run(t, "--db", db, "awards", "--kind", "badge", "--occasion", "2026-02-03", "--document", "certificates", "-o", filepath.Join(dir, "x.pdf")); code != ExitUser || !strings.Contains(errOut, "Huy hiệu Đảng") {
		t.Errorf("certificates for badges: %d %q", code, errOut)
	}

	// Those postponed after a discipline: their list only.
	post := filepath.Join(dir, "hoan.pdf")
	if code, _, errOut := run(t, "--db", db, "awards", "--kind", "badge", "--occasion", "2026-02-03", "--postponed", "--document", "list", "-o", post); code != 0 {
		t.Fatal(errOut)
	}
	if text := strings.Join(pdfPages(t, post), " "); !strings.Contains(text, "đảng viên chưa đề nghị tặng Huy hiệu Đảng do kỷ luật, đợt 03/02/2026") {
		t.Errorf("postponed list:\n%s", text)
	}

	// Record the decision, then print it from the records.
	st, err = store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := st.ConsecutiveCandidates(ctx, 2025, 5, domain.GroupMembers)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RecordAwards(ctx, cs[:3], store.Decision{No: "131-QĐ/QU", Date: domain.NewDate(2026, 1, 22), Issuer: "Ban Thường vụ Quận ủy"}); err != nil {
		t.Fatal(err)
	}
	// As an earlier window recorded numbers: bare.
	if err := st.RecordAwards(ctx, cs[3:4], store.Decision{No: "132", Date: domain.NewDate(2026, 1, 23)}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	rec := filepath.Join(dir, "rec.pdf")
	if code, _, errOut := run(t, "--db", db, "awards", "--recorded", "--decision-no", "131", "--document", "decision", "-o", rec); code != 0 {
		t.Fatal(errOut)
	}
	pages = pdfPages(t, rec)
	if !strings.Contains(pages[0], "Số 131-QĐ/QU") || !strings.Contains(pages[0], "ngày 22 tháng 01 năm 2026") || !strings.Contains(pages[0], "cho 3 đồng chí") {
		t.Errorf("recorded decision:\n%s", pages[0])
	}
	for _, c := range cs[:3] {
		if !strings.Contains(strings.Join(pages[1:], " "), c.Name) {
			t.Errorf("recorded annex lacks %s", c.Name)
		}
	}
	if code, _, errOut := run(t, "--db", db, "awards", "--recorded", "--decision-no", "132-QĐ/QU", "--document", "decision", "-o", rec); code != 0 {
		t.Errorf("decision 132 recorded bare, asked for as printed: %s", errOut)
	} else if pages = pdfPages(t, rec); !strings.Contains(pages[0], "Số 132-QĐ/QU") || !strings.Contains(strings.Join(pages[1:], " "), cs[3].Name) {
		t.Errorf("decision 132:\n%s", strings.Join(pages, "\n"))
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--recorded", "--decision-no", "999", "--document", "list", "-o", filepath.Join(dir, "y.pdf")}, "không có khen thưởng nào ghi theo quyết định số 999"},
		{[]string{"--recorded", "--document", "list", "-o", filepath.Join(dir, "y.pdf")}, "--recorded cần --decision-no"},
		{[]string{"--kind", "year", "--year", "2025", "--document", "memo", "-o", filepath.Join(dir, "y.pdf")}, "--document phải là một trong"},
		{[]string{"--kind", "year", "--year", "2025", "--document", "decision", "--decision-date", "31/02/2026", "-o", filepath.Join(dir, "y.pdf")}, "--decision-date"},
		{[]string{"--kind", "year", "--year", "2025", "--document", "decision"}, "cần -o TỆP"},
		{[]string{"--kind", "year", "--year", "2025", "--recorded"}, "--recorded cần --document"},
		{[]string{"--kind", "badge", "--postponed", "--document", "decision", "-o", filepath.Join(dir, "y.pdf")}, "chỉ in danh sách"},
	} {
		code, _, errOut := run(t, append([]string{"--db", db, "awards"}, c.args...)...)
		if code != ExitUser || !strings.Contains(errOut, c.want) {
			t.Errorf("awards %q: %d %q, want %q", c.args, code, errOut, c.want)
		}
	}
}
