package interchange_test

import (
	"reflect"
	"testing"

	"xeploai/domain"
	"xeploai/interchange"
	"xeploai/store"
)

// TestCivilServiceAndMassOrganisationColumns: the data the rules need beside
// the level — a member's civil-service rating, an organisation's government
// and unions result — is read under its usual headers, exported, read back
// unchanged, and left alone by a sheet without the column.
func TestCivilServiceAndMassOrganisationColumns(t *testing.T) {
	db := openDB(t)
	path := writeWorkbook(t,
		sheet{"Tổ chức", [][]any{
			{"Mã tổ chức", "Tên tổ chức", "Loại", "Trực thuộc"},
			{"AHB", "Đảng bộ phường An Hải Bắc", "Đảng bộ cơ sở", ""},
			{"", "Chi bộ 1", "Chi bộ", "AHB"},
		}},
		sheet{"Đảng viên", [][]any{
			{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Số thẻ", "Chi bộ"},
			{"Nguyễn Văn Đức", "12/03/1975", "19/05/2000", "12345678", "Chi bộ 1"},
			{"Trần Thị Hằng", "02/09/1980", "03/02/2010", "87654321", "Chi bộ 1"},
		}},
		sheet{"Xếp loại đảng viên", [][]any{
			{"Năm", "Số thẻ", "Xếp loại", "Xếp loại CBCCVC"},
			{2021, "12345678", "Xuất sắc", "Tốt"},
			{2021, "87654321", "Tốt", ""},
		}},
		sheet{"Xếp loại tổ chức", [][]any{
			{"Năm", "Mã tổ chức", "Xếp loại", "Chính quyền, MTTQ, đoàn thể"},
			{2021, "AHB", "Xuất sắc", "Hoàn thành nhiệm vụ"},
		}},
	)
	if rep, err := importFiles(t, db, false, path); err != nil {
		t.Fatalf("%v %v", err, rep.Errors)
	}
	check := func(db *store.DB) {
		t.Helper()
		ms, _ := db.Members(ctx, store.MemberQuery{Name: "nguyen van duc"})
		rs, _ := db.MemberRatings(ctx, ms[0].ID)
		if len(rs) != 1 || rs[0].CivilService != domain.LevelGood {
			t.Errorf("civil service %+v", rs)
		}
		o, _ := db.ResolveOrg(ctx, "AHB")
		r, _ := db.OrgRating(ctx, o.ID, 2021)
		if r == nil || r.MassOrgs != domain.LevelCompleted {
			t.Errorf("government and unions %+v", r)
		}
	}
	check(db)
	first := exportRows(t, db)
	if h := first["Xếp loại đảng viên"][0]; h[len(h)-2] != "Xếp loại công chức" {
		t.Errorf("member ratings header %v", h)
	}
	if h := first["Xếp loại tổ chức"][0]; h[len(h)-2] != "Xếp loại chính quyền, đoàn thể" {
		t.Errorf("organisation ratings header %v", h)
	}
	// A sheet without the columns leaves them alone.
	again := writeWorkbook(t, sheet{"Xếp loại đảng viên", [][]any{{"Năm", "Số thẻ", "Xếp loại"}, {2021, "12345678", "Xuất sắc"}}},
		sheet{"Xếp loại tổ chức", [][]any{{"Năm", "Mã tổ chức", "Xếp loại"}, {2021, "AHB", "Xuất sắc"}}})
	if rep, err := importFiles(t, db, false, again); err != nil || rep.MemberRatings.Changed+rep.OrgRatings.Changed != 0 {
		t.Fatalf("%v %+v", err, rep)
	}
	check(db)
	// Exported and read into an empty database: the same.
	out := t.TempDir() + "/out.xlsx"
	if err := db.View(ctx, 0, func(s *store.Snapshot) error { return interchange.WriteXLSXFile(out, s, interchange.ExportOptions{}) }); err != nil {
		t.Fatal(err)
	}
	db2 := openDB(t)
	if rep, err := importFiles(t, db2, false, out); err != nil {
		t.Fatalf("%v %v", err, rep.Errors)
	}
	check(db2)
	if !reflect.DeepEqual(first, exportRows(t, db2)) {
		t.Error("the round trip changed the data")
	}
}
