package interchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
	"xeploai/xlsx"
)

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\nNguyễn Văn A,01/01/1970,2/3/1995,Chi bộ 1\n"))
	f.Add([]byte("\xef\xbb\xbfTIÊU ĐỀ\n\nHO VA TEN;NGAY SINH;NGAY VAO DANG;CHI BO;Số thẻ\n\"A\";1/1/1970;1/1/1995;X;1.2E7\n"))
	f.Add([]byte("Năm,Số thẻ,Xếp loại,Điểm\n2021,123,Tốt,85\n2021,123,,101\n"))
	f.Add([]byte("\"unterminated\n,,,\x00"))
	for _, s := range Sheets {
		f.Add([]byte(strings.Join(Columns(s), ",") + "\n" + s.Name()))
	}
	f.Add([]byte("Ngày,Sự kiện,Mã tổ chức,Tên mới\n01/02/2020,Đổi tên,AHB,Chi bộ 2\n"))
	f.Add([]byte("Số thẻ,Năm,Loại,Số tháng\n123,2021,Nghỉ ốm,\"3,5\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, s := range Sheets {
			name := s.Name()
			b, err := ReadCSV(bytes.NewReader(data), name, Options{})
			if err != nil {
				if domain.ErrorCode(err) != domain.EINVALID {
					t.Fatalf("%s: error %v is not a user error", name, err)
				}
				continue
			}
			errorRows := map[int]bool{}
			for _, e := range b.Errors {
				if e.Sheet != name || e.Message == "" {
					t.Fatalf("error without place or message: %+v", e)
				}
				errorRows[e.Row] = true
			}
			for _, m := range b.Members {
				if m.Src.Bad() != errorRows[m.Src.Row] {
					t.Fatalf("row %d: marked bad %v, its errors %v", m.Src.Row, m.Src.Bad(), errorRows[m.Src.Row])
				}
			}
			// A row with a cell that could not be read is kept to be
			// checked further, marked and never written.
			for _, m := range b.Members {
				if !m.Src.Bad() && (m.Member.FullName == "" || m.Member.BirthDate.IsZero() || m.Cell.Ref == "") {
					t.Fatalf("member row without required fields accepted: %+v", m)
				}
			}
			for _, r := range b.MemberRatings {
				if !r.Src.Bad() && r.Rating.Level == domain.LevelNone && r.Rating.NotRatedReason == "" {
					t.Fatalf("rating without level or reason accepted: %+v", r)
				}
			}
		}
	})
}

func FuzzHeader(f *testing.F) {
	f.Add("STT|Họ và tên|Ngày sinh|Ngày vào Đảng|Chi bộ")
	f.Add("HO TEN|NGAY THANG NAM SINH|Ngày kết nạp|chi_bo|x")
	f.Add("||||")
	f.Fuzz(func(t *testing.T, line string) {
		var cells []cell
		for _, v := range strings.Split(line, "|") {
			cells = append(cells, cell{Value: v, Kind: xlsx.Text})
		}
		tr := newReading(Options{}).newTable(SheetMembers, "Đảng viên", false)
		tr.add(1, cells)
		if !tr.header {
			return
		}
		for canon, i := range tr.cols {
			if headerKeys[SheetMembers][domain.FoldKey(cells[i].Value)] != canon {
				t.Fatalf("column %d %q mapped to %q", i, cells[i].Value, canon)
			}
			if tr.letters[canon] != xlsx.ColumnName(i) {
				t.Fatalf("letter of %q is %q, want %q", canon, tr.letters[canon], xlsx.ColumnName(i))
			}
		}
		for _, req := range []string{ColFullName, ColBirthDate, ColAdmitted, ColCell} {
			if _, ok := tr.cols[req]; !ok {
				t.Fatalf("header accepted without %s: %q", req, line)
			}
		}
	})
}

// FuzzReadXLSX feeds mutated workbooks to the .xlsx reader: it must answer
// with batch errors or a user's error, never panic or hang.
func FuzzReadXLSX(f *testing.F) {
	for _, rows := range [][][]any{
		{{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"}, {"Nguyễn Văn A", 25569.0, "2/3/1995", "Chi bộ 1"}},
		{{"TIÊU ĐỀ"}, {"Năm", "Số thẻ", "Xếp loại"}, {2021.0, "123", "Tốt"}},
	} {
		x := excelize.NewFile()
		x.SetSheetName("Sheet1", "Đảng viên")
		for r, row := range rows {
			for c, v := range row {
				axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
				x.SetCellValue("Đảng viên", axis, v)
			}
		}
		x.MergeCell("Đảng viên", "A1", "B1")
		var buf bytes.Buffer
		x.Write(&buf)
		f.Add(buf.Bytes())
	}
	f.Add([]byte("PK\x03\x04garbage"))
	// Lower unpacking limits keep each input fast; the limits themselves are
	// tested by TestHostileWorkbooks.
	xlsxLimits.Unzipped, xlsxLimits.Part = 4<<20, 1<<20
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadXLSXFrom(bytes.NewReader(data), int64(len(data)), "fuzz.xlsx", Options{})
		if err != nil {
			if domain.ErrorCode(err) != domain.EINVALID {
				t.Fatalf("error %v is not a user error", err)
			}
			return
		}
		for _, e := range b.Errors {
			if e.Sheet == "" || e.Message == "" {
				t.Fatalf("error without place or message: %+v", e)
			}
		}
	})
}
