package app

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"xeploai/domain"
	"xeploai/exchange"
	"xeploai/store"
)

// importAndWait imports path through the window, lets answer reply to the
// review (if any), and returns the report and error the window ends with.
func (g *given) importAndWait(path string, answer func(r *ImportReview)) (*domain.ImportReport, error) {
	g.t.Helper()
	g.ui.review = nil
	type result struct {
		rep *domain.ImportReport
		err error
	}
	done := make(chan result, 1)
	g.ui.ImportFiles([]string{path}, false, func(rep *domain.ImportReport, err error) { done <- result{rep, err} })
	deadline := time.After(20 * time.Second)
	for {
		select {
		case r := <-done:
			return r.rep, r.err
		case <-deadline:
			g.t.Fatal("the import did not finish")
		case <-time.After(20 * time.Millisecond):
			if r := g.ui.Review(); r != nil && answer != nil {
				answer(r)
				answer = nil
			}
		}
	}
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
