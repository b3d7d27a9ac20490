package interchange

import (
	"slices"
	"strings"
	"testing"

	"xeploai/domain"
)

// TestCSVLineEndsAndBrokenText: the line endings Excel writes on each
// system read the same rows, and a file that cannot be read says what is
// wrong on which row rather than something else.
func TestCSVLineEndsAndBrokenText(t *testing.T) {
	rows := []string{"Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ", "Nguyễn Văn Đức,01/02/1970,03/04/1995,Chi bộ 1", "\"Lê Thị\nHoa\",05/06/1980,07/08/2000,Chi bộ 2"}
	for _, c := range []struct{ name, sep string }{{"LF", "\n"}, {"CRLF", "\r\n"}, {"CR alone (CSV Macintosh)", "\r"}} {
		t.Run(c.name, func(t *testing.T) {
			b, err := ReadCSV(strings.NewReader(strings.Join(rows, c.sep)+c.sep), "Đảng viên", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Errors) > 0 || len(b.Members) != 2 {
				t.Fatalf("%d members, errors %v", len(b.Members), b.Errors)
			}
			if got := b.Members[1].Member.FullName; got != "Lê Thị Hoa" {
				t.Errorf("the cell with a line break reads %q", got)
			}
			if got := b.Members[1].Cell.Ref; got != "Chi bộ 2" {
				t.Errorf("second row's cell %q", got)
			}
		})
	}
	for _, c := range []struct{ name, data, want string }{
		{"invalid UTF-8 in one row", "Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\nNguyễn Văn Đức,01/02/1970,03/04/1995,Chi bộ 1\nTr\xe1\xba n Văn An,01/02/1970,03/04/1995,Chi bộ 1\n", "dòng 3: có ký tự không phải UTF-8"},
		{"an unclosed quote", "Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\nNguyễn Văn Đức,01/02/1970,03/04/1995,Chi bộ 1\n\"Trần Văn An,01/02/1970,03/04/1995,Chi bộ 1\nLê Văn Bình,01/02/1970,03/04/1995,Chi bộ 1\n", "dòng 3: dấu ngoặc kép"},
		{"an unclosed quote after CR line ends", "Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\rA,01/02/1970,03/04/1995,Chi bộ 1\rB,01/02/1970,03/04/1995,\"Chi bộ 1\rC,01/02/1970,03/04/1995,Chi bộ 1\r", "dòng 3: dấu ngoặc kép"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(c.data), "Đảng viên", Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) || domain.ErrorCode(err) != domain.EINVALID {
				t.Errorf("got %v, want a message with %q", err, c.want)
			}
		})
	}
}

// TestCSVRowsAreNumberedAsASpreadsheetShowsThem: a cell holding line
// breaks is one row in Excel, so the rows after it are named by the row
// Excel shows, not by the file's line.
func TestCSVRowsAreNumberedAsASpreadsheetShowsThem(t *testing.T) {
	data := "Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ,Ghi chú\n" +
		"Nguyễn Văn Đức,01/02/1970,03/04/1995,Chi bộ 1,\"chuyển đến\ntừ quận khác\nnăm 2020\"\n" +
		"Trần Văn An,31/02/1970,03/04/1995,Chi bộ 1,\n" +
		"Lê Thị Hoa,05/06/1980,07/08/2000,Chi bộ 2,\"hai\r\ndòng\"\n" +
		"Phạm Văn Bình,01/13/1975,07/08/2000,Chi bộ 2,\n"
	b, err := ReadCSV(strings.NewReader(data), "Đảng viên", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var rows []int
	for _, e := range b.Errors {
		rows = append(rows, e.Loc.Row)
	}
	if len(rows) != 2 || rows[0] != 3 || rows[1] != 5 {
		t.Errorf("the wrong dates are said at rows %v (errors %v), want rows 3 and 5 as Excel shows them", rows, b.Errors)
	}
	var read []int
	for _, m := range b.Members {
		read = append(read, m.Src.Row)
	}
	if !slices.Equal(read, []int{2, 3, 4, 5}) {
		t.Errorf("the members are read from rows %v, want 2 3 4 5", read)
	}
}
