package exchange_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"xeploai/demo"
	"xeploai/domain"
	"xeploai/exchange"
	"xeploai/interchange"
	"xeploai/store"
	"xeploai/xlsx"
)

var ctx = context.Background()

const from, to = 2021, 2025

func openDB(t testing.TB, name string) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func fill(t testing.TB, members int, seed uint64) *store.DB {
	t.Helper()
	db := openDB(t, "demo.db")
	if _, err := demo.Fill(ctx, db, demo.Options{Members: members, From: from, To: to, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return db
}

func exportXLSX(t testing.TB, db *store.DB, scope int64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "xuat.xlsx")
	if _, err := exchange.Export(ctx, db, scope, path, false, interchange.ExportOptions{Program: "xeploai test"}); err != nil {
		t.Fatal(err)
	}
	return path
}

func exportCSV(t testing.TB, db *store.DB) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := exchange.Export(ctx, db, 0, dir, true, interchange.ExportOptions{Program: "xeploai test"}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func csvFiles(dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	sort.Strings(files)
	return files
}

// importInto imports files into db and fails the test on any error.
func importInto(t testing.TB, db *store.DB, files ...string) *domain.ImportReport {
	t.Helper()
	rep, err := exchange.Import(ctx, db, files, exchange.ImportOptions{})
	if err != nil {
		var errs []string
		if rep != nil {
			for i, e := range rep.Errors {
				if i < 10 {
					errs = append(errs, e.Error())
				}
			}
		}
		t.Fatalf("import: %v\n%s", err, strings.Join(errs, "\n"))
	}
	return rep
}

func read(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// figures is every year's summary, check findings and candidate lists, as
// text without the databases' ids: what must not change when a database is
// moved through a file. Findings and candidates are compared as sets.
func figures(t testing.TB, db *store.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	add := func(key string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[key] = string(b)
	}
	lines := func(key string, n int, item func(i int) any) {
		var ls []string
		for i := 0; i < n; i++ {
			b, _ := json.Marshal(item(i))
			ls = append(ls, string(b))
		}
		sort.Strings(ls)
		out[key] = strings.Join(ls, "\n")
	}
	for y := from; y <= to; y++ {
		s, err := db.Summary(ctx, y, 0)
		if err != nil {
			t.Fatal(err)
		}
		for i := range s.ByGrassroots {
			s.ByGrassroots[i].OrgID = 0
		}
		add(fmt.Sprint("summary ", y), s)
		in, err := db.CheckInput(ctx, y, 0)
		if err != nil {
			t.Fatal(err)
		}
		vs := domain.Check(in)
		lines(fmt.Sprint("check ", y), len(vs), func(i int) any { v := vs[i]; v.SubjectID, v.OrgID = 0, 0; return v })
		for _, g := range domain.Groups {
			for _, n := range []int{1, 3, 5} {
				cs, err := db.ConsecutiveCandidates(ctx, y, n, g)
				if err != nil {
					t.Fatal(err)
				}
				lines(fmt.Sprint("consecutive ", y, g, n), len(cs), func(i int) any { c := cs[i]; c.ID, c.OrgID = 0, 0; return c })
			}
		}
	}
	for _, occ := range []domain.Date{domain.NewDate(to, 2, 3), domain.NewDate(to, 5, 19), domain.NewDate(to, 9, 2), domain.NewDate(to, 11, 7),
		domain.NewDate(to+1, 2, 3), domain.NewDate(to+1, 5, 19)} {
		cs, err := db.BadgeCandidates(ctx, occ)
		if err != nil {
			t.Fatal(err)
		}
		lines("badges "+occ.String(), len(cs), func(i int) any { c := cs[i]; c.ID, c.OrgID = 0, 0; return c })
	}
	return out
}

func sameFigures(t testing.TB, want, got map[string]string) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s differs:\nbefore: %.400s\nafter:  %.400s", k, w, got[k])
		}
	}
}

// TestRoundTripOfEveryRecord is the property the format promises: a
// database exported, imported into an empty one and exported again gives
// the same files, and every year's summary, check findings and candidate
// lists are those of the original — for databases of many sizes and seeds,
// through a workbook and through CSV files.
func TestRoundTripOfEveryRecord(t *testing.T) {
	for _, c := range []struct {
		members int
		seed    uint64
		csv     bool
	}{{50, 1, false}, {150, 2, true}, {400, 5, false}, {1200, 9, false}, {3000, 11, true}} {
		t.Run(fmt.Sprintf("%d members, seed %d", c.members, c.seed), func(t *testing.T) {
			orig := fill(t, c.members, c.seed)
			want := figures(t, orig)
			first := exportXLSX(t, orig, 0)
			if c.members >= 3000 {
				everyKind(t, first)
			}
			copy1 := openDB(t, "copy.db")
			importInto(t, copy1, first)
			if !bytes.Equal(read(t, first), read(t, exportXLSX(t, copy1, 0))) {
				t.Error("the workbook exported from the copy differs from the original's")
			}
			sameFigures(t, want, figures(t, copy1))
			// Importing the export into the database it came from changes
			// nothing.
			if rep := importInto(t, orig, first); rep.Writes() {
				t.Errorf("re-import into the original writes: %+v", counts(rep))
			}
			if !c.csv {
				return
			}
			dir := exportCSV(t, orig)
			// Names typed with decomposed diacritics read the same.
			members := filepath.Join(dir, interchange.CSVName(interchange.SheetMembers))
			os.WriteFile(members, []byte(norm.NFD.String(string(read(t, members)))), 0o600)
			copy2 := openDB(t, "copy2.db")
			importInto(t, copy2, csvFiles(dir)...)
			again := exportCSV(t, copy2)
			orig2 := exportCSV(t, orig)
			for _, f := range csvFiles(orig2) {
				if !bytes.Equal(read(t, f), read(t, filepath.Join(again, filepath.Base(f)))) {
					t.Errorf("%s exported from the CSV copy differs", filepath.Base(f))
				}
			}
			sameFigures(t, want, figures(t, copy2))
		})
	}
}

func counts(rep *domain.ImportReport) string {
	var parts []string
	for _, c := range rep.Sheets() {
		if c.Added+c.Changed > 0 {
			parts = append(parts, fmt.Sprintf("%s +%d ~%d %v", c.Sheet.Name(), c.Added, c.Changed, c.Changes))
		}
	}
	return strings.Join(parts, "; ")
}

// sheetRows reads every sheet of a workbook: name → rows of cell values.
func sheetRows(t testing.TB, path string) map[string][][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	b, err := xlsx.Open(f, st.Size(), xlsx.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][][]string{}
	for _, s := range b.Sheets {
		err := b.Rows(s, func(_ int, cells []xlsx.Cell) error {
			row := make([]string, len(cells))
			for i, c := range cells {
				row[i] = c.Value
			}
			out[s.Name] = append(out[s.Name], row)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// everyKind checks that the demo database exercises every kind of record
// the format holds, as its export shows them.
func everyKind(t *testing.T, path string) {
	t.Helper()
	sheets := sheetRows(t, path)
	column := func(sheet, col string) []string {
		rows := sheets[sheet]
		if len(rows) == 0 {
			t.Fatalf("no sheet %s", sheet)
		}
		i := -1
		for j, h := range rows[0] {
			if h == col {
				i = j
			}
		}
		if i < 0 {
			t.Fatalf("%s has no column %s", sheet, col)
		}
		var out []string
		for _, r := range rows[1:] {
			if i < len(r) {
				out = append(out, r[i])
			} else {
				out = append(out, "")
			}
		}
		return out
	}
	has := func(sheet, col string, want ...string) {
		t.Helper()
		got := map[string]bool{}
		for _, v := range column(sheet, col) {
			got[v] = true
		}
		for _, w := range want {
			if !got[w] {
				t.Errorf("%s, %s: no %q", sheet, col, w)
			}
		}
	}
	has(interchange.SheetEvents.Name(), interchange.ColEvent, "Đổi tên", "Chuyển trực thuộc", "Hợp nhất", "Giải thể")
	has(interchange.SheetMembers.Name(), interchange.ColStatus, "Đang sinh hoạt", "Chuyển đi", "Từ trần", "Ra khỏi Đảng", "Miễn sinh hoạt")
	has(interchange.SheetMemberRatings.Name(), interchange.ColReason, "Miễn sinh hoạt đảng", "Ốm đau dài ngày", "Kết nạp chưa đủ 6 tháng", "Đình chỉ sinh hoạt đảng")
	has(interchange.SheetMemberRatings.Name(), interchange.ColLevel, "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ", "Không xếp loại")
	has(interchange.SheetAbsences.Name(), interchange.ColKind, "Nghỉ ốm", "Miễn sinh hoạt", "Đình chỉ sinh hoạt", "Bệnh hiểm nghèo", "Nghỉ thai sản")
	has(interchange.SheetAwards.Name(), interchange.ColForm, "Giấy khen", "Bằng khen")
	nonEmpty := func(sheet, col string) int {
		n := 0
		for _, v := range column(sheet, col) {
			if v != "" {
				n++
			}
		}
		return n
	}
	for _, c := range []struct{ sheet, col string }{
		{interchange.SheetMemberRatings.Name(), interchange.ColScore},
		{interchange.SheetOrgRatings.Name(), interchange.ColScore},
		{interchange.SheetDisciplines.Name(), interchange.ColCardNo},
		{interchange.SheetDisciplines.Name(), interchange.ColOrgCode},
		{interchange.SheetGaps.Name(), interchange.ColFrom},
		{interchange.SheetLeaders.Name(), interchange.ColRole},
		{interchange.SheetOrgs.Name(), interchange.ColDissolved},
		{interchange.SheetOrgs.Name(), interchange.ColMergedInto},
		{interchange.SheetMemberships.Name(), interchange.ColTo},
		{interchange.SheetAwards.Name(), interchange.ColOrgCode},
		{interchange.SheetMemberRatings.Name(), interchange.ColCivilService},
		{interchange.SheetOrgRatings.Name(), interchange.ColMassOrgs},
		{interchange.SheetDisciplines.Name(), interchange.ColSelfCorrected},
	} {
		if nonEmpty(c.sheet, c.col) == 0 {
			t.Errorf("%s: column %s is empty throughout", c.sheet, c.col)
		}
	}
	badges, early, codeless := 0, 0, 0
	for _, f := range column(interchange.SheetAwards.Name(), interchange.ColForm) {
		if strings.HasPrefix(f, "Huy hiệu") {
			badges++
		}
	}
	cards, histories, births := column(interchange.SheetMembers.Name(), interchange.ColCardNo), column(interchange.SheetMembers.Name(), interchange.ColHistoryNo),
		column(interchange.SheetMembers.Name(), interchange.ColBirthDate)
	for i := range cards {
		if cards[i] == "" && histories[i] == "" {
			codeless++
		}
		if d, err := domain.DateFromExcelSerial(atof(births[i])); err == nil && d.Year <= 1915 {
			early++
		}
	}
	for _, n := range column(interchange.SheetMembers.Name(), interchange.ColFullName) {
		if !norm.NFC.IsNormalString(n) {
			t.Errorf("name %q not in NFC", n)
		}
	}
	if badges == 0 || early == 0 || codeless == 0 {
		t.Errorf("%d badges, %d members born by 1915, %d members without card or personal-history number", badges, early, codeless)
	}
	// Same-named organisations at several depths.
	names, codes, parents := column(interchange.SheetOrgs.Name(), interchange.ColOrgName), column(interchange.SheetOrgs.Name(), interchange.ColOrgCode),
		column(interchange.SheetOrgs.Name(), interchange.ColParent)
	depth := map[string]int{}
	for i, c := range codes {
		depth[c] = depth[parents[i]] + 1
	}
	depths := map[string]map[int]bool{}
	for i, n := range names {
		if depths[n] == nil {
			depths[n] = map[int]bool{}
		}
		depths[n][depth[codes[i]]] = true
	}
	several := 0
	for _, d := range depths {
		if len(d) > 1 {
			several++
		}
	}
	if several == 0 {
		t.Error("no organisations of the same name at different depths")
	}
}

func atof(s string) float64 {
	var f float64
	fmt.Sscan(s, &f)
	return f
}

// TestLongSheetsGoOnInContinuationSheets: a sheet longer than Excel's row
// limit (lowered here to 300 rows) goes on in "Name (2)", "Name (3)" … of
// the workbook, or in "Name (2).csv" …; each part repeats the header, and
// the import reads the parts as one sheet.
func TestLongSheetsGoOnInContinuationSheets(t *testing.T) {
	defer func(n int) { interchange.MaxSheetRows = n }(interchange.MaxSheetRows)
	interchange.MaxSheetRows = 300
	orig := fill(t, 150, 2)
	want := figures(t, orig)
	book := exportXLSX(t, orig, 0)
	sheets := sheetRows(t, book)
	ratings := interchange.SheetMemberRatings.Name()
	total := 0
	for part := 1; ; part++ {
		rows, ok := sheets[interchange.PartName(interchange.SheetMemberRatings, part)]
		if !ok {
			if part < 3 {
				t.Fatalf("no sheet %q; the workbook has %v", interchange.PartName(interchange.SheetMemberRatings, part), keys(sheets))
			}
			break
		}
		if len(rows) > 300 || rows[0][0] != interchange.ColYear {
			t.Errorf("%s: %d rows, header %v", interchange.PartName(interchange.SheetMemberRatings, part), len(rows), rows[0])
		}
		total += len(rows) - 1
	}
	copy1 := openDB(t, "copy.db")
	rep := importInto(t, copy1, book)
	if rep.MemberRatings.Added != total {
		t.Errorf("%d ratings imported from %d rows in the parts of %s", rep.MemberRatings.Added, total, ratings)
	}
	if !bytes.Equal(read(t, book), read(t, exportXLSX(t, copy1, 0))) {
		t.Error("the workbook exported from the copy differs")
	}
	sameFigures(t, want, figures(t, copy1))
	dir := exportCSV(t, orig)
	if _, err := os.Stat(filepath.Join(dir, interchange.PartName(interchange.SheetMemberRatings, 2)+".csv")); err != nil {
		t.Errorf("no second CSV part: %v", err)
	}
	copy2 := openDB(t, "copy2.db")
	importInto(t, copy2, csvFiles(dir)...)
	sameFigures(t, want, figures(t, copy2))
}

func keys(m map[string][][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestExportKeepsValuesWithSeparators: the export reads its large tables
// with their text packed in one column, cut at char(31); a value holding
// that character is read column by column instead, whole.
func TestExportKeepsValuesWithSeparators(t *testing.T) {
	db := fill(t, 50, 3)
	ms, err := db.Members(ctx, store.MemberQuery{OnRoll: true})
	if err != nil {
		t.Fatal(err)
	}
	var m domain.Member
	var rs []domain.MemberRating
	for _, m = range ms {
		if rs, err = db.MemberRatings(ctx, m.ID); err != nil {
			t.Fatal(err)
		} else if len(rs) > 0 {
			break
		}
	}
	if len(rs) == 0 {
		t.Fatal("no member rated")
	}
	m.Note = "a\x1fb"
	if err := db.UpdateMember(ctx, &m, domain.Date{}); err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	r.Note = "c\x1fd\x1f"
	if err := db.SetMemberRating(ctx, &r); err != nil {
		t.Fatal(err)
	}
	dir := exportCSV(t, db)
	for f, v := range map[string]string{"Đảng viên.csv": ",a\x1fb\n", "Xếp loại đảng viên.csv": ",c\x1fd\x1f\n"} {
		if b := read(t, filepath.Join(dir, f)); !bytes.Contains(b, []byte(v)) {
			t.Errorf("%s lost the value with a separator", f)
		}
	}
	back := openDB(t, "back.db")
	importInto(t, back, csvFiles(dir)...)
	again := exportCSV(t, back)
	for _, f := range csvFiles(dir) {
		if !bytes.Equal(read(t, f), read(t, filepath.Join(again, filepath.Base(f)))) {
			t.Errorf("%s differs after a round trip", filepath.Base(f))
		}
	}
}
