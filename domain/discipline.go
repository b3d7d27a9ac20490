package domain

import "fmt"

// DisciplineForm is the form of a party discipline (Điều lệ Đảng, Điều 35):
// for members reprimand, warning, removal from post, expulsion; for
// organisations reprimand, warning, dissolution.
type DisciplineForm string

// Discipline forms.
const (
	DisciplineReprimand DisciplineForm = "reprimand" // Khiển trách
	DisciplineWarning   DisciplineForm = "warning"   // Cảnh cáo
	DisciplineRemoval   DisciplineForm = "removal"   // Cách chức
	DisciplineExpulsion DisciplineForm = "expulsion" // Khai trừ
	DisciplineDissolved DisciplineForm = "dissolved" // Giải tán (organisations)
)

// MemberDisciplineForms and OrgDisciplineForms list the forms in the order
// users pick them.
var (
	MemberDisciplineForms = []DisciplineForm{DisciplineReprimand, DisciplineWarning, DisciplineRemoval, DisciplineExpulsion}
	OrgDisciplineForms    = []DisciplineForm{DisciplineReprimand, DisciplineWarning, DisciplineDissolved}
)

var disciplineLabels = map[DisciplineForm]string{
	DisciplineReprimand: "Khiển trách", DisciplineWarning: "Cảnh cáo", DisciplineRemoval: "Cách chức",
	DisciplineExpulsion: "Khai trừ", DisciplineDissolved: "Giải tán",
}

// Label is the form's Vietnamese name.
func (f DisciplineForm) Label() string { return disciplineLabels[f] }

// ParseDisciplineForm reads a form as written ("Khiển trách", "KHIEN TRACH",
// "cảnh cáo"…), ignoring case, diacritics and punctuation.
func ParseDisciplineForm(s string) (DisciplineForm, error) {
	k := FoldKey(s)
	for f, label := range disciplineLabels {
		if k == FoldKey(label) || k == string(f) {
			return f, nil
		}
	}
	return "", fmt.Errorf("%q không phải là hình thức kỷ luật (Khiển trách, Cảnh cáo, Cách chức, Khai trừ; tổ chức: Giải tán)", CleanText(s))
}

// BadgePostponement is how many months after a discipline a member may be
// proposed for a party badge, if the member has corrected it and the cell
// confirms (QĐ 24-QĐ/TW guidance; domain.md "Badges"): 6 after a reprimand,
// 9 after a warning, 12 after removal from post. never is true after an
// expulsion. A form not on the list counts as the longest, 12 months.
func BadgePostponement(form string) (months int, never bool) {
	f, _ := ParseDisciplineForm(form)
	switch f {
	case DisciplineReprimand:
		return 6, false
	case DisciplineWarning:
		return 9, false
	case DisciplineExpulsion:
		return 0, true
	}
	return 12, false
}
