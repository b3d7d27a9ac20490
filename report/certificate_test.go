package report

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"xeploai/domain"
)

// descent is Tinos's descent as a share of the font size, as the PDF
// declares it (pdftotext's boxes reach that far below the baseline).
func descent() float64 {
	return -float64(newPDF("P", fpdf.SizeType{Wd: 210, Ht: 297}).GetFontDesc(font, "").Descent) / 1000
}

// placed checks that a field's text is on page ws where the layout puts
// it: each line's start (or its middle, for a centred field) and its
// baseline within 1 mm.
func placed(t *testing.T, page int, ws []pdfWord, l CertificateLayout, key, text string) {
	t.Helper()
	f, _ := CertFieldOf(key)
	p := l.Fields[key]
	pdf := newPDF("P", fpdf.SizeType{Wd: 210, Ht: 297})
	pdf.SetFont(font, f.Style, p.Size)
	want := FieldLines(l, f, text, pdf.GetStringWidth)
	if len(want) == 0 {
		t.Fatalf("%s: no lines", key)
	}
	for _, wl := range want {
		got, ok := findLine(ws, wl.Text)
		if !ok {
			t.Errorf("page %d: no line %q", page, wl.Text)
			continue
		}
		x0, x1 := got[0].XMin, got[len(got)-1].XMax
		baseline := got[0].YMax - descent()*mm(p.Size)
		if math.Abs(baseline-wl.Y) > 1 {
			t.Errorf("page %d: %s %q sits on %.2f mm, want %.2f", page, key, wl.Text, baseline, wl.Y)
		}
		if p.Align == "L" {
			if want := p.X + l.OffsetX; math.Abs(x0-want) > 1 {
				t.Errorf("page %d: %s %q starts at %.2f mm, want %.2f", page, key, wl.Text, x0, want)
			}
		} else if want := p.X + p.W/2 + l.OffsetX; math.Abs((x0+x1)/2-want) > 1 {
			t.Errorf("page %d: %s %q centred on %.2f mm, want %.2f", page, key, wl.Text, (x0+x1)/2, want)
		}
	}
	// The first line is on the field's line itself.
	if math.Abs(want[0].Y-(p.Y+l.OffsetY)) > 1e-9 {
		t.Errorf("%s: first line at %.2f, the field's line at %.2f", key, want[0].Y, p.Y+l.OffsetY)
	}
}

func TestCertificatesOnePagePerRecipientAtTheirPlaces(t *testing.T) {
	for _, c := range []struct {
		paper     string
		landscape bool
		blank     bool
	}{{"A4", true, false}, {"A5", true, true}, {"A4", false, false}} {
		t.Run(fmt.Sprintf("%s landscape %v blank %v", c.paper, c.landscape, c.blank), func(t *testing.T) {
			l := DefaultLayout(c.paper, c.landscape)
			l.Blank = c.blank
			l.OffsetX, l.OffsetY = 1.5, -2
			name := l.Fields["name"]
			name.X, name.Align = 40, "L"
			l.Fields["name"] = name
			b := fiveYears(3)
			b.People[1].Content = "Hoàn thành xuất sắc nhiệm vụ năm 2021"
			dec := Decision{No: "127", Date: domain.NewDate(2026, 1, 20)}
			path := writePDF(t, func(w *bytes.Buffer) error { return WriteCertificates(w, b, dec, heading, l, standard) })
			pages := pagesOf(t, path)
			words := pdfWords(t, path)
			if len(pages) != 3 {
				t.Fatalf("%d pages for 3 recipients", len(pages))
			}
			for i, p := range b.People {
				text := flat(pages[i])
				for j, other := range b.People {
					if j != i && strings.Contains(text, other.Name) {
						t.Errorf("page %d holds %s too", i+1, other.Name)
					}
				}
				reason := "Đã " + inSentence(p.Content)
				placed(t, i+1, words[i], l, "name", p.Name)
				placed(t, i+1, words[i], l, "unit", "Chi bộ Khu dân cư số "+fmt.Sprint(i+1)+", Đảng bộ phường An Hải Bắc")
				placed(t, i+1, words[i], l, "reason", reason)
				placed(t, i+1, words[i], l, "date", "Sơn Trà, ngày 20 tháng 01 năm 2026")
				placed(t, i+1, words[i], l, "decision", "Quyết định số 127-QĐ/QU, ngày 20/01/2026")
				placed(t, i+1, words[i], l, "signer_title", "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ")
				placed(t, i+1, words[i], l, "signer", "Nguyễn Văn Đức")
				if !strings.Contains(text, reason) {
					t.Errorf("page %d lacks the reason %q:\n%s", i+1, reason, text)
				}
				if strings.Contains(text, "GIẤY KHEN") != c.blank {
					t.Errorf("page %d: the title printed %v on blank paper %v", i+1, strings.Contains(text, "GIẤY KHEN"), c.blank)
				}
				if c.blank {
					placed(t, i+1, words[i], l, "title", "GIẤY KHEN")
					placed(t, i+1, words[i], l, "body", "BAN THƯỜNG VỤ QUẬN ỦY SƠN TRÀ")
				}
			}
		})
	}
}

func TestCalibrationPage(t *testing.T) {
	l := DefaultLayout("A4", true)
	l.OffsetX = 2
	path := writePDF(t, func(w *bytes.Buffer) error { return WriteCalibration(w, l) })
	pages := pagesOf(t, path)
	if len(pages) != 1 {
		t.Fatalf("%d pages", len(pages))
	}
	text := flat(pages[0])
	for _, want := range []string{"IN THỬ VỊ TRÍ GIẤY KHEN (A4 ngang)", "Họ và tên (x 48, y 106, dài 201 mm, cỡ 24)", "Thành tích (x 38, y 133, dài 221 mm, cỡ 16)", "Lề máy in"} {
		if !strings.Contains(text, want) {
			t.Errorf("calibration page lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "GIẤY KHEN (x") {
		t.Error("a field of blank paper only on the test print of a form")
	}
	// The grid is numbered in millimetres from the corner (plus the offset).
	words := pdfWords(t, path)[0]
	for _, n := range []int{10, 100, 280} {
		found := false
		for _, w := range words {
			if w.Text == fmt.Sprint(n) && w.YMax < 5 && math.Abs(w.XMin-(float64(n)+0.6+l.OffsetX)) < 0.5 {
				found = true
			}
		}
		if !found {
			t.Errorf("no grid number %d at %g mm", n, float64(n)+l.OffsetX)
		}
	}
}

func TestLayoutIsChecked(t *testing.T) {
	l := DefaultLayout("A5", false)
	if err := l.Validate(); err != nil {
		t.Fatalf("default A5 portrait: %v", err)
	}
	for _, c := range []struct {
		change func(*CertificateLayout)
		want   string
	}{
		{func(l *CertificateLayout) { l.Paper = "A3" }, "A3"},
		{func(l *CertificateLayout) { f := l.Fields["reason"]; f.X = 100; l.Fields["reason"] = f }, "Giấy khen › Thành tích"},
		{func(l *CertificateLayout) { f := l.Fields["name"]; f.Y = 400; l.Fields["name"] = f }, "Giấy khen › Họ và tên"},
		{func(l *CertificateLayout) { f := l.Fields["name"]; f.Size = 2; l.Fields["name"] = f }, "cỡ chữ"},
		{func(l *CertificateLayout) { l.OffsetY = 30 }, "Lề máy in"},
	} {
		l := DefaultLayout("A5", false)
		c.change(&l)
		if err := l.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want an error naming %q", err, c.want)
		}
	}
	var buf bytes.Buffer
	b := Batch{Form: domain.FormBadge, People: people(1)}
	if err := WriteCertificates(&buf, b, Decision{}, heading, DefaultLayout("A4", true), standard); err == nil || buf.Len() != 0 {
		t.Errorf("certificates for badges: %v", err)
	}
	if err := WriteCertificates(&buf, fiveYears(0), Decision{}, heading, DefaultLayout("A4", true), standard); err == nil {
		t.Error("certificates for nobody")
	}
}

func TestCertificatesAsWorkbookRows(t *testing.T) {
	s := Settings{Heading: heading, Templates: standard, Layout: DefaultLayout("A4", true)}
	d, err := CertificatesDocument(fiveYears(2), Decision{No: "127", Date: domain.NewDate(2026, 1, 20)}, s)
	if err != nil {
		t.Fatal(err)
	}
	row := d.Tables[0].Rows[1]
	want := []any{2, "Trần Văn Đặng 2", "Chi bộ Khu dân cư số 2, Đảng bộ phường An Hải Bắc", "Đã hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)",
		"Sơn Trà, ngày 20 tháng 01 năm 2026", "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "Nguyễn Văn Đức", "Quyết định số 127-QĐ/QU, ngày 20/01/2026"}
	if fmt.Sprint(row) != fmt.Sprint(want) {
		t.Errorf("row %q\nwant %q", row, want)
	}
}

// TestBlankCertificateTextsInsideTheFrame: on blank paper every word of a
// certificate, on each paper, keeps inside the thin frame with a margin
// (pdftotext's boxes run from the font's ascent to its descent).
func TestBlankCertificateTextsInsideTheFrame(t *testing.T) {
	for _, c := range []struct {
		paper     string
		landscape bool
	}{{"A4", true}, {"A4", false}, {"A5", true}, {"A5", false}} {
		l := DefaultLayout(c.paper, c.landscape)
		l.Blank, l.OffsetX, l.OffsetY = true, 1, -1
		if err := l.Validate(); err != nil {
			t.Errorf("%s landscape %v: the default layout on blank paper: %v", c.paper, c.landscape, err)
			continue
		}
		b := fiveYears(1)
		h := heading
		h.SignerTitle = "K/T BÍ THƯ / PHÓ BÍ THƯ"
		path := writePDF(t, func(w *bytes.Buffer) error {
			return WriteCertificates(w, b, Decision{No: "127", Date: domain.NewDate(2026, 1, 20)}, h, l, standard)
		})
		pw, ph := l.PaperSize()
		in := FrameInner + TextMargin - 0.3 // pdftotext rounds the boxes
		words := pdfWords(t, path)[0]
		found := map[string]bool{}
		for _, w := range words {
			found[w.Text] = true
			if w.XMin-l.OffsetX < in || w.YMin-l.OffsetY < in || w.XMax-l.OffsetX > pw-in || w.YMax-l.OffsetY > ph-in {
				t.Errorf("%s landscape %v: %q at (%.1f, %.1f)–(%.1f, %.1f) mm is not %g mm inside the frame", c.paper, c.landscape, w.Text,
					w.XMin-l.OffsetX, w.YMin-l.OffsetY, w.XMax-l.OffsetX, w.YMax-l.OffsetY, TextMargin)
			}
		}
		for _, want := range []string{"Đức", "KHEN", "PHÓ", "127-QĐ/QU,"} {
			if !found[want] {
				t.Errorf("%s landscape %v: no %q on the certificate", c.paper, c.landscape, want)
			}
		}
	}
	// A reason so long that its lines run out of the frame is refused,
	// naming the field and the recipient.
	l := DefaultLayout("A4", true)
	l.Blank = true
	r := l.Fields["reason"]
	r.Y, r.W = 188, 60
	l.Fields["reason"] = r
	b := fiveYears(1)
	var buf bytes.Buffer
	err := WriteCertificates(&buf, b, Decision{}, heading, l, standard)
	if err == nil || !strings.Contains(err.Error(), "Thành tích") || !strings.Contains(err.Error(), b.People[0].Name) || !strings.Contains(err.Error(), "khung") {
		t.Errorf("a reason out of the frame: %v", err)
	}
}

// TestCheckFieldAgainstThePaper: each number of a field's place is checked
// against the paper and the orientation, the font against 6–72 pt.
func TestCheckFieldAgainstThePaper(t *testing.T) {
	land, port := DefaultLayout("A4", true), DefaultLayout("A4", false)
	blank := DefaultLayout("A4", true)
	blank.Blank = true
	ok := FieldPos{X: 48, Y: 106, W: 201, Size: 24, Align: "C"}
	for _, c := range []struct {
		name string
		l    CertificateLayout
		p    FieldPos
		want string // which number is wrong: x, y, w, size; "" none
		msg  string
	}{
		{"right", land, ok, "", ""},
		{"300 mm from the left", land, FieldPos{X: 300, Y: 106, W: 201, Size: 24}, "x", "từ 0 đến 292 mm"},
		{"a line past the right edge", land, FieldPos{X: 100, Y: 106, W: 201, Size: 24}, "w", "chỉ còn 197 mm"},
		{"portrait is narrower", port, FieldPos{X: 220, Y: 106, W: 20, Size: 24}, "x", "khổ A4 dọc: 210 × 297 mm"},
		{"portrait is taller", port, FieldPos{X: 20, Y: 250, W: 100, Size: 24}, "", ""},
		{"below landscape paper", land, FieldPos{X: 20, Y: 250, W: 100, Size: 24}, "y", "khổ A4 ngang"},
		{"a 200 pt font", land, FieldPos{X: 48, Y: 106, W: 201, Size: 200}, "size", "từ 6 đến 72 pt"},
		{"a 5 pt font", land, FieldPos{X: 48, Y: 106, W: 201, Size: 5}, "size", "từ 6 đến 72 pt"},
		{"above the paper", land, FieldPos{X: 48, Y: 3, W: 201, Size: 24}, "y", "với cỡ chữ 24"},
		{"a 2 mm line", land, FieldPos{X: 48, Y: 106, W: 2, Size: 24}, "w", "ít nhất 5 mm"},
		{"in the frame's margin", blank, FieldPos{X: 12, Y: 106, W: 100, Size: 12}, "x", "cách khung 3 mm"},
		{"the signer on the frame", blank, FieldPos{X: 150, Y: 197, W: 122, Size: 14}, "y", "cách khung 3 mm"},
	} {
		ch := c.l.CheckField(c.p)
		got := map[string]error{"x": ch.X, "y": ch.Y, "w": ch.W, "size": ch.Size}
		for k, err := range got {
			if (k == c.want) != (err != nil) {
				t.Errorf("%s: %s: %v (want an error only for %q)", c.name, k, err, c.want)
			}
		}
		if c.want != "" && got[c.want] != nil && !strings.Contains(got[c.want].Error(), c.msg) {
			t.Errorf("%s: %q lacks %q", c.name, got[c.want], c.msg)
		}
	}
}

// TestCalibrationNoteCoversNoField: the test print's instructions sit
// where no field's box is, the signer's at the bottom included.
func TestCalibrationNoteCoversNoField(t *testing.T) {
	busy := DefaultLayout("A4", true)
	busy.Fields["signer"] = FieldPos{X: 20, Y: 196, W: 257, Size: 14, Align: "C"}
	for _, l := range []CertificateLayout{DefaultLayout("A4", true), DefaultLayout("A5", false), busy} {
		path := writePDF(t, func(w *bytes.Buffer) error { return WriteCalibration(w, l) })
		words := pdfWords(t, path)[0]
		first, ok := findLine(words, "IN THỬ VỊ TRÍ")
		if !ok {
			t.Fatal("no instructions on the test print")
		}
		var last pdfWord
		for _, w := range words {
			if strings.Contains(w.Text, "Lề") {
				last = w
			}
		}
		if last.Text == "" {
			t.Fatal("the instructions lack their last line")
		}
		x0, y0, y1 := first[0].XMin, first[0].YMin, last.YMax
		x1 := x0
		for _, w := range words {
			if w.YMin >= y0-0.1 && w.YMax <= y1+0.1 && w.XMin >= x0-0.1 {
				x1 = max(x1, w.XMax)
			}
		}
		for _, b := range fieldBoxes(l) {
			if x0 < b[2] && b[0] < x1 && y0 < b[3] && b[1] < y1 {
				t.Errorf("%s: the instructions (%.0f, %.0f)–(%.0f, %.0f) cover a field's box (%.0f, %.0f)–(%.0f, %.0f)", l.Paper, x0, y0, x1, y1, b[0], b[1], b[2], b[3])
			}
		}
	}
}
