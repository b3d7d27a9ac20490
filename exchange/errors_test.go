package exchange_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xeploai/exchange"
	"xeploai/store"
)

// TestOneRunListsEveryError: a messy workbook is refused with every error
// of every row in one run, in the order of the file — a cell that cannot
// be read does not hide what else is wrong with its row, nor a row that
// cannot be read the rows that name it — and nothing is written.
func TestOneRunListsEveryError(t *testing.T) {
	db := fill(t, 150, 3)
	before := figures(t, db)

	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "Tổ chức")
	x.SetSheetRow("Tổ chức", "A1", &[]any{"Mã tổ chức", "Tên tổ chức", "Loại", "Trực thuộc", "Ngày thành lập"})
	x.SetSheetRow("Tổ chức", "A2", &[]any{"CBMOI", "Chi bộ Mới", "Chi bộ", "", "30/02/2020"})
	x.NewSheet("Đảng viên")
	x.SetSheetRow("Đảng viên", "A1", &[]any{"Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên", "Chi bộ"})
	x.SetSheetRow("Đảng viên", "A2", &[]any{"Trần Văn Một", "31/02/1980", "abc", "03/02/2010", "03/02/2009", "99000001", "KHONGCO"})
	x.SetSheetRow("Đảng viên", "A3", &[]any{"", "01/01/1980", "Nam", "01/01/2005", "", "99000001", "KHONGCO2"})
	x.SetSheetRow("Đảng viên", "A4", &[]any{"Lê Thị Ba", "02/02/1985", "Nữ", "01/01/2030", "", "99000003", "CBMOI"})
	x.NewSheet("Xếp loại đảng viên")
	x.SetSheetRow("Xếp loại đảng viên", "A1", &[]any{"Năm", "Số thẻ đảng viên", "Xếp loại"})
	x.SetSheetRow("Xếp loại đảng viên", "A2", &[]any{"2024", "99000003", "Hoàn thành tốt nhiệm vụ"})
	x.SetSheetRow("Xếp loại đảng viên", "A3", &[]any{"20x4", "99000404", "Tốt lắm"})
	x.SetSheetRow("Xếp loại đảng viên", "A4", &[]any{"2024", "99000003", "Hoàn thành nhiệm vụ"})
	path := filepath.Join(t.TempDir(), "lộn xộn.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	rep, err := exchange.Import(ctx, db, []string{path}, exchange.ImportOptions{})
	if err == nil {
		t.Fatal("a messy workbook was imported")
	}
	var got []string
	for _, e := range rep.Errors {
		got = append(got, e.Error())
	}
	want := []string{
		`Tổ chức, dòng 2, cột E (Ngày thành lập): ngày "30/02/2020" không tồn tại`,
		`Đảng viên, dòng 2, cột B (Ngày sinh): ngày "31/02/1980" không tồn tại`,
		`Đảng viên, dòng 2, cột C (Giới tính): "abc" không phải là giới tính (Nam hoặc Nữ)`,
		`Đảng viên, dòng 2, cột E (Ngày chính thức): 03/02/2009 trước ngày vào Đảng 03/02/2010`,
		`Đảng viên, dòng 2, cột G (Chi bộ): không tìm thấy tổ chức "KHONGCO"`,
		`Đảng viên, dòng 3, cột A (Họ và tên): không được để trống`,
		`Đảng viên, dòng 3, cột F (Số thẻ đảng viên): 99000001 trùng với dòng 2`,
		`Đảng viên, dòng 3, cột G (Chi bộ): không tìm thấy tổ chức "KHONGCO2"`,
		`Đảng viên, dòng 4, cột D (Ngày vào Đảng): 01/01/2030 ở tương lai`,
		`Đảng viên, dòng 4, cột G (Chi bộ): tổ chức "CBMOI" ở trang Tổ chức, dòng 2 có lỗi; hãy sửa dòng đó`,
		// the rating's own fault, checked against the member as the
		// refused row gives them
		`Xếp loại đảng viên, dòng 2, cột A (Năm): xếp loại năm 2024 trước năm vào Đảng (01/01/2030)`,
		`Xếp loại đảng viên, dòng 2, cột B (Số thẻ đảng viên): đảng viên số thẻ 99000003 ở trang Đảng viên, dòng 4 có lỗi; hãy sửa dòng đó`,
		`Xếp loại đảng viên, dòng 3, cột A (Năm):`,
		`Xếp loại đảng viên, dòng 3, cột B (Số thẻ đảng viên): không tìm thấy đảng viên số thẻ 99000404`,
		`Xếp loại đảng viên, dòng 3, cột C (Xếp loại):`,
		// a second rating of the year, though its member's row is refused
		`Xếp loại đảng viên, dòng 4, cột A (Năm): đảng viên này đã có xếp loại năm 2024 ở dòng 2`,
		`Xếp loại đảng viên, dòng 4, cột A (Năm): xếp loại năm 2024 trước năm vào Đảng (01/01/2030)`,
		`Xếp loại đảng viên, dòng 4, cột B (Số thẻ đảng viên): đảng viên số thẻ 99000003 ở trang Đảng viên, dòng 4 có lỗi; hãy sửa dòng đó`,
	}
	if len(got) != len(want) {
		t.Errorf("%d errors, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range min(len(got), len(want)) {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d:\n got %s\nwant %s", i+1, got[i], want[i])
		}
	}
	sameFigures(t, before, figures(t, db))
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}

// TestAWrongLevelIsTheOnlyErrorOfItsRow: a rating row whose level cannot
// be read, in a sheet without a score column, is refused for its level
// alone — not for the score the database holds, which the file does not
// give.
func TestAWrongLevelIsTheOnlyErrorOfItsRow(t *testing.T) {
	db := fill(t, 150, 3)
	ms, err := db.Members(ctx, store.MemberQuery{Limit: 150})
	if err != nil {
		t.Fatal(err)
	}
	var card string
	var year int
	for _, m := range ms {
		rs, _ := db.MemberRatings(ctx, m.ID)
		for _, r := range rs {
			if r.Score != nil && m.CardNo != "" {
				card, year = m.CardNo, r.Year
			}
		}
	}
	if card == "" {
		t.Fatal("no scored rating in the demo")
	}
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "Xếp loại đảng viên")
	x.SetSheetRow("Xếp loại đảng viên", "A1", &[]any{"Năm", "Số thẻ đảng viên", "Xếp loại"})
	x.SetSheetRow("Xếp loại đảng viên", "A2", &[]any{year, card, "Tốt lắm"})
	path := filepath.Join(t.TempDir(), "muc.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	rep, err := exchange.Import(ctx, db, []string{path}, exchange.ImportOptions{})
	if err == nil || len(rep.Errors) != 1 || rep.Errors[0].Field != "Xếp loại" {
		t.Errorf("errors %v", rep.Errors)
	}
}
