// Package report turns domain values into the documents that are printed
// and signed: the year report, award lists, the award decision with its
// annex, the proposal to the superior body and certificates, as PDF in the
// form of party documents (HD 36-HD/VPTW), and as Excel or CSV. It does no
// database work.
package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"xeploai/domain"
)

// Heading is what a party document carries around its content: the heading
// block, the number, the place and date line, and the signature block. It is
// kept in the database settings and edited in the GUI.
type Heading struct {
	Superior    string // "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG"
	Issuer      string // "QUẬN ỦY SƠN TRÀ"
	Body        string // "Ban Thường vụ Quận ủy": the collective that decides
	Abbr        string // "QU": the issuer in document numbers ("127-QĐ/QU")
	Place       string // "Sơn Trà"
	SignFor     string // "T/M BAN THƯỜNG VỤ"
	SignerTitle string // "PHÓ BÍ THƯ"; " / " or a new line breaks it ("K/T BÍ THƯ / PHÓ BÍ THƯ")
	SignerName  string
	Date        domain.Date // the document's date; zero: today
}

// The settings keys of the signer, which the documents' form keeps.
const (
	KeySignerName  = "heading.signer_name"
	KeySignerTitle = "heading.signer_title"
)

// HeadingKeys are the settings keys of the heading fields, with defaults.
var HeadingKeys = []struct{ Key, Label, Default string }{
	{"heading.superior", "Đảng bộ cấp trên", "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG"},
	{"heading.issuer", "Cơ quan ban hành", "QUẬN ỦY SƠN TRÀ"},
	{"heading.place", "Địa danh", "Sơn Trà"},
	{"heading.signfor", "Thay mặt", "T/M BAN THƯỜNG VỤ"},
	{KeySignerTitle, "Chức vụ người ký", "K/T BÍ THƯ / PHÓ BÍ THƯ"}, // a deputy signs for the secretary (HD 36-HD/VPTW)
	{KeySignerName, "Họ tên người ký", ""},
	{"heading.body", "Tập thể quyết định", "Ban Thường vụ Quận ủy"},
	{"heading.abbr", "Viết tắt trong số văn bản", "QU"},
}

// HeadingFrom builds a heading from settings values by key.
func HeadingFrom(get func(key, def string) string) Heading {
	v := func(i int) string { return strings.TrimSpace(get(HeadingKeys[i].Key, HeadingKeys[i].Default)) }
	return Heading{Superior: v(0), Issuer: v(1), Place: v(2), SignFor: v(3), SignerTitle: v(4), SignerName: v(5), Body: v(6), Abbr: v(7)}
}

// IssuedHere reports whether a decision of issuer (as typed: "Ban Thường
// vụ Quận ủy", "Quận ủy Sơn Trà") is one of this committee's, whose numbers
// end in its abbreviation; an empty issuer is taken as this committee.
// Another's (a badge decided by "Ban Thường vụ Thành ủy") keeps its number
// as typed.
func (h Heading) IssuedHere(issuer string) bool {
	f := domain.Fold(issuer)
	return f == "" || f == domain.Fold(h.Body) || f == domain.Fold(h.Issuer)
}

func (h Heading) date() domain.Date {
	if h.Date.IsZero() {
		return domain.Today()
	}
	return h.Date
}

// DateLine is "Sơn Trà, ngày 26 tháng 01 năm 2022".
func (h Heading) DateLine() string { return domain.PartyDateLine(h.Place, h.date()) }

// SignerLines are the lines of the signer's title: "K/T BÍ THƯ / PHÓ BÍ THƯ"
// is two.
func (h Heading) SignerLines() []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(h.SignerTitle, " / ", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, strings.ToUpper(l))
		}
	}
	return out
}

// Kind is what a document is; its abbreviation goes into its number.
type Kind string

// Document kinds (HD 36-HD/VPTW).
const (
	KindReport   Kind = "BC"
	KindList     Kind = "DS"
	KindDecision Kind = "QĐ"
	KindProposal Kind = "TTr"
)

// Number is the number line of a document: "Số 127-QĐ/QU". A bare number is
// completed with the kind and the issuer's abbreviation; a number already
// written in full ("15-QĐ/ĐU") is kept; no number leaves a blank to be
// written by hand.
func Number(no string, k Kind, abbr string) string {
	no = strings.TrimSpace(no)
	switch {
	case no == "":
		return fmt.Sprintf("Số       -%s/%s", k, abbr)
	case strings.ContainsAny(no, "-/"):
		return "Số " + no
	}
	return fmt.Sprintf("Số %s-%s/%s", no, k, abbr)
}

// FullNumber is the number as cited in other texts: "127-QĐ/QU"; dots to
// write it on when it is not known yet ("……-QĐ/QU").
func FullNumber(no string, k Kind, abbr string) string {
	if strings.TrimSpace(no) == "" {
		return fmt.Sprintf("……-%s/%s", k, abbr)
	}
	return strings.TrimPrefix(Number(no, k, abbr), "Số ")
}

// BareNumber is the number alone of a number written in full for kind k of
// the issuer abbr ("127-QĐ/QU", "127 - qđ/qu" → "127"); any other number
// is returned as it is.
func BareNumber(no string, k Kind, abbr string) string {
	no = strings.TrimSpace(no)
	i := strings.LastIndex(no, "-")
	if i <= 0 {
		return no
	}
	head, tail := strings.TrimSpace(no[:i]), strings.ReplaceAll(no[i:], " ", "")
	if head != "" && domain.Fold(tail) == domain.Fold(fmt.Sprintf("-%s/%s", k, abbr)) {
		return head
	}
	return no
}

// NumberForms are the ways a number of kind k may have been recorded: as
// typed, and bare or in full ("127" and "127-QĐ/QU", both ways round); a
// number of another form ("15-QĐ/ĐU" for an issuer "QU") only as typed.
// Empty: nothing to find.
func NumberForms(no string, k Kind, abbr string) []string {
	no = strings.TrimSpace(no)
	bare := BareNumber(no, k, abbr)
	switch {
	case no == "":
		return nil
	case bare == no && strings.ContainsAny(no, "-/"):
		return []string{no}
	}
	forms := []string{no}
	for _, f := range []string{bare, FullNumber(bare, k, abbr)} {
		if !slices.ContainsFunc(forms, func(g string) bool { return domain.Fold(g) == domain.Fold(f) }) {
			forms = append(forms, f)
		}
	}
	return forms
}

// Align is a column's alignment.
type Align string

// Alignments.
const (
	Left   Align = "L"
	Center Align = "C"
	Right  Align = "R"
)

// Column is one column of a table: its header and alignment. Its width comes
// from its content when the table is laid out. Whole asks that its cells
// (names) not wrap, when the page is wide enough for that. Parts, when set,
// are the columns a spreadsheet splits it into (their headers): its Split
// cells give one figure to each, so that they can be summed.
type Column struct {
	Name  string
	Align Align
	Whole bool
	Parts []string
}

// Split is a cell that reads as one text on paper ("115 (78,2%)") and is
// one figure per part of its column in a spreadsheet (115 and 78.2); a nil
// figure leaves its part empty. Like a figure, it never wraps.
type Split struct {
	Text    string
	Figures []any
}

// Share is a count with its share of total, as the year report gives it:
// "115 (78,2%)"; in a spreadsheet the count and the percentage.
func Share(n int, share float64) Split {
	return Split{Text: fmt.Sprintf("%s (%s)", domain.Thousands(n), domain.Percent(share)), Figures: []any{n, percentFigure(share)}}
}

// Ratio is a share alone: "19,9%" on paper; the percentage in a
// spreadsheet's last part of the column.
func Ratio(share float64, parts int) Split {
	figures := make([]any, max(parts, 1))
	figures[len(figures)-1] = percentFigure(share)
	return Split{Text: domain.Percent(share), Figures: figures}
}

// percentFigure is a share as a percentage with the one decimal printed.
// A share that cannot be computed (NaN) leaves its cell empty.
func percentFigure(share float64) any {
	if math.IsNaN(share) {
		return nil
	}
	return math.Round(share*1000) / 10
}

// spreadsheetTable is t with its columns split into their parts: each
// Split cell's figures one to a column (another cell in the first).
func spreadsheetTable(t Table) Table {
	split := false
	for _, c := range t.Columns {
		split = split || len(c.Parts) > 0
	}
	if !split {
		return t
	}
	out := Table{Heading: t.Heading, Legend: t.Legend}
	for _, c := range t.Columns {
		if len(c.Parts) == 0 {
			out.Columns = append(out.Columns, c)
			continue
		}
		for _, p := range c.Parts {
			out.Columns = append(out.Columns, Column{Name: p, Align: c.Align})
		}
	}
	for _, r := range t.Rows {
		if _, ok := sectionOf(r); ok {
			out.Rows = append(out.Rows, r)
			continue
		}
		var row []any
		for i, v := range r {
			parts := 1
			if i < len(t.Columns) {
				parts = max(len(t.Columns[i].Parts), 1)
			}
			cells := make([]any, parts)
			if s, ok := v.(Split); ok {
				copy(cells, s.Figures)
			} else {
				cells[0] = v
			}
			row = append(row, cells...)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// Table is a table of a document. A cell is a string, an int (written with
// thousands dots; a number in Excel), a Plain int (a year: no dots) or a
// float64.
type Table struct {
	Heading string // printed above the table; may be empty
	Columns []Column
	Rows    [][]any
	Legend  string // printed directly under the table (what abbreviations mean)
}

// Section is a row that heads the rows under it, across the whole table
// ("Huy hiệu 30 năm tuổi Đảng (12 đồng chí)"): the only cell of its row.
type Section string

// sectionOf returns the row's section heading, if it is one.
func sectionOf(r []any) (Section, bool) {
	if len(r) == 1 {
		s, ok := r[0].(Section)
		return s, ok
	}
	return "", false
}

// Plain is a number written without thousands dots: a year, a code.
type Plain int

// ParaStyle is how a paragraph is set.
type ParaStyle int

// Paragraph styles.
const (
	Justified ParaStyle = iota // body text: justified, first line indented
	Centered                   // a bold line in the middle ("QUYẾT ĐỊNH:")
	Hanging                    // a list item: "- Căn cứ …", justified, indented
)

// Para is a paragraph of a document's text. Lead is set in bold before the
// text ("Điều 1.").
type Para struct {
	Lead  string
	Text  string
	Style ParaStyle
}

// Document is a printable party document: the heading block, its number,
// type and summary line, the text, tables, notes, "Nơi nhận" and the
// signature; annexes follow on pages of their own.
type Document struct {
	Kind       Kind
	No         string // "127", "127-QĐ/QU" or "" (see Number)
	Type       string // "QUYẾT ĐỊNH", "BÁO CÁO", "DANH SÁCH", "TỜ TRÌNH"
	Title      string // the summary line under the type (trích yếu)
	Subtitle   string // a regular line under the summary (the scope, "Đợt 02/9/2026")
	To         string // "Kính gửi: …" (a proposal)
	Body       []Para // before the tables
	Tables     []Table
	Notes      []string // after the tables
	Closing    []Para   // after the notes
	Recipients []string // "Nơi nhận:"; empty: none
	Annexes    []Annex
	Landscape  bool // on landscape pages (a list too wide for portrait)
}

// Annex is a list attached to a document, on pages of its own.
type Annex struct {
	Type      string // "DANH SÁCH"
	Title     string // the summary line
	Ref       string // "(Kèm theo Quyết định số 127-QĐ/QU, ngày 20/01/2026 của Ban Thường vụ Quận ủy)"
	Tables    []Table
	Notes     []string
	Landscape bool // a list too wide for portrait pages
}

// CellText is how a cell reads in a PDF or CSV.
func CellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case Section:
		return string(x)
	case Split:
		return x.Text
	case int:
		return domain.Thousands(x)
	case Plain:
		return fmt.Sprint(int(x))
	case float64:
		return strings.Replace(strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.1f", x), "0"), "."), ".", ",", 1)
	case domain.Date:
		return x.String()
	}
	return fmt.Sprint(v)
}

// isNumber reports whether a cell is a figure, which never wraps.
func isNumber(v any) bool {
	switch v.(type) {
	case int, Plain, float64, Split:
		return true
	}
	return false
}
