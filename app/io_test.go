package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"xeploai/domain"
	"xeploai/exchange"
	"xeploai/interchange"
	"xeploai/paths"
	"xeploai/store"
)

// importAndWait imports path through the window, lets answer reply to the
// review (if any), and returns the report and error the window ends with.
// (Tests run the import at once: the review is answered as it is shown.)
func (g *given) importAndWait(path string, answer func(r *ImportReview)) (*domain.ImportReport, error) {
	g.t.Helper()
	g.ui.review = nil
	g.ui.asking = func(d any) {
		if r, ok := d.(*ImportReview); ok && answer != nil {
			answer(r)
		}
	}
	defer func() { g.ui.asking = nil }()
	type result struct {
		rep *domain.ImportReport
		err error
	}
	done := make(chan result, 1)
	g.ui.ImportFiles([]string{path}, false, func(rep *domain.ImportReport, err error) { done <- result{rep, err} })
	select {
	case r := <-done:
		return r.rep, r.err
	case <-time.After(20 * time.Second):
		g.t.Fatal("the import did not finish")
	}
	return nil, nil
}

// TestImportIsReviewedBeforeItIsWritten: the window reads and checks the
// file, lists per sheet what it would add and change (field: old → new)
// and writes nothing until the user says so; Cancel leaves the data as it
// was.
func TestImportIsReviewedBeforeItIsWritten(t *testing.T) {
	g := newGiven(t)
	m := &domain.Member{FullName: "Phạm Văn Một", BirthDate: domain.NewDate(1970, 1, 1), AdmittedOn: domain.NewDate(1995, 1, 1),
		CardNo: "11112222", CellID: g.cell1.ID, Note: "ghi chú cũ"}
	if err := g.db.CreateMember(ctx, m); err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Đảng viên")
	f.SetSheetRow("Đảng viên", "A1", &[]any{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Số thẻ", "Chi bộ", "Ghi chú"})
	f.SetSheetRow("Đảng viên", "A2", &[]any{"Phạm Văn Một", "01/01/1970", "01/01/1995", "11112222", "Chi bộ Khu dân cư số 1", "ghi chú mới"})
	f.SetSheetRow("Đảng viên", "A3", &[]any{"Lê Thị Hai", "02/02/1972", "03/02/2000", "33334444", "Chi bộ Khu dân cư số 2", ""})
	path := filepath.Join(t.TempDir(), "ds.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	var lines string
	rep, err := g.importAndWait(path, func(r *ImportReview) {
		lines = strings.Join(r.Lines, "\n")
		test.Tap(r.Cancel)
	})
	if !errors.Is(err, exchange.ErrCancelled) {
		t.Fatalf("cancelled import ended with %v", err)
	}
	for _, want := range []string{"Đảng viên: thêm 1, sửa 1, giữ nguyên 0", "+ Lê Thị Hai (số thẻ 33334444)",
		"~ Phạm Văn Một (số thẻ 11112222) — Ghi chú: ghi chú cũ → ghi chú mới"} {
		if !strings.Contains(lines, want) {
			t.Errorf("the review lacks %q:\n%s", want, lines)
		}
	}
	if n, _ := g.db.CountMembers(ctx, store.MemberQuery{}); n != 1 || rep == nil || !rep.DryRun {
		t.Errorf("%d members after Cancel, report %+v", n, rep)
	}

	rep, err = g.importAndWait(path, func(r *ImportReview) { test.Tap(r.Import) })
	if err != nil || !rep.Written() {
		t.Fatalf("import: %v %+v", err, rep)
	}
	if n, _ := g.db.CountMembers(ctx, store.MemberQuery{}); n != 2 {
		t.Errorf("%d members after the import", n)
	}
	if got, _ := g.db.MemberByCard(ctx, "11112222"); got.Note != "ghi chú mới" {
		t.Errorf("note %q", got.Note)
	}
	if !strings.Contains(g.ui.LastResult(), "Đảng viên: thêm 1, sửa 1, giữ nguyên 0") {
		t.Errorf("result %q", g.ui.LastResult())
	}
}

// TestTheReviewSaysWhetherTheDataIsBackedUp: importing into data already
// kept backs it up first and the review says so; an empty database has
// nothing to back up and the review does not promise a backup.
func TestTheReviewSaysWhetherTheDataIsBackedUp(t *testing.T) {
	g := newGiven(t)
	m := g.member("Trần Văn Ba", g.cell1)
	file := filepath.Join(t.TempDir(), "all.xlsx")
	if _, err := exchange.Export(ctx, g.db, 0, file, false, interchange.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	m.Note = "sửa sau khi xuất" // the import sets it back
	if err := g.db.UpdateMember(ctx, m, domain.Today()); err != nil {
		t.Fatal(err)
	}
	backups := func(db *store.DB) int {
		files, _ := filepath.Glob(filepath.Join(paths.BackupDir(db.Path()), "*.db"))
		return len(files)
	}
	var head string
	if _, err := g.importAndWait(file, func(r *ImportReview) { head = r.Head; test.Tap(r.Import) }); err != nil {
		t.Fatal(err)
	}
	if head != T("import.review.text") || !strings.Contains(head, "sao lưu") || backups(g.db) != 1 {
		t.Errorf("into kept data: review %q, %d backups", head, backups(g.db))
	}

	db, err := store.Open(filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	e := &given{t: t, db: db, ui: New(fyne.CurrentApp(), db, Options{Version: "test"})}
	if _, err := e.importAndWait(file, func(r *ImportReview) { head = r.Head; test.Tap(r.Import) }); err != nil {
		t.Fatal(err)
	}
	if head != T("import.review.empty") || strings.Contains(head, "sau khi sao lưu") || backups(db) != 0 {
		t.Errorf("into an empty database: review %q, %d backups", head, backups(db))
	}
	if n, _ := db.CountMembers(ctx, store.MemberQuery{}); n != 1 {
		t.Errorf("%d members imported from a file of one", n)
	}
}

// TestColumnMappingInTheWindow: a file whose headers the format does not
// know opens the column dialog, each column with its values; the user
// assigns one to a field and ignores another, the import goes on, and the
// next file with the same headers needs no dialog.
func TestColumnMappingInTheWindow(t *testing.T) {
	g := newGiven(t)
	write := func(name string, rows ...[]any) string {
		f := excelize.NewFile()
		f.SetSheetName("Sheet1", "Đảng viên")
		f.SetSheetRow("Đảng viên", "A1", &[]any{"Tên đầy đủ", "Ngày sinh", "Ngày vào Đảng", "Chi bộ", "Người phụ trách"})
		for i, r := range rows {
			f.SetSheetRow("Đảng viên", fmt.Sprintf("A%d", i+2), &r)
		}
		path := filepath.Join(t.TempDir(), name)
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	first := write("a.xlsx", []any{"Nguyễn Văn An", "01/01/1970", "01/01/1995", "Chi bộ Khu dân cư số 1", "Bí thư"})
	var seen string
	mapped := false
	g.ui.mapping = nil
	// Tests run the import at once: each dialog is answered as it is shown.
	g.ui.asking = func(d any) {
		switch d := d.(type) {
		case *ColumnMapping:
			if mapped {
				t.Error("a second mapping dialog")
				test.Tap(d.Cancel)
				return
			}
			mapped = true
			if len(d.Sheets) != 1 {
				t.Errorf("%d sheets to map", len(d.Sheets))
				test.Tap(d.Cancel)
				return
			}
			s := d.Sheets[0]
			seen = s.Missing.Text
			if !d.Continue.Disabled() {
				t.Error("Continue is offered while a required column is missing")
			}
			column := func(header string) *widget.Select {
				for i, c := range s.Layout.Columns {
					if c.Header == header {
						return s.Choices[i]
					}
				}
				t.Fatalf("no column %q", header)
				return nil
			}
			// Two columns for one field: said, and not yet to continue.
			column("Tên đầy đủ").SetSelected(domain.ColFullName)
			column("Người phụ trách").SetSelected(domain.ColFullName)
			if !strings.Contains(s.Missing.Text, "Các cột A, E cùng được gán cho Họ và tên") || !d.Continue.Disabled() {
				t.Errorf("two columns for one field: %q, Continue disabled %v", s.Missing.Text, d.Continue.Disabled())
			}
			column("Người phụ trách").SetSelected(T("mapping.ignore"))
			for _, c := range s.Layout.Columns {
				if c.Header == "Tên đầy đủ" && strings.Join(c.Samples, "") != "Nguyễn Văn An" {
					t.Errorf("samples %v", c.Samples)
				}
			}
			if s.Missing.Visible() || d.Continue.Disabled() {
				t.Errorf("still missing: %q, Continue disabled %v", s.Missing.Text, d.Continue.Disabled())
			}
			test.Tap(d.Continue)
		case *ImportReview:
			test.Tap(d.Import)
		}
	}
	var rep *domain.ImportReport
	var err error
	g.ui.ImportFiles([]string{first}, false, func(r *domain.ImportReport, e error) { rep, err = r, e })
	g.ui.asking = nil
	if err != nil {
		t.Fatalf("import: %v %+v", err, rep)
	}
	if !mapped || !strings.Contains(seen, "Họ và tên") {
		t.Errorf("the dialog did not say what was missing: %q", seen)
	}
	if n, _ := g.db.CountMembers(ctx, store.MemberQuery{}); n != 1 {
		t.Fatalf("%d members", n)
	}
	// The same headers again: remembered, no dialog.
	g.ui.mapping = nil
	second := write("b.xlsx", []any{"Trần Thị Bình", "02/02/1972", "03/02/2001", "Chi bộ Khu dân cư số 2", ""})
	rep, err = g.importAndWait(second, func(r *ImportReview) { test.Tap(r.Import) })
	if err != nil || rep.Members.Added != 1 || g.ui.Mapping() != nil {
		t.Errorf("second file: %v %+v, dialog %v", err, rep, g.ui.Mapping() != nil)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w, "Người phụ trách") {
			t.Errorf("the ignored column is still reported: %s", w)
		}
	}
}

// TestExportOfAnOrganisationSaysSo: exporting the organisation chosen in
// the tree says which one in the dialog's title (a ward's staff must not
// think they send the whole district), and the whole database says whole.
func TestExportOfAnOrganisationSaysSo(t *testing.T) {
	g := newGiven(t)
	c := g.ui.Window.Canvas()
	g.ui.Orgs.Tree.Select(uid(g.cell1.ID))
	g.ui.ExportOrgDialog()
	if got, want := dialogTitle(c.Overlays().Top()), "Xuất Chi bộ Khu dân cư số 1 (và các tổ chức trực thuộc) ra Excel"; got != want {
		t.Errorf("the export of a cell is titled %q, want %q", got, want)
	}
	c.Overlays().Remove(c.Overlays().Top())
	g.ui.ExportDialog()
	if got := dialogTitle(c.Overlays().Top()); got != "Xuất toàn bộ dữ liệu ra Excel" {
		t.Errorf("the whole export is titled %q", got)
	}
}

// TestImportErrorsSpeakEnglish: in English, a refused import's places and
// the messages the format knows are said in English (the data as typed).
func TestImportErrorsSpeakEnglish(t *testing.T) {
	g := newGiven(t)
	SetLanguage(LangEnglish)
	defer SetLanguage(LangVietnamese)
	path := filepath.Join(t.TempDir(), "Đảng viên.csv")
	os.WriteFile(path, []byte("Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\n,31/02/1980,01/01/2005,Chi bộ 9\n"), 0o600)
	if _, err := g.importAndWait(path, nil); err == nil {
		t.Fatal("a bad file was imported")
	}
	got := g.ui.LastResult()
	for _, want := range []string{
		"Members, row 2, column A (Full name): must not be empty",
		`Members, row 2, column B (Date of birth): there is no date "31/02/1980"`,
		`Members, row 2, column D (Cell): no organisation "Chi bộ 9"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("result lacks %q:\n%s", want, got)
		}
	}
}
