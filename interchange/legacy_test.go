package interchange_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
	"xeploai/interchange"
	"xeploai/store"
)

// TestOldVietnameseEncodings reads a workbook typed before Unicode: names
// in TCVN3 under the .VnTime font (one in the capitals font .VnTimeH),
// home towns in VNI-Windows under an ordinary font (told by their letters),
// the cells' names in TCVN3 in the organisations sheet; beside them a
// column in Unicode and notes in English with accents. The old text is
// converted and reported with samples; Unicode and English are not touched.
func TestOldVietnameseEncodings(t *testing.T) {
	x := excelize.NewFile()
	org := "Tổ chức"
	x.SetSheetName("Sheet1", org)
	x.SetSheetRow(org, "A1", &[]any{"Tên tổ chức", "Loại", "Trực thuộc"})
	x.SetSheetRow(org, "A2", &[]any{"§¶ng bé ph\u00adêng An H¶i B¾c", "Đảng bộ cơ sở", ""})
	x.SetSheetRow(org, "A3", &[]any{"Chi bé Khu d©n c\u00ad sè 12", "Chi bộ", "§¶ng bé ph\u00adêng An H¶i B¾c"})
	sh := "Đảng viên"
	x.NewSheet(sh)
	x.SetSheetRow(sh, "A1", &[]any{"Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Chi bộ", "Quê quán", "Nghề nghiệp", "Ghi chú"})
	rows := [][]any{
		{"NguyÔn V¨n §øc", "12/03/1975", "19/05/2000", "Chi bé Khu d©n c\u00ad sè 12", "Hoøa Vang, Ñaø Naüng", "Giáo viên", "Café meeting – naïve résumé"},
		{"TrÇn ThÞ H»ng", "02/09/1980", "03/02/2010", "Chi bé Khu d©n c\u00ad sè 12", "Bình Sôn, Quaûng Ngaõi", "Cán bộ, công chức", "Zürich"},
		{"NGUYÔN V¡N AN", "01/01/1960", "02/09/1985", "Chi bé Khu d©n c\u00ad sè 12", "Hueá", "Hưu trí", "See notes"},
	}
	for i, r := range rows {
		x.SetSheetRow(sh, "A"+string(rune('2'+i)), &r)
	}
	vn, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Family: ".VnTime"}})
	vnH, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Family: ".VnTimeH"}})
	x.SetCellStyle(sh, "A2", "A3", vn)
	x.SetCellStyle(sh, "A4", "A4", vnH)
	path := filepath.Join(t.TempDir(), "cu.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	db := openDB(t)
	rep, err := importFiles(t, db, true, path)
	if err != nil {
		t.Fatalf("%v %v", err, rep.Errors)
	}
	var convs []string
	for _, c := range rep.Conversions {
		convs = append(convs, c.String())
	}
	all := strings.Join(convs, "\n")
	for _, want := range []string{
		`Tổ chức, cột A (Tên tổ chức): 2 ô viết bằng bảng mã TCVN3 (ABC)`,
		`Đảng viên, cột A (Họ và tên): 3 ô viết bằng bảng mã TCVN3 (ABC) đã được chuyển sang Unicode, ví dụ “NguyÔn V¨n §øc” → “Nguyễn Văn Đức”`,
		`Đảng viên, cột E (Quê quán): 3 ô viết bằng bảng mã VNI-Windows`,
		`“Hoøa Vang, Ñaø Naüng” → “Hòa Vang, Đà Nẵng”`,
		// the soft hyphen TCVN3 writes "ư" with is shown; a sample is given once
		`Chi bộ): 3 ô viết bằng bảng mã TCVN3 (ABC) đã được chuyển sang Unicode, ví dụ “Chi bé Khu d©n c- sè 12” → “Chi bộ Khu dân cư số 12”` + "\n",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("conversions lack %q:\n%s", want, all)
		}
	}
	for _, c := range rep.Conversions {
		if c.Field == interchange.ColNote || c.Field == interchange.ColOccupation {
			t.Errorf("converted %s", c)
		}
	}
	if _, err := importFiles(t, db, false, path); err != nil {
		t.Fatal(err)
	}
	got := map[string]domain.Member{}
	ms, _ := db.Members(ctx, store.MemberQuery{Limit: 10})
	for _, m := range ms {
		got[m.FullName] = m
	}
	for name, home := range map[string]string{"Nguyễn Văn Đức": "Hòa Vang, Đà Nẵng", "Trần Thị Hằng": "Bình Sơn, Quảng Ngãi", "NGUYỄN VĂN AN": "Huế"} {
		m, ok := got[name]
		if !ok {
			t.Errorf("no member %q among %v", name, ms)
			continue
		}
		if m.HomeTown != home {
			t.Errorf("%s: home town %q", name, m.HomeTown)
		}
	}
	if m := got["Nguyễn Văn Đức"]; m.Note != "Café meeting – naïve résumé" || m.Occupation != "Giáo viên" {
		t.Errorf("Unicode or English touched: %q %q", m.Occupation, m.Note)
	}
	if m := got["Trần Thị Hằng"]; m.Note != "Zürich" {
		t.Errorf("English touched: %q", m.Note)
	}
	tree, _ := db.Tree(ctx, domain.Date{})
	if p := tree.Path(got["Nguyễn Văn Đức"].CellID); p != "Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số 12" {
		t.Errorf("cell %q", p)
	}
}

// TestOldEncodingInCSV tells VNI-Windows in a CSV file (no fonts there) by
// its letters, and leaves a Unicode file alone.
func TestOldEncodingInCSV(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Tổ chức.csv")
	os.WriteFile(p, []byte("Tên tổ chức,Loại,Trực thuộc\nÑaûng boä phöôøng Thoï Quang,Đảng bộ cơ sở,\nChi boä Toå daân phoá 3,Chi bộ,Ñaûng boä phöôøng Thoï Quang\n"), 0o600)
	b, err := interchange.ReadFile(p, interchange.Options{})
	if err != nil || len(b.Errors) > 0 {
		t.Fatalf("%v %v", err, b.Errors)
	}
	if len(b.Orgs) != 2 || b.Orgs[0].Org.Name != "Đảng bộ phường Thọ Quang" || b.Orgs[1].Org.Name != "Chi bộ Tổ dân phố 3" || b.Orgs[1].Parent != "Đảng bộ phường Thọ Quang" {
		t.Errorf("orgs %+v", b.Orgs)
	}
	if len(b.Conversions) != 2 || b.Conversions[0].Encoding != "VNI-Windows" {
		t.Errorf("conversions %+v", b.Conversions)
	}
	u := filepath.Join(dir, "Đảng viên.csv")
	os.WriteFile(u, []byte("Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ,Quê quán\nTô Hoài,01/01/1960,02/09/1985,X,Hà Nội\nLê Hà,01/01/1961,02/09/1986,X,Huế\n"), 0o600)
	b, err = interchange.ReadFile(u, interchange.Options{})
	if err != nil || len(b.Conversions) != 0 || b.Members[0].Member.FullName != "Tô Hoài" || b.Members[1].Member.FullName != "Lê Hà" {
		t.Errorf("Unicode file: %v %+v %+v", err, b.Conversions, b.Members)
	}
}

// TestOldEncodingInColumnsWithoutLettersOfItsOwn: TCVN3 text without a
// font to tell it (a CSV file) is converted in the columns whose letters
// are common to Latin-1 too ("Chi bé Khèi phè 5" is "Chi bộ Khối phố 5"),
// since the sheet's other columns show the encoding; toned capitals,
// which TCVN3 types lowercase, are capitals again.
func TestOldEncodingInColumnsWithoutLettersOfItsOwn(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Đảng viên.csv")
	os.WriteFile(p, []byte("Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ,Trực thuộc\n"+
		"NguyÔn V¨n §øc,12/03/1975,19/05/2000,Chi bé Khèi phè 5,§¶ng bé ph\u00adêng Hßa C\u00adêng B¾c\n"+
		"Lª ThÞ Ên,02/09/1980,03/02/2010,Chi bé Khèi phè 5,§¶ng bé ph\u00adêng Hßa C\u00adêng B¾c\n"+
		"NGUYÔN V¡N §øC,01/01/1960,02/09/1985,Chi bé Tæ d©n phè 3,§¶ng bé ph\u00adêng Hßa C\u00adêng B¾c\n"), 0o600)
	b, err := interchange.ReadFile(p, interchange.Options{})
	if err != nil || len(b.Errors) > 0 {
		t.Fatalf("%v %v", err, b.Errors)
	}
	want := [][3]string{
		{"Nguyễn Văn Đức", "Chi bộ Khối phố 5", "Đảng bộ phường Hòa Cường Bắc"},
		{"Lê Thị Ấn", "Chi bộ Khối phố 5", "Đảng bộ phường Hòa Cường Bắc"},
		{"NGUYỄN VĂN ĐỨC", "Chi bộ Tổ dân phố 3", "Đảng bộ phường Hòa Cường Bắc"},
	}
	if len(b.Members) != len(want) {
		t.Fatalf("%d members", len(b.Members))
	}
	for i, m := range b.Members {
		if got := [3]string{m.Member.FullName, m.Cell.Ref, m.Cell.Parent}; got != want[i] {
			t.Errorf("row %d: %q, want %q", i+2, got, want[i])
		}
	}
	var cols []string
	for _, c := range b.Conversions {
		cols = append(cols, c.Field)
	}
	if len(cols) != 3 {
		t.Errorf("conversions reported for %v, want the three columns", cols)
	}
}

// TestOldFontBytesInCSV: a CSV file saved from a workbook typed in
// .VnTime (TCVN3) or VNI-Times holds their letters as single bytes; it is
// read as such, header included, and converted — not taken for
// Windows-1258 — while a Windows-1258 file still reads as one.
func TestOldFontBytesInCSV(t *testing.T) {
	bytesOf := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r))
		}
		return b
	}
	for enc, text := range map[string]string{
		"TCVN3": "Hä vµ tªn,Ngµy sinh,Ngµy vµo §¶ng,Chi bé\nNguyÔn V¨n §øc,12/03/1975,19/05/2000,Chi bé Khèi phè 5\nTrÇn ThÞ H\u00ad¬ng,02/09/1980,03/02/2010,Chi bé Khèi phè 5\n",
		"VNI":   "Hoï vaø teân,Ngaøy sinh,Ngaøy vaøo Ñaûng,Chi boä\nNguyeãn Vaên Ñöùc,12/03/1975,19/05/2000,Chi boä Khoái phoá 5\nTraàn Thò Höông,02/09/1980,03/02/2010,Chi boä Khoái phoá 5\n",
	} {
		path := filepath.Join(t.TempDir(), "Đảng viên.csv")
		os.WriteFile(path, bytesOf(text), 0o600)
		b, err := interchange.ReadFile(path, interchange.Options{})
		if err != nil || len(b.Errors) > 0 {
			t.Fatalf("%s: %v %v", enc, err, b.Errors)
		}
		if len(b.Members) != 2 || b.Members[0].Member.FullName != "Nguyễn Văn Đức" || b.Members[1].Member.FullName != "Trần Thị Hương" ||
			b.Members[0].Cell.Ref != "Chi bộ Khối phố 5" {
			t.Errorf("%s: %+v", enc, b.Members)
		}
		if len(b.Conversions) != 2 {
			t.Errorf("%s: conversions %v", enc, b.Conversions)
		}
	}
	// Windows-1258: "Nguyễn Văn Đức" is N g u y ê + combining tilde n.
	path := filepath.Join(t.TempDir(), "Đảng viên.csv")
	os.WriteFile(path, []byte("Ho\xf2 v\xe0 t\xean,Ng\xe0y sinh,Ng\xe0y v\xe0o \xd0a\xd2ng,Chi b\xf4\xf2\nNguy\xea\xden V\xe3n \xd0\xfd\xecc,12/03/1975,19/05/2000,X\n"), 0o600)
	b, err := interchange.ReadFile(path, interchange.Options{})
	if err != nil || len(b.Members) != 1 || b.Members[0].Member.FullName != "Nguyễn Văn Đức" {
		t.Errorf("Windows-1258: %v %+v %v", err, b.Members, b.Errors)
	}
}

// TestOldEncodingCellsAmongUnicode: rows pasted from an old workbook into
// a Unicode one (no fonts to tell) are converted cell by cell, TCVN3 and
// VNI alike; Unicode and English cells are left alone.
func TestOldEncodingCellsAmongUnicode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Đảng viên.csv")
	os.WriteFile(path, []byte("Họ và tên,Ngày sinh,Ngày vào Đảng,Chi bộ\n"+
		"Nguyễn Văn An,01/01/1970,01/01/1995,Chi bộ 1\n"+
		"Lª V¨n C\u00adêng,01/01/1971,01/01/1996,Chi bộ 1\n"+
		"Phaïm Quoác Vieät,01/01/1972,01/01/1997,Chi bộ 1\n"+
		"John Smith,01/01/1973,01/01/1998,Chi bộ 1\n"+
		"Café Zürich,01/01/1974,01/01/1999,Chi bộ 1\n"), 0o600)
	b, err := interchange.ReadFile(path, interchange.Options{})
	if err != nil || len(b.Errors) > 0 {
		t.Fatalf("%v %v", err, b.Errors)
	}
	var got []string
	for _, m := range b.Members {
		got = append(got, m.Member.FullName)
	}
	want := []string{"Nguyễn Văn An", "Lê Văn Cường", "Phạm Quốc Việt", "John Smith", "Café Zürich"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("names %q, want %q", got, want)
	}
	if len(b.Conversions) != 2 {
		t.Errorf("conversions %v", b.Conversions)
	}
}
