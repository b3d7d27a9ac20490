// Package report turns domain values into the documents that are printed
// and handed out: the year report and the award lists, as PDF in the form
// of a party document, and as Excel or CSV. It does no database work.
package report

import (
	"fmt"
	"sort"
	"strings"

	"xeploai/domain"
)

// Heading is what a party document carries around its content: the heading
// block, the place and date line, and the signature block. It is kept in the
// database settings and edited in the GUI.
type Heading struct {
	Superior    string // "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG"
	Issuer      string // "QUẬN ỦY SƠN TRÀ"
	Place       string // "Sơn Trà"
	SignFor     string // "T/M BAN THƯỜNG VỤ"
	SignerTitle string // "PHÓ BÍ THƯ"
	SignerName  string
	Date        domain.Date // the document's date; zero: today
}

// HeadingKeys are the settings keys of the heading fields, with defaults.
var HeadingKeys = []struct{ Key, Label, Default string }{
	{"heading.superior", "Đảng bộ cấp trên", "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG"},
	{"heading.issuer", "Cơ quan ban hành", "QUẬN ỦY SƠN TRÀ"},
	{"heading.place", "Địa danh", "Sơn Trà"},
	{"heading.signfor", "Thay mặt", "T/M BAN THƯỜNG VỤ"},
	{"heading.signer_title", "Chức vụ người ký", "PHÓ BÍ THƯ"},
	{"heading.signer_name", "Họ tên người ký", ""},
}

// HeadingFrom builds a heading from settings values by key.
func HeadingFrom(get func(key, def string) string) Heading {
	v := func(i int) string { return get(HeadingKeys[i].Key, HeadingKeys[i].Default) }
	return Heading{Superior: v(0), Issuer: v(1), Place: v(2), SignFor: v(3), SignerTitle: v(4), SignerName: v(5)}
}

// DateLine is "Sơn Trà, ngày 26 tháng 01 năm 2022".
func (h Heading) DateLine() string {
	d := h.Date
	if d.IsZero() {
		d = domain.Today()
	}
	return fmt.Sprintf("%s, ngày %02d tháng %02d năm %d", h.Place, d.Day, d.Month, d.Year)
}

// Align is a column's alignment.
type Align string

// Alignments.
const (
	Left   Align = "L"
	Center Align = "C"
	Right  Align = "R"
)

// Column is one column of a table: its header, width in millimetres on A4
// and alignment.
type Column struct {
	Name  string
	Width float64
	Align Align
}

// Table is a table of a document. A cell is a string, an int or a float64
// (numbers stay numbers in Excel).
type Table struct {
	Heading string // printed above the table; may be empty
	Columns []Column
	Rows    [][]any
}

// Document is a printable document: a title in capitals, tables, and notes.
type Document struct {
	Title    string
	Subtitle string
	Tables   []Table
	Notes    []string // lines after the tables
}

// CellText is how a cell reads in a PDF or CSV.
func CellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return fmt.Sprint(x)
	case float64:
		return strings.Replace(strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.1f", x), "0"), "."), ".", ",", 1)
	}
	return fmt.Sprint(v)
}

func pct(f float64) string { return strings.Replace(fmt.Sprintf("%.1f%%", f*100), ".", ",", 1) }

// SummaryDocument is the conference report of the year (domain.md "The
// report the conference needs").
func SummaryDocument(s *domain.Summary) Document {
	d := Document{
		Title:    fmt.Sprintf("BÁO CÁO KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN NĂM %d", s.Year),
		Subtitle: s.Org,
	}
	general := Table{Heading: "I. KẾT QUẢ CHUNG", Columns: []Column{
		{"Nhóm", 27, Left}, {"Tổng số", 14, Right}, {"HTXSNV", 24, Right}, {"HTTNV", 24, Right}, {"HTNV", 20, Right},
		{"KHTNV", 18, Right}, {"Không xếp loại", 17, Right}, {"XS/(XS+T)", 17, Right}, {"XS/T", 14, Right},
	}}
	withShare := func(c domain.LevelCounts, l domain.Level) string {
		return fmt.Sprintf("%d (%s)", c.Levels[l], pct(c.Share(l)))
	}
	for _, g := range s.Groups {
		a, b := g.QuotaRatios()
		general.Rows = append(general.Rows, []any{g.Group.Label(), g.Total, withShare(g.LevelCounts, domain.LevelExcellent),
			withShare(g.LevelCounts, domain.LevelGood), withShare(g.LevelCounts, domain.LevelCompleted),
			withShare(g.LevelCounts, domain.LevelNotCompleted), g.NotRated, pct(a), pct(b)})
	}
	d.Tables = append(d.Tables, general)
	if m := s.Group(domain.GroupMembers); m != nil && m.NotRated > 0 {
		reasons := Table{Heading: "Đảng viên không xếp loại", Columns: []Column{{"Lý do", 135, Left}, {"Số đảng viên", 40, Right}}}
		for _, r := range sortedKeys(m.Reasons) {
			reasons.Rows = append(reasons.Rows, []any{r, m.Reasons[r]})
		}
		d.Tables = append(d.Tables, reasons)
	}
	if len(s.ByGrassroots) > 0 {
		t := Table{Heading: "II. KẾT QUẢ THEO TỔ CHỨC CƠ SỞ ĐẢNG", Columns: []Column{
			{"STT", 11, Center}, {"Tổ chức cơ sở đảng", 46, Left}, {"Tự xếp loại", 17, Center}, {"Chi bộ XS/T/HT/KHT", 24, Center},
			{"Đảng viên", 16, Right}, {"XS", 12, Right}, {"Tốt", 13, Right}, {"HT", 10, Right}, {"KHT", 11, Right}, {"XS/(XS+T)", 15, Right},
		}}
		for i, l := range s.ByGrassroots {
			a, _ := l.Members.QuotaRatios()
			own := l.Own.Code()
			t.Rows = append(t.Rows, []any{i + 1, l.Name, own, fmt.Sprintf("%d/%d/%d/%d", l.Cells.Levels[1], l.Cells.Levels[2], l.Cells.Levels[3], l.Cells.Levels[4]),
				l.Members.Total, l.Members.Levels[domain.LevelExcellent], l.Members.Levels[domain.LevelGood],
				l.Members.Levels[domain.LevelCompleted], l.Members.Levels[domain.LevelNotCompleted], pct(a)})
		}
		d.Tables = append(d.Tables, t)
	}
	return d
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Person is one line of an award list.
type Person struct {
	Name      string
	BirthDate domain.Date // members only
	Org       string      // path: committee › cell
	Content   string
	Milestone int // badges
}

// splitOrg splits "Đảng bộ phường X › Chi bộ Y" into cell and committee.
func splitOrg(path string) (cell, committee string) {
	parts := strings.Split(path, " › ")
	cell = parts[len(parts)-1]
	if len(parts) > 1 {
		committee = parts[0]
	}
	return
}

// AwardListDocument is "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" (proposed) or
// "DANH SÁCH KHEN THƯỞNG" (recorded): STT, full name, date of birth, cell and
// committee, content.
func AwardListDocument(proposed bool, subtitle string, people []Person) Document {
	title := "DANH SÁCH KHEN THƯỞNG"
	if proposed {
		title = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
	}
	d := Document{Title: title, Subtitle: subtitle}
	d.Tables = append(d.Tables, peopleTable("", people))
	d.Notes = append(d.Notes, fmt.Sprintf("Danh sách có %d người.", len(people)))
	return d
}

func peopleTable(heading string, people []Person) Table {
	t := Table{Heading: heading, Columns: []Column{
		{"STT", 11, Center}, {"Họ và tên", 38, Left}, {"Ngày sinh", 21, Center}, {"Chi bộ", 38, Left}, {"Đảng bộ", 30, Left}, {"Nội dung", 37, Left},
	}}
	for i, p := range people {
		cell, committee := splitOrg(p.Org)
		t.Rows = append(t.Rows, []any{i + 1, p.Name, p.BirthDate.String(), cell, committee, p.Content})
	}
	return t
}

// BadgeListDocument is the badge list of an occasion (any day; one that is
// not a standard occasion is noted "dịp khác"), grouped by milestone,
// highest first.
func BadgeListDocument(occasion domain.Date, people []Person) Document {
	return badgeDocument("DANH SÁCH ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG", occasion, people)
}

// PostponedBadgeDocument lists the members whose badge is postponed after a
// discipline, each with the day it may be proposed (in Content).
func PostponedBadgeDocument(occasion domain.Date, people []Person) Document {
	d := badgeDocument("DANH SÁCH ĐẢNG VIÊN CHƯA ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG DO KỶ LUẬT", occasion, people)
	d.Notes = append(d.Notes, "Được đề nghị khi hết thời hạn nêu trên, nếu đã sửa chữa khuyết điểm và chi bộ xác nhận (khai trừ: không xét).")
	return d
}

func badgeDocument(title string, occasion domain.Date, people []Person) Document {
	d := Document{Title: title, Subtitle: "Đợt " + domain.OccasionLabel(occasion)}
	groups := map[int][]Person{}
	var order []int
	for _, p := range people {
		if _, ok := groups[p.Milestone]; !ok {
			order = append(order, p.Milestone)
		}
		groups[p.Milestone] = append(groups[p.Milestone], p)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(order)))
	for _, m := range order {
		d.Tables = append(d.Tables, peopleTable(fmt.Sprintf("Huy hiệu %d năm tuổi Đảng (%d đồng chí)", m, len(groups[m])), groups[m]))
	}
	d.Notes = append(d.Notes, fmt.Sprintf("Tổng số: %d đồng chí.", len(people)))
	return d
}

// PeopleFrom turns candidate-like rows into award list lines.
func PeopleFrom[T any](rows []T, person func(T) Person) []Person {
	out := make([]Person, len(rows))
	for i, r := range rows {
		out[i] = person(r)
	}
	return out
}
