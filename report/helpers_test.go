package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"xeploai/domain"
)

var heading = Heading{Superior: "Đảng bộ thành phố Đà Nẵng", Issuer: "Quận ủy Sơn Trà", Body: "Ban Thường vụ Quận ủy", Abbr: "QU", Place: "Sơn Trà",
	SignFor: "T/M BAN THƯỜNG VỤ", SignerTitle: "PHÓ BÍ THƯ", SignerName: "Nguyễn Văn Đức", Date: domain.NewDate(2022, 1, 26)}

// standard are the standard texts.
var standard = TemplatesFrom(func(_, def string) string { return def })

func people(n int) []Person {
	names := []string{"Nguyễn Thị Ấu", "Trần Văn Đặng", "Lê Thị Hằng", "Phạm Quốc Ệ", "Hoàng Thị Thủy", "Võ Văn Kiệt"}
	var out []Person
	for i := 0; i < n; i++ {
		out = append(out, Person{Name: fmt.Sprintf("%s %d", names[i%len(names)], i+1), BirthDate: domain.NewDate(1970+i%30, 1+i%12, 1+i%28),
			Org: fmt.Sprintf("Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số %d", 1+i%40), Content: "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)", Milestone: []int{30, 40, 45}[i%3]})
	}
	return out
}

// fiveYears is a batch of n members excellent 2017–2021.
func fiveYears(n int) Batch {
	return Batch{Form: domain.FormCertificate, Group: domain.GroupMembers, Reason: "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)",
		Years: "5 năm liền (2017–2021)", Year: 2021, People: people(n)}
}

// writePDF writes a PDF with write into a temporary file and returns its path.
func writePDF(t *testing.T, write func(*bytes.Buffer) error) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is missing: run scripts/setup.sh")
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// pagesOf is a PDF's text page by page (pdftotext -layout).
func pagesOf(t *testing.T, path string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(out), "\f\n"), "\f")
}

// pdfText writes d to a PDF and returns its text page by page.
func pdfText(t *testing.T, d Document) []string {
	t.Helper()
	return pagesOf(t, writePDF(t, func(b *bytes.Buffer) error { return WritePDF(b, d, heading) }))
}

var spaces = regexp.MustCompile(`\s+`)

// flat is text with every run of white space one space: pdftotext -layout
// spreads justified lines and splits paragraphs.
func flat(s string) string { return spaces.ReplaceAllString(s, " ") }

// pdfWord is a word of a PDF with its box in millimetres from the top-left.
type pdfWord struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// pdfWords reads every word of every page with its box (pdftotext -bbox).
func pdfWords(t *testing.T, path string) [][]pdfWord {
	t.Helper()
	words, _ := pdfLayout(t, path)
	return words
}

// pdfLayout reads every word of every page with its box, and each page's
// width in millimetres.
func pdfLayout(t *testing.T, path string) ([][]pdfWord, []float64) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Pages []struct {
			Width float64 `xml:"width,attr"`
			Words []struct {
				Text string  `xml:",chardata"`
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	const mmPerPt = 25.4 / 72
	pages := make([][]pdfWord, len(doc.Pages))
	widths := make([]float64, len(doc.Pages))
	for i, p := range doc.Pages {
		widths[i] = p.Width * mmPerPt
		for _, w := range p.Words {
			pages[i] = append(pages[i], pdfWord{w.Text, w.XMin * mmPerPt, w.YMin * mmPerPt, w.XMax * mmPerPt, w.YMax * mmPerPt})
		}
	}
	return pages, widths
}

// line is the words of a page on one line, left to right.
type line struct {
	words []pdfWord
}

func (l line) text() string {
	var s []string
	for _, w := range l.words {
		s = append(s, w.Text)
	}
	return strings.Join(s, " ")
}

// linesOf groups a page's words into lines by their top.
func linesOf(ws []pdfWord) []line {
	var out []line
	for _, w := range ws {
		found := false
		for i := range out {
			if math.Abs(out[i].words[0].YMin-w.YMin) < 0.3 {
				out[i].words = append(out[i].words, w)
				found = true
				break
			}
		}
		if !found {
			out = append(out, line{[]pdfWord{w}})
		}
	}
	for _, l := range out {
		sort.Slice(l.words, func(a, b int) bool { return l.words[a].XMin < l.words[b].XMin })
	}
	return out
}

// findLine finds the line of a page holding text; the words that make it.
func findLine(ws []pdfWord, text string) ([]pdfWord, bool) {
	for _, l := range linesOf(ws) {
		full := l.text()
		if i := strings.Index(full, text); i >= 0 {
			// The words from the one where text starts.
			n := len(strings.Fields(full[:i]))
			return l.words[n : n+len(strings.Fields(text))], true
		}
	}
	return nil, false
}

// contains checks that text (what it is, for the message) holds each of wants.
func contains(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}
