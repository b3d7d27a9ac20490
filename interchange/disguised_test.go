package interchange_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// TestValuesRightOfTheHeaderAreReported: a CSV line with more fields than
// the header (a comma not in quotes) is not read silently.
func TestValuesRightOfTheHeaderAreReported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Đảng viên.csv")
	os.WriteFile(path, []byte("Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\n"+
		"Nguyễn Văn An,01/01/1970,01/01/1995,Chi bộ 1\n"+
		"Lê Thị Bình,01/01/1971,01/01/1996,Chi bộ 1,Khu phố 2,thêm\n"+
		"Trần Văn Cường,01/01/1972,01/01/1997,Chi bộ 1,x\n"), 0o600)
	b, err := interchange.ReadFile(path, interchange.Options{})
	if err != nil || len(b.Errors) > 0 {
		t.Fatalf("%v %v", err, b.Errors)
	}
	want := "Đảng viên: 2 dòng có giá trị ở bên phải các cột tiêu đề (đầu tiên: dòng 3, cột E, F), không được đọc"
	if got := strings.Join(b.Warnings, "\n"); !strings.Contains(got, want) {
		t.Errorf("warnings:\n%s\nwant %q", got, want)
	}
}
