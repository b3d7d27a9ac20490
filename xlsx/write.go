package xlsx

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Writer writes a workbook as a stream: sheet after sheet, row after row,
// each row going straight to the zipped output. The same rows give the
// same bytes (no timestamps), so that two exports of the same data can be
// compared as files.
type Writer struct {
	zw     *zip.Writer
	sheets []string
	cur    *SheetWriter
	active int
	err    error
}

// Styles of the cells a Writer writes.
const (
	styleDefault = 0
	styleHeader  = 1 // bold on a light fill, wrapped
	styleDate    = 2 // dd/mm/yyyy
)

// NewWriter starts a workbook on w.
func NewWriter(w io.Writer) *Writer {
	zw := zip.NewWriter(w)
	// Fast compression: an export of a large database is mostly time spent
	// compressing, and the files stay small enough.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return &Writer{zw: zw}
}

// SetActive makes the sheet with this 0-based index the one shown when the
// workbook opens.
func (w *Writer) SetActive(i int) { w.active = i }

// NewSheet finishes the sheet being written and starts one named name,
// with columns of these widths (in characters) and a bold, frozen header
// row of these names.
func (w *Writer) NewSheet(name string, widths []float64, header []string) (*SheetWriter, error) {
	if err := w.finishSheet(); err != nil {
		return nil, err
	}
	w.sheets = append(w.sheets, name)
	zf, err := w.create(fmt.Sprintf("xl/worksheets/sheet%d.xml", len(w.sheets)))
	if err != nil {
		return nil, err
	}
	s := &SheetWriter{w: bufio.NewWriterSize(zf, 256<<10)}
	s.buf = append(s.buf, xmlHeader...)
	s.buf = append(s.buf, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`...)
	if len(header) > 0 {
		s.buf = append(s.buf, `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`...)
	}
	if len(widths) > 0 {
		s.buf = append(s.buf, "<cols>"...)
		for i, wd := range widths {
			s.buf = fmt.Appendf(s.buf, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(wd, 'f', -1, 64))
		}
		s.buf = append(s.buf, "</cols>"...)
	}
	s.buf = append(s.buf, "<sheetData>"...)
	if len(header) > 0 {
		vals := make([]Value, len(header))
		for i, h := range header {
			vals[i] = Value{kind: Text, text: h, style: styleHeader}
		}
		if err := s.Row(vals); err != nil {
			return nil, err
		}
	}
	w.cur = s
	return s, nil
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func (w *Writer) create(name string) (io.Writer, error) {
	return w.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
}

func (w *Writer) finishSheet() error {
	if w.cur == nil {
		return nil
	}
	s := w.cur
	w.cur = nil
	s.buf = append(s.buf, "</sheetData></worksheet>"...)
	if _, err := s.w.Write(s.buf); err != nil {
		return err
	}
	return s.w.Flush()
}

// Close writes the workbook's remaining parts and the zip directory.
func (w *Writer) Close() error {
	if err := w.finishSheet(); err != nil {
		return err
	}
	if len(w.sheets) == 0 {
		return fmt.Errorf("xlsx: a workbook needs a sheet")
	}
	var ct, wb, rels strings.Builder
	ct.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	wb.WriteString(xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	fmt.Fprintf(&wb, `<bookViews><workbookView activeTab="%d"/></bookViews><sheets>`, w.active)
	rels.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, name := range w.sheets {
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		wb.WriteString(`<sheet name="`)
		wb.Write(appendEscaped(nil, name, true))
		fmt.Fprintf(&wb, `" sheetId="%d" r:id="rId%d"/>`, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`, len(w.sheets)+1)
	for _, p := range []struct{ name, body string }{
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		{"xl/styles.xml", styles},
		{"_rels/.rels", xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"[Content_Types].xml", ct.String()},
	} {
		f, err := w.create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return w.zw.Close()
}

const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDE6F0"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// Value is one cell to write.
type Value struct {
	kind  Kind
	text  string
	num   float64
	style int
}

// TextValue is a text cell ("" leaves the cell empty).
func TextValue(s string) Value { return Value{kind: Text, text: s} }

// NumberValue is a number cell.
func NumberValue(f float64) Value { return Value{kind: Number, num: f} }

// DateValue is a date cell: an Excel serial day number shown dd/mm/yyyy.
func DateValue(serial float64) Value { return Value{kind: Number, num: serial, style: styleDate} }

// SheetWriter writes the rows of one sheet.
type SheetWriter struct {
	w   *bufio.Writer
	buf []byte
	row int
}

// Rows is how many rows have been written, the header included.
func (s *SheetWriter) Rows() int { return s.row }

// Row writes the next row.
func (s *SheetWriter) Row(vals []Value) error {
	s.row++
	s.buf = append(s.buf, `<row r="`...)
	s.buf = strconv.AppendInt(s.buf, int64(s.row), 10)
	s.buf = append(s.buf, `">`...)
	for i, v := range vals {
		if v.kind == Empty || (v.kind == Text && v.text == "") {
			continue
		}
		s.buf = append(s.buf, `<c r="`...)
		s.buf = append(s.buf, ColumnName(i)...)
		s.buf = strconv.AppendInt(s.buf, int64(s.row), 10)
		if v.style != styleDefault {
			s.buf = append(s.buf, `" s="`...)
			s.buf = strconv.AppendInt(s.buf, int64(v.style), 10)
		}
		if v.kind == Text {
			s.buf = append(s.buf, `" t="inlineStr"><is><t`...)
			if strings.TrimSpace(v.text) != v.text {
				s.buf = append(s.buf, ` xml:space="preserve"`...)
			}
			s.buf = append(s.buf, '>')
			s.buf = appendEscaped(s.buf, v.text, false)
			s.buf = append(s.buf, `</t></is></c>`...)
			continue
		}
		s.buf = append(s.buf, `"><v>`...)
		s.buf = strconv.AppendFloat(s.buf, v.num, 'f', -1, 64)
		s.buf = append(s.buf, `</v></c>`...)
	}
	s.buf = append(s.buf, `</row>`...)
	if len(s.buf) >= 64<<10 {
		if _, err := s.w.Write(s.buf); err != nil {
			return err
		}
		s.buf = s.buf[:0]
	}
	return nil
}

// appendEscaped appends s as XML text (or an attribute value): markup
// characters as entities, and characters XML cannot hold as Excel's
// _xHHHH_ (a literal "_x0041_" keeps its underscore as _x005F_).
func appendEscaped(buf []byte, s string, attr bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				buf = append(buf, "&amp;"...)
			case c == '<':
				buf = append(buf, "&lt;"...)
			case c == '>':
				buf = append(buf, "&gt;"...)
			case c == '"' && attr:
				buf = append(buf, "&quot;"...)
			case c == '_' && isExcelEscape(s[i:]):
				buf = append(buf, "_x005F_"...)
			case c < 0x20 && c != '\t' && c != '\n' || c == '\r':
				buf = fmt.Appendf(buf, "_x%04X_", c)
			default:
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			buf = append(buf, "\uFFFD"...)
		case r == 0xFFFE || r == 0xFFFF:
			buf = fmt.Appendf(buf, "_x%04X_", r)
		default:
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return buf
}

// isExcelEscape reports whether s begins like "_x0041_".
func isExcelEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(c)) {
			return false
		}
	}
	return true
}
