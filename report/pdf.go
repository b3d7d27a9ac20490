package report

import (
	"io"
	"math"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"

	"xeploai/assets"
)

// The form of party documents (HD 36-HD/VPTW; domain.md "Party documents in
// full"): A4, margins top and bottom 20 mm, left 30 mm, right 15 mm; sizes
// in points.
const (
	font      = "Tinos"
	pageW     = 210.0
	pageH     = 297.0
	marginL   = 30.0
	marginR   = 15.0
	marginTop = 20.0
	marginBot = 20.0

	sizeParty  = 15.0 // ĐẢNG CỘNG SẢN VIỆT NAM
	sizeHead   = 14.0 // the issuing body and its superior, the number, place and date
	sizeType   = 16.0 // QUYẾT ĐỊNH, TỜ TRÌNH, BÁO CÁO, DANH SÁCH
	sizeTitle  = 14.0 // the summary line
	sizeBody   = 14.0
	sizeTable  = 12.0 // tables: 12 pt, smaller when a table needs it
	minTable   = 9.0
	sizeSmall  = 11.0 // "Nơi nhận", legends
	sizePageNo = 13.0
	cellPad    = 1.2 // mm inside table cells, above and below the text
	cellPadX   = 1.5 // mm inside table cells, either side of the text
	indent     = 10.0
)

// mm is the height in millimetres of size points.
func mm(size float64) float64 { return size * 25.4 / 72 }

// lineH is the line height of text at size points.
func lineH(size float64) float64 { return mm(size) * 1.3 }

// newPDF is an A4 page setup with Tinos embedded.
func newPDF(orientation string, size fpdf.SizeType) *fpdf.Fpdf {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orientation, UnitStr: "mm", Size: size})
	pdf.SetMargins(marginL, marginTop, marginR)
	pdf.SetCellMargin(0)
	pdf.SetAutoPageBreak(false, marginBot)
	pdf.AddUTF8FontFromBytes(font, "", assets.TinosRegular)
	pdf.AddUTF8FontFromBytes(font, "B", assets.TinosBold)
	pdf.AddUTF8FontFromBytes(font, "I", assets.TinosItalic)
	pdf.SetCreator("xeploai", true)
	return pdf
}

// WritePDF writes d as a party document on A4: the heading block, number,
// type and summary line; the text; tables whose header row repeats on every
// page and whose rows never split; "Nơi nhận" and the signature block; page
// numbers from page 2 at the top centre; then each annex from a new page.
func WritePDF(w io.Writer, d Document, h Heading) error {
	pdf := newPDF("P", fpdf.SizeType{Wd: pageW, Ht: pageH})
	pdf.SetTitle(nfc(strings.TrimSpace(d.Type+" "+d.Title)), true)
	p := &writer{pdf: pdf}
	pdf.SetHeaderFunc(func() {
		if n := pdf.PageNo(); n > 1 {
			pdf.SetFont(font, "", sizePageNo)
			pdf.SetTextColor(0, 0, 0)
			s := strconv.Itoa(n)
			pdf.Text(p.centre()-pdf.GetStringWidth(s)/2, 12, s)
		}
	})
	p.newPage(d.Landscape)
	p.heading(d, h)
	p.titleBlock(d.Type, d.Title, d.Subtitle, "")
	if d.To != "" {
		p.centered(d.To, "", sizeBody)
		p.gap(2)
	}
	// The signature never stands alone on a page: the last paragraph (or
	// the last table's last row) goes over with it.
	keep := signatureNeed(d.Recipients, h) + 3
	var tail []Para
	for _, n := range d.Notes {
		tail = append(tail, Para{Text: n})
	}
	tail = append(tail, d.Closing...)
	for i, para := range d.Body {
		if i == len(d.Body)-1 && len(d.Tables) == 0 && len(tail) == 0 {
			p.ensure(p.paraHeight(para) + keep)
		}
		p.para(para)
	}
	for i, t := range d.Tables {
		if i == len(d.Tables)-1 {
			// The last rows go over with the notes and the signature
			// (and the gap under a table).
			p.tail = keep + 4
			for _, para := range tail {
				p.tail += p.paraHeight(para)
			}
		}
		p.table(t)
		p.tail = 0
	}
	for i, para := range tail {
		if i == len(tail)-1 {
			p.ensure(p.paraHeight(para) + keep)
		}
		p.para(para)
	}
	p.signature(d.Recipients, h)
	for _, a := range d.Annexes {
		p.newPage(a.Landscape)
		p.titleBlock(a.Type, a.Title, "", a.Ref)
		for _, t := range a.Tables {
			p.table(t)
		}
		for _, n := range a.Notes {
			p.para(Para{Text: n})
		}
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

func nfc(s string) string { return norm.NFC.String(s) }

// writer sets text on the pages of a PDF, top to bottom. A wide list goes
// on landscape pages.
type writer struct {
	pdf       *fpdf.Fpdf
	landscape bool
	// tail is the height the next table's last row keeps with it on its
	// page (what must follow it: the signature); 0 for none.
	tail float64
}

// page is the width and height of the current orientation's page.
func (p *writer) page() (w, h float64) {
	if p.landscape {
		return pageH, pageW
	}
	return pageW, pageH
}

// usable is the width between the margins.
func (p *writer) usable() float64 {
	w, _ := p.page()
	return w - marginL - marginR
}

// centre is the middle of the text area.
func (p *writer) centre() float64 { return marginL + p.usable()/2 }

// newPage starts a page, portrait or landscape.
func (p *writer) newPage(landscape bool) {
	p.landscape = landscape
	o := "P"
	if landscape {
		o = "L"
	}
	p.pdf.AddPageFormat(o, fpdf.SizeType{Wd: pageW, Ht: pageH})
	p.pdf.SetY(marginTop)
}

func (p *writer) y() float64 { return p.pdf.GetY() }

func (p *writer) gap(h float64) { p.pdf.SetY(p.y() + h) }

// ensure starts a new page when less than h millimetres are left on this one.
func (p *writer) ensure(h float64) bool {
	if _, ph := p.page(); p.y()+h > ph-marginBot {
		p.newPage(p.landscape)
		return true
	}
	return false
}

func (p *writer) measure(style string, size float64) measure {
	return func(s string) float64 {
		p.pdf.SetFont(font, style, size)
		return p.pdf.GetStringWidth(s)
	}
}

// lines sets text wrapped and centred in the column [x, x+w], from the
// current y; style may hold "U" (underline).
func (p *writer) linesIn(x, w float64, text, style string, size float64, align string) {
	pdf := p.pdf
	m := p.measure(strings.ReplaceAll(style, "U", ""), size)
	for _, l := range wrap(nfc(text), w, m) {
		pdf.SetFont(font, style, size)
		pdf.SetXY(x, p.y())
		pdf.CellFormat(w, lineH(size), l, "", 2, align, false, 0, "")
	}
}

func (p *writer) centered(text, style string, size float64) {
	p.ensure(lineH(size))
	p.linesIn(marginL, p.usable(), text, style, size, "C")
}

// heading sets the heading block: on the left the superior body in regular
// capitals, the issuing body in bold capitals, "*" and the number; on the
// right "ĐẢNG CỘNG SẢN VIỆT NAM", underlined, and the place and date on the
// number's line.
func (p *writer) heading(d Document, h Heading) {
	pdf := p.pdf
	const leftX, leftW = marginL - 8, 82.0
	pw, _ := p.page()
	rightX := leftX + leftW
	if p.landscape {
		rightX = pw - marginR + 3 - 96
	}
	rightW := pw - marginR + 3 - rightX
	top := marginTop
	pdf.SetY(top)
	if h.Superior != "" {
		p.linesIn(leftX, leftW, strings.ToUpper(h.Superior), "", sizeHead, "C")
	}
	p.linesIn(leftX, leftW, strings.ToUpper(h.Issuer), "B", sizeHead, "C")
	p.linesIn(leftX, leftW, "*", "", sizeHead, "C")
	left := p.y()
	pdf.SetY(top)
	p.linesIn(rightX, rightW, "ĐẢNG CỘNG SẢN VIỆT NAM", "B", sizeParty, "C")
	// The party's name is underlined by a rule of its width.
	pdf.SetFont(font, "B", sizeParty)
	uw := pdf.GetStringWidth("ĐẢNG CỘNG SẢN VIỆT NAM")
	pdf.SetLineWidth(0.3)
	pdf.Line(rightX+(rightW-uw)/2, p.y()-0.3, rightX+(rightW+uw)/2, p.y()-0.3)
	row := max(left, p.y()+2)
	if d.Kind != "" {
		// Not wrapped: a number to be written by hand is a run of spaces.
		pdf.SetFont(font, "", sizeHead)
		pdf.SetXY(leftX, row)
		pdf.CellFormat(leftW, lineH(sizeHead), nfc(Number(d.No, d.Kind, h.Abbr)), "", 0, "C", false, 0, "")
	}
	pdf.SetY(row)
	p.linesIn(rightX, rightW, h.DateLine(), "I", sizeHead, "C")
	pdf.SetY(row + lineH(sizeHead) + 6)
}

// titleBlock sets the document type, its summary line and a rule under
// them; ref is an annex's italic "(Kèm theo …)" line.
func (p *writer) titleBlock(typ, title, subtitle, ref string) {
	if typ != "" {
		p.centered(typ, "B", sizeType)
	}
	if title != "" {
		p.centered(title, "B", sizeTitle)
	}
	if subtitle != "" {
		p.centered(subtitle, "", sizeTitle)
	}
	if ref != "" {
		p.centered(ref, "I", sizeTitle)
	}
	p.gap(1.5)
	p.pdf.SetLineWidth(0.2)
	p.pdf.Line(p.centre()-12, p.y(), p.centre()+12, p.y())
	p.gap(5)
}

type word struct {
	text string
	bold bool
	w    float64
}

// para sets a paragraph: justified with the first line indented, or a
// centred bold line.
func (p *writer) para(pa Para) {
	if pa.Style == Centered {
		p.gap(1)
		p.centered(pa.Lead+pa.Text, "B", sizeBody)
		p.gap(1)
		return
	}
	pdf := p.pdf
	lh := lineH(sizeBody)
	for _, l := range p.paraLines(pa) {
		p.ensure(lh)
		base := p.y() + lh*0.78
		x := l.x
		for _, wd := range l.words {
			style := ""
			if wd.bold {
				style = "B"
			}
			pdf.SetFont(font, style, sizeBody)
			pdf.Text(x, base, wd.text)
			x += wd.w + l.gap
		}
		pdf.SetY(p.y() + lh)
	}
	p.gap(1.5)
}

// paraLine is a justified line of a paragraph: its words, where it starts
// and the space between words.
type paraLine struct {
	words  []word
	x, gap float64
}

// paraLines breaks a paragraph into justified lines, the first indented.
func (p *writer) paraLines(pa Para) []paraLine {
	pdf := p.pdf
	var words []word
	add := func(s string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		for _, f := range strings.Fields(nfc(s)) {
			pdf.SetFont(font, style, sizeBody)
			words = append(words, word{f, bold, pdf.GetStringWidth(f)})
		}
	}
	add(pa.Lead, true)
	add(pa.Text, false)
	pdf.SetFont(font, "", sizeBody)
	space := pdf.GetStringWidth(" ")
	var out []paraLine
	for first := true; len(words) > 0; first = false {
		x0, avail := marginL, p.usable()
		if first {
			x0, avail = marginL+indent, p.usable()-indent
		}
		n, used := 0, 0.0
		for n < len(words) {
			need := words[n].w
			if n > 0 {
				need += space
			}
			if n > 0 && used+need > avail+1e-6 {
				break
			}
			used += need
			n++
		}
		gapW := space
		if n < len(words) && n > 1 {
			gapW += (avail - used) / float64(n-1)
		}
		out = append(out, paraLine{words[:n], x0, gapW})
		words = words[n:]
	}
	return out
}

// paraHeight is the height para takes.
func (p *writer) paraHeight(pa Para) float64 {
	if pa.Style == Centered {
		return lineH(sizeBody) + 2
	}
	return float64(len(p.paraLines(pa)))*lineH(sizeBody) + 1.5
}

// tableSize chooses the font size of a table and its column widths: 12 pt,
// or down to 10.5 pt when that keeps names whole (Column.Whole) or saves a
// tenth of the wrapped lines (judged on the first 300 rows); smaller still
// (down to 9 pt) only when the columns do not fit at all.
func (p *writer) tableSize(t Table) (float64, []float64) {
	best, bestH, bestWhole := 0.0, math.Inf(1), false
	var bestW []float64
	sample := t.Rows[:min(len(t.Rows), 300)]
	for size := sizeTable; size >= minTable; size -= 0.5 {
		widths, ok := columnWidths(t, p.usable(), cellPadX, p.measure("B", size), p.measure("", size))
		if !ok {
			if best == 0 && size-0.5 < minTable {
				return size, widths
			}
			continue
		}
		if size < sizeTable-1.5 && best != 0 {
			break // no smaller than 10.5 pt for the sake of looks
		}
		h, whole := 0.0, true
		m := cached(p.measure("", size))
		for _, r := range sample {
			if _, ok := sectionOf(r); ok {
				continue
			}
			n := 1
			for i, c := range t.Columns {
				if i < len(r) {
					lines := len(wrap(CellText(r[i]), widths[i]-2*cellPadX, m))
					n = max(n, lines)
					whole = whole && (!c.Whole || lines == 1)
				}
			}
			h += float64(n) * lineH(size)
		}
		// A smaller font must keep names whole where the larger did not, or
		// save a tenth of the height, to be worth it.
		if best == 0 || whole && !bestWhole || whole == bestWhole && h < bestH*0.9 {
			best, bestH, bestW, bestWhole = size, h, widths, whole
		}
	}
	return best, bestW
}

// table sets t at 12 pt (smaller if its narrowest columns need it), with
// column widths from its content, the header row repeated on every page and
// no row split across pages; its legend directly under it.
func (p *writer) table(t Table) {
	pdf := p.pdf
	size, widths := p.tableSize(t)
	lh := lineH(size) * 0.92
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = nfc(c.Name)
	}
	rowLines := func(cells []string, style string) ([][]string, float64) {
		m := p.measure(style, size)
		out := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			out[i] = wrap(c, widths[i]-2*cellPadX, m)
			n = max(n, len(out[i]))
		}
		return out, float64(n)*lh + 2*cellPad
	}
	headLines, headH := rowLines(header, "B")
	drawRow := func(lines [][]string, h float64, style string, head bool) {
		x, y := marginL, p.y()
		pdf.SetLineWidth(0.2)
		if head {
			pdf.SetFillColor(235, 235, 235)
		}
		for i, c := range t.Columns {
			if head {
				pdf.Rect(x, y, widths[i], h, "FD")
			} else {
				pdf.Rect(x, y, widths[i], h, "D")
			}
			align := string(c.Align)
			if head || align == "" {
				align = map[bool]string{true: "C", false: "L"}[head]
			}
			// A header's lines are centred in the row's height.
			top := y + cellPad
			if head {
				top += (h - 2*cellPad - float64(len(lines[i]))*lh) / 2
			}
			pdf.SetFont(font, style, size)
			for k, l := range lines[i] {
				pdf.SetXY(x+cellPadX, top+float64(k)*lh)
				pdf.CellFormat(widths[i]-2*cellPadX, lh, l, "", 0, align, false, 0, "")
			}
			x += widths[i]
		}
		pdf.SetXY(marginL, y+h)
	}
	// The heading and header row go over with the first row (as tall as
	// its text wraps): never a header alone at a page's foot.
	// A row's cells as text, one a column (a short row leaves the rest
	// empty).
	cellsOf := func(r []any) []string {
		cells := make([]string, len(t.Columns))
		for i := range cells {
			if i < len(r) {
				cells[i] = nfc(CellText(r[i]))
			}
		}
		return cells
	}
	first := lh + 2*cellPad
	for _, r := range t.Rows {
		if _, ok := sectionOf(r); !ok {
			_, first = rowLines(cellsOf(r), "")
			break
		}
	}
	if rows := dataRows(t); rows == 1 && p.tail > 0 {
		// That row is also the last: what keeps with it comes too.
		first += p.tail + p.legendHeight(t)
	}
	need := headH + first
	if t.Heading != "" {
		need += lineH(sizeBody) + 3
	}
	p.ensure(need)
	if t.Heading != "" {
		p.gap(2)
		p.linesIn(marginL, p.usable(), t.Heading, "B", sizeBody, "L")
		p.gap(1)
	}
	drawRow(headLines, headH, "B", true)
	for k, r := range t.Rows {
		if sec, ok := sectionOf(r); ok {
			p.section(string(sec), size, lh, headLines, headH, drawRow)
			continue
		}
		lines, h := rowLines(cellsOf(r), "")
		keep := h
		if k == len(t.Rows)-1 && p.tail > 0 {
			// The last row keeps with the legend and what must follow it.
			keep += p.tail + p.legendHeight(t)
		}
		if p.ensure(keep) {
			drawRow(headLines, headH, "B", true) // the header again on every page
		}
		drawRow(lines, h, "", false)
	}
	if t.Legend != "" {
		p.gap(1)
		p.ensure(lineH(sizeSmall))
		p.linesIn(marginL, p.usable(), t.Legend, "I", sizeSmall, "L")
	}
	p.gap(4)
}

// legendHeight is the height of a table's legend under it.
func (p *writer) legendHeight(t Table) float64 {
	if t.Legend == "" {
		return 0
	}
	return float64(len(wrap(nfc(t.Legend), p.usable(), p.measure("I", sizeSmall))))*lineH(sizeSmall) + 1
}

// dataRows counts a table's rows other than sections.
func dataRows(t Table) int {
	n := 0
	for _, r := range t.Rows {
		if _, ok := sectionOf(r); !ok {
			n++
		}
	}
	return n
}

// section sets a row across the whole table in bold, kept with the row
// under it.
func (p *writer) section(text string, size, lh float64, headLines [][]string, headH float64, drawRow func([][]string, float64, string, bool)) {
	width := p.usable()
	lines := wrap(nfc(text), width-2*cellPadX, p.measure("B", size))
	h := float64(len(lines))*lh + 2*cellPad
	if p.ensure(h + lh + 2*cellPad) {
		drawRow(headLines, headH, "B", true)
	}
	y := p.y()
	p.pdf.SetLineWidth(0.2)
	p.pdf.Rect(marginL, y, width, h, "D")
	p.pdf.SetFont(font, "B", size)
	for k, l := range lines {
		p.pdf.SetXY(marginL+cellPadX, y+cellPad+float64(k)*lh)
		p.pdf.CellFormat(width-2*cellPadX, lh, l, "", 0, "L", false, 0, "")
	}
	p.pdf.SetXY(marginL, y+h)
}

// signatureNeed is the height of "Nơi nhận" and the signature block.
func signatureNeed(recipients []string, h Heading) float64 {
	need := float64(1+len(h.SignerLines()))*lineH(sizeBody) + 28 + lineH(sizeBody)
	return max(need, lineH(sizeSmall)*float64(len(recipients)+1))
}

// signature sets "Nơi nhận" on the left and the signature block on the
// right, kept together on one page.
func (p *writer) signature(recipients []string, h Heading) {
	pdf := p.pdf
	titles := append([]string{strings.ToUpper(h.SignFor)}, h.SignerLines()...)
	p.gap(3)
	p.ensure(signatureNeed(recipients, h))
	top := p.y()
	pw, _ := p.page()
	rightX := pw - marginR - 90
	rightW := pw - marginR - rightX
	for _, t := range titles {
		if t != "" {
			p.linesIn(rightX, rightW, t, "B", sizeBody, "C")
		}
	}
	p.gap(28)
	p.linesIn(rightX, rightW, h.SignerName, "B", sizeBody, "C")
	bottom := p.y()
	if len(recipients) > 0 {
		pdf.SetY(top)
		p.linesIn(marginL, 70, "Nơi nhận:", "IU", sizeSmall+1, "L")
		for _, r := range recipients {
			p.linesIn(marginL, 70, r, "", sizeSmall, "L")
		}
	}
	pdf.SetY(max(bottom, p.y()))
}
