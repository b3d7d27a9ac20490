package domain

import (
	"regexp"
	"strings"
)

// Reason is why a member or an organisation is not rated: one of a fixed
// list, the cases the regulations name (domain.md "Who is not rated"). Text
// that is none of them (read from a file, or stored before the list existed)
// is kept as it was written and flagged by the not-rated rule.
type Reason string

// The reasons not to rate. Maternity leave is not one: a member on maternity
// leave is rated on the time worked (HD 21-HD/BTCTW, Mục II, tiểu mục 6).
// Nor is a suspension from the committee ("đình chỉ sinh hoạt cấp ủy"): such
// a committee member is still rated.
const (
	ReasonExempted         Reason = "exempted"          // Miễn công tác và sinh hoạt đảng
	ReasonSuspended        Reason = "suspended"         // Đình chỉ sinh hoạt đảng (from HD 21)
	ReasonAdmittedRecently Reason = "admitted-recently" // Kết nạp chưa đủ 6 tháng đến kỳ đánh giá
	ReasonFoundedRecently  Reason = "founded-recently"  // Tổ chức thành lập chưa đủ 6 tháng
)

// MemberReasons and OrgReasons list the reasons in the order users pick them.
var (
	MemberReasons = []Reason{ReasonExempted, ReasonSuspended, ReasonAdmittedRecently}
	OrgReasons    = []Reason{ReasonFoundedRecently}
)

var reasonLabels = map[Reason]string{
	ReasonExempted:         "Miễn sinh hoạt đảng",
	ReasonSuspended:        "Đình chỉ sinh hoạt đảng",
	ReasonAdmittedRecently: "Kết nạp chưa đủ 6 tháng",
	ReasonFoundedRecently:  "Thành lập chưa đủ 6 tháng",
}

// Label is the reason as users read and pick it.
func (r Reason) Label() string { return reasonLabels[r] }

// reasonSpellings are the ways users' sheets write each reason, as FoldKey
// keys; a parenthesised remark or one after a colon or a dash is ignored
// ("Miễn sinh hoạt (từ 01/03/2021)"). Matching is whole: "Đình chỉ sinh hoạt
// cấp ủy" is not a suspension from the party.
var reasonSpellings = func() map[string]Reason {
	m := map[string]Reason{}
	for r, spellings := range map[Reason][]string{
		ReasonExempted: {"Miễn sinh hoạt đảng", "Miễn sinh hoạt", "Miễn SHĐ", "Miễn", "Miễn công tác và sinh hoạt đảng",
			"Miễn công tác, sinh hoạt đảng", "Được miễn công tác và sinh hoạt đảng", "Được miễn sinh hoạt đảng", "Miễn sinh hoạt Đảng"},
		ReasonSuspended: {"Đình chỉ sinh hoạt đảng", "Đình chỉ sinh hoạt", "Bị đình chỉ sinh hoạt đảng", "Đình chỉ SHĐ",
			"Tạm đình chỉ sinh hoạt đảng", "Đình chỉ sinh hoạt Đảng"},
		ReasonAdmittedRecently: {"Kết nạp chưa đủ 6 tháng", "Mới kết nạp chưa đủ 6 tháng",
			"Đảng viên mới kết nạp chưa đủ 6 tháng", "Kết nạp dưới 6 tháng", "Mới kết nạp", "Mới kết nạp dưới 6 tháng",
			"Vào Đảng chưa đủ 6 tháng", "Chưa đủ 6 tháng", "Dưới 6 tháng"},
		ReasonFoundedRecently: {"Thành lập chưa đủ 6 tháng", "Mới thành lập chưa đủ 6 tháng", "Mới thành lập",
			"Thành lập dưới 6 tháng", "Mới thành lập dưới 6 tháng"},
	} {
		for _, s := range append(spellings, string(r)) {
			m[reasonKey(s)] = r
		}
	}
	return m
}()

var reasonRemark = regexp.MustCompile(`\s*(\(.*|:.*|\s[-–—]\s.*)$`)

// ParseReason maps a not-rated reason as written to the list; ok is false for
// text that is none of the reasons (kept as written, and flagged).
func ParseReason(text string) (Reason, bool) {
	t := CleanText(text)
	if r, ok := reasonSpellings[reasonKey(t)]; ok {
		return r, true
	}
	if s := reasonRemark.ReplaceAllString(t, ""); s != t {
		r, ok := reasonSpellings[reasonKey(s)]
		return r, ok
	}
	return "", false
}

// reasonKey is FoldKey with "06 tháng" read as "6 tháng".
func reasonKey(s string) string { return strings.ReplaceAll(FoldKey(s), "06thang", "6thang") }

// CanonicalReason is the text stored for a reason read from a file: the
// list's label when the text is one of the reasons, else the text as written.
func CanonicalReason(text string) string {
	if r, ok := ParseReason(text); ok {
		return r.Label()
	}
	return CleanText(text)
}

// reasonHint says, for a reason that is not on the list, what the rules say
// instead; "" when there is nothing particular to say.
func reasonHint(text string) string {
	f := " " + Fold(text) + " "
	switch {
	case strings.Contains(f, " thai san ") || strings.Contains(f, " sinh con "):
		return "đảng viên nghỉ thai sản được xếp loại theo thời gian công tác thực tế"
	case strings.Contains(f, " cap uy ") && strings.Contains(f, " dinh chi "):
		return "cấp ủy viên bị đình chỉ sinh hoạt cấp ủy vẫn phải đánh giá, xếp loại"
	case strings.Contains(f, " du bi "):
		return "đảng viên dự bị vẫn phải đánh giá, xếp loại (trừ khi kết nạp chưa đủ 6 tháng đến ngày đánh giá)"
	case strings.Contains(f, " om ") || strings.Contains(f, " benh "):
		return "đảng viên nghỉ ốm vẫn được xếp loại (nghỉ ốm từ 3 tháng thì tối đa \"Hoàn thành nhiệm vụ\")"
	}
	return ""
}

// reasonList names the reasons of a list in a message.
func reasonList(rs []Reason) Text {
	names := make([]any, len(rs))
	for i, r := range rs {
		names[i] = r.Label()
	}
	return JoinText(", ", names)
}

// ReasonLabels names the reasons of a list for a message.
func ReasonLabels(rs []Reason) string {
	var names []string
	for _, r := range rs {
		names = append(names, r.Label())
	}
	return strings.Join(names, ", ")
}
