//go:build linux

package exchange_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"xeploai/demo"
	"xeploai/exchange"
	"xeploai/interchange"
	"xeploai/store"
)

// exportBenchDB is a demo database of 500,000 members rated over five
// years, built the first time (about a minute) and kept in the temp folder
// between runs.
func exportBenchDB(b *testing.B) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), "xeploai-bench-export-500k.db")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := demo.Fill(ctx, db, demo.Options{Members: 500_000, From: from, To: to, Seed: 1}); err != nil {
		os.Remove(path)
		b.Fatal(err)
	}
	return path
}

// TestExportChild is the export BenchmarkExport500k runs in a process of
// its own, so that the process's peak memory is the export's alone.
func TestExportChild(t *testing.T) {
	dbPath, out := os.Getenv("XEPLOAI_EXPORT_DB"), os.Getenv("XEPLOAI_EXPORT_TO")
	if dbPath == "" {
		t.Skip("run by BenchmarkExport500k")
	}
	db, err := store.OpenWith(dbPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	toDir := !strings.HasSuffix(out, ".xlsx")
	if _, err := exchange.Export(ctx, db, 0, out, toDir, interchange.ExportOptions{Program: "xeploai bench"}); err != nil {
		t.Fatal(err)
	}
}

// child runs the export of dbPath to out in a process of its own and
// returns its time and peak memory (resident set, MB).
func child(b *testing.B, dbPath, out string) (time.Duration, float64) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestExportChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "XEPLOAI_EXPORT_DB="+dbPath, "XEPLOAI_EXPORT_TO="+out)
	start := time.Now()
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("export: %v\n%s", err, msg)
	}
	d := time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return d, float64(ru.Maxrss) / 1024
}

// shellExport is what the sqlite3 shell writes for the same rows: every
// sheet's rows, organisations named by code, in the same order.
const shellExport = `.headers on
.mode csv
.once %[1]s/orgs.csv
SELECT o.code, o.name, o.kind, p.code, o.founded_on, o.dissolved_on, mi.code, o.note FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id LEFT JOIN orgs mi ON mi.id = o.merged_into ORDER BY o.parent_id, o.name_fold;
.once %[1]s/events.csv
SELECT e.on_date, e.kind, o.code, e.old_name, e.new_name, op.code, np.code, x.code, e.note FROM org_events e JOIN orgs o ON o.id = e.org_id LEFT JOIN orgs op ON op.id = e.old_parent_id LEFT JOIN orgs np ON np.id = e.new_parent_id LEFT JOIN orgs x ON x.id = e.other_org_id ORDER BY e.on_date, e.id;
.once %[1]s/members.csv
SELECT m.full_name, m.birth_name, m.birth_date, m.sex, m.birth_place, m.ethnicity, m.religion, m.home_town, m.home_town_new, m.education, m.theory_level, m.occupation, m.admitted_on, m.official_on, m.card_no, m.history_no, m.badge_no, c.code, p.code, m.status, m.status_on, m.left_form, m.note FROM members m JOIN orgs c ON c.id = m.cell_id LEFT JOIN orgs p ON p.id = c.parent_id ORDER BY m.cell_id, m.name_fold, m.birth_date;
.once %[1]s/memberships.csv
SELECT m.card_no, m.history_no, m.full_name, m.birth_date, c.code, s.from_on, s.to_on FROM memberships s JOIN members m ON m.id = s.member_id JOIN orgs c ON c.id = s.org_id ORDER BY m.cell_id, m.name_fold, s.from_on;
.once %[1]s/ratings.csv
SELECT r.year, m.card_no, m.history_no, m.full_name, m.birth_date, c.code, p.code, r.level, r.score, r.not_rated_reason, r.civil_level, r.note FROM member_ratings r JOIN members m ON m.id = r.member_id JOIN orgs c ON c.id = r.org_id LEFT JOIN orgs p ON p.id = c.parent_id ORDER BY r.year, r.org_id, m.name_fold, m.birth_date;
.once %[1]s/orgratings.csv
SELECT r.year, o.code, o.name, p.code, r.level, r.score, r.not_rated_reason, r.mass_level, r.note FROM org_ratings r JOIN orgs o ON o.id = r.org_id LEFT JOIN orgs p ON p.id = o.parent_id ORDER BY r.year, r.org_id;
.once %[1]s/awards.csv
SELECT a.year, a.form, a.content, a.year_from, a.year_to, a.decision_no, a.decision_date, a.issuer, m.card_no, m.history_no, m.full_name, m.birth_date, c.code, o.code, o.name, a.note FROM awards a LEFT JOIN members m ON m.id = a.member_id LEFT JOIN orgs c ON c.id = m.cell_id LEFT JOIN orgs o ON o.id = a.org_id ORDER BY a.year, a.milestone, a.form;
.once %[1]s/disciplines.csv
SELECT m.card_no, m.history_no, m.full_name, m.birth_date, c.code, o.code, d.on_date, d.form, d.reason, d.decision_no, d.self_corrected FROM disciplines d LEFT JOIN members m ON m.id = d.member_id LEFT JOIN orgs c ON c.id = m.cell_id LEFT JOIN orgs o ON o.id = d.org_id ORDER BY d.on_date;
.once %[1]s/absences.csv
SELECT m.card_no, m.history_no, m.full_name, m.birth_date, c.code, a.year, a.kind, a.months, a.note FROM absences a JOIN members m ON m.id = a.member_id JOIN orgs c ON c.id = m.cell_id ORDER BY m.cell_id, m.name_fold, a.year;
.once %[1]s/gaps.csv
SELECT m.card_no, m.history_no, m.full_name, m.birth_date, c.code, g.from_on, g.to_on, g.reason FROM party_age_gaps g JOIN members m ON m.id = g.member_id JOIN orgs c ON c.id = m.cell_id ORDER BY m.cell_id, m.name_fold;
.once %[1]s/leaders.csv
SELECT m.card_no, m.history_no, m.full_name, m.birth_date, c.code, o.code, l.role, l.from_on, l.to_on FROM leaders l JOIN members m ON m.id = l.member_id JOIN orgs c ON c.id = m.cell_id JOIN orgs o ON o.id = l.org_id ORDER BY m.cell_id, m.name_fold;
`

// BenchmarkExport500k exports 500,000 members rated over five years as
// CSV files and as a workbook, each in a process of its own, and reports
// their time and peak memory; and, when the sqlite3 shell is installed, its
// time writing the same rows as CSV. The targets: memory under 200 MB, the
// CSV export at most twice the shell's time.
func BenchmarkExport500k(b *testing.B) {
	dbPath := exportBenchDB(b)
	var csvT, xlsxT, shellT []time.Duration
	var csvMB, xlsxMB float64
	for b.Loop() {
		dir := b.TempDir()
		os.Mkdir(filepath.Join(dir, "csv"), 0o700)
		d, mb := child(b, dbPath, filepath.Join(dir, "csv"))
		csvT, csvMB = append(csvT, d), max(csvMB, mb)
		os.RemoveAll(filepath.Join(dir, "csv"))
		d, mb = child(b, dbPath, filepath.Join(dir, "all.xlsx"))
		xlsxT, xlsxMB = append(xlsxT, d), max(xlsxMB, mb)
		os.Remove(filepath.Join(dir, "all.xlsx"))
		if sh, err := exec.LookPath("sqlite3"); err == nil {
			out := filepath.Join(dir, "shell")
			os.Mkdir(out, 0o700)
			cmd := exec.Command(sh, "-bail", dbPath)
			cmd.Stdin = strings.NewReader(fmt.Sprintf(shellExport, out))
			start := time.Now()
			if msg, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("sqlite3: %v\n%s", err, msg)
			}
			shellT = append(shellT, time.Since(start))
			os.RemoveAll(out)
		}
	}
	b.ReportMetric(median(csvT).Seconds(), "csv-s")
	b.ReportMetric(csvMB, "csv-MB")
	b.ReportMetric(median(xlsxT).Seconds(), "xlsx-s")
	b.ReportMetric(xlsxMB, "xlsx-MB")
	if len(shellT) > 0 {
		s := median(shellT)
		b.ReportMetric(s.Seconds(), "sqlite3-shell-s")
		b.ReportMetric(median(csvT).Seconds()/s.Seconds(), "csv/shell")
	}
}
