package interchange_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xeploai/interchange"
)

// TestSheetsToldByTheirHeader: a workbook's "Sheet1" or a CSV file not
// named after its sheet is read as the sheet its header row is (with a
// warning that says so); one whose header is no sheet's is passed over, or
// refused for a CSV file; a mapping given for its columns counts.
func TestSheetsToldByTheirHeader(t *testing.T) {
	book := writeWorkbook(t,
		sheet{"Sheet1", [][]any{
			{"DANH SÁCH ĐẢNG VIÊN"},
			{"STT", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Chi bộ"},
			{1, "Nguyễn Văn An", serial("1970-03-12"), "Nam", serial("1995-05-19"), "Chi bộ 1"},
		}},
		sheet{"Sheet2", [][]any{
			{"Năm", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Xếp loại"},
			{2024, "", "Nguyễn Văn An", serial("1970-03-12"), "Hoàn thành tốt nhiệm vụ"},
		}},
		sheet{"Ghi chú", [][]any{{"Người lập", "Ngày lập"}, {"Trần B", "01/01/2025"}}},
	)
	b, err := interchange.ReadFile(book, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Members) != 1 || len(b.MemberRatings) != 1 || len(b.Errors) != 0 {
		t.Errorf("members %d, ratings %d, errors %v", len(b.Members), len(b.MemberRatings), b.Errors)
	}
	warnings := strings.Join(b.Warnings, "\n")
	for _, w := range []string{`"Sheet1" được đọc như trang "Đảng viên"`, `"Sheet2" được đọc như trang "Xếp loại đảng viên"`, `bỏ qua trang tính "Ghi chú"`} {
		if !strings.Contains(warnings, w) {
			t.Errorf("warnings lack %q:\n%s", w, warnings)
		}
	}

	dir := t.TempDir()
	csv := filepath.Join(dir, "DS dang vien 2025.csv")
	os.WriteFile(csv, []byte("Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\nNguyễn Văn An,12/03/1970,19/05/1995,Chi bộ 1\n"), 0o600)
	b, err = interchange.ReadFile(csv, interchange.Options{})
	if err != nil || len(b.Members) != 1 || !strings.Contains(strings.Join(b.Warnings, "\n"), `được đọc như trang "Đảng viên"`) {
		t.Errorf("CSV told by its header: %v %+v", err, b)
	}

	// A column the format does not know is no header until mapped.
	odd := filepath.Join(dir, "tong hop.csv")
	os.WriteFile(odd, []byte("Tên đầy đủ,Ngày sinh,Ngày vào Đảng,Chi bộ\nNguyễn Văn An,12/03/1970,19/05/1995,Chi bộ 1\n"), 0o600)
	if _, err := interchange.ReadFile(odd, interchange.Options{}); err == nil || !strings.Contains(err.Error(), "là trang nào") {
		t.Errorf("CSV with no sheet's header: %v", err)
	}
	m, err := interchange.ParseMapping([]string{"Tên đầy đủ=Họ và tên"})
	if err != nil {
		t.Fatal(err)
	}
	b, err = interchange.ReadFile(odd, interchange.Options{Map: m})
	if err != nil || len(b.Members) != 1 {
		t.Errorf("CSV told by its mapped header: %v %+v", err, b)
	}
	// A header that is most of the members' and, by chance, all of a
	// weaker sheet's (memberships: a cell and a card number) is not read
	// as the weaker one.
	partial := filepath.Join(dir, "x.csv")
	os.WriteFile(partial, []byte("Tên đầy đủ,Ngày sinh,Chi bộ,Ngày vào Đảng,Số thẻ\nNguyễn Văn An,12/03/1970,Chi bộ 1,19/05/1995,123\n"), 0o600)
	if b, err := interchange.ReadFile(partial, interchange.Options{}); err == nil {
		t.Errorf("a members' header lacking a name was read: %d members, %d memberships", len(b.Members), len(b.Memberships))
	}
	if ls, err := interchange.Inspect([]string{partial}, interchange.Options{}); err != nil || len(ls) != 1 || ls[0].Kind != interchange.SheetMembers {
		t.Errorf("inspected %v %v", ls, err)
	}

	ls, err := interchange.Inspect([]string{odd, book}, interchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, l := range ls {
		kinds = append(kinds, l.Sheet+"="+l.Kind.Name())
	}
	if got := strings.Join(kinds, ", "); got != "tong hop=Đảng viên, Sheet1=Đảng viên, Sheet2=Xếp loại đảng viên" {
		t.Errorf("inspected: %s", got)
	}
	// The file whose header is most of the members' asks for the mapping
	// that completes it.
	if len(ls) > 0 && (!ls[0].NeedsMapping() || !strings.Contains(strings.Join(ls[0].Missing, ","), "Họ và tên")) {
		t.Errorf("the layout of %s: missing %v, needs mapping %v", ls[0].File, ls[0].Missing, ls[0].NeedsMapping())
	}
}
