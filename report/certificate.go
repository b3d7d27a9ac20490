package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"xeploai/domain"
)

// FieldPos places a field of a certificate: X and Y in millimetres from the
// top-left corner of the paper to the start of the line the text sits on
// (Y is the baseline, where a pre-printed form has its dotted line), W the
// length of that line, Size the font size in points; the text is centred on
// the line (Align "C") or starts at X ("L"), and wraps within W.
type FieldPos struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	W     float64 `json:"w"`
	Size  float64 `json:"size"`
	Align string  `json:"align"`
}

// CertField is a field of a certificate.
type CertField struct {
	Key       string
	Label     string
	Style     string // "B" bold, "I" italic, "" regular
	BlankOnly bool   // printed on blank paper only: a form has it printed already
	def       FieldPos
}

// CertFields are the fields of a certificate, top to bottom; their default
// places are for an A4 landscape form (297 × 210 mm), inside the frame of a
// blank one.
var CertFields = []CertField{
	{"party", "Đảng Cộng sản Việt Nam", "B", true, FieldPos{20, 32, 257, 15, "C"}},
	{"body", "Cơ quan tặng", "B", true, FieldPos{20, 44, 257, 15, "C"}},
	{"title", "GIẤY KHEN", "B", true, FieldPos{20, 74, 257, 42, "C"}},
	{"to", "Tặng", "I", true, FieldPos{20, 90, 257, 16, "C"}},
	{"name", "Họ và tên", "B", false, FieldPos{48, 106, 201, 24, "C"}},
	{"unit", "Đơn vị", "", false, FieldPos{48, 118, 201, 15, "C"}},
	{"reason", "Thành tích", "B", false, FieldPos{38, 133, 221, 16, "C"}},
	{"date", "Nơi, ngày", "I", false, FieldPos{150, 150, 122, 14, "C"}},
	{"signer_title", "Chức vụ người ký", "B", false, FieldPos{150, 158, 122, 14, "C"}},
	{"signer", "Họ tên người ký", "B", false, FieldPos{150, 190, 122, 14, "C"}},
	{"decision", "Số quyết định", "I", false, FieldPos{22, 188, 110, 12, "C"}},
}

// CertFieldOf returns the field with key.
func CertFieldOf(key string) (CertField, bool) {
	for _, f := range CertFields {
		if f.Key == key {
			return f, true
		}
	}
	return CertField{}, false
}

// CertificateLayout is how certificates are printed: the paper, where each
// field goes, the printer's offset and whether the paper is blank.
type CertificateLayout struct {
	Paper     string              `json:"paper"` // "A4" or "A5"
	Landscape bool                `json:"landscape"`
	OffsetX   float64             `json:"offset_x"` // mm added to every x: the printer's own margin
	OffsetY   float64             `json:"offset_y"`
	Blank     bool                `json:"blank"` // blank paper: frame, headings and all texts
	Fields    map[string]FieldPos `json:"fields"`
}

// LayoutKey is the settings key of the certificate layout.
const LayoutKey = "certificate.layout"

// PaperSize is the width and height in millimetres of the layout's paper as
// it is printed.
func (l CertificateLayout) PaperSize() (w, h float64) {
	w, h = 210, 297
	if l.Paper == "A5" {
		w, h = 148, 210
	}
	if l.Landscape {
		w, h = h, w
	}
	return w, h
}

// DefaultLayout places the fields for a paper: the A4 landscape places,
// the area inside a blank certificate's frame mapped onto the paper's, so
// that they keep inside the frame on every paper.
func DefaultLayout(paper string, landscape bool) CertificateLayout {
	l := CertificateLayout{Paper: paper, Landscape: landscape, Fields: map[string]FieldPos{}}
	w, h := l.PaperSize()
	const in = FrameInner + TextMargin
	sx, sy := (w-2*in)/(297-2*in), (h-2*in)/(210-2*in)
	s := math.Min(sx, sy)
	half := func(v float64) float64 { return math.Round(v*2) / 2 }
	for _, f := range CertFields {
		d := f.def
		x := half(in + (d.X-in)*sx)
		l.Fields[f.Key] = FieldPos{X: x, Y: half(in + (d.Y-in)*sy), W: math.Floor(min(d.W*sx, w-in-x)*2) / 2, Size: max(half(d.Size*s), 7), Align: d.Align}
	}
	return l
}

// LayoutFrom reads the layout from the settings; fields it lacks take their
// default places. A stored layout that cannot be read is an error naming
// the setting (the default layout is returned with it).
func LayoutFrom(get func(key, def string) string) (CertificateLayout, error) {
	raw := get(LayoutKey, "")
	def := DefaultLayout("A4", true)
	if raw == "" {
		return def, nil
	}
	var l CertificateLayout
	if err := json.Unmarshal([]byte(raw), &l); err != nil {
		return def, domain.Errorf(domain.EINVALID, "Cài đặt › Giấy khen", "không đọc được vị trí đã lưu (%v); hãy đặt lại", err)
	}
	std := DefaultLayout(l.Paper, l.Landscape)
	if l.Fields == nil {
		l.Fields = map[string]FieldPos{}
	}
	for k, f := range std.Fields {
		if _, ok := l.Fields[k]; !ok {
			l.Fields[k] = f
		}
	}
	return l, l.Validate()
}

// JSON is the layout as stored in the settings.
func (l CertificateLayout) JSON() string {
	b, _ := json.Marshal(l)
	return string(b)
}

// The fonts a field may take, and the frame of a certificate on blank
// paper: a thick rule FrameOuter mm from the paper's edge, a thin one at
// FrameInner; texts keep TextMargin mm inside the thin one.
const (
	MinFontSize = 6.0
	MaxFontSize = 72.0
	MaxOffset   = 20.0 // mm: the printer's offset, either way
	FrameOuter  = 8.0
	FrameInner  = 11.0
	TextMargin  = 3.0
	minLine     = 5.0 // mm: the shortest line a field may have
)

// fontMetrics are the font's ascent and descent as shares of its size.
var fontMetrics = sync.OnceValues(func() (float64, float64) {
	d := newPDF("P", fpdf.SizeType{Wd: 210, Ht: 297}).GetFontDesc(font, "")
	return float64(d.Ascent) / 1000, -float64(d.Descent) / 1000
})

// TextArea is where texts may go on the layout's paper, in millimetres
// from its top-left corner: the whole paper, or on blank paper inside the
// frame with a margin.
func (l CertificateLayout) TextArea() (x0, y0, x1, y1 float64) {
	w, h := l.PaperSize()
	if l.Blank {
		in := FrameInner + TextMargin
		return in, in, w - in, h - in
	}
	return 0, 0, w, h
}

// FieldCheck says what is wrong with each number of a field's place: nil
// where it is right.
type FieldCheck struct{ X, Y, W, Size error }

// Err is the first of the check's errors, nil when there is none.
func (c FieldCheck) Err() error {
	for _, err := range []error{c.Size, c.X, c.W, c.Y} {
		if err != nil {
			return err
		}
	}
	return nil
}

// CheckField checks a field's place on the layout's paper (the window
// checks each number as it is typed): the font from 6 to 72 points; the
// line, from x over its length, across the paper (inside the frame, on
// blank paper); the first line's text, from its top to below its baseline
// y, down the paper. The messages say what is allowed, in millimetres.
func (l CertificateLayout) CheckField(p FieldPos) FieldCheck {
	var c FieldCheck
	x0, y0, x1, y1 := l.TextArea()
	w, h := l.PaperSize()
	where := domain.Textf("khổ %s dọc: %s × %s mm", l.Paper, domain.Decimal(w), domain.Decimal(h))
	switch {
	case l.Blank:
		where = domain.Textf("giấy trắng: chữ trong khung, cách khung %s mm", domain.Decimal(TextMargin))
	case l.Landscape:
		where = domain.Textf("khổ %s ngang: %s × %s mm", l.Paper, domain.Decimal(w), domain.Decimal(h))
	}
	if p.Size < MinFontSize || p.Size > MaxFontSize {
		c.Size = domain.Errorf(domain.EINVALID, "", "%s pt: từ %s đến %s pt", domain.Decimal(p.Size), domain.Decimal(MinFontSize), domain.Decimal(MaxFontSize))
	}
	if p.X < x0 || p.X > x1-minLine {
		c.X = domain.Errorf(domain.EINVALID, "", "%s mm: từ %s đến %s mm (%s)", domain.Decimal(p.X), domain.Decimal(x0), domain.Decimal(x1-minLine), where)
	}
	switch {
	case p.W < minLine:
		c.W = domain.Errorf(domain.EINVALID, "", "%s mm: ít nhất %s mm", domain.Decimal(p.W), domain.Decimal(minLine))
	case c.X == nil && p.X+p.W > x1+0.01:
		c.W = domain.Errorf(domain.EINVALID, "", "%s mm: từ %s mm chỉ còn %s mm (%s)", domain.Decimal(p.W), domain.Decimal(p.X), domain.Decimal(math.Floor((x1-p.X)*10)/10), where)
	}
	size := min(max(p.Size, MinFontSize), MaxFontSize)
	asc, desc := fontMetrics()
	top, bottom := y0+asc*mm(size), y1-desc*mm(size)
	if p.Y < top-0.01 || p.Y > bottom+0.01 {
		c.Y = domain.Errorf(domain.EINVALID, "", "%s mm: với cỡ chữ %s, từ %s đến %s mm (%s)", domain.Decimal(p.Y), domain.Decimal(size),
			domain.Decimal(math.Ceil(top*10)/10), domain.Decimal(math.Floor(bottom*10)/10), where)
	}
	return c
}

// Validate checks the paper, the offsets and that every field lies on the
// paper (inside the frame, on blank paper); a message names the field.
func (l CertificateLayout) Validate() error {
	var es domain.Errors
	add := func(field, format string, args ...any) {
		es = append(es, domain.Errorf(domain.EINVALID, field, format, args...))
	}
	if l.Paper != "A4" && l.Paper != "A5" {
		add("Khổ giấy", "%q: chỉ A4 hoặc A5", l.Paper)
		return es.Err()
	}
	if math.Abs(l.OffsetX) > MaxOffset || math.Abs(l.OffsetY) > MaxOffset {
		add("Lề máy in", "độ lệch tối đa %s mm", domain.Decimal(MaxOffset))
	}
	for _, f := range CertFields {
		p, ok := l.Fields[f.Key]
		if !ok || f.BlankOnly && !l.Blank {
			continue
		}
		name := "Giấy khen › " + f.Label
		c := l.CheckField(p)
		for _, x := range []struct {
			what string
			err  error
		}{{"cỡ chữ", c.Size}, {"cách mép trái", c.X}, {"độ dài dòng", c.W}, {"cách mép trên", c.Y}} {
			if x.err != nil {
				add(name, "%s %v", x.what, x.err)
			}
		}
		if p.Align != "C" && p.Align != "L" {
			add(name, "căn lề %q: C (giữa) hoặc L (trái)", p.Align)
		}
	}
	return es.Err()
}

// CertificateTexts are the texts of one certificate by field key.
func CertificateTexts(p Person, b Batch, dec Decision, h Heading, t Templates) (map[string]string, error) {
	data := CertificateData{Name: p.Name, Unit: p.Unit(), Reason: inSentence(p.Content),
		DecisionNo: FullNumber(dec.No, KindDecision, h.Abbr), DecisionDate: domain.PartyDate(dec.date()), Body: h.Body}
	f := &filler{t: t, data: data}
	hd := h
	hd.Date = dec.date()
	to := "Tặng đồng chí"
	if p.IsOrg {
		to = "Tặng"
	}
	texts := map[string]string{
		"party":        "ĐẢNG CỘNG SẢN VIỆT NAM",
		"body":         bodyLine(h),
		"title":        "GIẤY KHEN",
		"to":           to,
		"name":         p.Name,
		"unit":         data.Unit,
		"reason":       f.text("certificate.reason"),
		"date":         hd.DateLine(),
		"signer_title": strings.Join(append([]string{strings.ToUpper(h.SignFor)}, h.SignerLines()...), "\n"),
		"signer":       h.SignerName,
		"decision":     f.text("certificate.decision"),
	}
	return texts, f.err
}

// bodyLine is who awards, in capitals, with the issuer's name:
// "Ban Thường vụ Quận ủy" and "QUẬN ỦY SƠN TRÀ" give "BAN THƯỜNG VỤ QUẬN ỦY
// SƠN TRÀ".
func bodyLine(h Heading) string {
	body, issuer := strings.Fields(strings.ToUpper(h.Body)), strings.Fields(strings.ToUpper(h.Issuer))
	for n := min(len(body), len(issuer)); n > 0; n-- {
		if strings.Join(body[len(body)-n:], " ") == strings.Join(issuer[:n], " ") {
			return strings.Join(append(body, issuer[n:]...), " ")
		}
	}
	if len(body) == 0 {
		return strings.Join(issuer, " ")
	}
	return strings.Join(body, " ")
}

// certPDF is a PDF on the layout's paper.
func certPDF(l CertificateLayout) *fpdf.Fpdf {
	o := "P"
	if l.Landscape {
		o = "L"
	}
	size := fpdf.SizeType{Wd: 210, Ht: 297}
	if l.Paper == "A5" {
		size = fpdf.SizeType{Wd: 148, Ht: 210}
	}
	pdf := newPDF(o, size)
	pdf.SetMargins(0, 0, 0)
	return pdf
}

// checkCertificates refuses what cannot be printed as certificates.
func checkCertificates(b Batch, l CertificateLayout) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if b.badges() || b.Postponed {
		return domain.Errorf(domain.EINVALID, "--document", "Huy hiệu Đảng có giấy chứng nhận riêng, không in giấy khen; hãy chọn quyết định, tờ trình hoặc danh sách")
	}
	if len(b.People) == 0 {
		return domain.Errorf(domain.EINVALID, "", "danh sách trống: không có giấy khen nào để in")
	}
	return nil
}

// CertificatesDocument is the certificates' texts as a table, one line per
// recipient: their editable copy.
func CertificatesDocument(b Batch, dec Decision, s Settings) (Document, error) {
	if err := checkCertificates(b, s.Layout); err != nil {
		return Document{}, err
	}
	t := Table{Heading: "Giấy khen", Columns: []Column{{Name: "STT", Align: Center}}}
	var keys []string
	for _, f := range CertFields {
		if !f.BlankOnly {
			keys = append(keys, f.Key)
			t.Columns = append(t.Columns, Column{Name: f.Label, Align: Left})
		}
	}
	for i, p := range b.People {
		texts, err := CertificateTexts(p, b, dec, s.Heading, s.Templates)
		if err != nil {
			return Document{}, err
		}
		row := []any{i + 1}
		for _, k := range keys {
			row = append(row, texts[k])
		}
		t.Rows = append(t.Rows, row)
	}
	return Document{Kind: KindList, Type: "GIẤY KHEN", Title: bodyLine(s.Heading), Tables: []Table{t}}, nil
}

// WriteCertificates writes one page per recipient with each field's text at
// its place (on blank paper, with a frame, the headings and the title too).
func WriteCertificates(w io.Writer, b Batch, dec Decision, h Heading, l CertificateLayout, t Templates) error {
	if err := checkCertificates(b, l); err != nil {
		return err
	}
	pdf := certPDF(l)
	pdf.SetTitle("Giấy khen", true)
	for _, p := range b.People {
		texts, err := CertificateTexts(p, b, dec, h, t)
		if err != nil {
			return err
		}
		pdf.AddPage()
		if l.Blank {
			frame(pdf, l)
		}
		for _, f := range CertFields {
			if f.BlankOnly && !l.Blank {
				continue
			}
			if f.Key == "title" {
				pdf.SetTextColor(170, 20, 20)
			}
			if err := drawField(pdf, l, f, texts[f.Key]); err != nil {
				return domain.Errorf(domain.EINVALID, "Giấy khen › "+f.Label, "%s: %v", p.Name, err)
			}
			pdf.SetTextColor(0, 0, 0)
		}
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

// FieldLines are the lines a field's text takes, each with its x and its
// baseline in millimetres on the paper (offset included).
func FieldLines(l CertificateLayout, f CertField, text string, width func(s string) float64) []PlacedLine {
	p := l.Fields[f.Key]
	var out []PlacedLine
	for i, line := range wrap(nfc(text), p.W, width) {
		x := p.X
		if p.Align != "L" {
			x += (p.W - width(line)) / 2
		}
		out = append(out, PlacedLine{Text: line, X: x + l.OffsetX, Y: p.Y + float64(i)*lineH(p.Size) + l.OffsetY})
	}
	return out
}

// PlacedLine is a line of text at its place.
type PlacedLine struct {
	Text string
	X, Y float64 // mm; Y is the baseline
}

// drawField sets a field's text at its place; a text whose lines would
// run below the paper (or out of the frame, on blank paper) is refused.
func drawField(pdf *fpdf.Fpdf, l CertificateLayout, f CertField, text string) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	size := l.Fields[f.Key].Size
	pdf.SetFont(font, f.Style, size)
	lines := FieldLines(l, f, text, pdf.GetStringWidth)
	_, desc := fontMetrics()
	_, _, _, y1 := l.TextArea()
	if last := lines[len(lines)-1].Y - l.OffsetY + desc*mm(size); len(lines) > 1 && last > y1+0.01 {
		return fmt.Errorf("%d dòng, dòng cuối xuống đến %s mm, quá %s mm (%s): hãy đặt cao lên hoặc cho dòng dài hơn trong Cài đặt › Giấy khen",
			len(lines), domain.Decimal(math.Ceil(last*10)/10), domain.Decimal(y1), map[bool]string{true: "khung giấy khen", false: "mép giấy"}[l.Blank])
	}
	for _, pl := range lines {
		pdf.Text(pl.X, pl.Y, pl.Text)
	}
	return nil
}

// frame is the border of a certificate on blank paper: a thick rule and a
// thin one inside it.
func frame(pdf *fpdf.Fpdf, l CertificateLayout) {
	w, h := l.PaperSize()
	pdf.SetDrawColor(170, 20, 20)
	pdf.SetLineWidth(1.2)
	pdf.Rect(FrameOuter+l.OffsetX, FrameOuter+l.OffsetY, w-2*FrameOuter, h-2*FrameOuter, "D")
	pdf.SetLineWidth(0.3)
	pdf.Rect(FrameInner+l.OffsetX, FrameInner+l.OffsetY, w-2*FrameInner, h-2*FrameInner, "D")
	pdf.SetDrawColor(0, 0, 0)
}

// noteLineH is the line height of the test print's instructions.
const noteLineH = 3.6

// fieldBoxes are the boxes the test print draws for the fields: the text's
// height on the field's line, with the label above it (x0, y0, x1, y1 in mm).
func fieldBoxes(l CertificateLayout) [][4]float64 {
	ascent, descent := fontMetrics()
	var out [][4]float64
	for _, f := range CertFields {
		if f.BlankOnly && !l.Blank {
			continue
		}
		p := l.Fields[f.Key]
		out = append(out, [4]float64{p.X, p.Y - mm(p.Size)*ascent - 4, p.X + p.W, p.Y + mm(p.Size)*descent})
	}
	return out
}

// noteBox is where the test print's instructions go (x, y of the top-left
// corner and the width, in mm): where they cover no field's box, the lowest
// place across the paper, else beside the fields in half the width; height
// gives the instructions' height at a width.
func noteBox(l CertificateLayout, height func(w float64) float64) (x, y, w float64) {
	pw, ph := l.PaperSize()
	boxes := fieldBoxes(l)
	free := func(x0, y0, x1, y1 float64) bool {
		for _, b := range boxes {
			if x0 < b[2]+1 && b[0]-1 < x1 && y0 < b[3]+1 && b[1]-1 < y1 {
				return false
			}
		}
		return true
	}
	const edge = 6.0 // clear of the grid's numbers
	full := pw - 2*edge
	for _, c := range []struct{ x, w float64 }{{edge, full}, {edge, full / 2}, {pw/2 + 1, full/2 - 1}} {
		h := height(c.w)
		for top := ph - edge - h; top >= edge; top-- {
			if free(c.x, top, c.x+c.w, top+h) {
				return c.x, top, c.w
			}
		}
	}
	return edge, edge, full // fields everywhere: at the top
}

// WriteCalibration writes the test print: a millimetre grid over the paper
// (numbered every 10 mm from the top-left corner) with each field's box and
// the line its text sits on, to hold against a blank form; the printer's
// offset applies as to the certificates.
func WriteCalibration(w io.Writer, l CertificateLayout) error {
	if err := l.Validate(); err != nil {
		return err
	}
	pdf := certPDF(l)
	pdf.SetTitle("In thử vị trí giấy khen", true)
	pdf.AddPage()
	pw, ph := l.PaperSize()
	ox, oy := l.OffsetX, l.OffsetY
	for i := 0; float64(i) <= math.Max(pw, ph); i++ {
		switch {
		case i%10 == 0:
			pdf.SetDrawColor(110, 110, 110)
			pdf.SetLineWidth(0.25)
		case i%5 == 0:
			pdf.SetDrawColor(165, 165, 165)
			pdf.SetLineWidth(0.15)
		default:
			pdf.SetDrawColor(215, 215, 215)
			pdf.SetLineWidth(0.05)
		}
		if v := float64(i); v <= pw {
			pdf.Line(v+ox, oy, v+ox, ph+oy)
		}
		if v := float64(i); v <= ph {
			pdf.Line(ox, v+oy, pw+ox, v+oy)
		}
	}
	pdf.SetFont(font, "", 6)
	pdf.SetTextColor(80, 80, 80)
	for i := 10; float64(i) < pw; i += 10 {
		pdf.Text(float64(i)+0.6+ox, 3+oy, fmt.Sprint(i))
	}
	for i := 10; float64(i) < ph; i += 10 {
		pdf.Text(0.6+ox, float64(i)-0.6+oy, fmt.Sprint(i))
	}
	ascent, descent := fontMetrics()
	for _, f := range CertFields {
		if f.BlankOnly && !l.Blank {
			continue
		}
		p := l.Fields[f.Key]
		asc, dsc := mm(p.Size)*ascent, mm(p.Size)*descent
		pdf.SetDrawColor(20, 70, 200)
		pdf.SetLineWidth(0.3)
		pdf.Rect(p.X+ox, p.Y-asc+oy, p.W, asc+dsc, "D")
		pdf.SetDashPattern([]float64{1, 1}, 0)
		pdf.Line(p.X+ox, p.Y+oy, p.X+p.W+ox, p.Y+oy)
		pdf.SetDashPattern(nil, 0)
		pdf.SetFont(font, "B", 7)
		pdf.SetTextColor(20, 70, 200)
		pdf.Text(p.X+0.8+ox, p.Y-asc-0.8+oy, fmt.Sprintf("%s (x %g, y %g, dài %g mm, cỡ %g)", f.Label, p.X, p.Y, p.W, p.Size))
	}
	pdf.SetTextColor(0, 0, 0)
	pdf.SetFont(font, "I", 8)
	pdf.SetFillColor(255, 255, 255)
	note := fmt.Sprintf("IN THỬ VỊ TRÍ GIẤY KHEN (%s %s). In lên giấy trắng, đặt chồng lên mẫu giấy khen, soi đèn: ô nhỏ 1 mm, số là mm tính từ mép trái và mép trên. "+
		"Khung xanh là chỗ chữ; đường gạch là dòng chữ nằm trên. Nếu cả lưới lệch so với mép giấy, chỉnh \"Lề máy in\".", l.Paper, map[bool]string{true: "ngang", false: "dọc"}[l.Landscape])
	nx, ny, nw := noteBox(l, func(w float64) float64 { return float64(len(pdf.SplitText(note, w))) * noteLineH })
	pdf.SetXY(nx+ox, ny+oy)
	pdf.MultiCell(nw, noteLineH, note, "", "L", true)
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}
