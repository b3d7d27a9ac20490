package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

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
// places are for an A4 landscape form (297 × 210 mm).
var CertFields = []CertField{
	{"party", "Đảng Cộng sản Việt Nam", "B", true, FieldPos{20, 32, 257, 15, "C"}},
	{"body", "Cơ quan tặng", "B", true, FieldPos{20, 44, 257, 15, "C"}},
	{"title", "GIẤY KHEN", "B", true, FieldPos{20, 74, 257, 42, "C"}},
	{"to", "Tặng", "I", true, FieldPos{20, 90, 257, 16, "C"}},
	{"name", "Họ và tên", "B", false, FieldPos{48, 106, 201, 24, "C"}},
	{"unit", "Đơn vị", "", false, FieldPos{48, 118, 201, 15, "C"}},
	{"reason", "Thành tích", "B", false, FieldPos{38, 133, 221, 16, "C"}},
	{"date", "Nơi, ngày", "I", false, FieldPos{150, 155, 122, 14, "C"}},
	{"signer_title", "Chức vụ người ký", "B", false, FieldPos{150, 163, 122, 14, "C"}},
	{"signer", "Họ tên người ký", "B", false, FieldPos{150, 196, 122, 14, "C"}},
	{"decision", "Số quyết định", "I", false, FieldPos{22, 190, 110, 12, "C"}},
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
// scaled to it.
func DefaultLayout(paper string, landscape bool) CertificateLayout {
	l := CertificateLayout{Paper: paper, Landscape: landscape, Fields: map[string]FieldPos{}}
	w, h := l.PaperSize()
	sx, sy := w/297, h/210
	s := math.Min(sx, sy)
	round := func(v float64) float64 { return math.Round(v*2) / 2 }
	for _, f := range CertFields {
		d := f.def
		l.Fields[f.Key] = FieldPos{X: round(d.X * sx), Y: round(d.Y * sy), W: round(d.W * sx), Size: round(d.Size * s), Align: d.Align}
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

// Validate checks the paper, the offsets and that every field lies on the
// paper; a message names the field.
func (l CertificateLayout) Validate() error {
	var es domain.Errors
	add := func(field, format string, args ...any) {
		es = append(es, domain.Errorf(domain.EINVALID, field, format, args...))
	}
	if l.Paper != "A4" && l.Paper != "A5" {
		add("Khổ giấy", "%q: chỉ A4 hoặc A5", l.Paper)
	}
	if math.Abs(l.OffsetX) > 20 || math.Abs(l.OffsetY) > 20 {
		add("Lề máy in", "độ lệch tối đa 20 mm")
	}
	w, h := l.PaperSize()
	for _, f := range CertFields {
		p, ok := l.Fields[f.Key]
		if !ok {
			continue
		}
		name := "Giấy khen › " + f.Label
		switch {
		case p.Size < 6 || p.Size > 72:
			add(name, "cỡ chữ %g: từ 6 đến 72", p.Size)
		case p.W < 5:
			add(name, "độ dài dòng %g mm: ít nhất 5 mm", p.W)
		case p.X < 0 || p.X+p.W > w+0.01:
			add(name, "từ %g đến %g mm ra ngoài chiều ngang khổ giấy (%g mm)", p.X, p.X+p.W, w)
		case p.Y < mm(p.Size) || p.Y > h:
			add(name, "dòng ở %g mm ra ngoài chiều dọc khổ giấy (%g mm)", p.Y, h)
		case p.Align != "C" && p.Align != "L":
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
			drawField(pdf, l, f, texts[f.Key])
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

func drawField(pdf *fpdf.Fpdf, l CertificateLayout, f CertField, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	size := l.Fields[f.Key].Size
	pdf.SetFont(font, f.Style, size)
	for _, pl := range FieldLines(l, f, text, pdf.GetStringWidth) {
		pdf.Text(pl.X, pl.Y, pl.Text)
	}
}

// frame is the border of a certificate on blank paper: a thick rule and a
// thin one inside it.
func frame(pdf *fpdf.Fpdf, l CertificateLayout) {
	w, h := l.PaperSize()
	pdf.SetDrawColor(170, 20, 20)
	pdf.SetLineWidth(1.2)
	pdf.Rect(8+l.OffsetX, 8+l.OffsetY, w-16, h-16, "D")
	pdf.SetLineWidth(0.3)
	pdf.Rect(11+l.OffsetX, 11+l.OffsetY, w-22, h-22, "D")
	pdf.SetDrawColor(0, 0, 0)
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
	desc := pdf.GetFontDesc(font, "")
	for _, f := range CertFields {
		if f.BlankOnly && !l.Blank {
			continue
		}
		p := l.Fields[f.Key]
		asc, dsc := mm(p.Size)*float64(desc.Ascent)/1000, -mm(p.Size)*float64(desc.Descent)/1000
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
	pdf.SetXY(14+ox, ph-16+oy)
	pdf.MultiCell(pw-28, 3.6, note, "", "L", true)
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}
