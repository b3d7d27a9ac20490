package report

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"

	"xeploai/assets"
)

const (
	font       = "Tinos"
	marginL    = 20.0 // mm; party documents bind on the left
	marginR    = 15.0
	marginTop  = 15.0
	marginBot  = 18.0
	lineH      = 5.0
	cellPad    = 1.0
	bodySize   = 11.0
	tableSize  = 10.0
	pageHeight = 297.0
)

// WritePDF writes d as an A4 party document: the heading block, the title in
// capitals, each table with its header row repeated on every page and no row
// split across pages, "Trang x/y" at the foot, and the signature block.
func WritePDF(w io.Writer, d Document, h Heading) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(marginL, marginTop, marginR)
	pdf.SetAutoPageBreak(false, marginBot)
	pdf.AddUTF8FontFromBytes(font, "", assets.TinosRegular)
	pdf.AddUTF8FontFromBytes(font, "B", assets.TinosBold)
	pdf.AddUTF8FontFromBytes(font, "I", assets.TinosItalic)
	pdf.SetTitle(nfc(d.Title), true)
	pdf.SetCreator("xeploai", true)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont(font, "I", 9)
		pdf.CellFormat(0, 5, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	writeHeading(pdf, d, h)
	for _, t := range d.Tables {
		writeTable(pdf, t)
	}
	pdf.SetFont(font, "", bodySize)
	for _, n := range d.Notes {
		ensureSpace(pdf, lineH+2)
		pdf.MultiCell(0, lineH+1, nfc(n), "", "L", false)
	}
	writeSignature(pdf, h)
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

func nfc(s string) string { return norm.NFC.String(s) }

func usable(pdf *fpdf.Fpdf) float64 {
	w, _ := pdf.GetPageSize()
	return w - marginL - marginR
}

func writeHeading(pdf *fpdf.Fpdf, d Document, h Heading) {
	half := usable(pdf) / 2
	top := pdf.GetY()
	pdf.SetFont(font, "", 12)
	pdf.SetXY(marginL-5, top)
	pdf.CellFormat(half, 6, nfc(strings.ToUpper(h.Superior)), "", 2, "C", false, 0, "")
	pdf.SetFont(font, "B", 12)
	pdf.CellFormat(half, 6, nfc(strings.ToUpper(h.Issuer)), "", 2, "C", false, 0, "")
	pdf.CellFormat(half, 5, "*", "", 2, "C", false, 0, "")
	pdf.SetXY(marginL+half, top)
	pdf.SetFont(font, "B", 13)
	pdf.CellFormat(half, 6, "ĐẢNG CỘNG SẢN VIỆT NAM", "", 2, "C", false, 0, "")
	x := marginL + half + half/2 - 30
	y := pdf.GetY()
	pdf.Line(x, y, x+60, y)
	pdf.SetY(y + 2)
	pdf.SetX(marginL + half)
	pdf.SetFont(font, "I", 12)
	pdf.CellFormat(half, 6, nfc(h.DateLine()), "", 2, "C", false, 0, "")
	pdf.SetY(top + 26)
	pdf.SetFont(font, "B", 14)
	pdf.MultiCell(0, 7, nfc(strings.ToUpper(d.Title)), "", "C", false)
	if d.Subtitle != "" {
		pdf.SetFont(font, "B", 12)
		pdf.MultiCell(0, 6, nfc(d.Subtitle), "", "C", false)
	}
	pdf.Ln(4)
}

// ensureSpace starts a new page when less than h millimetres are left.
func ensureSpace(pdf *fpdf.Fpdf, h float64) bool {
	if pdf.GetY()+h > pageHeight-marginBot {
		pdf.AddPage()
		return true
	}
	return false
}

// rowHeight is the height a row needs with each cell wrapped to its column.
func rowHeight(pdf *fpdf.Fpdf, cols []Column, cells []string) float64 {
	lines := 1
	for i, c := range cols {
		n := len(pdf.SplitText(cells[i], c.Width-2*cellPad))
		if n > lines {
			lines = n
		}
	}
	return float64(lines)*lineH + 2*cellPad
}

func drawRow(pdf *fpdf.Fpdf, cols []Column, cells []string, h float64, fill bool) {
	header := fill // header cells are centred
	x, y := pdf.GetX(), pdf.GetY()
	for i, c := range cols {
		style := "D"
		if fill {
			style = "FD"
		}
		pdf.Rect(x, y, c.Width, h, style)
		lines := pdf.SplitText(cells[i], c.Width-2*cellPad)
		for k, l := range lines {
			pdf.SetXY(x+cellPad, y+cellPad+float64(k)*lineH)
			align := string(c.Align)
			if header {
				align = "C"
			}
			pdf.CellFormat(c.Width-2*cellPad, lineH, l, "", 0, align, false, 0, "")
		}
		x += c.Width
	}
	pdf.SetXY(marginL, y+h)
}

func writeTable(pdf *fpdf.Fpdf, t Table) {
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = nfc(c.Name)
	}
	pdf.SetFont(font, "B", tableSize)
	headH := rowHeight(pdf, t.Columns, header)
	writeHeader := func() {
		pdf.SetFont(font, "B", tableSize)
		pdf.SetFillColor(230, 230, 230)
		drawRow(pdf, t.Columns, header, headH, true)
		pdf.SetFont(font, "", tableSize)
	}
	need := headH + lineH + 2*cellPad
	if t.Heading != "" {
		need += 8
	}
	ensureSpace(pdf, need)
	if t.Heading != "" {
		pdf.SetFont(font, "B", bodySize)
		pdf.MultiCell(0, 6, nfc(t.Heading), "", "L", false)
		pdf.Ln(1)
	}
	pdf.SetX(marginL)
	writeHeader()
	cells := make([]string, len(t.Columns))
	for _, r := range t.Rows {
		for i := range t.Columns {
			if i < len(r) {
				cells[i] = nfc(CellText(r[i]))
			} else {
				cells[i] = ""
			}
		}
		h := rowHeight(pdf, t.Columns, cells)
		if ensureSpace(pdf, h) {
			writeHeader() // the header again on every page; rows never split
		}
		drawRow(pdf, t.Columns, cells, h, false)
	}
	pdf.Ln(5)
}

func writeSignature(pdf *fpdf.Fpdf, h Heading) {
	ensureSpace(pdf, 40)
	half := usable(pdf) / 2
	pdf.Ln(4)
	pdf.SetX(marginL + half)
	pdf.SetFont(font, "B", 12)
	pdf.CellFormat(half, 6, nfc(strings.ToUpper(h.SignFor)), "", 2, "C", false, 0, "")
	pdf.SetX(marginL + half)
	pdf.CellFormat(half, 6, nfc(strings.ToUpper(h.SignerTitle)), "", 2, "C", false, 0, "")
	pdf.Ln(18)
	pdf.SetX(marginL + half)
	pdf.CellFormat(half, 6, nfc(h.SignerName), "", 2, "C", false, 0, "")
}
