package domain

import (
	"unicode"
)

// Sex is a member's sex as recorded on the roll.
type Sex string

// The recorded sexes; "" when not given.
const (
	SexMale   Sex = "M"
	SexFemale Sex = "F"
)

// Label is the Vietnamese word: Nam or Nữ.
func (s Sex) Label() string {
	switch s {
	case SexMale:
		return "Nam"
	case SexFemale:
		return "Nữ"
	}
	return ""
}

// ParseSex reads Nam / Nữ (or M / F), ignoring case and diacritics.
func ParseSex(s string) (Sex, error) {
	switch FoldKey(s) {
	case "":
		return "", nil
	case "nam", "m", "male":
		return SexMale, nil
	case "nu", "f", "female":
		return SexFemale, nil
	}
	return "", Errorf(EINVALID, "", "%q không phải là giới tính (Nam hoặc Nữ)", CleanText(s))
}

// MemberStatus is where a member stands with the party organisation.
type MemberStatus string

// Member statuses.
const (
	StatusActive      MemberStatus = "active"      // Đang sinh hoạt
	StatusTransferred MemberStatus = "transferred" // Chuyển đi
	StatusDied        MemberStatus = "died"        // Từ trần
	StatusLeft        MemberStatus = "left"        // Ra khỏi Đảng
	StatusExempted    MemberStatus = "exempted"    // Miễn sinh hoạt
)

// MemberStatuses lists the statuses in the order users see them.
var MemberStatuses = []MemberStatus{StatusActive, StatusTransferred, StatusDied, StatusLeft, StatusExempted}

var statusLabels = map[MemberStatus]string{
	StatusActive:      "Đang sinh hoạt",
	StatusTransferred: "Chuyển đi",
	StatusDied:        "Từ trần",
	StatusLeft:        "Ra khỏi Đảng",
	StatusExempted:    "Miễn sinh hoạt",
}

// Label is the Vietnamese name of the status.
func (s MemberStatus) Label() string { return statusLabels[s] }

// Valid reports whether s is a known status.
func (s MemberStatus) Valid() bool { _, ok := statusLabels[s]; return ok }

// OnRoll reports whether a member with this status still belongs to a cell of
// the organisation (active or exempted from activities).
func (s MemberStatus) OnRoll() bool { return s == StatusActive || s == StatusExempted }

var statusAliases = map[string]MemberStatus{
	"chuyensinhhoat": StatusTransferred, "dachuyendi": StatusTransferred,
	"datutran": StatusDied, "damat": StatusDied,
	"miensinhhoatdang": StatusExempted, "mien": StatusExempted,
}

// ParseMemberStatus reads the "Trạng thái" column; empty means active.
func ParseMemberStatus(s string) (MemberStatus, error) {
	k := FoldKey(s)
	if k == "" {
		return StatusActive, nil
	}
	for st, label := range statusLabels {
		if k == FoldKey(label) || k == string(st) {
			return st, nil
		}
	}
	if st, ok := statusAliases[k]; ok {
		return st, nil
	}
	return "", Errorf(EINVALID, "", "%q không phải là trạng thái (Đang sinh hoạt, Chuyển đi, Từ trần, Ra khỏi Đảng, Miễn sinh hoạt)", CleanText(s))
}

// Member is a party member's record (Mẫu 7-HSĐV and the personal history).
type Member struct {
	ID          int64
	FullName    string
	BirthName   string // birth name or aliases
	Sex         Sex
	BirthDate   Date
	BirthPlace  string
	HomeTown    string // quê quán as recorded
	HomeTownNew string // quê quán after administrative mergers
	Ethnicity   string
	Religion    string
	Education   string
	TheoryLevel string // political-theory level
	Occupation  string
	AdmittedOn  Date // ngày vào Đảng (admission decision)
	OfficialOn  Date // ngày chính thức; zero while probationary
	CardNo      string
	HistoryNo   string
	BadgeNo     string
	CellID      int64 // the cell the member belongs to now
	Status      MemberStatus
	StatusOn    Date   // when the status took effect (transfer out, death, leaving, exemption)
	LeftForm    string // how the member left the party
	Note        string
	Version     int64 // counted up by each change to the stored record (0: not read from one)
}

// Probationary reports whether the member is not yet official.
func (m *Member) Probationary() bool { return m.OfficialOn.IsZero() }

// Normalize cleans the text fields (NFC, trimmed, inner spaces folded).
func (m *Member) Normalize() {
	for _, p := range []*string{&m.FullName, &m.BirthName, &m.BirthPlace, &m.HomeTown,
		&m.HomeTownNew, &m.Ethnicity, &m.Religion, &m.Education, &m.TheoryLevel,
		&m.Occupation, &m.CardNo, &m.HistoryNo, &m.BadgeNo, &m.LeftForm, &m.Note} {
		*p = CleanText(*p)
	}
	if m.Status == "" {
		m.Status = StatusActive
	}
}

// Validate checks the member's fields against each other. cell is the
// organisation the member belongs to (nil when unknown); today bounds dates.
func (m *Member) Validate(cell *Org, today Date) error {
	var es Errors
	if m.FullName == "" {
		es.add("Họ và tên", "không được để trống")
	} else if len([]rune(m.FullName)) > 100 {
		es.add("Họ và tên", "dài quá 100 ký tự")
	} else if !hasLetter(m.FullName) {
		es.add("Họ và tên", "%q không phải là họ tên", m.FullName)
	}
	switch {
	case m.BirthDate.IsZero():
		es.add("Ngày sinh", "không được để trống")
	case m.BirthDate.Year < 1880:
		es.add("Ngày sinh", "%s quá xa, hãy kiểm tra lại", m.BirthDate)
	case m.BirthDate.After(today):
		es.add("Ngày sinh", "%s ở tương lai", m.BirthDate)
	}
	switch {
	case m.AdmittedOn.IsZero():
		es.add("Ngày vào Đảng", "không được để trống")
	case m.AdmittedOn.After(today):
		es.add("Ngày vào Đảng", "%s ở tương lai", m.AdmittedOn)
	case !m.BirthDate.IsZero() && m.AdmittedOn.Before(m.BirthDate.AddDate(15, 0, 0)):
		es.add("Ngày vào Đảng", "%s khi chưa đủ 15 tuổi (sinh %s)", m.AdmittedOn, m.BirthDate)
	}
	if !m.OfficialOn.IsZero() {
		switch {
		case !m.AdmittedOn.IsZero() && m.OfficialOn.Before(m.AdmittedOn):
			es.add("Ngày chính thức", "%s trước ngày vào Đảng %s", m.OfficialOn, m.AdmittedOn)
		case m.OfficialOn.After(today):
			es.add("Ngày chính thức", "%s ở tương lai", m.OfficialOn)
		}
	}
	if m.CardNo != "" && !IsDigits(m.CardNo) {
		es.add("Số thẻ đảng viên", "%q chỉ được gồm chữ số", m.CardNo)
	} else if len(m.CardNo) > 20 {
		es.add("Số thẻ đảng viên", "dài quá 20 chữ số")
	}
	if m.HistoryNo != "" && !validHistoryNo(m.HistoryNo) {
		es.add("Số lý lịch", "%q chỉ được gồm chữ số, chữ cái và dấu - /", m.HistoryNo)
	}
	if !m.Status.Valid() {
		es.add("Trạng thái", "trạng thái không hợp lệ")
	}
	if !m.StatusOn.IsZero() && !m.AdmittedOn.IsZero() && m.StatusOn.Before(m.AdmittedOn) {
		es.add("Ngày thay đổi trạng thái", "%s trước ngày vào Đảng %s", m.StatusOn, m.AdmittedOn)
	}
	if m.LeftForm != "" && m.Status != StatusLeft {
		es.add("Hình thức ra khỏi Đảng", "chỉ ghi khi trạng thái là %s (đang là %s)", StatusLeft.Label(), m.Status.Label())
	}
	if m.Sex != "" && m.Sex != SexMale && m.Sex != SexFemale {
		es.add("Giới tính", "giới tính không hợp lệ")
	}
	if cell == nil {
		es.add("Chi bộ", "chưa chọn chi bộ")
	} else if !cell.Kind.HoldsMembers() {
		es.add("Chi bộ", "%s là %s, không trực tiếp quản lý đảng viên; hãy chọn một chi bộ", cell.Name, cell.Kind.Label())
	}
	return es.Err()
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func validHistoryNo(s string) bool {
	if len(s) > 30 {
		return false
	}
	for _, r := range s {
		if !(r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r))) && r != '-' && r != '/' && r != '.' && r != ' ' {
			return false
		}
	}
	return true
}

// Membership is one period in which a member belonged to a cell.
type Membership struct {
	ID       int64
	MemberID int64
	OrgID    int64
	From     Date
	To       Date // zero while current
}
