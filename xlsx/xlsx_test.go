package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// rowsOf reads every row of every sheet: sheet → row number → cells.
func rowsOf(t *testing.T, data []byte) map[string]map[int][]Cell {
	t.Helper()
	b, err := Open(bytes.NewReader(data), int64(len(data)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[int][]Cell{}
	for _, s := range b.Sheets {
		out[s.Name] = map[int][]Cell{}
		err := b.Rows(s, func(n int, cells []Cell) error {
			out[s.Name][n] = append([]Cell(nil), cells...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func values(cells []Cell) []string {
	var out []string
	for _, c := range cells {
		out = append(out, c.Value)
	}
	return out
}

// TestWriterOutputReadsInExcelize: what the writer makes is a workbook
// another reader takes as it was meant: text, numbers, dates shown
// dd/mm/yyyy, escaped markup, a frozen header, the sheets in order.
func TestWriterOutputReadsInExcelize(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	s, err := w.NewSheet("Đảng viên", []float64{32, 14, 8}, []string{"Họ và tên", "Ngày sinh", "Điểm"})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]Value{
		{TextValue("Nguyễn Văn Đức"), DateValue(2982), NumberValue(85.5)},
		{TextValue(`<b>&"x"</b> _x0041_ tab	end`), {}, NumberValue(100)},
		{TextValue(" lề "), DateValue(1), {}},
	}
	for _, r := range rows {
		if err := s.Row(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.NewSheet("Khen thưởng & kỷ luật", nil, []string{"Năm"}); err != nil {
		t.Fatal(err)
	}
	w.SetActive(0)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); !reflect.DeepEqual(got, []string{"Đảng viên", "Khen thưởng & kỷ luật"}) {
		t.Errorf("sheets %v", got)
	}
	got, err := x.GetRows("Đảng viên")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Họ và tên", "Ngày sinh", "Điểm"},
		{"Nguyễn Văn Đức", "29/02/1908", "85.5"},
		{`<b>&"x"</b> _x0041_ tab	end`, "", "100"},
		{" lề ", "01/01/1900"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("excelize reads\n%q\nwant\n%q", got, want)
	}
	panes, err := x.GetPanes("Đảng viên")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	if wd, _ := x.GetColWidth("Đảng viên", "A"); wd != 32 {
		t.Errorf("column A width %v", wd)
	}
	// And our reader reads back what it wrote, dates marked as dates.
	back := rowsOf(t, buf.Bytes())["Đảng viên"]
	if c := back[2][1]; c.Value != "2982" || !c.Date || c.Kind != Number {
		t.Errorf("date cell read back as %+v", c)
	}
	if c := back[3][0]; c.Value != `<b>&"x"</b> _x0041_ tab	end` || c.Kind != Text {
		t.Errorf("escaped text read back as %+v", c)
	}
	if c := back[2][2]; c.Value != "85.5" || c.Date {
		t.Errorf("number read back as %+v", c)
	}
}

// TestSameRowsSameBytes: two workbooks of the same rows are the same file.
func TestSameRowsSameBytes(t *testing.T) {
	make := func() []byte {
		var buf bytes.Buffer
		w := NewWriter(&buf)
		s, _ := w.NewSheet("A", []float64{10}, []string{"x"})
		s.Row([]Value{TextValue("một")})
		w.Close()
		return buf.Bytes()
	}
	if !bytes.Equal(make(), make()) {
		t.Error("the same rows gave different files")
	}
}

// TestReadsWhatExcelWrites: shared strings, rich text with its font, date
// formats built in and custom, a General number, booleans, formulas with
// their cached values, gaps between cells and rows, merged ranges.
func TestReadsWhatExcelWrites(t *testing.T) {
	x := excelize.NewFile()
	sh := "Sheet1"
	x.SetCellValue(sh, "A1", "Họ và tên")
	x.SetCellValue(sh, "C1", 27465.0)
	dmy, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	custom := "dd/mm/yyyy"
	cust, _ := x.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	timeOnly := "[h]:mm"
	tstyle, _ := x.NewStyle(&excelize.Style{CustomNumFmt: &timeOnly})
	vn, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Family: ".VnTime"}})
	x.SetCellValue(sh, "A2", 2982.0)
	x.SetCellStyle(sh, "A2", "A2", dmy)
	x.SetCellValue(sh, "B2", 27465.0)
	x.SetCellStyle(sh, "B2", "B2", cust)
	x.SetCellValue(sh, "C2", 1.5)
	x.SetCellStyle(sh, "C2", "C2", tstyle)
	x.SetCellValue(sh, "D2", "NguyÔn V¨n §øc")
	x.SetCellStyle(sh, "D2", "D2", vn)
	x.SetCellValue(sh, "A4", true)
	x.SetCellFormula(sh, "B4", "1+1")
	x.SetCellRichText(sh, "C4", []excelize.RichTextRun{
		{Text: "Nguyeãn ", Font: &excelize.Font{Family: "VNI-Times"}},
		{Text: "Vaên", Font: &excelize.Font{Bold: true}},
	})
	x.SetCellValue(sh, "A5", "Chi bộ 1")
	x.MergeCell(sh, "A5", "A7")
	x.SetCellValue(sh, "B6", "x")
	x.SetCellValue(sh, "B7", "y")
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rows := rowsOf(t, buf.Bytes())["Sheet1"]
	if got := values(rows[1]); !reflect.DeepEqual(got, []string{"Họ và tên", "", "27465"}) {
		t.Errorf("row 1 %q", got)
	}
	r2 := rows[2]
	if !r2[0].Date || !r2[1].Date || r2[2].Date || r2[0].Value != "2982" {
		t.Errorf("date formats: %+v", r2)
	}
	if r2[3].Font != ".VnTime" || r2[3].Value != "NguyÔn V¨n §øc" {
		t.Errorf("font of D2: %+v", r2[3])
	}
	if _, ok := rows[3]; ok {
		t.Errorf("an empty row was given: %v", rows[3])
	}
	r4 := rows[4]
	if r4[0].Kind != Bool || r4[0].Value != "1" || r4[2].Value != "Nguyeãn Vaên" || r4[2].Font != "VNI-Times" {
		t.Errorf("row 4 %+v", r4)
	}
	for n := 5; n <= 7; n++ {
		if rows[n][0].Value != "Chi bộ 1" {
			t.Errorf("row %d: merged value not filled: %+v", n, rows[n])
		}
	}
}

// TestDate1904AndPrefixedTags: a workbook counting days from 1904, with
// its XML in a prefixed namespace, entities and CDATA, is read.
func TestDate1904AndPrefixedTags(t *testing.T) {
	sheet := `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><!-- a > comment --><x:sheetData>` +
		`<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>A &amp; B &#273;&#x1EA1;</x:t></x:is></x:c><x:c r="D2" s="1"><x:v>1</x:v></x:c></x:row>` +
		`<x:row><x:c t="inlineStr"><x:is><x:t><![CDATA[<không> & có]]></x:t></x:is></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>` +
		`</x:sheetData></x:worksheet>`
	data := workbook(t, map[string]string{"xl/worksheets/sheet1.xml": sheet}, true)
	b, err := Open(bytes.NewReader(data), int64(len(data)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if !b.Date1904 {
		t.Error("date1904 not seen")
	}
	rows := rowsOf(t, data)["Dữ liệu"]
	if got := values(rows[2]); !reflect.DeepEqual(got, []string{"", "A & B đạ", "", "1"}) || !rows[2][3].Date {
		t.Errorf("row 2 %q %+v", got, rows[2])
	}
	if got := values(rows[3]); !reflect.DeepEqual(got, []string{"<không> & có", "#N/A"}) || rows[3][1].Kind != Error {
		t.Errorf("row 3 %q", got)
	}
}

// workbook zips a minimal workbook around the given parts.
func workbook(t *testing.T, parts map[string]string, date1904 bool) []byte {
	t.Helper()
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	all := map[string]string{
		"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` + pr + `<sheets><sheet name="Dữ liệu" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		"xl/styles.xml":              `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts><font><name val="Arial"/></font></fonts><cellXfs><xf numFmtId="0" fontId="0"/><xf numFmtId="15" fontId="0"/></cellXfs></styleSheet>`,
	}
	for k, v := range parts {
		all[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range all {
		f, _ := zw.Create(name)
		io.WriteString(f, body)
	}
	zw.Close()
	return buf.Bytes()
}

// TestRowLimit: a row numbered past the limit is refused without reading
// the rows before it one by one.
func TestRowLimit(t *testing.T) {
	sheet := `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>a</t></is></c></row><row r="1048577"><c><v>1</v></c></row></sheetData></worksheet>`
	data := workbook(t, map[string]string{"xl/worksheets/sheet1.xml": sheet}, false)
	b, err := Open(bytes.NewReader(data), int64(len(data)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = b.Rows(b.Sheets[0], func(int, []Cell) error { n++; return nil })
	if err != ErrTooManyRows || n != 1 {
		t.Errorf("rows %d, error %v", n, err)
	}
}

// TestLongCellIsCut: a huge cell is cut to the limit and says how long it
// was; the text after it is still read.
func TestLongCellIsCut(t *testing.T) {
	long := strings.Repeat("ô", 3<<20)
	sheet := `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>` + long + `</t></is></c><c t="inlineStr"><is><t>sau</t></is></c></row></sheetData></worksheet>`
	data := workbook(t, map[string]string{"xl/worksheets/sheet1.xml": sheet}, false)
	rows := rowsOf(t, data)["Dữ liệu"]
	c := rows[1][0]
	if len(c.Value) > DefaultLimits.CellBytes || c.Long != len(long) || rows[1][1].Value != "sau" {
		t.Errorf("cut to %d bytes, long %d, next %q", len(c.Value), c.Long, rows[1][1].Value)
	}
}

func TestIsDateFormat(t *testing.T) {
	for code, want := range map[string]bool{
		"dd/mm/yyyy": true, "d/m/yy": true, "mmm-yy": true, `[$-42A]dd\/mm\/yyyy;@`: true, "yyyy-mm-dd hh:mm": true,
		"General": false, "0.00": false, "#,##0": false, "mm:ss": false, "[h]:mm": false, "h:mm AM/PM": false,
		`"Ngày "0`: false, "0.00E+00": false, "@": false, "[Red]0": false,
	} {
		if got := IsDateFormat(code); got != want {
			t.Errorf("IsDateFormat(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestColumnName(t *testing.T) {
	for col, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := ColumnName(col); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", col, got, want)
		}
		if c, _, ok := parseRef(want + "1"); !ok || c != col {
			t.Errorf("parseRef(%s1) = %d", want, c)
		}
	}
}

// TestMergeRefsAcrossChunks finds merged ranges wherever the reading
// chunks cut the XML, prefixed tags included.
func TestMergeRefsAcrossChunks(t *testing.T) {
	for _, pad := range []int{0, 1<<20 - 10, 1<<20 - 3, 1<<20 + 5, 3 << 20} {
		var xmlText strings.Builder
		xmlText.WriteString(`<worksheet><sheetData>`)
		xmlText.WriteString(strings.Repeat(" ", pad))
		xmlText.WriteString(`</sheetData><mergeCells count="3"><mergeCell ref="A1:D1"/><x:mergeCell ref="B3:B5"/>`)
		xmlText.WriteString(strings.Repeat(" ", 1<<20-7))
		xmlText.WriteString(`<mergeCell ref="C7:E9"/></mergeCells></worksheet>`)
		refs, err := mergeRefs(strings.NewReader(xmlText.String()), 10)
		if got := fmt.Sprint(refs); err != nil || got != "[A1:D1 B3:B5 C7:E9]" {
			t.Errorf("pad %d: %s, %v", pad, got, err)
		}
	}
}

// FuzzRows feeds mutated workbooks to the reader: it answers with rows or
// an error, never a panic or a hang.
func FuzzRows(f *testing.F) {
	f.Add(workbook(&testing.T{}, map[string]string{"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a&amp;b</t></is></c><c r="C1" s="1"><v>2982</v></c></row></sheetData><mergeCells><mergeCell ref="A1:A3"/></mergeCells></worksheet>`}, false))
	x := excelize.NewFile()
	x.SetCellValue("Sheet1", "A1", "Họ và tên")
	x.SetCellRichText("Sheet1", "B2", []excelize.RichTextRun{{Text: "a", Font: &excelize.Font{Family: ".VnTime"}}})
	var buf bytes.Buffer
	x.Write(&buf)
	f.Add(buf.Bytes())
	limits := Limits{Unzipped: 4 << 20, Part: 1 << 20, Rows: 10_000, Columns: 64, CellBytes: 1 << 10, MergeCount: 100}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Open(bytes.NewReader(data), int64(len(data)), limits)
		if err != nil {
			return
		}
		for _, s := range b.Sheets {
			last := 0
			err := b.Rows(s, func(n int, cells []Cell) error {
				if n <= last || n > limits.Rows || len(cells) > limits.Columns {
					t.Fatalf("row %d after %d with %d cells", n, last, len(cells))
				}
				last = n
				return nil
			})
			if err != nil {
				return
			}
		}
	})
}
