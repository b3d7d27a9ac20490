package interchange_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xeploai/interchange"
)

// TestAFileThatIsNoWorkbookSaysWhatItIs: a file named .xlsx that is not
// one is refused with what it is and what to do, in Vietnamese, by the
// reading and by the column inspection alike.
func TestAFileThatIsNoWorkbookSaysWhatItIs(t *testing.T) {
	for _, c := range []struct {
		name, content, want string
	}{
		{"csv.xlsx", "Họ và tên,Ngày sinh\nA,01/01/1970\n", "một tệp văn bản (có thể là CSV: hãy đổi đuôi tệp thành .csv)"},
		{"pdf.xlsx", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "một tệp PDF"},
		{"cu.xlsx", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "một tệp Office cũ (Excel 97–2003 .xls hay Word .doc)"},
		{"web.xlsx", "\xef\xbb\xbf  <html><body><table>", "một trang web (HTML hay XML"},
		{"zip.xlsx", "PK\x03\x04\x14\x00\x00\x00", "một tệp nén khác"},
		{"rong.xlsx", "", "một tệp rỗng"},
	} {
		path := filepath.Join(t.TempDir(), c.name)
		os.WriteFile(path, []byte(c.content), 0o600)
		want := c.name + " không phải là bảng tính Excel .xlsx mà là " + c.want
		if _, err := interchange.ReadFile(path, interchange.Options{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("read %s: %v, want %q", c.name, err, want)
		}
		if _, err := interchange.Inspect([]string{path}, interchange.Options{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("inspect %s: %v, want %q", c.name, err, want)
		}
	}
}

// TestAShiftedCSVLineIsRefused: a CSV line with more fields than its
// header (a comma in a value not in quotes) has its values in the wrong
// columns: it is an error naming the line, never stored shifted.
func TestAShiftedCSVLineIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Đảng viên.csv")
	os.WriteFile(path, []byte("Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ,Quê quán,Ghi chú\n"+
		"Nguyễn Văn An,01/01/1970,01/01/1995,Chi bộ 1,\"Tam Kỳ, Quảng Nam\",ok\n"+
		"Lê Thị Bình,01/01/1971,01/01/1996,Chi bộ 1,Giao Thủy, Nam Định,\n"+
		"Trần Văn Cường,01/01/1972,01/01/1997,Chi bộ 1,Huế,ghi, chú\n"), 0o600)
	b, err := interchange.ReadFile(path, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range b.Errors {
		got = append(got, e.Error())
	}
	want := []string{
		"Đảng viên, dòng 3: dòng có 7 ô, dòng tiêu đề có 6: các giá trị bị lệch cột",
		"Đảng viên, dòng 4: dòng có 7 ô, dòng tiêu đề có 6: các giá trị bị lệch cột",
	}
	if len(got) != len(want) {
		t.Fatalf("errors %q", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %q, want %q…", got[i], want[i])
		}
	}
}

// TestValuesRightOfTheHeaderAreReported: values a workbook has right of
// its header's last column are not read silently.
func TestValuesRightOfTheHeaderAreReported(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "Đảng viên")
	x.SetSheetRow("Đảng viên", "A1", &[]any{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"})
	x.SetSheetRow("Đảng viên", "A2", &[]any{"Nguyễn Văn An", "01/01/1970", "01/01/1995", "Chi bộ 1"})
	x.SetSheetRow("Đảng viên", "A3", &[]any{"Lê Thị Bình", "01/01/1971", "01/01/1996", "Chi bộ 1", "Khu phố 2", "thêm"})
	x.SetSheetRow("Đảng viên", "A4", &[]any{"Trần Văn Cường", "01/01/1972", "01/01/1997", "Chi bộ 1", "x"})
	path := filepath.Join(t.TempDir(), "thua.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	b, err := interchange.ReadFile(path, interchange.Options{})
	if err != nil || len(b.Errors) > 0 {
		t.Fatalf("%v %v", err, b.Errors)
	}
	want := "Đảng viên: 2 dòng có giá trị ở bên phải các cột tiêu đề (đầu tiên: dòng 3, cột E, F), không được đọc"
	if got := strings.Join(b.Warnings, "\n"); !strings.Contains(got, want) {
		t.Errorf("warnings:\n%s\nwant %q", got, want)
	}
}

// TestFormulasNeverCalculated: a workbook a program wrote with formulas
// but not their values (Excel never saved it) is refused cell by cell,
// not read as empty cells.
func TestFormulasNeverCalculated(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "Đảng viên")
	x.SetSheetRow("Đảng viên", "A1", &[]any{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ", "Số thẻ đảng viên", "Ghi chú"})
	x.SetSheetRow("Đảng viên", "A2", &[]any{"Nguyễn Văn An", "01/01/1970", "01/01/1995", "Chi bộ 1"})
	x.SetCellFormula("Đảng viên", "E2", `="1000"&"0001"`)
	x.SetCellFormula("Đảng viên", "F2", `=UPPER("ghi chú")`)
	path := filepath.Join(t.TempDir(), "congthuc.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	b, err := interchange.ReadFile(path, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range b.Errors {
		got = append(got, e.Error())
	}
	want := []string{
		"Đảng viên, dòng 2, cột E (Số thẻ đảng viên): ô có công thức chưa được tính ra giá trị",
		"Đảng viên, dòng 2, cột F (Ghi chú): ô có công thức chưa được tính ra giá trị",
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], want[0]) || !strings.HasPrefix(got[1], want[1]) {
		t.Errorf("errors %q", got)
	}
}

// TestTabsBarsAndUTF16: Excel's "Text (Tab delimited)" and "Unicode Text"
// (UTF-16 with tabs) saved as .csv, and bar-separated files, read as CSV.
func TestTabsBarsAndUTF16(t *testing.T) {
	text := func(sep string) string {
		return strings.Join([]string{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"}, sep) + "\r\n" +
			strings.Join([]string{"Nguyễn Văn Đức", "12/03/1975", "19/05/2000", "Chi bộ 1, Khối phố 2"}, sep) + "\r\n"
	}
	utf16 := func(s string, bom bool) []byte {
		var b []byte
		if bom {
			b = []byte{0xff, 0xfe}
		}
		for _, r := range s { // the test's text is within the BMP
			b = append(b, byte(r), byte(r>>8))
		}
		return b
	}
	for name, data := range map[string][]byte{
		"tab":          []byte(text("\t")),
		"bar":          []byte(text("|")),
		"UTF-16 + BOM": utf16(text("\t"), true),
		"UTF-16":       utf16(text(","), false),
	} {
		if name == "UTF-16" {
			data = utf16(strings.Replace(text(","), "Chi bộ 1, Khối phố 2", `"Chi bộ 1, Khối phố 2"`, 1), false)
		}
		path := filepath.Join(t.TempDir(), "Đảng viên.csv")
		os.WriteFile(path, data, 0o600)
		b, err := interchange.ReadFile(path, interchange.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(b.Errors) > 0 || len(b.Members) != 1 {
			t.Fatalf("%s: %v %d members", name, b.Errors, len(b.Members))
		}
		if m := b.Members[0]; m.Member.FullName != "Nguyễn Văn Đức" || m.Cell.Ref != "Chi bộ 1, Khối phố 2" {
			t.Errorf("%s: %+v", name, m)
		}
	}
}
