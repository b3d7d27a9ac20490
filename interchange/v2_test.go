package interchange_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
	"xeploai/interchange"
	"xeploai/store"
)

// errorsOf imports a workbook and returns its errors, one a line.
func errorsOf(t *testing.T, db *store.DB, path string) string {
	t.Helper()
	rep, err := importFiles(t, db, false, path)
	if err == nil {
		return ""
	}
	var lines []string
	for _, e := range rep.Errors {
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

var ward = sheet{"Tổ chức", [][]any{
	{"Mã tổ chức", "Tên tổ chức", "Loại", "Trực thuộc"},
	{"AHB", "Đảng bộ phường An Hải Bắc", "Đảng bộ cơ sở", ""},
	{"C1", "Chi bộ 1", "Chi bộ", "AHB"},
}}

var twoMembers = sheet{"Đảng viên", [][]any{
	{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Số thẻ", "Chi bộ"},
	{"Nguyễn Văn Đức", "12/03/1975", "19/05/2000", "12345678", "C1"},
	{"Trần Thị Hằng", "02/09/1980", "03/02/2010", "87654321", "C1"},
}}

// TestNotRatedRowsImport: "Không xếp loại" with a reason is a member not
// rated, as the export writes it; without a reason it is an error naming
// the row and the column.
func TestNotRatedRowsImport(t *testing.T) {
	db := openDB(t)
	bad := writeWorkbook(t, ward, twoMembers, sheet{"Xếp loại đảng viên", [][]any{
		{"Năm", "Số thẻ", "Xếp loại", "Lý do không xếp loại"},
		{2021, "12345678", "Không xếp loại", ""},
	}})
	if got := errorsOf(t, db, bad); !strings.Contains(got, `Xếp loại đảng viên, dòng 2, cột C (Xếp loại): "Không xếp loại" cần có lý do ở cột Lý do không xếp loại`) {
		t.Errorf("errors %q", got)
	}
	good := writeWorkbook(t, ward, twoMembers, sheet{"Xếp loại đảng viên", [][]any{
		{"Năm", "Số thẻ", "Xếp loại", "Lý do không xếp loại"},
		{2021, "12345678", "Không xếp loại", "Miễn sinh hoạt"},
		{2021, "87654321", "", "Kết nạp chưa đủ 6 tháng"},
	}})
	if got := errorsOf(t, db, good); got != "" {
		t.Fatal(got)
	}
	s, _ := db.Summary(ctx, 2021, 0)
	if m := s.Group(domain.GroupMembers); m.NotRated != 2 || m.Reasons["Miễn sinh hoạt đảng"] != 1 {
		t.Errorf("not rated %d, reasons %v", m.NotRated, m.Reasons)
	}
}

// TestSameNamedCodelessOrganisations: a file without codes names
// "Đảng bộ bộ phận Khu vực 1" under two wards; a row that cannot tell them
// apart is refused with the candidates, the parent tells them apart, and
// every organisation gets a code the export carries, so that the exported
// file is never ambiguous.
func TestSameNamedCodelessOrganisations(t *testing.T) {
	orgs := sheet{"Tổ chức", [][]any{
		{"Tên tổ chức", "Loại", "Trực thuộc"},
		{"Đảng bộ phường An Hải Bắc", "Đảng bộ cơ sở", ""},
		{"Đảng bộ phường Thọ Quang", "Đảng bộ cơ sở", ""},
		{"Đảng bộ bộ phận Khu vực 1", "Đảng bộ bộ phận", "Đảng bộ phường An Hải Bắc"},
		{"Đảng bộ bộ phận Khu vực 1", "Đảng bộ bộ phận", "Đảng bộ phường Thọ Quang"},
		{"Chi bộ 1", "Chi bộ", "Đảng bộ bộ phận Khu vực 1"},
	}}
	db := openDB(t)
	if got := errorsOf(t, db, writeWorkbook(t, orgs)); !strings.Contains(got, `Tổ chức, dòng 6, cột C (Trực thuộc): có 2 tổ chức tên "Đảng bộ bộ phận Khu vực 1" (thuộc Đảng bộ phường An Hải Bắc, Đảng bộ phường Thọ Quang)`) {
		t.Fatalf("errors %q", got)
	}
	orgs.rows = orgs.rows[:5]
	if got := errorsOf(t, db, writeWorkbook(t, orgs)); got != "" {
		t.Fatal(got)
	}
	all, _ := db.Orgs(ctx)
	codes := map[string]bool{}
	for _, o := range all {
		if o.Code == "" || codes[o.Code] {
			t.Errorf("%s has code %q", o.Name, o.Code)
		}
		codes[o.Code] = true
	}
	rows := exportRows(t, db)["Tổ chức"]
	db2 := openDB(t)
	out := filepath.Join(t.TempDir(), "out.xlsx")
	if err := db.View(ctx, 0, func(s *store.Snapshot) error { return interchange.WriteXLSXFile(out, s, interchange.ExportOptions{}) }); err != nil {
		t.Fatal(err)
	}
	if got := errorsOf(t, db2, out); got != "" {
		t.Fatalf("the export does not import: %s", got)
	}
	if again := exportRows(t, db2)["Tổ chức"]; strings.Join(flat(again), "|") != strings.Join(flat(rows), "|") {
		t.Errorf("organisations after the round trip:\n%v\n%v", rows, again)
	}
}

func flat(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, ";"))
	}
	return out
}

// TestDateCellsByTheirFormat: an .xlsx cell is a date when its number
// format is a date format, whatever its number (2982 is 29/02/1908, a real
// birth date of a deceased member; 1 is 01/01/1900); a year in a General
// cell or as text is refused, not guessed.
func TestDateCellsByTheirFormat(t *testing.T) {
	x := excelize.NewFile()
	sh := "Đảng viên"
	x.SetSheetName("Sheet1", sh)
	x.SetSheetRow(sh, "A1", &[]any{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ", "Trạng thái", "Ngày thay đổi trạng thái"})
	admitted := domain.NewDate(1931, 2, 3).ExcelSerial()
	x.SetSheetRow(sh, "A2", &[]any{"Phan Văn Lão", 2982.0, admitted, "C1", "Từ trần", 31000.0})
	x.SetSheetRow(sh, "A3", &[]any{"Lê Văn Sớm", 1.0, admitted, "C1", "Từ trần", 25000.0})
	x.SetSheetRow(sh, "A4", &[]any{"Hồ Văn Năm", 1975.0, "1/1/1995", "C1"})
	x.SetSheetRow(sh, "A5", &[]any{"Võ Văn Chữ", "1975", "1/1/1995", "C1"})
	custom := "dd/mm/yyyy"
	style, _ := x.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	for _, c := range []string{"B2", "C2", "F2", "B3", "C3", "F3"} {
		x.SetCellStyle(sh, c, c, style)
	}
	org := "Tổ chức"
	x.NewSheet(org)
	x.SetSheetRow(org, "A1", &[]any{"Mã tổ chức", "Tên tổ chức", "Loại"})
	x.SetSheetRow(org, "A2", &[]any{"C1", "Chi bộ Lão thành", "Chi bộ cơ sở"})
	path := filepath.Join(t.TempDir(), "ngay.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	b, err := interchange.ReadFile(path, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, e := range b.Errors {
		msgs = append(msgs, e.Error())
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{"Đảng viên, dòng 4, cột B (Ngày sinh): chỉ có năm 1975", "Đảng viên, dòng 5, cột B (Ngày sinh): chỉ có năm 1975"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
	var good []domain.MemberRow
	for _, m := range b.Members {
		if !m.Src.Bad() {
			good = append(good, m)
		}
	}
	if len(good) != 2 || len(b.Members) != 4 {
		t.Fatalf("%d members read, %d of them good", len(b.Members), len(good))
	}
	if m := good[0].Member; m.BirthDate != domain.NewDate(1908, 2, 29) || m.AdmittedOn != domain.NewDate(1931, 2, 3) {
		t.Errorf("pre-1908 dates read as %s, %s", m.BirthDate, m.AdmittedOn)
	}
	if m := b.Members[1].Member; m.BirthDate != domain.NewDate(1900, 1, 1) {
		t.Errorf("serial 1 read as %s", m.BirthDate)
	}
}

// TestOrganisationHistorySheet: the history sheet rebuilds the tree of past
// years: a cell renamed and moved in 2023 counts under its old ward, with
// its old name, in 2022's summary.
func TestOrganisationHistorySheet(t *testing.T) {
	db := openDB(t)
	path := writeWorkbook(t,
		sheet{"Tổ chức", [][]any{
			{"Mã tổ chức", "Tên tổ chức", "Loại", "Trực thuộc", "Ngày giải thể", "Hợp nhất vào"},
			{"AHB", "Đảng bộ phường An Hải Bắc", "Đảng bộ cơ sở", ""},
			{"TQ", "Đảng bộ phường Thọ Quang", "Đảng bộ cơ sở", ""},
			{"C1", "Chi bộ Tổ dân phố 1", "Chi bộ", "TQ"},
			{"C2", "Chi bộ 2", "Chi bộ", "TQ", "01/03/2024", "C1"},
		}},
		sheet{"Lịch sử tổ chức", [][]any{
			{"Ngày", "Sự kiện", "Mã tổ chức", "Tên cũ", "Tên mới", "Trực thuộc cũ", "Trực thuộc mới", "Tổ chức liên quan"},
			{"10/05/2023", "Đổi tên", "C1", "Chi bộ Khu dân cư 1", "Chi bộ Tổ dân phố 1"},
			{"10/05/2023", "Chuyển trực thuộc", "C1", "", "", "AHB", "TQ"},
			{"01/03/2024", "Hợp nhất", "C2", "", "", "", "", "C1"},
		}},
		sheet{"Xếp loại tổ chức", [][]any{{"Năm", "Mã tổ chức", "Xếp loại"}, {2022, "C1", "Tốt"}, {2022, "AHB", "Tốt"}}},
	)
	if got := errorsOf(t, db, path); got != "" {
		t.Fatal(got)
	}
	past, _ := db.Tree(ctx, domain.YearEnd(2022))
	c1, _ := db.ResolveOrg(ctx, "C1")
	if got := past.Path(c1.ID); got != "Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư 1" {
		t.Errorf("in 2022 the cell was %q", got)
	}
	c2, _ := db.ResolveOrg(ctx, "C2")
	if !past.Org(c2.ID).DissolvedOn.IsZero() {
		t.Error("the merged cell is gone before its merge")
	}
	s, _ := db.Summary(ctx, 2022, 0)
	if len(s.ByGrassroots) != 2 || s.ByGrassroots[0].Cells.Levels[domain.LevelGood] != 1 {
		t.Errorf("2022 by grassroots %+v", s.ByGrassroots)
	}
	// Imported again: nothing is added to the history.
	if rep, err := importFiles(t, db, false, path); err != nil || rep.Events.Added != 0 || rep.Events.Unchanged != 3 {
		t.Errorf("second import: %v %+v", err, rep.Events)
	}
}

// TestEveryRecordSheet reads the record sheets of version 2 under the
// headers users write, and refuses what the rules do not allow, naming the
// place.
func TestEveryRecordSheet(t *testing.T) {
	db := openDB(t)
	path := writeWorkbook(t, ward, twoMembers,
		sheet{"Quá trình sinh hoạt", [][]any{
			{"Số thẻ", "Chi bộ", "Từ ngày", "Đến ngày"},
			{"12345678", "C1", "19/05/2000", ""},
		}},
		sheet{"Kỷ luật", [][]any{
			{"Số thẻ", "Mã tổ chức", "Ngày", "Hình thức kỷ luật", "Lý do", "Số QĐ", "Tự khắc phục"},
			{"12345678", "", "12/03/2024", "khiển trách", "Vi phạm quy chế", "45-QĐ/UBKT", ""},
			{"", "C1", "01/06/2024", "Cảnh cáo", "", "", "Có"},
		}},
		sheet{"Vắng, miễn sinh hoạt", [][]any{
			{"Số thẻ", "Năm", "Loại", "Số tháng"},
			{"87654321", 2024, "Nghỉ ốm", "3,5"},
			{"87654321", 2023, "thai sản", 6},
		}},
		sheet{"Gián đoạn tuổi Đảng", [][]any{
			{"Số thẻ", "Từ ngày", "Đến ngày", "Lý do"},
			{"12345678", "01/01/2005", "31/12/2006", "Đi học nước ngoài"},
		}},
		sheet{"Cấp ủy", [][]any{
			{"Số thẻ", "Mã tổ chức", "Chức danh", "Từ ngày"},
			{"12345678", "C1", "Bí thư", "01/01/2020"},
		}},
	)
	if got := errorsOf(t, db, path); got != "" {
		t.Fatal(got)
	}
	m, _ := db.MemberByCard(ctx, "87654321")
	in, _ := db.CheckInput(ctx, 2024, 0)
	if in.SickMonths[m.ID] != 3.5 {
		t.Errorf("sick leave %v", in.SickMonths)
	}
	duc, _ := db.MemberByCard(ctx, "12345678")
	if !in.Disciplined[duc.ID] || len(in.Leaders) != 1 {
		t.Errorf("disciplined %v, leaders %v", in.Disciplined, in.Leaders)
	}
	recs, _ := db.MemberRecords(ctx, duc.ID)
	var texts []string
	for _, r := range recs {
		texts = append(texts, r.Text)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Kỷ luật: Khiển trách, 12/03/2024 (QĐ 45-QĐ/UBKT) — Vi phạm quy chế", "Gián đoạn tuổi Đảng 01/01/2005 – 31/12/2006: Đi học nước ngoài", "Bí thư, Chi bộ 1"} {
		if !strings.Contains(all, want) {
			t.Errorf("records lack %q:\n%s", want, all)
		}
	}
	// What the rules do not allow is refused, naming the place.
	bad := writeWorkbook(t, ward, twoMembers,
		sheet{"Kỷ luật", [][]any{
			{"Số thẻ", "Mã tổ chức", "Ngày", "Hình thức"},
			{"", "C1", "01/06/2024", "Cách chức"},
			{"12345678", "", "01/06/2099", "Khiển trách"},
		}},
		sheet{"Vắng, miễn sinh hoạt", [][]any{{"Số thẻ", "Năm", "Loại", "Số tháng"}, {"87654321", 2024, "Đi chơi", 13}}},
		sheet{"Gián đoạn tuổi Đảng", [][]any{{"Số thẻ", "Từ ngày", "Đến ngày"}, {"99999999", "01/01/2005", "31/12/2004"}}},
	)
	got := errorsOf(t, openDB(t), bad)
	for _, want := range []string{
		"Kỷ luật, dòng 2, cột D (Hình thức): Cách chức không phải là hình thức kỷ luật tổ chức đảng",
		"Kỷ luật, dòng 3, cột C (Ngày): 01/06/2099 ở tương lai",
		`Vắng, miễn sinh hoạt, dòng 2, cột C (Loại): "Đi chơi" không phải là loại vắng mặt`,
		`Vắng, miễn sinh hoạt, dòng 2, cột D (Số tháng): "13" không phải là số tháng từ 0 đến 12`,
		"Gián đoạn tuổi Đảng, dòng 2, cột A (Số thẻ đảng viên): không tìm thấy đảng viên số thẻ 99999999",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
}

// TestVersion1WorkbookStillImports: a workbook as version 1 wrote it (five
// sheets, names for organisations, no codes) imports, and is written back
// in version 2 with codes and the new sheets.
func TestVersion1WorkbookStillImports(t *testing.T) {
	path := writeWorkbook(t,
		sheet{"Tổ chức", [][]any{
			{"Mã tổ chức", "Tên tổ chức", "Loại", "Trực thuộc", "Ghi chú"},
			{"", "Đảng bộ quận Sơn Trà", "Đảng bộ", "", ""},
			{"", "Đảng bộ phường Mân Thái", "Đảng bộ cơ sở", "Đảng bộ quận Sơn Trà", ""},
			{"", "Chi bộ 1", "Chi bộ", "Đảng bộ phường Mân Thái", ""},
		}},
		sheet{"Đảng viên", [][]any{
			{"Họ và tên", "Tên khai sinh", "Ngày sinh", "Giới tính", "Nơi sinh", "Dân tộc", "Tôn giáo", "Quê quán", "Quê quán mới",
				"Trình độ học vấn", "Lý luận chính trị", "Nghề nghiệp", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên", "Số lý lịch",
				"Số huy hiệu", "Chi bộ", "Trực thuộc", "Trạng thái", "Ghi chú"},
			{"Nguyễn Văn An", "", serial("01/01/1960"), "Nam", "", "Kinh", "Không", "", "", "12/12", "Trung cấp", "Hưu trí",
				serial("02/09/1985"), serial("02/09/1986"), "10000001", "000001DN", "", "Chi bộ 1", "Đảng bộ phường Mân Thái", "Đang sinh hoạt", ""},
		}},
		sheet{"Xếp loại đảng viên", [][]any{
			{"Năm", "Số thẻ đảng viên", "Số lý lịch", "Họ và tên", "Ngày sinh", "Chi bộ", "Trực thuộc", "Xếp loại", "Điểm", "Lý do không xếp loại", "Ghi chú"},
			{2024, "10000001", "000001DN", "Nguyễn Văn An", serial("01/01/1960"), "Chi bộ 1", "Đảng bộ phường Mân Thái", "Hoàn thành tốt nhiệm vụ", "", "", ""},
		}},
		sheet{"Xếp loại tổ chức", [][]any{
			{"Năm", "Mã tổ chức", "Tên tổ chức", "Trực thuộc", "Xếp loại", "Điểm", "Lý do không xếp loại", "Ghi chú"},
			{2024, "", "Chi bộ 1", "Đảng bộ phường Mân Thái", "Hoàn thành tốt nhiệm vụ", "", "", ""},
		}},
		sheet{"Khen thưởng", [][]any{
			{"Năm", "Hình thức", "Nội dung", "Số quyết định", "Ngày quyết định", "Cấp khen thưởng", "Số thẻ đảng viên", "Số lý lịch",
				"Họ và tên", "Ngày sinh", "Chi bộ", "Mã tổ chức", "Tên tổ chức", "Trực thuộc", "Ghi chú"},
			{2015, "Huy hiệu 30 năm tuổi Đảng", "Huy hiệu 30 năm tuổi Đảng", "", "", "", "10000001", "", "", "", "Chi bộ 1", "", "", "Đảng bộ phường Mân Thái", ""},
		}},
	)
	db := openDB(t)
	if got := errorsOf(t, db, path); got != "" {
		t.Fatal(got)
	}
	rows := exportRows(t, db)
	if len(rows) != len(interchange.Sheets)+1 {
		t.Errorf("the export has %d sheets", len(rows))
	}
	for _, r := range rows["Tổ chức"][1:] {
		if !domain.IsGeneratedOrgCode(r[0]) {
			t.Errorf("organisation %v exported without a code", r)
		}
	}
	if info := rows[interchange.InfoSheet]; len(info) == 0 || info[0][0] != "Phiên bản định dạng: 2" {
		t.Errorf("info sheet %v", info)
	}
	if ms := rows["Quá trình sinh hoạt"]; len(ms) != 2 || ms[1][5] != "02/09/1985" {
		t.Errorf("memberships %v", ms)
	}
	// The same file again changes nothing: organisations found by name and
	// parent though they now have codes.
	if rep, err := importFiles(t, db, false, path); err != nil || rep.Writes() {
		t.Errorf("second import: %v %+v", err, rep)
	}
}

// TestInspectShowsColumnsToMap: a sheet whose headers the format does not
// know shows each column with values under it, the required columns it
// lacks, and reads as the user maps it.
func TestInspectShowsColumnsToMap(t *testing.T) {
	path := writeWorkbook(t, sheet{"Đảng viên", [][]any{
		{"DANH SÁCH ĐẢNG VIÊN"},
		{},
		{"STT", "Tên đầy đủ", "Ngày sinh", "Ngày vào Đảng", "Chi bộ", "Người phụ trách"},
		{1, "Nguyễn Văn An", "01/01/1970", "01/01/1995", "Chi bộ 1", "Bí thư"},
		{2, "Trần Thị Bình", "02/02/1972", "03/02/2001", "Chi bộ 1", ""},
	}})
	ls, err := interchange.Inspect([]string{path}, interchange.Options{})
	if err != nil || len(ls) != 1 {
		t.Fatalf("%v %v", ls, err)
	}
	l := ls[0]
	if l.Row != 3 || !l.NeedsMapping() || strings.Join(l.Missing, ",") != "Họ và tên" || len(l.Unknown()) != 2 {
		t.Fatalf("layout %+v", l)
	}
	if c := l.Unknown()[0]; c.Letter != "B" || c.Header != "Tên đầy đủ" || strings.Join(c.Samples, ",") != "Nguyễn Văn An,Trần Thị Bình" {
		t.Errorf("column %+v", c)
	}
	m, err := interchange.ParseMapping([]string{"Tên đầy đủ=Họ tên", "Người phụ trách="})
	if err != nil {
		t.Fatal(err)
	}
	ls, _ = interchange.Inspect([]string{path}, interchange.Options{Map: m})
	if ls[0].NeedsMapping() || ls[0].Columns[1].Column != interchange.ColFullName {
		t.Errorf("mapped layout %+v", ls[0])
	}
	if ls[0].Key() != l.Key() {
		t.Error("the same headers gave another key")
	}
	b, err := interchange.ReadFile(path, interchange.Options{Map: m})
	if err != nil || len(b.Errors) != 0 || len(b.Members) != 2 || b.Members[1].Member.FullName != "Trần Thị Bình" || len(b.Warnings) != 0 {
		t.Errorf("read with the mapping: %v %v %d %v", err, b.Errors, len(b.Members), b.Warnings)
	}
}

// TestHeadersOnTwoRows: a header whose merged cells have their parts in
// the row under them ("Ngày vào Đảng" over "Dự bị" and "Chính thức") is
// read as one, whether the first row alone makes a header or not; the
// second row is not data.
func TestHeadersOnTwoRows(t *testing.T) {
	for name, rows := range map[string][][]any{
		"the first row makes a header": {
			{"STT", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "", "Chi bộ"},
			{"", "", "", "Dự bị", "Chính thức", ""},
			{1, "Nguyễn Văn An", "01/02/1970", "03/02/1995", "03/02/1996", "Chi bộ 1"},
		},
		"only both rows make a header": {
			{"Danh sách đảng viên"},
			{"STT", "Họ và tên", "Ngày tháng năm", "", "", "Chi bộ"},
			{"", "", "Sinh", "Vào Đảng", "Chính thức", ""},
			{1, "Nguyễn Văn An", "01/02/1970", "03/02/1995", "03/02/1996", "Chi bộ 1"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			x := excelize.NewFile()
			defer x.Close()
			x.SetSheetName("Sheet1", "Đảng viên")
			for i, r := range rows {
				x.SetSheetRow("Đảng viên", fmt.Sprintf("A%d", i+1), &r)
			}
			path := filepath.Join(t.TempDir(), "hai-dong.xlsx")
			if err := x.SaveAs(path); err != nil {
				t.Fatal(err)
			}
			b, err := interchange.ReadFile(path, interchange.Options{})
			if err != nil || len(b.Errors) > 0 {
				t.Fatalf("%v %v", err, b.Errors)
			}
			if len(b.Members) != 1 {
				t.Fatalf("%d members read", len(b.Members))
			}
			m := b.Members[0]
			if m.Member.FullName != "Nguyễn Văn An" || m.Member.BirthDate != domain.NewDate(1970, 2, 1) ||
				m.Member.AdmittedOn != domain.NewDate(1995, 2, 3) || m.Member.OfficialOn != domain.NewDate(1996, 2, 3) || m.Cell.Ref != "Chi bộ 1" {
				t.Errorf("read %+v", m)
			}
		})
	}
}
