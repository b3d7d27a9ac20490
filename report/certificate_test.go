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
