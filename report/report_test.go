package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
)

var heading = Heading{Superior: "Đảng bộ thành phố Đà Nẵng", Issuer: "Quận ủy Sơn Trà", Place: "Sơn Trà",
	SignFor: "T/M BAN THƯỜNG VỤ", SignerTitle: "PHÓ BÍ THƯ", SignerName: "Nguyễn Văn Đức", Date: domain.NewDate(2022, 1, 26)}

func people(n int) []Person {
	names := []string{"Nguyễn Thị Ấu", "Trần Văn Đặng", "Lê Thị Hằng", "Phạm Quốc Ệ", "Hoàng Thị Thủy", "Võ Văn Kiệt"}
	var out []Person
	for i := 0; i < n; i++ {
		out = append(out, Person{Name: fmt.Sprintf("%s %d", names[i%len(names)], i+1), BirthDate: domain.NewDate(1970+i%30, 1+i%12, 1+i%28),
			Org: fmt.Sprintf("Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số %d", 1+i%40), Content: "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)", Milestone: []int{30, 40, 45}[i%3]})
	}
	return out
}

// pdfText writes d to a PDF and returns its text page by page (pdftotext).
func pdfText(t *testing.T, d Document) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is missing: run scripts/setup.sh")
	}
	var buf bytes.Buffer
	if err := WritePDF(&buf, d, heading); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	os.WriteFile(path, buf.Bytes(), 0o600)
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f\n"), "\f")
	return pages
}

func TestSummaryPDF(t *testing.T) {
	s := &domain.Summary{Year: 2021, Org: "Đảng bộ quận Sơn Trà"}
	for _, g := range domain.Groups {
		s.Groups = append(s.Groups, domain.GroupCounts{Group: g})
	}
	s.Group(domain.GroupGrassroots).Add(domain.LevelExcellent, "", 5)
	s.Group(domain.GroupGrassroots).Add(domain.LevelGood, "", 22)
	s.Group(domain.GroupCells).Add(domain.LevelExcellent, "", 53)
	s.Group(domain.GroupCells).Add(domain.LevelGood, "", 214)
	s.Group(domain.GroupMembers).Add(domain.LevelExcellent, "", 878)
	s.Group(domain.GroupMembers).Add(domain.LevelGood, "", 3891)
	s.Group(domain.GroupMembers).Add(domain.LevelNone, "Miễn sinh hoạt", 12)
	s.ByGrassroots = []domain.GrassrootsLine{{Name: "Đảng bộ phường Thọ Quang", Own: domain.LevelExcellent}}
	pages := pdfText(t, SummaryDocument(s))
	all := strings.Join(pages, "\n")
	for _, want := range []string{"ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG", "QUẬN ỦY SƠN TRÀ", "ĐẢNG CỘNG SẢN VIỆT NAM", "Sơn Trà, ngày 26 tháng 01 năm 2022",
		"BÁO CÁO KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI", "Đảng viên", "878 (18,4%)", "3891 (81,6%)", "Miễn sinh hoạt", "18,4%", "22,6%",
		"Đảng bộ phường Thọ Quang", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Đức", "Trang 1/1"} {
		if !strings.Contains(all, want) {
			t.Errorf("PDF lacks %q:\n%s", want, all)
		}
	}
}

func TestLongListRepeatsHeaderOnEveryPage(t *testing.T) {
	ps := people(5000)
	pages := pdfText(t, AwardListDocument(true, "Đảng viên hoàn thành xuất sắc nhiệm vụ 5 năm liền", ps))
	if len(pages) < 50 {
		t.Fatalf("5,000 rows on %d pages", len(pages))
	}
	for i, p := range pages {
		if !strings.Contains(p, "Họ và tên") || !strings.Contains(p, "Ngày sinh") {
			t.Fatalf("page %d has no header row", i+1)
		}
		if want := fmt.Sprintf("Trang %d/%d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Fatalf("page %d lacks %q", i+1, want)
		}
	}
	all := strings.Join(pages, "\n")
	for _, want := range []string{"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", "Nguyễn Thị Ấu 1", "Phạm Quốc Ệ 4", "Trần Văn Đặng 5000", "Chi bộ Khu dân cư số 1 "} {
		if !strings.Contains(all, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	// No row is split: every numbered row's name is on the same page as its number.
	for i, p := range pages {
		for _, line := range strings.Split(p, "\n") {
			if f := strings.Fields(line); len(f) > 0 && f[0] == "5000" && !strings.Contains(line, "Trần Văn Đặng 5000") {
				t.Errorf("page %d: row 5000 split: %q", i+1, line)
			}
		}
	}
}

func TestBadgeListGroupsByMilestone(t *testing.T) {
	pages := pdfText(t, BadgeListDocument(domain.NewDate(2026, 2, 3), people(9)))
	all := strings.Join(pages, "\n")
	i45, i40, i30 := strings.Index(all, "Huy hiệu 45 năm tuổi Đảng (3 đồng chí)"), strings.Index(all, "Huy hiệu 40 năm"), strings.Index(all, "Huy hiệu 30 năm")
	if i45 < 0 || i40 < i45 || i30 < i40 || !strings.Contains(all, "Đợt 03/02/2026") || !strings.Contains(all, "Tổng số: 9 đồng chí.") {
		t.Errorf("badge list:\n%s", all)
	}
}

func TestXLSXAndCSV(t *testing.T) {
	ps := people(3)
	ps[0].Name = "=HYPERLINK(\"http://x\")"
	d := AwardListDocument(false, "Năm 2021", ps)
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	rows, _ := f.GetRows(sheet)
	if rows[0][0] != "DANH SÁCH KHEN THƯỞNG" || rows[2][1] != "Họ và tên" || rows[4][1] != "Trần Văn Đặng 2" || rows[4][4] != "Đảng bộ phường An Hải Bắc" {
		t.Errorf("rows %v", rows)
	}
	if rows[3][1] != `'=HYPERLINK("http://x")` {
		t.Errorf("formula not neutralised: %q", rows[3][1])
	}
	if typ, _ := f.GetCellType(sheet, "A4"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("STT stored as text")
	}
	if formula, _ := f.GetCellFormula(sheet, "B4"); formula != "" {
		t.Errorf("a formula was written: %q", formula)
	}
	panes, _ := f.GetPanes(sheet)
	if !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("panes %+v", panes)
	}
	names := f.GetDefinedName()
	if len(names) == 0 || names[0].Name != "_xlnm.Print_Titles" {
		t.Errorf("print titles %+v", names)
	}
	var csvBuf bytes.Buffer
	if err := WriteCSV(&csvBuf, d); err != nil {
		t.Fatal(err)
	}
	s := csvBuf.String()
	if !strings.HasPrefix(s, "\xef\xbb\xbfDANH SÁCH KHEN THƯỞNG") || !strings.Contains(s, `"'=HYPERLINK(""http://x"")"`) || !strings.Contains(s, "2,Trần Văn Đặng 2,") {
		t.Errorf("CSV:\n%s", s)
	}
}

func BenchmarkPDF5000(b *testing.B) {
	d := AwardListDocument(true, "Đảng viên hoàn thành xuất sắc nhiệm vụ 5 năm liền", people(5000))
	for b.Loop() {
		if err := WritePDF(&bytes.Buffer{}, d, heading); err != nil {
			b.Fatal(err)
		}
	}
}
