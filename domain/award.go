package domain

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// AwardForm is the form of an award.
type AwardForm string

// Award forms.
const (
	FormCertificate AwardForm = "certificate" // Giấy khen
	FormMerit       AwardForm = "merit"       // Bằng khen
	FormBadge       AwardForm = "badge"       // Huy hiệu Đảng
)

// BadgeMilestones are the party ages (years) at which a badge is awarded.
var BadgeMilestones = []int{30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90}

// IsBadgeMilestone reports whether n years is a badge milestone.
func IsBadgeMilestone(n int) bool {
	for _, m := range BadgeMilestones {
		if m == n {
			return true
		}
	}
	return false
}

// Label is the Vietnamese name of the form.
func (f AwardForm) Label() string {
	switch f {
	case FormCertificate:
		return "Giấy khen"
	case FormMerit:
		return "Bằng khen"
	case FormBadge:
		return "Huy hiệu Đảng"
	}
	return ""
}

var milestoneRe = regexp.MustCompile(`\d+`)

// ParseAwardForm reads the "Hình thức" column: Giấy khen, Bằng khen, or Huy
// hiệu Đảng with its milestone ("Huy hiệu 30 năm tuổi Đảng").
func ParseAwardForm(s string) (AwardForm, int, error) {
	k := FoldKey(s)
	switch {
	case k == "":
		return "", 0, Errorf(EINVALID, "", "không được để trống")
	case k == "giaykhen" || k == string(FormCertificate):
		return FormCertificate, 0, nil
	case k == "bangkhen" || k == string(FormMerit):
		return FormMerit, 0, nil
	case len(k) >= 7 && k[:7] == "huyhieu":
		n := 0
		if d := milestoneRe.FindString(k); d != "" {
			n, _ = strconv.Atoi(d)
		}
		if !IsBadgeMilestone(n) {
			return "", 0, Errorf(EINVALID, "", "%q: cần ghi mốc tuổi Đảng (30, 40, 45 … 90 năm), ví dụ \"Huy hiệu 30 năm tuổi Đảng\"", CleanText(s))
		}
		return FormBadge, n, nil
	}
	return "", 0, Errorf(EINVALID, "", "%q không phải là hình thức khen thưởng (Giấy khen, Bằng khen, Huy hiệu … năm tuổi Đảng)", CleanText(s))
}

// Award is an award record: who received what, for what, by which decision.
type Award struct {
	ID           int64
	MemberID     int64 // recipient when a member
	OrgID        int64 // recipient when an organisation
	Form         AwardForm
	Milestone    int    // badge milestone in years; 0 for other forms
	Content      string // e.g. "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)"
	Year         int    // year of the decision
	YearFrom     int    // first year the award covers, when a range
	YearTo       int    // last year the award covers, when a range
	DecisionNo   string
	DecisionDate Date
	Issuer       string
	Note         string
	Version      int64 // counted up by each change to the stored record (0: not read from one)
}

// FormText is the form as written in the "Hình thức" column.
func (a *Award) FormText() string {
	if a.Form == FormBadge {
		return fmt.Sprintf("Huy hiệu %d năm tuổi Đảng", a.Milestone)
	}
	return a.Form.Label()
}

// Line is the award in a line: its form and its content ("Giấy khen —
// Hoàn thành xuất sắc nhiệm vụ 5 năm liền"), the content left out where it
// says only the form again ("Huy hiệu 30 năm tuổi Đảng").
func (a *Award) Line() string {
	form, content := a.FormText(), strings.TrimSpace(a.Content)
	if content == "" || Fold(content) == Fold(form) {
		return form
	}
	return form + " — " + content
}

var yearRangeRe = regexp.MustCompile(`((?:19|20|21)\d\d)\s*[-–—]\s*((?:19|20|21)\d\d)`)

// Normalize cleans the text fields and fills the year range from the content
// ("… 5 năm liền (2017–2021)") when it is not set.
func (a *Award) Normalize() {
	for _, p := range []*string{&a.Content, &a.DecisionNo, &a.Issuer, &a.Note} {
		*p = CleanText(*p)
	}
	if a.YearFrom == 0 && a.YearTo == 0 {
		if m := yearRangeRe.FindStringSubmatch(a.Content); m != nil {
			a.YearFrom, _ = strconv.Atoi(m[1])
			a.YearTo, _ = strconv.Atoi(m[2])
		}
	}
}

// Validate checks the award's fields.
func (a *Award) Validate(thisYear int) error {
	var es Errors
	if (a.MemberID == 0) == (a.OrgID == 0) {
		es.add("Người/tổ chức được khen", "cần đúng một đảng viên hoặc một tổ chức")
	}
	switch a.Form {
	case FormCertificate, FormMerit:
		if a.Milestone != 0 {
			es.add("Hình thức", "chỉ Huy hiệu Đảng mới có mốc tuổi Đảng")
		}
	case FormBadge:
		if !IsBadgeMilestone(a.Milestone) {
			es.add("Hình thức", "mốc %d năm tuổi Đảng không có trong quy định", a.Milestone)
		}
		if a.OrgID != 0 {
			es.add("Hình thức", "Huy hiệu Đảng chỉ trao cho đảng viên")
		}
	default:
		es.add("Hình thức", "hình thức khen thưởng không hợp lệ")
	}
	if a.Content == "" {
		es.add("Nội dung", "không được để trống")
	}
	if a.Year < MinYear || a.Year > thisYear+1 {
		es.add("Năm", "%d không hợp lệ (từ %d đến %d)", a.Year, MinYear, thisYear+1)
	}
	if a.YearFrom != 0 || a.YearTo != 0 {
		if a.YearFrom > a.YearTo || a.YearFrom < MinYear || a.YearTo > a.Year+1 {
			es.add("Nội dung", "khoảng năm %d–%d không hợp lệ", a.YearFrom, a.YearTo)
		}
	}
	if !a.DecisionDate.IsZero() && a.DecisionDate.Year > thisYear+1 {
		es.add("Ngày quyết định", "%s ở tương lai", a.DecisionDate)
	}
	return es.Err()
}

// ExcellentRun is what a run of excellent years is called: "Hoàn thành
// xuất sắc nhiệm vụ 5 năm liền (2017–2021)", or "… năm 2021" for one year.
func ExcellentRun(n, year int) string {
	if n == 1 {
		return fmt.Sprintf("Hoàn thành xuất sắc nhiệm vụ năm %d", year)
	}
	return fmt.Sprintf("Hoàn thành xuất sắc nhiệm vụ %d năm liền (%d–%d)", n, year-n+1, year)
}

// ExemplaryTitle is the title given to an organisation chosen from the pool
// of those excellent n years running up to year: HD 21-HD/BTCTW has the
// party committees choose, among them, the exemplary ones — "Trong sạch,
// vững mạnh tiêu biểu" for grassroots organisations, "Hoàn thành xuất sắc
// nhiệm vụ tiêu biểu" for cells.
func ExemplaryTitle(g Group, n, year int) string {
	title := exemplary(g)
	if n == 1 {
		return fmt.Sprintf("%s năm %d", title, year)
	}
	return fmt.Sprintf("%s %d năm liền (%d–%d)", title, n, year-n+1, year)
}

// PoolNote says what a list of organisations excellent n years running is:
// the pool the exemplary ones are chosen from, not a list of awards.
func PoolNote(g Group) string {
	return fmt.Sprintf("Danh sách để lựa chọn %s \"%s\" (HD 21-HD/BTCTW): cấp ủy chọn trong số này, không phải tất cả đều được khen.",
		strings.ToLower(g.Label()), exemplary(g))
}

func exemplary(g Group) string {
	if g == GroupGrassroots {
		return "Trong sạch, vững mạnh tiêu biểu"
	}
	return "Hoàn thành xuất sắc nhiệm vụ tiêu biểu"
}
