package report

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
)

// summary500k is a year report with the widest figures of a 500,000-member
// organisation.
func summary500k() *domain.Summary {
	s := newSummary(2025, "Đảng bộ thành phố Đà Nẵng", map[domain.Group][]int{domain.GroupGrassroots: {512, 2214, 188, 17},
		domain.GroupCells: {4389, 18211, 1201, 96}, domain.GroupMembers: {94432, 357818, 18910, 1891}})
	s.Group(domain.GroupMembers).Add(domain.LevelNone, "Miễn sinh hoạt", 12345)
	s.Group(domain.GroupMembers).Add(domain.LevelNone, "Đình chỉ sinh hoạt", 104)
	for i := 0; i < 60; i++ {
		l := domain.GrassrootsLine{Name: fmt.Sprintf("Đảng bộ phường Hòa Khánh Bắc số %d", i+1), Own: domain.Levels[i%4]}
		l.Cells.Add(domain.LevelExcellent, "", 1234)
		l.Cells.Add(domain.LevelGood, "", 10045)
		l.Cells.Add(domain.LevelCompleted, "", 345)
		l.Cells.Add(domain.LevelNotCompleted, "", 12)
		l.Members.Add(domain.LevelExcellent, "", 21876)
		l.Members.Add(domain.LevelGood, "", 98765)
		l.Members.Add(domain.LevelCompleted, "", 4321)
		l.Members.Add(domain.LevelNotCompleted, "", 1234)
		s.ByGrassroots = append(s.ByGrassroots, l)
	}
	return s
}

// newSummary is a summary with the counts of each group's levels, best
// first.
func newSummary(year int, org string, counts map[domain.Group][]int) *domain.Summary {
	s := &domain.Summary{Year: year, Org: org}
	for _, g := range domain.Groups {
		s.Groups = append(s.Groups, domain.GroupCounts{Group: g})
		for i, n := range counts[g] {
			s.Group(g).Add(domain.Levels[i], "", n)
		}
	}
	return s
}

func TestSummaryPDF(t *testing.T) {
	s := newSummary(2021, "Đảng bộ quận Sơn Trà", map[domain.Group][]int{domain.GroupGrassroots: {5, 22}, domain.GroupCells: {53, 214}, domain.GroupMembers: {878, 3891}})
	s.Group(domain.GroupMembers).Add(domain.LevelNone, "Miễn sinh hoạt", 12)
	s.ByGrassroots = []domain.GrassrootsLine{{Name: "Đảng bộ phường Thọ Quang", Own: domain.LevelExcellent}}
	pages := pdfText(t, SummaryDocument(s))
	all := flat(strings.Join(pages, "\n"))
	contains(t, "PDF", all, "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG", "QUẬN ỦY SƠN TRÀ", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số -BC/QU", "Sơn Trà, ngày 26 tháng 01 năm 2022",
		"BÁO CÁO", "kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2021", "Đảng viên",
		"Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ",
		"878 (18,4%)", "3.891 (81,6%)", "4.781", "Miễn sinh hoạt", "18,4%", "22,6%", "Đảng bộ phường Thọ Quang",
		"XS: Hoàn thành xuất sắc nhiệm vụ", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Đức")
	if strings.Contains(all, "3891") {
		t.Error("a figure without its thousands dot")
	}
}

// TestSummaryHeadersNeverBreakInsideAWord lays out the report with the
// widest figures of 500,000 members: every word of every header, and every
// figure, is read back whole from the PDF.
func TestSummaryHeadersNeverBreakInsideAWord(t *testing.T) {
	d := SummaryDocument(summary500k())
	path := writePDF(t, func(b *bytes.Buffer) error { return WritePDF(b, d, heading) })
	words := map[string]bool{}
	for _, p := range pdfWords(t, path) {
		for _, w := range p {
			words[w.Text] = true
		}
	}
	for _, tb := range d.Tables {
		for _, c := range tb.Columns {
			for _, w := range strings.Fields(c.Name) {
				if !words[w] {
					t.Errorf("table %q: header %q: the word %q is not whole in the PDF", tb.Heading, c.Name, w)
				}
			}
		}
		for _, r := range tb.Rows {
			for _, v := range r {
				for _, w := range strings.Fields(CellText(v)) {
					if !words[w] {
						t.Errorf("table %q: cell %q: %q is not whole in the PDF", tb.Heading, CellText(v), w)
					}
				}
			}
		}
	}
	for _, want := range []string{"485.500", "94.432", "357.818", "12.449", "1.234/10.045/345/12/0", "126.196", "98.765", "Hoàn", "xuất", "nhiệm"} {
		if !words[want] {
			t.Errorf("PDF lacks the word %q", want)
		}
	}
}

// TestSummaryFiguresStayOnOneLine: a count with its share ("115 (78,2%)")
// is one line in its cell, on the report as a user's database gives it
// (the long labels of the first column took the room the figures needed)
// and at 500,000 members.
func TestSummaryFiguresStayOnOneLine(t *testing.T) {
	small := newSummary(2025, "Đảng bộ quận Sơn Trà", map[domain.Group][]int{domain.GroupGrassroots: {2, 7}, domain.GroupCells: {23, 115, 9}, domain.GroupMembers: {421, 2210, 145, 9}})
	for _, s := range []*domain.Summary{small, summary500k()} {
		d := SummaryDocument(s)
		path := writePDF(t, func(b *bytes.Buffer) error { return WritePDF(b, d, heading) })
		var lines []string
		for _, p := range pdfWords(t, path) {
			for _, l := range linesOf(p) {
				lines = append(lines, l.text())
			}
		}
		all := strings.Join(lines, "\n")
		for _, r := range d.Tables[0].Rows {
			for _, v := range r[1:] {
				if cell := CellText(v); !strings.Contains(all, cell) {
					t.Errorf("%d members: %q is not on one line:\n%s", s.Group(domain.GroupMembers).Total, cell, all)
				}
			}
		}
	}
}

// TestSummaryCitesTheRulesOfItsYear: the quota's source in the legend is
// the rule set of the report's year, in the PDF and the workbook.
func TestSummaryCitesTheRulesOfItsYear(t *testing.T) {
	for _, c := range []struct {
		year      int
		want, not string
	}{
		{2018, "(HD 16-HD/BTCTW, Mục II)", "HD 21"},
		{2021, "(HD 21-HD/BTCTW, Mục II.B.2.3)", "HD 16"},
		{2023, "(QĐ 124-QĐ/TW, Điều 12; HD 25-HD/BTCTW)", "HD 21"},
		{2025, "(QĐ 366-QĐ/TW, Điều 11; HD 43-HD/BTCTW)", "HD 21"},
	} {
		d := SummaryDocument(newSummary(c.year, "Đảng bộ quận Sơn Trà", map[domain.Group][]int{domain.GroupMembers: {1, 9}}))
		all := flat(strings.Join(pdfText(t, d), "\n"))
		contains(t, fmt.Sprint(c.year), all, "không quá 20% "+c.want)
		if strings.Contains(all, c.not) {
			t.Errorf("%d: the report cites %s:\n%s", c.year, c.not, all)
		}
		f := workbook(t, d)
		rows, _ := f.GetRows(f.GetSheetList()[0])
		if last := rows[len(rows)-1]; !strings.Contains(strings.Join(last, " "), c.want) {
			t.Errorf("%d: the workbook's legend %q lacks %q", c.year, last, c.want)
		}
	}
	if d := SummaryDocument(newSummary(2015, "Đảng bộ quận Sơn Trà", nil)); strings.Contains(d.Tables[0].Legend, "HD") {
		t.Errorf("2015 has no rule set, yet the legend cites one: %q", d.Tables[0].Legend)
	}
	// The legend names the reading the checks follow.
	for den, want := range map[domain.QuotaDenominator]string{
		"":                             "cách đọc đang dùng: tỷ lệ trên số hoàn thành xuất sắc và hoàn thành tốt nhiệm vụ",
		domain.QuotaOfExcellentAndGood: "cách đọc đang dùng: tỷ lệ trên số hoàn thành xuất sắc và hoàn thành tốt nhiệm vụ",
		domain.QuotaOfGood:             "cách đọc đang dùng: tỷ lệ trên số hoàn thành tốt nhiệm vụ (",
	} {
		s := newSummary(2025, "Đảng bộ quận Sơn Trà", map[domain.Group][]int{domain.GroupMembers: {1, 9}})
		s.Denominator = den
		if l := SummaryDocument(s).Tables[0].Legend; !strings.Contains(l, want) {
			t.Errorf("reading %q: legend %q", den, l)
		}
	}
}

// TestSummaryWorkbookHasFigures: the workbook gives each group's count and
// share as numbers in columns of their own, the sub-units' levels too, so
// that they can be summed.
func TestSummaryWorkbookHasFigures(t *testing.T) {
	s := newSummary(2025, "Đảng bộ quận Sơn Trà", map[domain.Group][]int{domain.GroupGrassroots: {2, 7}, domain.GroupCells: {23, 115, 9}, domain.GroupMembers: {421, 2210, 145, 9}})
	l := domain.GrassrootsLine{Name: "Đảng bộ phường Thọ Quang", Own: domain.LevelGood}
	l.Cells.Add(domain.LevelExcellent, "", 1)
	l.Cells.Add(domain.LevelGood, "", 12)
	l.Members.Add(domain.LevelExcellent, "", 3)
	l.Members.Add(domain.LevelGood, "", 27)
	l.Members.Add(domain.LevelNone, "Miễn sinh hoạt đảng", 2)
	l.Cells.Add(domain.LevelNone, "Thành lập chưa đủ 6 tháng", 1)
	noGood := domain.GrassrootsLine{Name: "Đảng bộ phường Mân Thái"}
	noGood.Members.Add(domain.LevelExcellent, "", 2)
	s.ByGrassroots = []domain.GrassrootsLine{l, noGood}
	f := workbook(t, SummaryDocument(s))
	sheets := f.GetSheetList()
	general, _ := f.GetRows(sheets[0])
	wantHead := []string{"Kết quả xếp loại", "Tổ chức cơ sở đảng: số lượng", "Tổ chức cơ sở đảng: tỷ lệ (%)", "Chi bộ trực thuộc: số lượng", "Chi bộ trực thuộc: tỷ lệ (%)", "Đảng viên: số lượng", "Đảng viên: tỷ lệ (%)"}
	if fmt.Sprint(general[2]) != fmt.Sprint(wantHead) {
		t.Errorf("header %q, want %q", general[2], wantHead)
	}
	// Row 6 is "Hoàn thành tốt nhiệm vụ": 7 (77,8%), 115 (78,2%), 2.210 (79,4%).
	for cell, want := range map[string]float64{"B6": 7, "C6": 77.8, "D6": 115, "E6": 78.2, "F6": 2210, "G6": 79.4, "F4": 2785, "C10": 22.2, "G11": 19} {
		v, _ := f.GetCellValue(sheets[0], cell)
		typ, _ := f.GetCellType(sheets[0], cell)
		if v != fmt.Sprint(want) || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s = %q (type %v), want the number %v", cell, v, typ, want)
		}
	}
	if v, _ := f.GetCellValue(sheets[0], "A6"); v != "Hoàn thành tốt nhiệm vụ" {
		t.Errorf("A6 = %q", v)
	}
	// SUM works on them.
	f.SetCellFormula(sheets[0], "H1", "SUM(F5:F8)")
	if v, err := f.CalcCellValue(sheets[0], "H1"); err != nil || v != "2785" {
		t.Errorf("SUM of the members' levels = %q (%v), want 2785", v, err)
	}
	by, _ := f.GetRows(sheets[len(sheets)-1])
	// The members not rated have a column: the row adds up (3 + 27 + 2 = 32).
	wantBy := []string{"STT", "Tổ chức cơ sở đảng", "Tự xếp loại", "Chi bộ trực thuộc XS", "Chi bộ trực thuộc T", "Chi bộ trực thuộc HT", "Chi bộ trực thuộc KHT", "Chi bộ trực thuộc KXL", "Số đảng viên", "Đảng viên XS", "T", "HT", "KHT", "KXL", "Tỷ lệ XS / (XS + T) (%)"}
	if fmt.Sprint(by[2]) != fmt.Sprint(wantBy) || fmt.Sprint(by[3]) != fmt.Sprint([]string{"1", "Đảng bộ phường Thọ Quang", "T", "1", "12", "0", "0", "1", "32", "3", "27", "0", "0", "2", "10"}) {
		t.Errorf("breakdown rows\n%q\n%q", by[2], by[3])
	}
	if len(by) < 5 || by[4][len(by[4])-1] != "100" {
		t.Errorf("two excellent, none good: %q, want 100%% of excellent + good", by[4])
	}
}

func TestColumnWidthsFromContent(t *testing.T) {
	m := func(s string) float64 { return float64(len([]rune(s))) } // one mm a letter
	tb := Table{Columns: []Column{{Name: "STT", Align: Center}, {Name: "Họ và tên", Align: Left}, {Name: "Ghi chú", Align: Left}},
		Rows: [][]any{{1234, "Nguyễn Thị Minh Khai", ""}, {2, "Lê Văn Tám", "truy tặng"}}}
	w, ok := columnWidths(tb, 40, 1, m, m)
	if !ok || math.Abs(sum(w)-40) > 1e-9 {
		t.Fatalf("widths %v (fit %v), want a sum of 40", w, ok)
	}
	// "1.234" never wraps; the longest words fit.
	if w[0] < 7 || w[1] < 8 || w[2] < 9 {
		t.Errorf("widths %v narrower than their longest words", w)
	}
	if _, ok := columnWidths(tb, 15, 1, m, m); ok {
		t.Error("a table wider than the page reported as fitting")
	}
}

func TestWrapBreaksAtSpaces(t *testing.T) {
	m := func(s string) float64 { return float64(len([]rune(s))) }
	got := wrap("Hoàn thành xuất sắc nhiệm vụ", 12, m)
	want := []string{"Hoàn thành", "xuất sắc", "nhiệm vụ"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("wrap = %q, want %q", got, want)
	}
	if got := wrap("Abcdefghij", 4, m); fmt.Sprint(got) != "[Abcd efgh ij]" {
		t.Errorf("a word wider than the line: %q", got)
	}
}

// checkHeading checks the heading block of a document's first page.
func checkHeading(t *testing.T, page, number, date string) {
	t.Helper()
	first := flat(page)
	contains(t, "heading", first, "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG", "QUẬN ỦY SƠN TRÀ", "ĐẢNG CỘNG SẢN VIỆT NAM", number, date)
}

// checkPageNumbers checks that pages from the second carry their number at
// the top, centred over the text, and the first none.
func checkPageNumbers(t *testing.T, path string) {
	t.Helper()
	pages, widths := pdfLayout(t, path)
	if len(pages) < 2 {
		t.Fatalf("%d pages: too few to check page numbers", len(pages))
	}
	for i, ws := range pages {
		var top []pdfWord
		for _, w := range ws {
			if w.YMax < marginTop {
				top = append(top, w)
			}
		}
		if i == 0 {
			if len(top) != 0 {
				t.Errorf("page 1 has %q in the top margin", top[0].Text)
			}
			continue
		}
		want := fmt.Sprint(i + 1)
		centre := (marginL + widths[i] - marginR) / 2 // portrait or landscape
		if len(top) != 1 || top[0].Text != want || math.Abs((top[0].XMin+top[0].XMax)/2-centre) > 1 {
			t.Errorf("page %d: top margin holds %+v, want %q centred at %.1f mm", i+1, top, want, centre)
		}
	}
}

func TestDecisionPDF(t *testing.T) {
	b := fiveYears(60)
	dec := Decision{No: "127", Date: domain.NewDate(2026, 1, 20)}
	d, err := DecisionDocument(b, dec, heading, standard)
	if err != nil {
		t.Fatal(err)
	}
	h := heading
	h.Date = dec.Date
	path := writePDF(t, func(w *bytes.Buffer) error { return WritePDF(w, d, h) })
	pages := pagesOf(t, path)
	checkHeading(t, pages[0], "Số 127-QĐ/QU", "Sơn Trà, ngày 20 tháng 01 năm 2026")
	first := flat(pages[0])
	for _, want := range []string{
		"QUYẾT ĐỊNH về việc tặng Giấy khen cho đảng viên hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)",
		"BAN THƯỜNG VỤ QUẬN ỦY",
		"- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
		"- Căn cứ Quy định số 132-QĐ/TW, ngày 08/3/2018 của Bộ Chính trị",
		"- Căn cứ Hướng dẫn số 06-HD/TW, ngày 09/6/2025 của Ban Bí thư một số vấn đề cụ thể thi hành Điều lệ Đảng;", // in force on 20/01/2026
		"- Xét đề nghị của Ban Tổ chức Quận ủy,",
		"QUYẾT ĐỊNH:",
		"Điều 1. Tặng Giấy khen cho 60 đồng chí có tên trong danh sách kèm theo, đã có thành tích hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021).",
		"Điều 2. Kèm theo Giấy khen",
		"Điều 3. Văn phòng Quận ủy",
		"Nơi nhận:", "- Như Điều 3,", "- Lưu Văn phòng Quận ủy.",
		"T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Đức",
	} {
		if !strings.Contains(first, want) {
			t.Errorf("first page lacks %q:\n%s", want, pages[0])
		}
	}
	if strings.Contains(first, "Nguyễn Thị Ấu 1 ") {
		t.Error("the annex starts on the decision's page")
	}
	annex := flat(strings.Join(pages[1:], "\n"))
	contains(t, "annex", annex, "DANH SÁCH", "đảng viên được tặng Giấy khen hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)",
		"(Kèm theo Quyết định số 127-QĐ/QU, ngày 20/01/2026 của Ban Thường vụ Quận ủy)", "STT Họ và tên", "Danh sách có 60 đồng chí.")
	// Every recipient on a line of the annex with the year of birth, the
	// cell and the committee.
	words := pdfWords(t, path)
	for i, p := range b.People {
		want := fmt.Sprintf("%d %s %d Chi bộ Khu dân cư số %d Đảng bộ phường An Hải Bắc", i+1, p.Name, p.BirthDate.Year, 1+i%40)
		found := false
		for _, ws := range words[1:] {
			if _, ok := findLine(ws, want); ok {
				found = true
			}
		}
		if !found {
			t.Errorf("annex has no line %q", want)
		}
	}
	checkPageNumbers(t, path)
}

func TestDecisionWithoutArticle2AndOfOrganisations(t *testing.T) {
	tp := Templates{}
	for k, v := range standard {
		tp[k] = v
	}
	tp["decision.certificate.article2"] = ""
	b := Batch{Form: domain.FormCertificate, Group: domain.GroupCells, Reason: "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2021–2025)", Year: 2025,
		People: []Person{{Name: "Chi bộ Khu dân cư số 3", IsOrg: true, Org: "Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số 3"}}}
	d, err := DecisionDocument(b, Decision{No: "15-QĐ/ĐU", Date: domain.NewDate(2026, 2, 3)}, heading, tp)
	if err != nil {
		t.Fatal(err)
	}
	all := flat(strings.Join(pdfText(t, d), "\n"))
	contains(t, "PDF", all, "Số 15-QĐ/ĐU", "Điều 1. Tặng Giấy khen cho 1 chi bộ", "Quy định số 366-QĐ/TW, ngày 30/8/2025",
		"Điều 2. Văn phòng Quận ủy", "các chi bộ có tên tại Điều 1", "Chi bộ Khu dân cư số 3 Đảng bộ phường An Hải Bắc", "Danh sách có 1 chi bộ.")
	if strings.Contains(all, "Điều 3") {
		t.Error("Điều 3 printed although Điều 2 says nothing")
	}
}

func TestProposalOfBadgesGroupsByMilestone(t *testing.T) {
	b := Batch{Form: domain.FormBadge, Group: domain.GroupMembers, Occasion: domain.NewDate(2026, 9, 2), People: people(9)}
	b.People[0].Note = "Truy tặng"
	b.People[1].Note = "Đề nghị sớm: bệnh hiểm nghèo"
	b.People[4].Note = "Đề nghị sớm: bệnh hiểm nghèo"
	b.People[2].AdmittedOn, b.People[2].OfficialOn, b.People[2].PartyAge = domain.NewDate(1981, 9, 1), domain.NewDate(1982, 9, 1), "45 năm"
	d, err := ProposalDocument(b, Decision{No: "12", Date: domain.NewDate(2026, 8, 10)}, heading, standard)
	if err != nil {
		t.Fatal(err)
	}
	h := heading
	h.Date = domain.NewDate(2026, 8, 10)
	path := writePDF(t, func(w *bytes.Buffer) error { return WritePDF(w, d, h) })
	pages := pagesOf(t, path)
	checkHeading(t, pages[0], "Số 12-TTr/QU", "Sơn Trà, ngày 10 tháng 8 năm 2026")
	// Printed from a decision recorded as "12-QĐ/QU": a proposal's number.
	if d2, err := ProposalDocument(b, Decision{No: "12-QĐ/QU"}, heading, standard); err != nil || Number(d2.No, d2.Kind, "QU") != "Số 12-TTr/QU" {
		t.Errorf("proposal of decision 12-QĐ/QU numbered %q (%v)", Number(d2.No, d2.Kind, "QU"), err)
	}
	// The proposal on a portrait page, its eight-column list on landscape
	// ones, numbered on from page 2.
	if _, widths := pdfLayout(t, path); math.Abs(widths[0]-210) > 0.5 || math.Abs(widths[len(widths)-1]-297) > 0.5 {
		t.Errorf("page widths %v: want the proposal portrait, the list landscape", widths)
	}
	checkPageNumbers(t, path)
	all := flat(strings.Join(pages, "\n"))
	contains(t, "proposal", all, "TỜ TRÌNH về việc đề nghị tặng Huy hiệu Đảng đợt 02/9/2026", "Kính gửi: Ban Thường vụ Thành ủy Đà Nẵng",
		"tặng Huy hiệu Đảng đợt 02/9/2026 cho 9 đồng chí, cụ thể:",
		"- Huy hiệu 45 năm tuổi Đảng: 3 đồng chí;", "- Huy hiệu 40 năm tuổi Đảng: 3 đồng chí;", "- Huy hiệu 30 năm tuổi Đảng: 3 đồng chí;",
		"Trong đó: 1 đồng chí truy tặng; 2 đồng chí đề nghị sớm.", "Nơi nhận:", "- Như trên,",
		"(Kèm theo Tờ trình số 12-TTr/QU, ngày 10/8/2026 của Ban Thường vụ Quận ủy)",
		"01/09/1981", "01/09/1982", "45 năm", "Tổng số: 9 đồng chí.")
	i45, i40, i30 := strings.Index(all, "Huy hiệu 45 năm tuổi Đảng (3 đồng chí)"), strings.Index(all, "Huy hiệu 40 năm tuổi Đảng (3 đồng chí)"), strings.Index(all, "Huy hiệu 30 năm tuổi Đảng (3 đồng chí)")
	if i45 < 0 || i40 < i45 || i30 < i40 {
		t.Errorf("milestones out of order: 45 at %d, 40 at %d, 30 at %d", i45, i40, i30)
	}
	// The header cells and the notes, word by word (cells wrap).
	words := map[string]bool{}
	for _, p := range pdfWords(t, path) {
		for _, w := range p {
			words[w.Text] = true
		}
	}
	for _, h := range []string{"Ngày vào Đảng", "Ngày chính thức", "Tuổi đảng", "Chi bộ, Đảng bộ", "Ghi chú", "Truy tặng", "Đề nghị sớm: bệnh hiểm nghèo"} {
		for _, w := range strings.Fields(h) {
			if !words[w] {
				t.Errorf("list lacks %q (of %q)", w, h)
			}
		}
	}
	// The editable copy: the lines that begin with a dash are text as
	// printed, with no apostrophe before them.
	f := workbook(t, d)
	sheet := f.GetSheetList()[0]
	rows, _ := f.GetRows(sheet)
	found := 0
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			switch v {
			case "- Huy hiệu 45 năm tuổi Đảng: 3 đồng chí;", "- Như trên,":
				found++
				textCell(t, f, sheet, cell, v)
			}
			if strings.HasPrefix(v, "'") {
				t.Errorf("%s: an apostrophe shows: %q", cell, v)
			}
		}
	}
	if found != 2 {
		t.Errorf("proposal sheet: %d of the 2 dash lines found in cells of their own", found)
	}
}

func TestLongListRepeatsHeaderOnEveryPage(t *testing.T) {
	d := ListDocument(fiveYears(5000))
	path := writePDF(t, func(w *bytes.Buffer) error { return WritePDF(w, d, heading) })
	pages := pagesOf(t, path)
	if len(pages) < 50 {
		t.Fatalf("5,000 rows on %d pages", len(pages))
	}
	for i, p := range pages {
		if !strings.Contains(p, "Họ và tên") || !strings.Contains(p, "STT") || !strings.Contains(p, "Chức vụ, chi bộ") {
			t.Fatalf("page %d has no header row", i+1)
		}
	}
	all := strings.Join(pages, "\n")
	contains(t, "PDF", all, "DANH SÁCH", "đảng viên đề nghị khen thưởng hoàn thành xuất sắc nhiệm vụ 5 năm liền", "Nguyễn Thị Ấu 1 ",
		"Phạm Quốc Ệ 4", "Trần Văn Đặng 5000", "1.234", "Tổng số: 5.000 đồng chí.")
	// No row is split: every numbered row's name is on the same line as its number.
	for i, p := range pages {
		for _, line := range strings.Split(p, "\n") {
			if f := strings.Fields(line); len(f) > 0 && f[0] == "5.000" && !strings.Contains(line, "Trần Văn Đặng 5000") {
				t.Errorf("page %d: row 5000 split: %q", i+1, line)
			}
		}
	}
	checkPageNumbers(t, path)
}

func TestNumbers(t *testing.T) {
	for _, c := range []struct {
		no   string
		kind Kind
		want string
	}{{"127", KindDecision, "Số 127-QĐ/QU"}, {"15-QĐ/ĐU", KindDecision, "Số 15-QĐ/ĐU"}, {" 12 ", KindProposal, "Số 12-TTr/QU"}, {"", KindReport, "Số       -BC/QU"}} {
		if got := Number(c.no, c.kind, "QU"); got != c.want {
			t.Errorf("Number(%q, %s) = %q, want %q", c.no, c.kind, got, c.want)
		}
	}
	if got := FullNumber("127", KindDecision, "QU"); got != "127-QĐ/QU" {
		t.Errorf("FullNumber = %q", got)
	}
}

func TestTemplatesAreCheckedWhenSaved(t *testing.T) {
	for _, s := range TemplateSpecs {
		if err := CheckTemplate(s.Key, s.Default); err != nil {
			t.Errorf("standard text %s: %v", s.Key, err)
		}
	}
	for _, c := range []struct{ key, text, want string }{
		{"decision.certificate.article1", "Tặng Giấy khen cho {{.Count}} {{.Soluong}} đồng chí", "{{.Soluong}}"},
		{"decision.certificate.article1", "Tặng cho {{.Count}", "chỗ điền viết sai"},
		{"certificate.reason", "Đã {{.Reason}} năm {{.Year}}", "{{.Year}}"}, // not a certificate's placeholder
		{"decision.badge.summary", "về việc {{$x := 1}}", "{{$x}}"},
		{"nope", "x", "không có mẫu"},
	} {
		err := CheckTemplate(c.key, c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("CheckTemplate(%s, %q) = %v, want an error naming %q", c.key, c.text, err, c.want)
		}
	}
	err := CheckTemplate("decision.certificate.article1", "{{.Nope}}")
	if err == nil || !strings.Contains(err.Error(), "Quyết định tặng Giấy khen › Điều 1") || !strings.Contains(err.Error(), "{{.Count}}") {
		t.Errorf("message does not name the text and the placeholders: %v", err)
	}
	// A bad text stored by hand stops the document with the same message.
	bad := Templates{"decision.certificate.summary": "về {{.Bogus}}"}
	if _, err := DecisionDocument(fiveYears(1), Decision{}, heading, bad); err == nil || !strings.Contains(err.Error(), "{{.Bogus}}") {
		t.Errorf("a decision with a bad stored text: %v", err)
	}
}

func TestSettingsReadTheStoredTexts(t *testing.T) {
	stored := map[string]string{SettingKey("decision.certificate.article2"): "Tiền thưởng 500.000 đồng mỗi người.",
		"heading.abbr": "ĐU", LayoutKey: `{"paper":"A5","landscape":true,"fields":{"name":{"x":10,"y":50,"w":120,"size":18,"align":"L"}}}`}
	get := func(k, def string) string {
		if v, ok := stored[k]; ok {
			return v
		}
		return def
	}
	s, err := SettingsFrom(get)
	if err != nil {
		t.Fatal(err)
	}
	if s.Heading.Abbr != "ĐU" || s.Templates["decision.certificate.article2"] != "Tiền thưởng 500.000 đồng mỗi người." ||
		s.Templates["decision.certificate.article3"] != standard["decision.certificate.article3"] {
		t.Errorf("settings %+v", s)
	}
	if s.Layout.Paper != "A5" || s.Layout.Fields["name"].X != 10 || s.Layout.Fields["reason"].W == 0 {
		t.Errorf("layout %+v: the stored field or the defaults of the others lost", s.Layout)
	}
	stored[LayoutKey] = `{"paper":"A3"}`
	if _, err := SettingsFrom(get); err == nil || !strings.Contains(err.Error(), "A3") {
		t.Errorf("an A3 layout: %v", err)
	}
	stored[LayoutKey] = `{`
	if _, err := SettingsFrom(get); err == nil || !strings.Contains(err.Error(), "Giấy khen") {
		t.Errorf("an unreadable layout: %v", err)
	}
}

func TestDecisionAsWorkbook(t *testing.T) {
	b := fiveYears(3)
	b.People[0].Name = `=HYPERLINK("http://x")`
	d, err := DecisionDocument(b, Decision{No: "127", Date: domain.NewDate(2026, 1, 20)}, heading, standard)
	if err != nil {
		t.Fatal(err)
	}
	f := workbook(t, d)
	sheets := f.GetSheetList()
	if len(sheets) != 2 || sheets[0] != "Quyết định" {
		t.Fatalf("sheets %q", sheets)
	}
	rows, _ := f.GetRows(sheets[0])
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, " | "))
	}
	all := strings.Join(text, "\n")
	contains(t, "decision sheet", all, "QUẬN ỦY SƠN TRÀ", "Số 127-QĐ/QU", "QUYẾT ĐỊNH", "về việc tặng Giấy khen", "Điều 1. Tặng Giấy khen cho 3 đồng chí",
		"Điều 3.", "Nơi nhận:", "- Như Điều 3,", "T/M BAN THƯỜNG VỤ", "Nguyễn Văn Đức")
	annex, _ := f.GetRows(sheets[1])
	if len(annex) < 6 || annex[2][1] != "Họ và tên" || annex[4][1] != "Trần Văn Đặng 2" || annex[4][2] != "1971" || annex[4][4] != "Đảng bộ phường An Hải Bắc" {
		t.Errorf("annex rows %q", annex)
	}
	textCell(t, f, sheets[1], "B4", `=HYPERLINK("http://x")`)
	for r, row := range rows {
		for _, c := range row {
			if strings.HasPrefix(c, "'") {
				t.Errorf("row %d: a text cell shows an apostrophe: %q", r+1, c)
			}
		}
	}
	if typ, _ := f.GetCellType(sheets[1], "C4"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Error("the year of birth stored as text")
	}
}

func TestListAsWorkbookAndCSV(t *testing.T) {
	b := fiveYears(3)
	b.People[0].Name = "=HYPERLINK(\"http://x\")"
	d := ListDocument(b)
	f := workbook(t, d)
	sheet := f.GetSheetList()[0]
	rows, _ := f.GetRows(sheet)
	if !strings.HasPrefix(rows[0][0], "DANH SÁCH") || rows[2][1] != "Họ và tên" || rows[4][1] != "Trần Văn Đặng 2" || rows[4][4] != "Đảng bộ phường An Hải Bắc" {
		t.Errorf("rows %v", rows)
	}
	textCell(t, f, sheet, "B4", `=HYPERLINK("http://x")`)
	if typ, _ := f.GetCellType(sheet, "A4"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("STT stored as text")
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
	if !strings.Contains(s, `"'=HYPERLINK(""http://x"")"`) || !strings.Contains(s, "2,Trần Văn Đặng 2,") {
		t.Errorf("CSV:\n%s", s)
	}
}

func BenchmarkPDF5000(b *testing.B) {
	d := ListDocument(fiveYears(5000))
	for b.Loop() {
		if err := WritePDF(&bytes.Buffer{}, d, heading); err != nil {
			b.Fatal(err)
		}
	}
}

// textCell checks that a cell holds want as text (a shared or inline
// string, no formula, no apostrophe before it).
func textCell(t *testing.T, f *excelize.File, sheet, cell, want string) {
	t.Helper()
	if got, _ := f.GetCellValue(sheet, cell); got != want {
		t.Errorf("%s!%s = %q, want %q", sheet, cell, got, want)
	}
	if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("%s!%s is not a text cell (type %v)", sheet, cell, typ)
	}
	if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
		t.Errorf("%s!%s: a formula was written: %q", sheet, cell, formula)
	}
}

// workbook writes d as a workbook and opens it.
func workbook(t *testing.T, d Document) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, d, heading); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestTemplatesMayNotLoopOrCallFunctions(t *testing.T) {
	for _, text := range []string{"{{range 1000000000}}x{{end}}", "{{with .Count}}{{.}}{{end}}", `{{printf "%s" .Count}}`,
		`{{template "x"}}`, "{{len .Count}}", strings.Repeat("x", maxTemplate+1)} {
		if err := CheckTemplate("decision.certificate.article2", text); err == nil {
			t.Errorf("%.40q accepted", text)
		}
	}
	for _, text := range []string{"{{if .Reason}}đã {{.Reason}}{{else}}có thành tích{{end}}", `{{if eq .Noun "đồng chí"}}các đồng chí{{end}}`, ""} {
		if err := CheckTemplate("decision.certificate.article2", text); err != nil {
			t.Errorf("%q refused: %v", text, err)
		}
	}
	if _, err := AwardDocument(DocDecision, fiveYears(0), Decision{}, Settings{Heading: heading, Templates: standard}); err == nil {
		t.Error("a decision for nobody")
	}
}

// FuzzCheckTemplate: whatever is typed as a text, checking it neither
// panics nor runs long, and a text it accepts fills in to a bounded length.
func FuzzCheckTemplate(f *testing.F) {
	for _, s := range TemplateSpecs {
		f.Add(s.Default)
	}
	f.Add("{{range 10}}{{end}}")
	f.Add("{{if .Reason}}{{.Reason}}{{else}}x{{end}}")
	f.Add("về {{{.Count}}\n{{if}}{{.Count.Name}}{{end}}{{end}}")
	f.Fuzz(func(t *testing.T, text string) {
		if err := CheckTemplate("decision.certificate.article1", text); err != nil {
			if msg := err.Error(); strings.Contains(msg, "template:") || !strings.Contains(msg, "Quyết định tặng Giấy khen › Điều 1") {
				t.Fatalf("%q: the message %q does not say in words which text", text, msg)
			}
			return
		}
		out, err := Templates{"decision.certificate.article1": text}.fill("decision.certificate.article1", fiveYears(2).data(Decision{}, heading))
		if err != nil {
			t.Fatalf("%q passed the check but does not fill: %v", text, err)
		}
		if len(out) > len(text)*200+1000 {
			t.Fatalf("%q fills to %d bytes", text, len(out))
		}
	})
}

func TestNumberForms(t *testing.T) {
	for _, c := range []struct {
		no   string
		bare string
		want []string
	}{
		{"127", "127", []string{"127", "127-QĐ/QU"}},
		{" 127-QĐ/QU ", "127", []string{"127-QĐ/QU", "127"}},
		{"127 - qđ/qu", "127", []string{"127 - qđ/qu", "127", "127-QĐ/QU"}},
		{"15-QĐ/ĐU", "15-QĐ/ĐU", []string{"15-QĐ/ĐU"}},
		{"127-TTr/QU", "127-TTr/QU", []string{"127-TTr/QU"}},
		{"-QĐ/QU", "-QĐ/QU", []string{"-QĐ/QU"}},
		{"", "", nil},
	} {
		if got := BareNumber(c.no, KindDecision, "QU"); got != c.bare {
			t.Errorf("BareNumber(%q) = %q, want %q", c.no, got, c.bare)
		}
		if got := NumberForms(c.no, KindDecision, "QU"); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("NumberForms(%q) = %q, want %q", c.no, got, c.want)
		}
	}
}

// TestTemplateErrorsSayWhatAndWhere: a text that does not work is
// explained in Vietnamese: the document and the text, the line and the
// character with the placeholder as written, what is wrong, and the
// placeholders the text may use; never the template package's own words.
func TestTemplateErrorsSayWhatAndWhere(t *testing.T) {
	const summary, article2, reason = "decision.certificate.summary", "decision.certificate.article2", "certificate.reason"
	for _, c := range []struct {
		key, text string
		want      []string
	}{
		{summary, "về việc tặng {{.Count.Name}}", []string{"Quyết định tặng Giấy khen › Trích yếu", "dòng 1, ký tự 14, “{{.Count.Name}}”", "không có chỗ điền {{.Count.Name}}"}},
		{summary, "về việc {{{.Count}}", []string{"dòng 1, ký tự 9, “{{{.Count}}”", "chỗ điền viết sai"}},
		{summary, "về việc {{ .Count } }}", []string{"ký tự 9", "chỗ điền viết sai"}},
		{summary, "về việc tặng {{.Name}}", []string{"ký tự 14, “{{.Name}}”", "không có chỗ điền {{.Name}}"}},
		{article2, "Dòng một.\nTặng {{.Count", []string{"dòng 2, ký tự 6, “{{.Count”", "chưa đóng bằng }}"}},
		{article2, "Dòng một.\nhai {{if .Reason}}x", []string{"dòng 2, ký tự 5, “{{if .Reason}}”", "chưa có {{end}}"}},
		{article2, "x {{.Count}} y{{end}}", []string{"ký tự 15, “{{end}}”", "{{end}} thừa"}},
		{article2, "{{else}}", []string{"ký tự 1", "{{else}} chỉ dùng giữa"}},
		{article2, "a {{foo .Count}}", []string{"ký tự 3, “{{foo .Count}}”", "không có hàm này"}},
		{article2, "a {{.}}", []string{"“{{.}}”", "không có chỗ điền {{.}}"}},
		{article2, "a {{if eq .Count}}x{{end}}", []string{"“{{if eq .Count}}”", "so sánh cần hai vế"}},
		{article2, "a {{.Count .Reason}}", []string{"“{{.Count .Reason}}”", "không viết thêm"}},
		{article2, "a {{}}", []string{"ký tự 3", "chỗ điền trống"}},
		{article2, "{{range .Count}}x{{end}}", []string{"không dùng \"range\""}},
		{reason, "Đã {{.Count}}", []string{"Giấy khen › Thành tích", "ký tự 4", "không có chỗ điền {{.Count}}", "dùng được: {{.Name}}, {{.Unit}}, {{.Reason}}"}},
	} {
		err := CheckTemplate(c.key, c.text)
		if err == nil {
			t.Errorf("%q accepted", c.text)
			continue
		}
		msg := err.Error()
		contains(t, fmt.Sprintf("the message for %q", c.text), msg, c.want...)
		if c.key != reason {
			contains(t, fmt.Sprintf("the message for %q", c.text), msg, "Chỗ điền dùng được: {{.Count}}, {{.Noun}}")
		}
		for _, raw := range []string{"template:", "executing", "evaluate", "unexpected", "operand", "decision.certificate", "EOF"} {
			if strings.Contains(msg, raw) {
				t.Errorf("%q: the message %q says %q", c.text, msg, raw)
			}
		}
	}
}

// TestAnnexCellsKeepClearOfTheirBorders: in the annex no name comes within
// a millimetre and a half of its column's border, and a member of a
// grassroots cell (chi bộ cơ sở) has it in the "Đảng bộ" column, which has
// the room, not wrapped in the column of cells.
func TestAnnexCellsKeepClearOfTheirBorders(t *testing.T) {
	b := fiveYears(12)
	b.People[0].Name, b.People[0].Org = "Nguyễn Phương Huyền", "Chi bộ Trường Tiểu học Lê Độ"
	b.People[1].Org = "Đảng bộ phường Hòa Thuận Đông › Chi bộ Tổ dân phố 7"
	for i := 2; i < len(b.People); i++ {
		b.People[i].Org = fmt.Sprintf("Đảng bộ phường Hòa Thuận Đông › Chi bộ Khu dân cư số %d", 10+i)
	}
	d, err := DecisionDocument(b, Decision{No: "127", Date: domain.NewDate(2026, 1, 20)}, heading, standard)
	if err != nil {
		t.Fatal(err)
	}
	row := d.Annexes[0].Tables[0].Rows[0]
	if row[3] != "" || row[4] != "Chi bộ Trường Tiểu học Lê Độ" {
		t.Errorf("a grassroots cell's member: cell %q, Đảng bộ %q", row[3], row[4])
	}
	path := writePDF(t, func(w *bytes.Buffer) error { return WritePDF(w, d, heading) })
	words := pdfWords(t, path)[1]
	// The column borders are where the header's cells are: take the
	// left edges of the texts of each column of the first row.
	line, ok := findLine(words, "Nguyễn Phương Huyền")
	if !ok {
		t.Fatal("no Nguyễn Phương Huyền in the annex")
	}
	year, ok := findLine(words, "1970")
	if !ok {
		t.Fatal("no year of birth in the annex")
	}
	// The year column's text is centred: its border is further left than
	// the year, never closer than 1.5 mm to the name.
	if gap := year[0].XMin - line[len(line)-1].XMax; gap < 2.8 {
		t.Errorf("the name ends %.1f mm from the next column's text", gap)
	}
	for _, whole := range []string{"Chi bộ Trường Tiểu học Lê Độ", "Chi bộ Khu dân cư số 12 Đảng bộ phường Hòa Thuận Đông"} {
		if _, ok := findLine(words, whole); !ok {
			t.Errorf("%q wraps", whole)
		}
	}
}

// TestABadgeListsDaysAreDatesInASpreadsheet: the list's days of birth,
// admission and official membership are dates a spreadsheet sorts (shown
// dd/mm/yyyy); one before 1900 stays text, an unknown one empty.
func TestABadgeListsDaysAreDatesInASpreadsheet(t *testing.T) {
	b := Batch{Form: domain.FormBadge, Group: domain.GroupMembers, Occasion: domain.NewDate(2026, 9, 2), People: people(2)}
	b.People[0].AdmittedOn, b.People[0].OfficialOn = domain.NewDate(1996, 8, 20), domain.NewDate(1997, 8, 20)
	b.People[1].BirthDate, b.People[1].AdmittedOn = domain.NewDate(1899, 3, 1), domain.NewDate(1936, 2, 3)
	f := workbook(t, ListDocument(b))
	sheet := f.GetSheetList()[len(f.GetSheetList())-1]
	rows, _ := f.GetRows(sheet)
	at := make([]int, 2) // the rows of the two people
	for i, r := range rows {
		for k, p := range b.People {
			if len(r) > 1 && r[1] == p.Name {
				at[k] = i + 1
			}
		}
	}
	if at[0] == 0 || at[1] == 0 {
		t.Fatalf("rows %q", rows)
	}
	for _, c := range []struct {
		cell, text string
		date       bool
	}{
		{fmt.Sprintf("D%d", at[0]), "20/08/1996", true},
		{fmt.Sprintf("E%d", at[0]), "20/08/1997", true},
		{fmt.Sprintf("C%d", at[1]), "01/03/1899", false},
		{fmt.Sprintf("D%d", at[1]), "03/02/1936", true},
		{fmt.Sprintf("E%d", at[1]), "", false},
	} {
		v, _ := f.GetCellValue(sheet, c.cell)
		raw, _ := f.GetCellValue(sheet, c.cell, excelize.Options{RawCellValue: true})
		typ, _ := f.GetCellType(sheet, c.cell)
		isText := typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString
		if v != c.text || (c.date && (isText || raw == v)) || (!c.date && c.text != "" && !isText) {
			t.Errorf("%s = %q (raw %q, type %v), want %q as a date: %v", c.cell, v, raw, typ, c.text, c.date)
		}
	}
}

// TestAnOfficesPastReportSaysWhatItLeavesOut: the note of what left an
// office's part since the year is printed under the tables.
func TestAnOfficesPastReportSaysWhatItLeavesOut(t *testing.T) {
	s := newSummary(2024, "Đảng bộ quận Hải Châu", map[domain.Group][]int{domain.GroupMembers: {10, 30, 5, 1}})
	if d := SummaryDocument(s); len(d.Notes) != 0 {
		t.Errorf("notes of a report with nothing left out: %q", d.Notes)
	}
	s.Left = domain.PartLeft{Year: 2024, Orgs: 1, Ratings: 822}
	d := SummaryDocument(s)
	if len(d.Notes) != 1 || !strings.Contains(d.Notes[0], "không tính 1 tổ chức đã chuyển sang nơi khác sau 31/12/2024 và 822 kết quả xếp loại đảng viên năm 2024") {
		t.Errorf("notes %q", d.Notes)
	}
	s.Left = domain.PartLeft{Year: 2024, Ratings: 3}
	if d := SummaryDocument(s); len(d.Notes) != 1 || strings.Contains(d.Notes[0], "tổ chức đã chuyển") || !strings.Contains(d.Notes[0], "không tính 3 kết quả xếp loại đảng viên năm 2024 của đảng viên đã chuyển đi (") {
		t.Errorf("members transferred out only: %q", d.Notes)
	}
}

// TestTheStatutesGuidanceIsTheOneInForce: documents cite the guidance on
// the Party Statute in force on their date.
func TestTheStatutesGuidanceIsTheOneInForce(t *testing.T) {
	for _, c := range []struct {
		on   domain.Date
		want string
	}{
		{domain.NewDate(2025, 6, 9), "Hướng dẫn số 06-HD/TW, ngày 09/6/2025"},
		{domain.NewDate(2025, 6, 8), "Hướng dẫn số 01-HD/TW, ngày 28/9/2021"},
		{domain.NewDate(2021, 9, 28), "Hướng dẫn số 01-HD/TW, ngày 28/9/2021"},
		{domain.NewDate(2021, 9, 27), "Hướng dẫn số 01-HD/TW, ngày 20/9/2016"},
	} {
		if got := statuteGuidance(c.on); !strings.HasPrefix(got, c.want) {
			t.Errorf("on %v: %q, want %q", c.on, got, c.want)
		}
	}
}

// TestOrganisationsNotRatedAreSaidWithTheirReasons: a cell not rated (a
// founding too recent) is listed with its reason, as members are.
func TestOrganisationsNotRatedAreSaidWithTheirReasons(t *testing.T) {
	s := newSummary(2025, "Đảng bộ quận Sơn Trà", map[domain.Group][]int{domain.GroupCells: {2, 7}, domain.GroupMembers: {10, 40}})
	s.Group(domain.GroupCells).Add(domain.LevelNone, "Thành lập chưa đủ 6 tháng", 1)
	var found *Table
	for i, tb := range SummaryDocument(s).Tables {
		if tb.Heading == "Tổ chức không xếp loại" {
			found = &SummaryDocument(s).Tables[i]
		}
	}
	if found == nil || len(found.Rows) != 1 || fmt.Sprint(found.Rows[0]) != fmt.Sprint([]any{"Chi bộ trực thuộc", "Thành lập chưa đủ 6 tháng", 1}) {
		t.Errorf("organisations not rated: %+v", found)
	}
	s2 := newSummary(2025, "Đảng bộ quận Sơn Trà", map[domain.Group][]int{domain.GroupCells: {2, 7}})
	for _, tb := range SummaryDocument(s2).Tables {
		if tb.Heading == "Tổ chức không xếp loại" {
			t.Errorf("a table of organisations not rated where none is")
		}
	}
}

// TestTheSignatureNeverStandsAlone: however many grassroots organisations
// the breakdown has, the last page holds more than the signature (its last
// rows or legend go over with it), and a report with a note after its
// tables keeps the note with it.
func TestTheSignatureNeverStandsAlone(t *testing.T) {
	for n := 1; n <= 40; n++ {
		for _, note := range []bool{false, true} {
			s := newSummary(2025, "Đảng bộ quận Sơn Trà", map[domain.Group][]int{domain.GroupGrassroots: {1, n - 1}, domain.GroupMembers: {100, 400}})
			for i := range n {
				l := domain.GrassrootsLine{Name: fmt.Sprintf("Đảng bộ phường Số %d", i+1), Own: domain.LevelGood}
				l.Members.Add(domain.LevelGood, "", 20)
				s.ByGrassroots = append(s.ByGrassroots, l)
			}
			if note {
				s.Left = domain.PartLeft{Year: 2025, Orgs: 1, Ratings: 5}
			}
			path := writePDF(t, func(w *bytes.Buffer) error { return WritePDF(w, SummaryDocument(s), heading) })
			pages := pagesOf(t, path)
			last := flat(pages[len(pages)-1])
			if !strings.Contains(last, "Đảng bộ phường Số") && !strings.Contains(last, "XS: Hoàn thành") && !strings.Contains(last, "Lưu ý") {
				t.Errorf("%d organisations, note %v: the last page holds only %q", n, note, last)
			}
			if note && !strings.Contains(last, "Lưu ý") && !strings.Contains(flat(pages[len(pages)-1]), "T/M") {
				t.Errorf("%d organisations: the note is not kept with the signature", n)
			}
		}
	}
}
