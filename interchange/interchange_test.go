package interchange_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"xeploai/domain"
	"xeploai/interchange"
	"xeploai/store"
)

var ctx = context.Background()

func openDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// sheet is a sheet to write into a test workbook: rows of cells, where a
// float64 is written as a number (Excel dates are serial numbers).
type sheet struct {
	name string
	rows [][]any
}

func writeWorkbook(t *testing.T, sheets ...sheet) string {
	t.Helper()
	f := excelize.NewFile()
	for i, s := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", s.name)
		} else {
			f.NewSheet(s.name)
		}
		for r, row := range s.rows {
			for c, v := range row {
				axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(s.name, axis, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func serial(d string) float64 { return domain.MustDate(d).ExcelSerial() }

// messyWorkbook looks like a real one: title rows above the header, upper
// case and decomposed headers and text, STT and unknown columns, Excel date
// cells beside dd/mm/yyyy and d/m/yyyy text, every level spelling, and two
// cells named "Chi bộ 1" told apart by their parent.
func messyWorkbook(t *testing.T) string {
	nfd := norm.NFD.String
	return writeWorkbook(t,
		sheet{"TỔ CHỨC", [][]any{
			{"ĐẢNG BỘ QUẬN SƠN TRÀ"},
			{"DANH SÁCH TỔ CHỨC ĐẢNG"},
			{},
			{"STT", "MÃ TỔ CHỨC", nfd("Tên tổ chức"), "LOẠI", "Trực thuộc", "Người phụ trách"},
			{1, "ST", "Đảng bộ quận Sơn Trà", "Đảng bộ", "", "x"},
			{2, "AHB", nfd("Đảng bộ phường  An Hải Bắc"), nfd("Đảng bộ cơ sở"), "ST"},
			{3, "", "Chi bộ 1", "Chi bộ", "AHB"},
			{4, "TQ", "Đảng bộ phường Thọ Quang", "đảng bộ cơ sở", "Đảng bộ quận Sơn Trà"},
			{5, "", "Chi bộ 1", "CHI BỘ", "TQ"},
			{6, "", "Chi bộ Trường THCS Lê Độ", "Chi bộ cơ sở", "ST"},
		}},
		sheet{"dang_vien", [][]any{
			{"DANH SÁCH ĐẢNG VIÊN"},
			{"STT", "HỌ VÀ TÊN", "NGÀY SINH", "GIỚI TÍNH", "NGÀY VÀO ĐẢNG", "NGÀY CHÍNH THỨC", "SỐ THẺ", "CHI BỘ", "TRỰC THUỘC", "Quê quán"},
			{1, nfd("Nguyễn   Văn Đức"), serial("12/03/1975"), "Nam", "19/05/2000", "19/05/2001", float64(12345678), "Chi bộ 1", "AHB", nfd("Hòa Vang, Đà Nẵng")},
			{2, "Trần Thị Hằng", "2/9/1980", "Nữ", serial("03/02/2010"), "", "87654321", "Chi bộ 1", "Đảng bộ phường Thọ Quang"},
			{},
			{3, "Lê Anh Tuấn", "1990-07-01", "nam", "07-11-2015", "7/11/2016", "", "Chi bộ Trường THCS Lê Độ", ""},
		}},
		sheet{"Xếp loại đảng viên", [][]any{
			{"KẾT QUẢ XẾP LOẠI NĂM 2021"},
			{"Năm", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Chi bộ", "Trực thuộc", "Xếp loại", "Điểm", "Ghi chú"},
			{2021, "12345678", "", "", "", "", "Hoàn thành xuất sắc nhiệm vụ", "", ""},
			{2021, "", "Trần Thị Hằng", "02/09/1980", "Chi bộ 1", "TQ", "HTTNV", "", "đạt"},
			{2021, "", "Lê Anh Tuấn", serial("01/07/1990"), "", "", nfd("không hoàn thành"), "", ""},
			{2025, "12345678", "", "", "", "", "Tốt", 85.5, ""},
		}},
		sheet{"Xep loai to chuc", [][]any{
			{"Năm", "Mã tổ chức", "Tên tổ chức", "Trực thuộc", "Xếp loại"},
			{2021, "AHB", "", "", "Xuất sắc"},
			{2021, "", "Chi bộ 1", "TQ", "HTNV"},
			{2021, "", "Chi bộ Trường THCS Lê Độ", "", "tốt"},
		}},
		sheet{"Khen thưởng", [][]any{
			{"Năm", "Hình thức", "Nội dung", "Số quyết định", "Ngày quyết định", "Cấp khen thưởng", "Số thẻ đảng viên", "Mã tổ chức"},
			{2022, "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)", "125-QĐ/QU", "26/01/2022", "Ban Thường vụ Quận ủy", "12345678", ""},
			{2022, "Huy hiệu 30 năm tuổi Đảng", "Huy hiệu 30 năm tuổi Đảng", "", "", "", "87654321", ""},
			{2022, "Giấy khen", "Trong sạch, vững mạnh tiêu biểu", "", "", "", "", "AHB"},
		}},
		sheet{"Ghi chú", [][]any{{"không phải trang dữ liệu"}}},
	)
}

func importFiles(t *testing.T, db *store.DB, dryRun bool, paths ...string) (*domain.ImportReport, error) {
	t.Helper()
	b := &domain.Batch{}
	for _, p := range paths {
		fb, err := interchange.ReadFile(p, interchange.Options{})
		if err != nil {
			t.Fatalf("read %s: %v", p, err)
		}
		b.Append(fb)
	}
	return db.Import(ctx, b, dryRun)
}

// counts shows a report's added/changed/unchanged counts of the sheets it
// touched.
func counts(rep *domain.ImportReport) string {
	var parts []string
	for _, c := range rep.Sheets() {
		if c.Added+c.Changed+c.Unchanged > 0 {
			parts = append(parts, fmt.Sprintf("%s %d/%d/%d", c.Sheet.Name(), c.Added, c.Changed, c.Unchanged))
		}
	}
	return strings.Join(parts, ", ")
}

func TestImportMessyWorkbook(t *testing.T) {
	db := openDB(t)
	path := messyWorkbook(t)
	rep, err := importFiles(t, db, false, path)
	if err != nil {
		t.Fatalf("import: %v\n%v", err, rep.Errors)
	}
	if got := counts(rep); got != "Tổ chức 6/0/0, Đảng viên 3/0/0, Xếp loại đảng viên 4/0/0, Xếp loại tổ chức 3/0/0, Khen thưởng 3/0/0, Quá trình sinh hoạt 3/0/0" {
		t.Errorf("report %s", got)
	}
	warnings := strings.Join(rep.Warnings, "\n")
	if !strings.Contains(warnings, "Người phụ trách (F)") || !strings.Contains(warnings, `"Ghi chú"`) {
		t.Errorf("warnings do not name the ignored column and sheet: %q", warnings)
	}
	// Numbers in cells not formatted as dates are read as date serials,
	// and said so.
	if !strings.Contains(warnings, "dang_vien, cột C (Ngày sinh): 1 ô là số, không định dạng ngày, đã được đọc là ngày theo số sê-ri của Excel (đầu tiên: dòng 3, 27465 = ") {
		t.Errorf("serial numbers read silently: %q", warnings)
	}

	members, _ := db.Members(ctx, store.MemberQuery{})
	byName := map[string]domain.Member{}
	for _, m := range members {
		byName[m.FullName] = m
	}
	duc, ok := byName["Nguyễn Văn Đức"]
	if !ok {
		t.Fatalf("Nguyễn Văn Đức not stored in NFC with spaces folded: %v", members)
	}
	if duc.BirthDate != domain.NewDate(1975, 3, 12) || duc.AdmittedOn != domain.NewDate(2000, 5, 19) || duc.CardNo != "12345678" {
		t.Errorf("Đức: %+v", duc)
	}
	if duc.HomeTown != "Hòa Vang, Đà Nẵng" || !norm.NFC.IsNormalString(duc.HomeTown) {
		t.Errorf("home town %q is not NFC", duc.HomeTown)
	}
	hang := byName["Trần Thị Hằng"]
	if hang.BirthDate != domain.NewDate(1980, 9, 2) || hang.AdmittedOn != domain.NewDate(2010, 2, 3) || !hang.Probationary() || hang.Sex != domain.SexFemale {
		t.Errorf("Hằng: %+v", hang)
	}
	tuan := byName["Lê Anh Tuấn"]
	if tuan.BirthDate != domain.NewDate(1990, 7, 1) || tuan.AdmittedOn != domain.NewDate(2015, 11, 7) || tuan.OfficialOn != domain.NewDate(2016, 11, 7) {
		t.Errorf("Tuấn: %+v", tuan)
	}
	// Same-named cells: Đức is in An Hải Bắc's "Chi bộ 1", Hằng in Thọ Quang's.
	tree, _ := db.Tree(ctx, domain.Date{})
	if got := tree.Path(duc.CellID); got != "Đảng bộ phường An Hải Bắc › Chi bộ 1" {
		t.Errorf("Đức's cell %q", got)
	}
	if got := tree.Path(hang.CellID); got != "Đảng bộ phường Thọ Quang › Chi bộ 1" {
		t.Errorf("Hằng's cell %q", got)
	}
	// Levels in every spelling.
	s, err := db.Summary(ctx, 2021, 0)
	if err != nil {
		t.Fatal(err)
	}
	mg := s.Group(domain.GroupMembers)
	if mg.Levels[domain.LevelExcellent] != 1 || mg.Levels[domain.LevelGood] != 1 || mg.Levels[domain.LevelNotCompleted] != 1 {
		t.Errorf("2021 members %+v", mg.LevelCounts)
	}
	if g := s.Group(domain.GroupGrassroots); g.Levels[domain.LevelExcellent] != 1 || g.Levels[domain.LevelGood] != 1 {
		t.Errorf("2021 grassroots %+v", g.LevelCounts)
	}
	if c := s.Group(domain.GroupCells); c.Levels[domain.LevelCompleted] != 1 {
		t.Errorf("2021 cells %+v", c.LevelCounts)
	}
	rs, _ := db.MemberRatings(ctx, duc.ID)
	if len(rs) != 2 || rs[0].Year != 2025 || rs[0].Score == nil || *rs[0].Score != 85.5 {
		t.Errorf("Đức's ratings %+v", rs)
	}
	awards, _ := db.Awards(ctx, store.AwardQuery{})
	if len(awards) != 3 {
		t.Fatalf("%d awards", len(awards))
	}
	for _, a := range awards {
		if a.Form == domain.FormBadge && (a.Milestone != 30 || a.MemberID != hang.ID) {
			t.Errorf("badge %+v", a)
		}
		if a.DecisionNo == "125-QĐ/QU" && (a.DecisionDate != domain.NewDate(2022, 1, 26) || a.YearFrom != 2017 || a.YearTo != 2021) {
			t.Errorf("certificate %+v", a)
		}
	}

	// Importing the same file again changes nothing.
	rep, err = importFiles(t, db, false, path)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Orgs.Unchanged != 6 || rep.Members.Unchanged != 3 || rep.MemberRatings.Unchanged != 4 || rep.OrgRatings.Unchanged != 3 || rep.Awards.Unchanged != 3 {
		t.Errorf("second import %+v", *rep)
	}
	if rep.Orgs.Added+rep.Orgs.Changed+rep.Members.Added+rep.Members.Changed+rep.MemberRatings.Added+rep.MemberRatings.Changed+rep.Awards.Added+rep.Awards.Changed != 0 {
		t.Errorf("second import changed something: %+v", *rep)
	}
}

func countAll(t *testing.T, db *store.DB) [4]int {
	var c [4]int
	orgs, _ := db.Orgs(ctx)
	c[0] = len(orgs)
	c[1], _ = db.CountMembers(ctx, store.MemberQuery{})
	aw, _ := db.Awards(ctx, store.AwardQuery{})
	c[2] = len(aw)
	s, _ := db.Summary(ctx, 2021, 0)
	if s != nil {
		c[3] = s.Group(domain.GroupMembers).Total
	}
	return c
}

func TestImportWithOneBadRowWritesNothing(t *testing.T) {
	db := openDB(t)
	path := writeWorkbook(t,
		sheet{"Tổ chức", [][]any{
			{"Mã tổ chức", "Tên tổ chức", "Loại", "Trực thuộc"},
			{"P1", "Đảng bộ phường 1", "Đảng bộ cơ sở", ""},
			{"", "Chi bộ 1", "Chi bộ", "P1"},
		}},
		sheet{"Đảng viên", [][]any{
			{"BÁO CÁO"},
			{},
			{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"},
			{"Nguyễn Văn A", "01/01/1970", "01/01/1995", "01/01/1996", "Chi bộ 1"},
			{"Nguyễn Văn B", "31/02/1971", "01/01/1995", "", "Chi bộ 1"},
			{"Nguyễn Văn C", "01/01/1972", "01/01/1995", "", "Chi bộ 1"},
		}},
	)
	rep, err := importFiles(t, db, false, path)
	if err == nil {
		t.Fatal("import with a bad date succeeded")
	}
	if len(rep.Errors) != 1 {
		t.Fatalf("errors %v, want exactly one", rep.Errors)
	}
	e := rep.Errors[0]
	if e.Sheet != "Đảng viên" || e.Row != 5 || e.Column != "B" || e.Field != "Ngày sinh" {
		t.Errorf("error at %+v, want Đảng viên row 5 column B (Ngày sinh)", e.Loc)
	}
	if got := e.Error(); got != `Đảng viên, dòng 5, cột B (Ngày sinh): ngày "31/02/1971" không tồn tại` {
		t.Errorf("message %q", got)
	}
	if c := countAll(t, db); c != [4]int{} {
		t.Errorf("something was written: %v", c)
	}
}

func TestImportErrorsFromTheStoreNameTheCell(t *testing.T) {
	db := openDB(t)
	path := writeWorkbook(t,
		sheet{"Tổ chức", [][]any{
			{"Tên tổ chức", "Loại", "Trực thuộc"},
			{"Đảng bộ phường 1", "Đảng bộ cơ sở", ""},
			{"Chi bộ 1", "Chi bộ", "Đảng bộ phường 1"},
			{"Chi bộ 2", "Chi bộ", "Đảng bộ phường 9"},
		}},
		sheet{"Đảng viên", [][]any{
			{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên", "Chi bộ"},
			{"Nguyễn Văn A", "01/01/1970", "01/01/1995", "01/01/1994", "", "Chi bộ 1"},
			{"Nguyễn Văn B", "01/01/1970", "01/01/1995", "", "12A", "Chi bộ 1"},
			{"Nguyễn Văn C", "01/01/1970", "01/01/1995", "", "", "Đảng bộ phường 1"},
			{"Nguyễn Văn D", "01/01/1970", "01/01/1995", "", "111", "Chi bộ 7"},
			{"Nguyễn Văn E", "01/01/1970", "01/01/1995", "", "111", "Chi bộ 1"},
		}},
	)
	rep, err := importFiles(t, db, false, path)
	if err == nil {
		t.Fatal("import succeeded")
	}
	var got []string
	for _, e := range rep.Errors {
		got = append(got, e.Error())
	}
	want := []string{
		`Tổ chức, dòng 4, cột C (Trực thuộc): không tìm thấy tổ chức "Đảng bộ phường 9"`,
		`Đảng viên, dòng 2, cột D (Ngày chính thức): 01/01/1994 trước ngày vào Đảng 01/01/1995`,
		`Đảng viên, dòng 3, cột E (Số thẻ đảng viên): "12A" chỉ được gồm chữ số`,
		`Đảng viên, dòng 4, cột F (Chi bộ): Đảng bộ phường 1 là Đảng bộ cơ sở, không trực tiếp quản lý đảng viên`,
		`Đảng viên, dòng 5, cột F (Chi bộ): không tìm thấy tổ chức "Chi bộ 7"`,
		// listed in the same run as the unknown cell of row 5
		`Đảng viên, dòng 6, cột E (Số thẻ đảng viên): 111 trùng với dòng 5`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := countAll(t, db); c != [4]int{} {
		t.Errorf("something was written: %v", c)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	db := openDB(t)
	rep, err := importFiles(t, db, true, messyWorkbook(t))
	if err != nil {
		t.Fatalf("dry run: %v %v", err, rep.Errors)
	}
	if !rep.DryRun || rep.Members.Added != 3 || rep.Orgs.Added != 6 {
		t.Errorf("dry run report %+v", *rep)
	}
	if c := countAll(t, db); c != [4]int{} {
		t.Errorf("dry run wrote %v", c)
	}
}

func exportRows(t *testing.T, db *store.DB) map[string][][]string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.xlsx")
	err := db.View(ctx, 0, func(s *store.Snapshot) error { return interchange.WriteXLSXFile(path, s, interchange.ExportOptions{}) })
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("export mode %v, want 0600", st.Mode().Perm())
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = rows
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	db := openDB(t)
	if rep, err := importFiles(t, db, false, messyWorkbook(t)); err != nil {
		t.Fatalf("%v %v", err, rep.Errors)
	}
	first := exportRows(t, db)
	if len(first["Đảng viên"]) != 4 || first["Đảng viên"][0][0] != "Họ và tên" {
		t.Fatalf("members sheet %v", first["Đảng viên"])
	}
	// Dates show as dd/mm/yyyy in Excel.
	if all := fmt.Sprint(first["Đảng viên"]); !strings.Contains(all, "Nguyễn Văn Đức  12/03/1975 Nam") {
		t.Errorf("birth date not shown dd/mm/yyyy: %v", all)
	}
	path := filepath.Join(t.TempDir(), "again.xlsx")
	if err := db.View(ctx, 0, func(s *store.Snapshot) error { return interchange.WriteXLSXFile(path, s, interchange.ExportOptions{}) }); err != nil {
		t.Fatal(err)
	}
	db2 := openDB(t)
	if rep, err := importFiles(t, db2, false, path); err != nil {
		t.Fatalf("re-import: %v %v", err, rep.Errors)
	}
	second := exportRows(t, db2)
	if !reflect.DeepEqual(first, second) {
		for name := range first {
			if !reflect.DeepEqual(first[name], second[name]) {
				t.Errorf("sheet %s differs:\n%v\n%v", name, first[name], second[name])
			}
		}
	}
	// And importing the export into the database it came from changes nothing.
	rep, err := importFiles(t, db, false, path)
	if err != nil || rep.Members.Changed+rep.Orgs.Changed+rep.MemberRatings.Changed+rep.Awards.Changed+rep.OrgRatings.Changed != 0 {
		t.Errorf("re-import into source: %v %+v", err, rep)
	}
}

func TestCSVRoundTripAndFormulaNeutralised(t *testing.T) {
	db := openDB(t)
	if rep, err := importFiles(t, db, false, messyWorkbook(t)); err != nil {
		t.Fatalf("%v %v", err, rep.Errors)
	}
	m, _ := db.Members(ctx, store.MemberQuery{Name: "le anh"})
	m[0].Note = `=HYPERLINK("http://x")`
	if err := db.UpdateMember(ctx, &m[0], domain.Date{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := db.View(ctx, 0, func(s *store.Snapshot) error { return interchange.WriteCSVDir(dir, s, interchange.ExportOptions{}) }); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "Đảng viên.csv"))
	if !bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) || !bytes.Contains(raw, []byte(`'=HYPERLINK`)) {
		t.Errorf("CSV lacks BOM or neutralised formula:\n%s", raw)
	}
	db2 := openDB(t)
	var paths []string
	for _, s := range interchange.Sheets {
		paths = append(paths, filepath.Join(dir, s.Name()+".csv"))
	}
	rep, err := importFiles(t, db2, false, paths...)
	if err != nil {
		t.Fatalf("CSV import: %v %v", err, rep.Errors)
	}
	if rep.Members.Added != 3 || rep.MemberRatings.Added != 4 || rep.Awards.Added != 3 {
		t.Errorf("CSV import %+v", *rep)
	}
	m2, _ := db2.Members(ctx, store.MemberQuery{Name: "le anh"})
	if m2[0].Note != `=HYPERLINK("http://x")` {
		t.Errorf("note came back as %q", m2[0].Note)
	}
	if !reflect.DeepEqual(exportRows(t, db), exportRows(t, db2)) {
		t.Error("CSV round trip changed the data")
	}
}

func TestCSVSemicolonsAndWindows1258(t *testing.T) {
	db := openDB(t)
	dir := t.TempDir()
	// Windows-1258 spells Vietnamese with precomposed base letters and
	// combining tone marks, as old Excel saves it.
	orgs := "Tên tô\u0309 chư\u0301c;Loa\u0323i;Trư\u0323c thuô\u0323c\r\n" +
		"Đa\u0309ng bô\u0323 xa\u0303 Ho\u0300a Bă\u0301c;Đa\u0309ng bô\u0323 cơ sơ\u0309;\r\n" +
		"Chi bô\u0323 thôn Nam Yên;Chi bô\u0323;Đa\u0309ng bô\u0323 xa\u0303 Ho\u0300a Bă\u0301c\r\n"
	enc, err := charmap.Windows1258.NewEncoder().String(orgs)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "to chuc.csv"), []byte(enc), 0o600)
	members := "\xef\xbb\xbfHọ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\nHồ Thị Ánh,\"05/06/1985\",3/2/2010,Chi bộ thôn Nam Yên\n"
	os.WriteFile(filepath.Join(dir, "Đảng viên.csv"), []byte(members), 0o600)
	rep, err := importFiles(t, db, false, filepath.Join(dir, "to chuc.csv"), filepath.Join(dir, "Đảng viên.csv"))
	if err != nil {
		t.Fatalf("%v %v", err, rep.Errors)
	}
	ms, _ := db.Members(ctx, store.MemberQuery{Name: "ho thi anh"})
	if len(ms) != 1 || ms[0].FullName != "Hồ Thị Ánh" {
		t.Fatalf("members %+v", ms)
	}
	orgsList, _ := db.Orgs(ctx)
	if len(orgsList) != 2 || orgsList[1].Name != "Chi bộ thôn Nam Yên" {
		t.Errorf("orgs %+v", orgsList)
	}
	if !strings.Contains(strings.Join(rep.Warnings, " "), "Windows-1258") {
		t.Errorf("no warning about the code page: %v", rep.Warnings)
	}
}

func TestUnknownSheetsAndFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "data.csv")
	os.WriteFile(p, []byte("a,b\n1,2\n"), 0o600)
	if _, err := interchange.ReadFile(p, interchange.Options{}); err == nil || !strings.Contains(err.Error(), "là trang nào") {
		t.Errorf("unknown CSV: %v", err)
	}
	b, err := interchange.ReadFile(p, interchange.Options{Sheet: "Đảng viên"})
	if err != nil || len(b.Errors) != 1 || !strings.Contains(b.Errors[0].Error(), "không tìm thấy dòng tiêu đề") {
		t.Errorf("CSV without header: %v %v", err, b)
	}
	junk := filepath.Join(dir, "junk.xlsx")
	os.WriteFile(junk, []byte("this is not a zip\x00\x01"), 0o600)
	if _, err := interchange.ReadFile(junk, interchange.Options{}); err == nil || !strings.Contains(err.Error(), "không phải là tệp Excel") {
		t.Errorf("junk xlsx: %v", err)
	}
	if _, err := interchange.ReadFile(filepath.Join(dir, "x.xls"), interchange.Options{}); err == nil || !strings.Contains(err.Error(), ".xlsx") {
		t.Errorf("xls: %v", err)
	}
}

func TestYearOnlyDateRefused(t *testing.T) {
	path := writeWorkbook(t, sheet{"Đảng viên", [][]any{
		{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"},
		{"Nguyễn Văn A", 1975, "01/01/1995", "Chi bộ 1"},
	}})
	b, err := interchange.ReadFile(path, interchange.Options{})
	if err != nil || len(b.Errors) != 1 || !strings.Contains(b.Errors[0].Error(), "dòng 2, cột B (Ngày sinh): chỉ có năm 1975") {
		t.Errorf("year-only date: %v %v", err, b.Errors)
	}
}
