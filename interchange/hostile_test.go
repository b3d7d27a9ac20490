package interchange_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
	"xeploai/interchange"
	"xeploai/store"
)

// state is what a hostile file must leave unchanged: the records and the
// history.
func state(t *testing.T, db *store.DB) string {
	t.Helper()
	n, err := db.CountMembers(ctx, store.MemberQuery{})
	if err != nil {
		t.Fatal(err)
	}
	orgs, _ := db.Orgs(ctx)
	steps, _ := db.Steps(ctx, 0)
	return fmt.Sprintf("%d members, %d orgs, %d steps", n, len(orgs), len(steps))
}

// hostileMembers is a members sheet with one bad row among good ones.
func hostileMembers(bad []any) sheet {
	return sheet{"Đảng viên", [][]any{
		{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ", "Số thẻ", "Ghi chú"},
		{"Nguyễn Văn An", "01/01/1970", "02/03/1995", "Chi bộ 1", "111", ""},
		bad,
		{"Trần Thị Bình", "01/01/1971", "02/03/1996", "Chi bộ 1", "222", ""},
	}}
}

var orgSheet = sheet{"Tổ chức", [][]any{{"Tên tổ chức", "Loại", "Trực thuộc"}, {"Đảng bộ phường An Hải Bắc", "Đảng bộ cơ sở", ""}, {"Chi bộ 1", "Chi bộ", "Đảng bộ phường An Hải Bắc"}}}

// TestHostileWorkbooks feeds files a careless or hostile user might pick;
// each gives a clear message naming the place, and nothing is written.
func TestHostileWorkbooks(t *testing.T) {
	long := strings.Repeat("ô", 100_000)
	for _, tc := range []struct {
		name  string
		file  func(t *testing.T) string
		wants []string // in the error or the row errors
	}{
		{"100,000-character cell", func(t *testing.T) string {
			return writeWorkbook(t, orgSheet, hostileMembers([]any{long, "01/01/1972", "02/03/1997", "Chi bộ 1", "333", ""}))
		}, []string{"Đảng viên, dòng 3, cột A (Họ và tên)", "quá giới hạn 4000"}},
		{"text in a date column", func(t *testing.T) string {
			return writeWorkbook(t, orgSheet, hostileMembers([]any{"Lê Văn Cường", "hôm qua", "02/03/1997", "Chi bộ 1", "333", ""}))
		}, []string{"Đảng viên, dòng 3, cột B (Ngày sinh)"}},
		{"a number where a name belongs", func(t *testing.T) string {
			return writeWorkbook(t, orgSheet, hostileMembers([]any{"Lê Văn Cường", "01/01/1972", "02/03/1997", 12.5, "333", ""}))
		}, []string{"Đảng viên, dòng 3, cột D (Chi bộ)", "12.5"}},
		{"binary garbage named .xlsx", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "rac.xlsx")
			garbage := make([]byte, 64<<10)
			for i := range garbage {
				garbage[i] = byte(i*7919 + i>>3)
			}
			os.WriteFile(p, garbage, 0o600)
			return p
		}, []string{"rac.xlsx không phải là tệp Excel .xlsx"}},
		{"binary garbage named .csv", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "Đảng viên.csv")
			os.WriteFile(p, []byte("Họ và tên\x00\x01\x02\xff\xfe"), 0o600)
			return p
		}, []string{"không phải là tệp văn bản CSV"}},
		{"zip bomb (declares 5 GB)", func(t *testing.T) string {
			return zipBomb(t, 5<<30, 4<<10)
		}, []string{"quá 4096 MB"}},
		{"zip bomb (declares 1 KB, holds 64 MB)", func(t *testing.T) string {
			return zipBomb(t, 1<<10, 64<<20)
		}, []string{"bom.xlsx"}},
		{"more rows than Excel holds (CSV)", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "Đảng viên.csv")
			var buf bytes.Buffer
			buf.WriteString("Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\n")
			for i := 0; i < 1_048_700; i++ {
				buf.WriteString("A,1/1/1970,1/1/1995,X\n")
			}
			os.WriteFile(p, buf.Bytes(), 0o600)
			return p
		}, []string{"có hơn 1048575 dòng"}},
		{"a row numbered past Excel's last (xlsx)", func(t *testing.T) string {
			return rowPastTheLimit(t)
		}, []string{"trang Đảng viên có hơn 1048576 dòng"}},
		{"a million rows (xlsx)", func(t *testing.T) string {
			return millionRowWorkbook(t)
		}, []string{"Đảng viên, dòng 2, cột D (Chi bộ): không tìm thấy tổ chức \"X\"", "và 999000 lỗi khác"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if strings.Contains(tc.name, "million rows (xlsx)") && os.Getenv("XEPLOAI_SOAK") == "" {
				t.Skip("about 20 s; runs in make soak (XEPLOAI_SOAK=1)")
			}
			db := openDB(t)
			before := state(t, db)
			path := tc.file(t)
			peak := watchHeap()
			b, err := interchange.ReadFile(path, interchange.Options{})
			var msg string
			if err == nil {
				var rep *domain.ImportReport
				rep, err = db.Import(ctx, b, false)
				if err == nil {
					t.Fatalf("imported without error: %+v", rep)
				}
				for _, e := range rep.Errors {
					msg += e.Error() + "\n"
				}
			}
			if domain.ErrorCode(err) != domain.EINVALID {
				t.Errorf("error %v is not a user's error", err)
			}
			msg += err.Error()
			for _, w := range tc.wants {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%.600s", w, msg)
				}
			}
			if after := state(t, db); after != before {
				t.Errorf("something was written: %s, was %s", after, before)
			}
			grew := peak() >> 20
			t.Logf("heap peak: +%d MB", grew)
			if grew > 1024 {
				t.Errorf("reading held %d MB on the heap at the peak", grew)
			}
		})
	}
}

// watchHeap samples the heap until the returned function is called, which
// gives how far it grew above where it started.
func watchHeap() func() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, top := ms.HeapAlloc, ms.HeapAlloc
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				top = max(top, ms.HeapAlloc)
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		return top - base
	}
}

// zipBomb writes an .xlsx whose sheet declares `declared` bytes unpacked
// but holds `actual` bytes of zeros.
func zipBomb(t *testing.T, declared, actual int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "bom.xlsx")
	f, _ := os.Create(p)
	defer f.Close()
	zw := zip.NewWriter(f)
	small := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Đảng viên" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	}
	for name, body := range small {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	zeros := make([]byte, 1<<20)
	crc := crc32.NewIEEE()
	for left := actual; left > 0; left -= len(zeros) {
		n := min(left, len(zeros))
		fw.Write(zeros[:n])
		crc.Write(zeros[:n])
	}
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CRC32: crc.Sum32(), CompressedSize64: uint64(comp.Len()), UncompressedSize64: uint64(declared)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// rowPastTheLimit writes a members sheet whose second row is numbered
// 1,048,577, past the last row Excel has.
func rowPastTheLimit(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "qua.xlsx")
	f, _ := os.Create(p)
	defer f.Close()
	zw := zip.NewWriter(f)
	for name, body := range map[string]string{
		"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Đảng viên" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>Họ và tên</t></is></c></row>` +
			`<row r="1048577"><c t="inlineStr"><is><t>A</t></is></c></row></sheetData></worksheet>`,
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// millionRowWorkbook writes a members sheet of a million rows with
// excelize's stream writer.
func millionRowWorkbook(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Đảng viên")
	sw, err := f.NewStreamWriter("Đảng viên")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"})
	row := []any{"A", "1/1/1970", "1/1/1995", "X"}
	for r := 2; r <= 1_000_001; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	sw.Flush()
	p := filepath.Join(t.TempDir(), "trieu.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMergedCellsFillTheirRows reads a sheet where a cell's name is written
// once, merged down over its members' rows, as people lay lists out.
func TestMergedCellsFillTheirRows(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Tổ chức")
	for r, row := range orgSheet.rows {
		for c, v := range row {
			axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellValue("Tổ chức", axis, v)
		}
	}
	f.NewSheet("Đảng viên")
	rows := [][]any{
		{"DANH SÁCH ĐẢNG VIÊN"}, // a title merged across the columns
		{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"},
		{"Nguyễn Văn An", "01/01/1970", "02/03/1995", "Chi bộ 1"},
		{"Trần Thị Bình", "01/01/1971", "02/03/1996", nil},
		{"Lê Văn Cường", "01/01/1972", "02/03/1997", nil},
	}
	for r, row := range rows {
		for c, v := range row {
			if v != nil {
				axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
				f.SetCellValue("Đảng viên", axis, v)
			}
		}
	}
	f.MergeCell("Đảng viên", "A1", "D1")
	f.MergeCell("Đảng viên", "D3", "D5")
	path := filepath.Join(t.TempDir(), "gop.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	db := openDB(t)
	rep, err := importFiles(t, db, false, path)
	if err != nil {
		t.Fatalf("%v %v", err, rep.Errors)
	}
	if rep.Members.Added != 3 {
		t.Fatalf("added %d members, want 3", rep.Members.Added)
	}
	cell, _ := db.ResolveOrg(ctx, "Chi bộ 1")
	ms, _ := db.Members(ctx, store.MemberQuery{OrgID: cell.ID, Limit: 10})
	if len(ms) != 3 {
		t.Errorf("Chi bộ 1 holds %d members, want the 3 under the merged cell", len(ms))
	}
}

// TestInjectionIsStoredAndExportedHarmlessly imports names written to break
// SQL or to run as spreadsheet formulas: they are stored as they are, the
// tables are intact, and exports write them as text.
func TestInjectionIsStoredAndExportedHarmlessly(t *testing.T) {
	// Names must still look like names; the other text fields take anything.
	evil := []string{`'); DROP TABLE members;--`, `=HYPERLINK("http://x","bấm")`, `+1+1`, `@SUM(A1)`, `Robert"); DELETE FROM orgs; --`}
	rows := [][]any{{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ", "Số thẻ", "Quê quán", "Ghi chú"}}
	for i, e := range evil {
		name := e
		if i == 2 || i == 3 {
			name = fmt.Sprintf("Nguyễn Văn %c", 'A'+i)
		}
		rows = append(rows, []any{name, "01/01/1970", "02/03/1995", "Chi bộ 1", fmt.Sprint(900 + i), e, e})
	}
	db := openDB(t)
	rep, err := importFiles(t, db, false, writeWorkbook(t, orgSheet, sheet{"Đảng viên", rows}))
	if err != nil {
		t.Fatalf("%v %v", err, rep.Errors)
	}
	ms, err := db.Members(ctx, store.MemberQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, m := range ms {
		if m.HomeTown != m.Note {
			t.Errorf("stored %q / %q / %q", m.FullName, m.HomeTown, m.Note)
		}
		got[m.Note] = true
	}
	for _, e := range evil {
		if !got[e] {
			t.Errorf("%q not stored as it was", e)
		}
	}
	if orgs, _ := db.Orgs(ctx); len(orgs) != 2 {
		t.Errorf("%d organisations left", len(orgs))
	}
	q, _ := domain.ParseSearch("drop table")
	if rs, err := db.Search(ctx, q, 10); err != nil || len(rs) != 1 {
		t.Errorf("search for the name: %v, %v", rs, err)
	}
	// Exported: no cell of the workbook is a formula, and the CSV quotes
	// formula-like text.
	out := filepath.Join(t.TempDir(), "out.xlsx")
	if err := db.View(ctx, 0, func(s *store.Snapshot) error { return interchange.WriteXLSXFile(out, s, interchange.ExportOptions{}) }); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	all, _ := x.GetRows("Đảng viên")
	formulas := 0
	for r := range all {
		for c := range all[r] {
			axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if fx, _ := x.GetCellFormula("Đảng viên", axis); fx != "" {
				formulas++
			}
		}
	}
	if formulas != 0 {
		t.Errorf("%d formula cells in the export", formulas)
	}
	// In the workbook the text is a text cell, as it was typed (a text cell
	// is never evaluated); the CSV, which Excel would evaluate, quotes it.
	found := 0
	for r := range all {
		for c := range all[r] {
			if all[r][c] == evil[1] {
				axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if typ, _ := x.GetCellType("Đảng viên", axis); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s holds %q as cell type %v", axis, evil[1], typ)
				}
				found++
			}
		}
	}
	if found != 3 { // name, home town, note
		t.Errorf("%q is in %d cells of the export, want 3", evil[1], found)
	}
	dir := t.TempDir()
	if err := db.View(ctx, 0, func(s *store.Snapshot) error { return interchange.WriteCSVDir(dir, s, interchange.ExportOptions{}) }); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "Đảng viên.csv"))
	for _, e := range []string{`'=HYPERLINK`, `'+1+1`, `'@SUM(A1)`, `'); DROP TABLE members;--`} {
		if !strings.Contains(string(raw), e) {
			t.Errorf("CSV lacks %q", e)
		}
	}
	st, _ := os.Stat(out)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("export mode %v", st.Mode().Perm())
	}
}
