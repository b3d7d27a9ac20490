package domain

import (
	"slices"
)

// Discipline is a disciplinary measure against a member or, as a
// collective, an organisation: exactly one of MemberID and OrgID is set.
type Discipline struct {
	ID         int64
	MemberID   int64
	OrgID      int64
	On         Date
	Form       string // Khiển trách, Cảnh cáo, Cách chức, Khai trừ; Giải tán for organisations
	Reason     string
	DecisionNo string
	// SelfCorrected: the violation was one the collective found and
	// corrected itself (QĐ 124-QĐ/TW, Điều 12): the collective may then still
	// be rated "tốt" or "hoàn thành".
	SelfCorrected bool
}

// Normalize cleans the text fields and writes the form as the Statute's
// list does when it is one of them ("KHIEN TRACH" → "Khiển trách").
func (d *Discipline) Normalize() {
	if f, err := ParseDisciplineForm(d.Form); err == nil {
		d.Form = f.Label()
	} else {
		d.Form = CleanText(d.Form)
	}
	d.Reason, d.DecisionNo = CleanText(d.Reason), CleanText(d.DecisionNo)
}

// Validate checks the discipline's own fields: a date not in the future
// and one of the Statute's forms for a member or for an organisation.
func (d *Discipline) Validate(today Date) error {
	var es Errors
	if d.On.IsZero() {
		es.add("Ngày", "không được để trống")
	} else if d.On.After(today) {
		es.add("Ngày", "%s ở tương lai", d.On)
	}
	forms, who := MemberDisciplineForms, "đảng viên"
	if d.OrgID != 0 {
		forms, who = OrgDisciplineForms, "tổ chức đảng"
	}
	if f, err := ParseDisciplineForm(d.Form); err != nil {
		es.add("Hình thức", "%v", err)
	} else if !slices.Contains(forms, f) {
		es.add("Hình thức", "%s không phải là hình thức kỷ luật %s", f.Label(), who)
	}
	return es.Err()
}

// YesNo writes a yes-or-no field as the sheets do: "Có", or nothing.
func YesNo(b bool) string {
	if b {
		return "Có"
	}
	return ""
}

// ParseYesNo reads a yes-or-no cell: "Có", "x", "1", "Đúng" are yes;
// nothing, "Không", "0" are no.
func ParseYesNo(s string) (bool, error) {
	switch FoldKey(s) {
	case "", "khong", "0", "no", "false", "sai":
		return false, nil
	case "co", "x", "1", "yes", "true", "dung":
		return true, nil
	}
	return false, Errorf(EINVALID, "", "%q: ghi \"Có\" hoặc để trống", CleanText(s))
}

// AbsenceKind is why a member was away from the cell's activities in a year.
type AbsenceKind string

// Kinds of absence the rules read.
const (
	AbsenceSickLeave    AbsenceKind = "sick_leave"    // Nghỉ ốm (months)
	AbsenceExempted     AbsenceKind = "exempted"      // Miễn sinh hoạt
	AbsenceSuspended    AbsenceKind = "suspended"     // Đình chỉ sinh hoạt
	AbsenceSeriouslyIll AbsenceKind = "seriously_ill" // Bệnh hiểm nghèo: badges may come early
	// AbsenceMaternity is maternity leave: it neither caps nor exempts (a
	// member on maternity leave is rated on the time worked).
	AbsenceMaternity AbsenceKind = "maternity"
)

// AbsenceKinds lists the kinds in the order users see them.
var AbsenceKinds = []AbsenceKind{AbsenceSickLeave, AbsenceExempted, AbsenceSuspended, AbsenceSeriouslyIll, AbsenceMaternity}

var absenceLabels = map[AbsenceKind]string{
	AbsenceSickLeave: "Nghỉ ốm", AbsenceExempted: "Miễn sinh hoạt", AbsenceSuspended: "Đình chỉ sinh hoạt", AbsenceSeriouslyIll: "Bệnh hiểm nghèo",
	AbsenceMaternity: "Nghỉ thai sản",
}

// Label is the kind's Vietnamese name, as the sheet writes it.
func (k AbsenceKind) Label() string { return absenceLabels[k] }

// Valid reports whether k is a known kind.
func (k AbsenceKind) Valid() bool { _, ok := absenceLabels[k]; return ok }

var absenceAliases = map[string]AbsenceKind{
	"om": AbsenceSickLeave, "nghiom": AbsenceSickLeave, "nghibenh": AbsenceSickLeave,
	"miensinhhoatdang": AbsenceExempted, "mien": AbsenceExempted, "miencongtacvasinhhoatdang": AbsenceExempted,
	"dinhchisinhhoatdang": AbsenceSuspended, "dinhchi": AbsenceSuspended,
	"omnang": AbsenceSeriouslyIll, "benhnang": AbsenceSeriouslyIll, "omdaungang": AbsenceSeriouslyIll,
	"thaisan": AbsenceMaternity, "nghithaisan": AbsenceMaternity,
}

// ParseAbsenceKind reads the "Loại" column of the absences sheet, ignoring
// case and diacritics.
func ParseAbsenceKind(s string) (AbsenceKind, error) {
	k := FoldKey(s)
	for kind, label := range absenceLabels {
		if k == FoldKey(label) || k == FoldKey(string(kind)) {
			return kind, nil
		}
	}
	if kind, ok := absenceAliases[k]; ok {
		return kind, nil
	}
	return "", Errorf(EINVALID, "", "%q không phải là loại vắng mặt (Nghỉ ốm, Miễn sinh hoạt, Đình chỉ sinh hoạt, Bệnh hiểm nghèo, Nghỉ thai sản)", CleanText(s))
}

// Absence is a member's absence in a rated year.
type Absence struct {
	ID       int64
	MemberID int64
	Year     int
	Kind     AbsenceKind
	Months   float64 // of sick leave
	Note     string
}

// Normalize cleans the text fields.
func (a *Absence) Normalize() { a.Note = CleanText(a.Note) }

// Validate checks the absence's own fields.
func (a *Absence) Validate(thisYear int) error {
	var es Errors
	if !a.Kind.Valid() {
		es.add("Loại", "loại vắng mặt không hợp lệ")
	}
	if a.Months < 0 || a.Months > 12 || a.Months != a.Months {
		es.add("Số tháng", "%g tháng nằm ngoài 0–12", a.Months)
	}
	if a.Year < MinYear || a.Year > thisYear+1 {
		es.add("Năm", "%d không hợp lệ (từ %d đến %d)", a.Year, MinYear, thisYear+1)
	}
	return es.Err()
}

// PartyAgeGap is a time a member was outside the party, which party age
// leaves out.
type PartyAgeGap struct {
	ID       int64
	MemberID int64
	From, To Date
	Reason   string
}

// Normalize cleans the text fields.
func (g *PartyAgeGap) Normalize() { g.Reason = CleanText(g.Reason) }

// Validate checks the gap's dates against today: a gap has a length (its
// "Đến ngày" is the day the member is back) and is over by today.
func (g *PartyAgeGap) Validate(today Date) error {
	var es Errors
	switch {
	case g.From.IsZero():
		es.add("Từ ngày", "không được để trống")
	case g.To.IsZero():
		es.add("Đến ngày", "không được để trống")
	case g.To.Before(g.From):
		es.add("Đến ngày", "%s trước ngày bắt đầu %s", g.To, g.From)
	case !g.To.After(g.From):
		es.add("Đến ngày", "%s là ngày bắt đầu: khoảng gián đoạn không có ngày nào (đến ngày là ngày trở lại sinh hoạt)", g.To)
	case g.To.After(today):
		es.add("Đến ngày", "%s ở tương lai: chỉ ghi khoảng gián đoạn đã qua", g.To)
	}
	return es.Err()
}

// Leader is a member's seat on an organisation's committee (cấp ủy), read by
// the discipline rule for collectives.
type Leader struct {
	ID       int64
	MemberID int64
	OrgID    int64
	Role     string // Bí thư, Phó Bí thư, Cấp ủy viên …
	From, To Date   // zero: open-ended
}

// Normalize cleans the text fields.
func (l *Leader) Normalize() { l.Role = CleanText(l.Role) }

// Validate checks the seat's dates.
func (l *Leader) Validate() error {
	var es Errors
	if !l.From.IsZero() && !l.To.IsZero() && l.To.Before(l.From) {
		es.add("Đến ngày", "%s trước ngày bắt đầu %s", l.To, l.From)
	}
	return es.Err()
}

var eventLabels = map[OrgEventKind]string{
	EventRename: "Đổi tên", EventMove: "Chuyển trực thuộc", EventMerge: "Hợp nhất", EventDissolve: "Giải thể",
}

// Label is the event's Vietnamese name, as the sheet writes it.
func (k OrgEventKind) Label() string { return eventLabels[k] }

var eventAliases = map[string]OrgEventKind{
	"doiten": EventRename, "chuyen": EventMove, "chuyentructhuoc": EventMove, "chuyencaptren": EventMove,
	"hopnhat": EventMerge, "sapnhap": EventMerge, "satnhap": EventMerge, "giaithe": EventDissolve,
}

// ParseOrgEventKind reads the "Sự kiện" column: Đổi tên, Chuyển trực thuộc,
// Hợp nhất or Giải thể, ignoring case and diacritics.
func ParseOrgEventKind(s string) (OrgEventKind, error) {
	k := FoldKey(s)
	if e, ok := eventAliases[k]; ok {
		return e, nil
	}
	if e := OrgEventKind(s); eventLabels[e] != "" {
		return e, nil
	}
	return "", Errorf(EINVALID, "", "%q không phải là sự kiện (Đổi tên, Chuyển trực thuộc, Hợp nhất, Giải thể)", CleanText(s))
}
