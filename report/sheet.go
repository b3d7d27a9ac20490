package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
)

// WriteXLSX writes d as a workbook, one sheet per table: the title above, a
// bold frozen header row that repeats on printed pages, A4 print setup,
// sensible widths, numbers as numbers and text never taken for a formula.
func WriteXLSX(w io.Writer, d Document) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Times New Roman", Size: 12},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E6E6E6"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    borders()})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Times New Roman", Size: 13}})
	if err != nil {
		return err
	}
	body, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: borders()})
	if err != nil {
		return err
	}
	used := map[string]bool{}
	for i, t := range d.Tables {
		name := sheetName(t.Heading, i, used)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		cell := func(c, r int) string { s, _ := excelize.CoordinatesToCellName(c, r); return s }
		f.SetCellValue(name, cell(1, 1), d.Title)
		f.SetCellStyle(name, cell(1, 1), cell(1, 1), title)
		sub := d.Subtitle
		if t.Heading != "" {
			sub = strings.TrimSpace(sub + " — " + t.Heading)
		}
		f.SetCellValue(name, cell(1, 2), domain.NeutralizeFormula(sub))
		const headerRow = 3
		for c, col := range t.Columns {
			f.SetCellValue(name, cell(c+1, headerRow), col.Name)
			f.SetColWidth(name, colName(c+1), colName(c+1), col.Width/1.9)
		}
		f.SetCellStyle(name, cell(1, headerRow), cell(len(t.Columns), headerRow), bold)
		for r, row := range t.Rows {
			for c, v := range row {
				if s, ok := v.(string); ok {
					v = domain.NeutralizeFormula(s)
				}
				f.SetCellValue(name, cell(c+1, headerRow+1+r), v)
			}
		}
		if len(t.Rows) > 0 {
			f.SetCellStyle(name, cell(1, headerRow+1), cell(len(t.Columns), headerRow+len(t.Rows)), body)
		}
		if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cell(1, headerRow+1), ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		size, portrait := 9, "portrait" // 9 = A4
		if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &portrait}); err != nil {
			return err
		}
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", name, headerRow, headerRow), Scope: name}); err != nil {
			return err
		}
	}
	return f.Write(w)
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

// WriteCSV writes d as one CSV (UTF-8 with BOM): each table under its
// heading, then a blank line; text that looks like a formula neutralised.
func WriteCSV(w io.Writer, d Document) error {
	if _, err := io.WriteString(w, "\xef\xbb\xbf"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{domain.NeutralizeFormula(d.Title)})
	if d.Subtitle != "" {
		cw.Write([]string{domain.NeutralizeFormula(d.Subtitle)})
	}
	for _, t := range d.Tables {
		cw.Write(nil)
		if t.Heading != "" {
			cw.Write([]string{domain.NeutralizeFormula(t.Heading)})
		}
		header := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			header[i] = c.Name
		}
		cw.Write(header)
		for _, r := range t.Rows {
			rec := make([]string, len(r))
			for i, v := range r {
				switch x := v.(type) {
				case int, float64:
					rec[i] = fmt.Sprint(x)
				default:
					rec[i] = domain.NeutralizeFormula(CellText(v))
				}
			}
			cw.Write(rec)
		}
	}
	for _, n := range d.Notes {
		cw.Write([]string{domain.NeutralizeFormula(n)})
	}
	cw.Flush()
	return cw.Error()
}
