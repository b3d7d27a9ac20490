package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
)

// WriteXLSX writes d as a workbook for offices that adjust a line before
// signing: a document with text (a decision, a proposal) first as a sheet
// of its text in cells (heading block, body, "Nơi nhận", signature); then
// each table on a sheet of its own (an annex's too) with the title above, a
// bold frozen header row that repeats on printed pages, A4 print setup,
// widths from the content, numbers as numbers. Text goes into text cells
// as it is ("- Căn cứ …"): Excel never evaluates a text cell, and an
// apostrophe put before it would show.
func WriteXLSX(w io.Writer, d Document, h Heading) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newSheetStyles(f)
	if err != nil {
		return err
	}
	used := map[string]bool{}
	first := true
	newSheet := func(name string) (string, error) {
		name = sheetName(name, len(used), used)
		if first {
			first = false
			return name, f.SetSheetName("Sheet1", name)
		}
		_, err := f.NewSheet(name)
		return name, err
	}
	if hasText(d) {
		name, err := newSheet(domain.UpperFirst(strings.ToLower(d.Type)))
		if err != nil {
			return err
		}
		if err := writeTextSheet(f, name, st, d, h); err != nil {
			return err
		}
	}
	title := strings.TrimSpace(d.Type + " " + d.Title)
	for i, t := range d.Tables {
		name, err := newSheet(t.Heading)
		if err != nil {
			return err
		}
		if err := writeTableSheet(f, name, st, title, d.Subtitle, t, lastNotes(i, d.Tables, d.Notes)); err != nil {
			return err
		}
	}
	for _, a := range d.Annexes {
		for i, t := range a.Tables {
			heading := t.Heading
			if heading == "" {
				heading = "Danh sách kèm theo"
			}
			name, err := newSheet(heading)
			if err != nil {
				return err
			}
			if err := writeTableSheet(f, name, st, strings.TrimSpace(a.Type+" "+a.Title), a.Ref, t, lastNotes(i, a.Tables, a.Notes)); err != nil {
				return err
			}
		}
	}
	if first { // nothing at all: an empty sheet with the title
		f.SetCellValue("Sheet1", "A1", title)
	}
	return f.Write(w)
}

func hasText(d Document) bool {
	return len(d.Body) > 0 || d.To != "" || len(d.Closing) > 0 || len(d.Recipients) > 0
}

// dateFormat is how a day shows in a spreadsheet's cell.
var dateFormat = "dd/mm/yyyy"

type sheetStyles struct{ head, title, body, date, section, text, centre, bold, italic int }

func newSheetStyles(f *excelize.File) (sheetStyles, error) {
	var s sheetStyles
	tnr := func(size float64, bold, italic bool) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic}
	}
	for _, x := range []struct {
		dst   *int
		style *excelize.Style
	}{
		{&s.head, &excelize.Style{Font: tnr(12, true, false), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E6E6E6"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: borders()}},
		{&s.title, &excelize.Style{Font: tnr(13, true, false)}},
		{&s.section, &excelize.Style{Font: tnr(12, true, false), Alignment: &excelize.Alignment{Vertical: "top"}, Border: borders()}},
		{&s.body, &excelize.Style{Font: tnr(12, false, false), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: borders()}},
		{&s.date, &excelize.Style{Font: tnr(12, false, false), Alignment: &excelize.Alignment{Vertical: "top"}, Border: borders(), CustomNumFmt: &dateFormat}},
		{&s.text, &excelize.Style{Font: tnr(14, false, false), Alignment: &excelize.Alignment{Horizontal: "justify", Vertical: "top", WrapText: true, Indent: 2}}},
		{&s.centre, &excelize.Style{Font: tnr(14, false, false), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
		{&s.bold, &excelize.Style{Font: tnr(14, true, false), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
		{&s.italic, &excelize.Style{Font: tnr(14, false, true), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
	} {
		id, err := f.NewStyle(x.style)
		if err != nil {
			return s, err
		}
		*x.dst = id
	}
	return s, nil
}

// writeTextSheet writes a document's text in two columns: the heading block
// left and right, the body in cells merged across both, "Nơi nhận" left
// and the signature right.
func writeTextSheet(f *excelize.File, name string, st sheetStyles, d Document, h Heading) error {
	const colW = 48.0 // characters
	f.SetColWidth(name, "A", "B", colW)
	row := 0
	put := func(col, text string, style int) {
		cell := fmt.Sprintf("%s%d", col, row)
		f.SetCellValue(name, cell, text)
		f.SetCellStyle(name, cell, cell, style)
	}
	// wide writes a line across both columns, its height from its length.
	wide := func(text string, style int, lead string) {
		row++
		a, b := fmt.Sprintf("A%d", row), fmt.Sprintf("B%d", row)
		f.MergeCell(name, a, b)
		if lead != "" {
			f.SetCellRichText(name, a, []excelize.RichTextRun{
				{Text: lead + " ", Font: &excelize.Font{Family: "Times New Roman", Size: 14, Bold: true}},
				{Text: text, Font: &excelize.Font{Family: "Times New Roman", Size: 14}},
			})
		} else {
			f.SetCellValue(name, a, text)
		}
		f.SetCellStyle(name, a, b, style)
		lines := 1 + len([]rune(lead+" "+text))/70
		f.SetRowHeight(name, row, float64(lines)*19)
	}
	row++
	put("A", strings.ToUpper(h.Superior), st.centre)
	put("B", "ĐẢNG CỘNG SẢN VIỆT NAM", st.bold)
	row++
	put("A", strings.ToUpper(h.Issuer), st.bold)
	row++
	put("A", "*", st.centre)
	row++
	put("A", Number(d.No, d.Kind, h.Abbr), st.centre)
	put("B", h.DateLine(), st.italic)
	row++
	wide(d.Type, st.bold, "")
	for _, s := range []string{d.Title, d.Subtitle} {
		if s != "" {
			wide(s, st.bold, "")
		}
	}
	if d.To != "" {
		wide(d.To, st.centre, "")
	}
	paras := append(append([]Para{}, d.Body...), notesAsParas(d.Notes)...)
	for _, p := range append(paras, d.Closing...) {
		style := st.text
		if p.Style == Centered {
			style = st.bold
		}
		wide(p.Text, style, p.Lead)
	}
	if len(d.Tables) > 0 {
		wide("(Danh sách ở các trang tính sau)", st.italic, "")
	}
	row++
	start := row + 1
	row = start
	if len(d.Recipients) > 0 {
		put("A", "Nơi nhận:", st.italic)
	}
	for i, r := range d.Recipients {
		row = start + 1 + i
		put("A", r, st.centre)
	}
	row = start
	for _, t := range append([]string{h.SignFor}, h.SignerLines()...) {
		put("B", strings.ToUpper(t), st.bold)
		row++
	}
	row = max(row+3, start+len(d.Recipients)+2)
	put("B", h.SignerName, st.bold)
	size, portrait := 9, "portrait"
	return f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &portrait})
}

func notesAsParas(notes []string) []Para {
	out := make([]Para, len(notes))
	for i, n := range notes {
		out[i] = Para{Text: n}
	}
	return out
}

// lastNotes are the notes under the i-th of tables: the notes of the
// document go under its last table.
func lastNotes(i int, tables []Table, notes []string) []string {
	if i == len(tables)-1 {
		return notes
	}
	return nil
}

// writeTableSheet writes one table under a title and a subtitle, with its
// legend and notes under it.
func writeTableSheet(f *excelize.File, name string, st sheetStyles, title, sub string, t Table, notes []string) error {
	t = spreadsheetTable(t)
	cell := func(c, r int) string { s, _ := excelize.CoordinatesToCellName(c, r); return s }
	f.SetCellValue(name, cell(1, 1), title)
	f.SetCellStyle(name, cell(1, 1), cell(1, 1), st.title)
	if t.Heading != "" {
		sub = strings.TrimSpace(sub + " — " + t.Heading)
	}
	f.SetCellValue(name, cell(1, 2), sub)
	const headerRow = 3
	for c, col := range t.Columns {
		f.SetCellValue(name, cell(c+1, headerRow), col.Name)
		f.SetColWidth(name, colName(c+1), colName(c+1), sheetWidth(t, c))
	}
	f.SetCellStyle(name, cell(1, headerRow), cell(len(t.Columns), headerRow), st.head)
	for r, row := range t.Rows {
		if sec, ok := sectionOf(row); ok {
			a, b := cell(1, headerRow+1+r), cell(len(t.Columns), headerRow+1+r)
			f.MergeCell(name, a, b)
			f.SetCellValue(name, a, string(sec))
			continue
		}
		for c, v := range row {
			switch x := v.(type) {
			case Plain:
				v = int(x)
			case domain.Date:
				// A day unknown is an empty cell; one before 1900, which
				// spreadsheets cannot count, stays text.
				switch {
				case x.IsZero():
					v = nil
				case x.Year < 1900:
					v = x.String()
				default:
					v = x.Time()
				}
			}
			f.SetCellValue(name, cell(c+1, headerRow+1+r), v)
		}
	}
	if len(t.Rows) > 0 {
		f.SetCellStyle(name, cell(1, headerRow+1), cell(len(t.Columns), headerRow+len(t.Rows)), st.body)
	}
	// Days are dates a spreadsheet sorts and counts, shown dd/mm/yyyy.
	for r, row := range t.Rows {
		for c, v := range row {
			if d, ok := v.(domain.Date); ok && d.Year >= 1900 {
				a := cell(c+1, headerRow+1+r)
				f.SetCellStyle(name, a, a, st.date)
			}
		}
	}
	for r, row := range t.Rows {
		if _, ok := sectionOf(row); ok {
			f.SetCellStyle(name, cell(1, headerRow+1+r), cell(len(t.Columns), headerRow+1+r), st.section)
		}
	}
	last := headerRow + len(t.Rows) + 1
	for _, n := range append([]string{t.Legend}, notes...) {
		if n != "" {
			last++
			f.SetCellValue(name, cell(1, last), n)
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cell(1, headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	size, portrait := 9, "portrait" // 9 = A4
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &portrait}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", name, headerRow, headerRow), Scope: name})
}

// sheetWidth is a column's width in characters: its longest header word or
// cell, between 5 and 50.
func sheetWidth(t Table, c int) float64 {
	n := 0
	for _, w := range strings.Fields(t.Columns[c].Name) {
		n = max(n, len([]rune(w))+2)
	}
	for i, r := range t.Rows {
		if i > 2000 {
			break // enough to judge by
		}
		if c < len(r) {
			n = max(n, len([]rune(CellText(r[c])))+2)
		}
	}
	return float64(min(max(n, 5), 50))
}

func borders() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "000000", Style: 1})
	}
	return b
}

func colName(c int) string { s, _ := excelize.ColumnNumberToName(c); return s }

// sheetName makes a valid, unique sheet name (31 characters at most).
func sheetName(heading string, i int, used map[string]bool) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return ' '
		}
		return r
	}, heading)
	if name == "" {
		name = "Danh sách"
	}
	if r := []rune(name); len(r) > 28 {
		name = string(r[:28])
	}
	name = strings.TrimSpace(name)
	for used[name] {
		name = fmt.Sprintf("%s %d", strings.TrimSpace(string([]rune(name)[:min(len([]rune(name)), 26)])), i+1)
	}
	used[name] = true
	return name
}

// WriteCSV writes d's tables as one CSV (UTF-8 with BOM): the title, then
// each table (an annex's too) under its heading, after a blank line; text
// that looks like a formula neutralised.
func WriteCSV(w io.Writer, d Document) error {
	if _, err := io.WriteString(w, "\xef\xbb\xbf"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	line := func(s string) {
		if s != "" {
			cw.Write([]string{domain.NeutralizeFormula(s)})
		}
	}
	line(strings.TrimSpace(d.Type + " " + d.Title))
	line(d.Subtitle)
	tables := func(ts []Table) {
		for _, t := range ts {
			t = spreadsheetTable(t)
			cw.Write(nil)
			line(t.Heading)
			header := make([]string, len(t.Columns))
			for i, c := range t.Columns {
				header[i] = c.Name
			}
			cw.Write(header)
			for _, r := range t.Rows {
				rec := make([]string, len(r))
				for i, v := range r {
					switch x := v.(type) {
					case int, Plain, float64:
						rec[i] = fmt.Sprint(x)
					default:
						rec[i] = domain.NeutralizeFormula(CellText(v))
					}
				}
				cw.Write(rec)
			}
			line(t.Legend)
		}
	}
	tables(d.Tables)
	for _, n := range d.Notes {
		line(n)
	}
	for _, a := range d.Annexes {
		cw.Write(nil)
		line(strings.TrimSpace(a.Type + " " + a.Title))
		line(a.Ref)
		tables(a.Tables)
		for _, n := range a.Notes {
			line(n)
		}
	}
	cw.Flush()
	return cw.Error()
}
