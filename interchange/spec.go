// Package interchange reads and writes the spreadsheets users bring and take
// away (../shared/interchange.md): one .xlsx workbook, or the same sheets as
// CSV files. Reading gives a domain.Batch for the store to import; nothing
// here touches the database.
package interchange

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"xeploai/domain"
)

// Sheet is one kind of sheet in the interchange format.
type Sheet = domain.Sheet

// The sheets, in the order they are written.
const (
	SheetOrgs          = domain.SheetOrgs
	SheetMembers       = domain.SheetMembers
	SheetMemberRatings = domain.SheetMemberRatings
	SheetOrgRatings    = domain.SheetOrgRatings
	SheetAwards        = domain.SheetAwards
	SheetEvents        = domain.SheetEvents
	SheetMemberships   = domain.SheetMemberships
	SheetDisciplines   = domain.SheetDisciplines
	SheetAbsences      = domain.SheetAbsences
	SheetGaps          = domain.SheetGaps
	SheetLeaders       = domain.SheetLeaders
)

// Sheets lists the sheets in workbook order.
var Sheets = domain.Sheets

// InfoSheet holds the format version, the program's version, the export
// date and the scope; an import reads only the scope.
const InfoSheet = domain.InfoSheet

// FormatVersion is the version of the format this program writes.
const FormatVersion = 2

var continuation = regexp.MustCompile(`^(.*?)\s*\((\d{1,4})\)\s*$`)

// SheetByName finds the sheet a workbook sheet or CSV file name stands for,
// ignoring case, diacritics, spaces and punctuation. A sheet continued past
// Excel's row limit is named "Xếp loại đảng viên (2)", "(3)" …: part says
// which (1 for the sheet itself).
func SheetByName(name string) (s Sheet, part int, ok bool) {
	part = 1
	if m := continuation.FindStringSubmatch(name); m != nil {
		if n, err := strconv.Atoi(m[2]); err == nil && n >= 2 {
			name, part = m[1], n
		}
	}
	k := domain.FoldKey(name)
	for _, s := range Sheets {
		if domain.FoldKey(s.Name()) == k {
			return s, part, true
		}
	}
	return 0, 0, false
}

// scopeLine is the line of the "Thông tin" sheet that states an export's
// scope: "Phạm vi: Đảng bộ phường Hòa Hải (mã TC0NPB2FP6) và các tổ chức
// trực thuộc" (the whole database's names no code).
var scopeLine = regexp.MustCompile(`(?i)^phạm vi\s*:.*\(mã\s+([^()\s]+)\s*\)`)

// readInfo reads the scope from a row of the "Thông tin" sheet.
func (rd *reading) readInfo(_ int, cells []cell) error {
	rd.batch.Exported = true
	for _, c := range cells {
		m := scopeLine.FindStringSubmatch(domain.CleanText(c.Value))
		if m != nil && !slices.Contains(rd.batch.Scopes, m[1]) {
			rd.batch.Scopes = append(rd.batch.Scopes, m[1])
		}
	}
	return nil
}

// isInfoSheet reports whether a sheet is the "Thông tin" sheet.
func isInfoSheet(name string) bool { return domain.FoldKey(name) == domain.FoldKey(InfoSheet) }

// PartName is the name of a sheet's part: the sheet's own name, then
// "Name (2)", "Name (3)" ….
func PartName(s Sheet, part int) string {
	if part <= 1 {
		return s.Name()
	}
	return s.Name() + " (" + strconv.Itoa(part) + ")"
}

// Canonical column names, also the field names that domain validation
// errors carry.
const (
	ColSTT           = domain.ColSTT
	ColOrgCode       = domain.ColOrgCode
	ColOrgName       = domain.ColOrgName
	ColKind          = domain.ColKind
	ColParent        = domain.ColParent
	ColFounded       = domain.ColFounded
	ColDissolved     = domain.ColDissolved
	ColMergedInto    = domain.ColMergedInto
	ColFullName      = domain.ColFullName
	ColBirthName     = domain.ColBirthName
	ColBirthDate     = domain.ColBirthDate
	ColSex           = domain.ColSex
	ColBirthPlace    = domain.ColBirthPlace
	ColEthnicity     = domain.ColEthnicity
	ColReligion      = domain.ColReligion
	ColHomeTown      = domain.ColHomeTown
	ColHomeTownNew   = domain.ColHomeTownNew
	ColEducation     = domain.ColEducation
	ColTheory        = domain.ColTheory
	ColOccupation    = domain.ColOccupation
	ColAdmitted      = domain.ColAdmitted
	ColOfficial      = domain.ColOfficial
	ColCardNo        = domain.ColCardNo
	ColHistoryNo     = domain.ColHistoryNo
	ColBadgeNo       = domain.ColBadgeNo
	ColCell          = domain.ColCell
	ColStatus        = domain.ColStatus
	ColStatusOn      = domain.ColStatusOn
	ColLeftForm      = domain.ColLeftForm
	ColNote          = domain.ColNote
	ColYear          = domain.ColYear
	ColLevel         = domain.ColLevel
	ColScore         = domain.ColScore
	ColReason        = domain.ColReason
	ColCivilService  = domain.ColCivilService
	ColMassOrgs      = domain.ColMassOrgs
	ColSelfCorrected = domain.ColSelfCorrected
	ColForm          = domain.ColForm
	ColContent       = domain.ColContent
	ColYearFrom      = domain.ColYearFrom
	ColYearTo        = domain.ColYearTo
	ColDecisionNo    = domain.ColDecisionNo
	ColDecisionDate  = domain.ColDecisionDate
	ColIssuer        = domain.ColIssuer
	ColDate          = domain.ColDate
	ColEvent         = domain.ColEvent
	ColOldName       = domain.ColOldName
	ColNewName       = domain.ColNewName
	ColOldParent     = domain.ColOldParent
	ColNewParent     = domain.ColNewParent
	ColOtherOrg      = domain.ColOtherOrg
	ColFrom          = domain.ColFrom
	ColTo            = domain.ColTo
	ColWhy           = domain.ColWhy
	ColMonths        = domain.ColMonths
	ColRole          = domain.ColRole
)

// aliases are other headers seen in users' sheets for a canonical column;
// an alias counts only in a sheet that has the column.
var aliases = map[string][]string{
	ColOrgCode:       {"Mã", "Mã TC", "Mã đơn vị"},
	ColOrgName:       {"Tên", "Tên đơn vị", "Tổ chức đảng", "Tên tổ chức đảng"},
	ColKind:          {"Loại tổ chức", "Loại hình", "Loại vắng mặt"},
	ColParent:        {"Cấp trên", "Đảng bộ", "Thuộc"},
	ColDissolved:     {"Ngày giải thể, hợp nhất"},
	ColMergedInto:    {"Hợp nhất với", "Sáp nhập vào"},
	ColFullName:      {"Họ tên", "Họ và tên đảng viên", "Tên đảng viên"},
	ColBirthName:     {"Họ tên khai sinh", "Bí danh", "Tên gọi khác"},
	ColBirthDate:     {"Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Sinh ngày"},
	ColSex:           {"Nam/Nữ", "Nam nữ", "Phái"},
	ColAdmitted:      {"Ngày kết nạp", "Ngày vào đảng", "Ngày kết nạp Đảng", "Ngày vào Đảng dự bị", "Ngày vào Đảng kết nạp", "Ngày tháng năm vào Đảng", "Ngày KN", "Ngày kết nạp vào Đảng"},
	ColOfficial:      {"Ngày công nhận chính thức", "Ngày chuyển chính thức", "Ngày vào Đảng chính thức", "Ngày tháng năm chính thức"},
	ColCardNo:        {"Số thẻ", "Số thẻ ĐV", "Số thẻ Đảng", "Số thẻ đảng", "Mã thẻ", "Mã thẻ đảng viên"},
	ColHistoryNo:     {"Số LL", "Số lý lịch đảng viên"},
	ColCell:          {"Chi bộ sinh hoạt", "Tên chi bộ"},
	ColStatus:        {"Tình trạng"},
	ColStatusOn:      {"Ngày chuyển trạng thái", "Ngày thay đổi"},
	ColLeftForm:      {"Hình thức ra khỏi đảng", "Hình thức ra Đảng"},
	ColLevel:         {"Mức xếp loại", "Kết quả xếp loại", "Xếp loại chất lượng", "Kết quả"},
	ColReason:        {"Lý do không đánh giá", "Lý do"},
	ColCivilService:  {"Xếp loại CBCCVC", "Xếp loại cán bộ, công chức, viên chức", "Xếp loại công chức, viên chức", "Kết quả xếp loại công chức"},
	ColMassOrgs:      {"Chính quyền, đoàn thể", "Kết quả chính quyền, đoàn thể", "Xếp loại chính quyền, MTTQ, đoàn thể", "Chính quyền, MTTQ, đoàn thể"},
	ColSelfCorrected: {"Tự khắc phục", "Tự phát hiện và khắc phục", "Tập thể tự phát hiện, khắc phục"},
	ColContent:       {"Nội dung khen thưởng", "Thành tích"},
	ColDecisionNo:    {"Số QĐ", "Quyết định số"},
	ColDecisionDate:  {"Ngày QĐ", "Ngày ký"},
	ColIssuer:        {"Cơ quan khen thưởng", "Cấp khen"},
	ColForm:          {"Hình thức khen thưởng", "Danh hiệu", "Hình thức kỷ luật"},
	ColDate:          {"Ngày hiệu lực", "Ngày quyết định"},
	ColEvent:         {"Loại sự kiện", "Thay đổi"},
	ColOtherOrg:      {"Hợp nhất vào"},
	ColFrom:          {"Từ", "Ngày bắt đầu"},
	ColTo:            {"Đến", "Ngày kết thúc"},
	ColWhy:           {"Lý do kỷ luật", "Nội dung vi phạm"},
	ColMonths:        {"Số tháng nghỉ", "Thời gian nghỉ (tháng)"},
	ColRole:          {"Chức danh"},
	ColSTT:           {"TT", "Số TT", "Số thứ tự"},
}

// memberCols identify a member in the sheets other than the members sheet.
var memberCols = []string{ColCardNo, ColHistoryNo, ColFullName, ColBirthDate, ColCell}

func with(cols ...[]string) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c...)
	}
	return out
}

// sheetColumns lists each sheet's columns in the order they are written.
var sheetColumns = map[Sheet][]string{
	SheetOrgs: {ColOrgCode, ColOrgName, ColKind, ColParent, ColFounded, ColDissolved, ColMergedInto, ColNote},
	SheetMembers: {ColFullName, ColBirthName, ColBirthDate, ColSex, ColBirthPlace, ColEthnicity, ColReligion,
		ColHomeTown, ColHomeTownNew, ColEducation, ColTheory, ColOccupation, ColAdmitted, ColOfficial,
		ColCardNo, ColHistoryNo, ColBadgeNo, ColCell, ColParent, ColStatus, ColStatusOn, ColLeftForm, ColNote},
	SheetMemberRatings: {ColYear, ColCardNo, ColHistoryNo, ColFullName, ColBirthDate, ColCell, ColParent,
		ColLevel, ColScore, ColReason, ColCivilService, ColNote},
	SheetOrgRatings: {ColYear, ColOrgCode, ColOrgName, ColParent, ColLevel, ColScore, ColReason, ColMassOrgs, ColNote},
	SheetAwards: {ColYear, ColForm, ColContent, ColYearFrom, ColYearTo, ColDecisionNo, ColDecisionDate, ColIssuer,
		ColCardNo, ColHistoryNo, ColFullName, ColBirthDate, ColCell, ColOrgCode, ColOrgName, ColParent, ColNote},
	SheetEvents:      {ColDate, ColEvent, ColOrgCode, ColOldName, ColNewName, ColOldParent, ColNewParent, ColOtherOrg, ColNote},
	SheetMemberships: with(memberCols[:4], []string{ColCell, ColFrom, ColTo}),
	SheetDisciplines: with(memberCols, []string{ColOrgCode, ColDate, ColForm, ColWhy, ColDecisionNo, ColSelfCorrected}),
	SheetAbsences:    with(memberCols, []string{ColYear, ColKind, ColMonths, ColNote}),
	SheetGaps:        with(memberCols, []string{ColFrom, ColTo, ColWhy}),
	SheetLeaders:     with(memberCols, []string{ColOrgCode, ColRole, ColFrom, ColTo}),
}

// Columns returns the sheet's columns in the order they are written.
func Columns(s Sheet) []string { return sheetColumns[s] }

// headerKeys maps, for each sheet, the folded names and aliases of its
// columns to the canonical names.
var headerKeys = func() map[Sheet]map[string]string {
	out := map[Sheet]map[string]string{}
	for s, cols := range sheetColumns {
		m := map[string]string{domain.FoldKey(ColSTT): ColSTT}
		for _, a := range aliases[ColSTT] {
			m[domain.FoldKey(a)] = ColSTT
		}
		for _, c := range cols {
			m[domain.FoldKey(c)] = c
		}
		for _, c := range cols {
			for _, a := range aliases[c] {
				if _, taken := m[domain.FoldKey(a)]; !taken {
					m[domain.FoldKey(a)] = c
				}
			}
		}
		out[s] = m
	}
	return out
}()

// identifiesMember reports whether the columns found can name a member.
func identifiesMember(has func(string) bool) bool {
	return has(ColCardNo) || has(ColHistoryNo) || has(ColFullName)
}

// isHeader reports whether the canonical columns found make a header row of
// sheet s: all of its required columns are there.
func isHeader(s Sheet, has func(string) bool) bool {
	switch s {
	case SheetOrgs:
		return has(ColOrgName) && has(ColKind)
	case SheetMembers:
		return has(ColFullName) && has(ColBirthDate) && has(ColAdmitted) && has(ColCell)
	case SheetMemberRatings:
		return has(ColYear) && (has(ColLevel) || has(ColReason)) && identifiesMember(has)
	case SheetOrgRatings:
		return has(ColYear) && has(ColLevel) && (has(ColOrgCode) || has(ColOrgName))
	case SheetAwards:
		return has(ColYear) && has(ColForm) && has(ColContent) && (identifiesMember(has) || has(ColOrgCode) || has(ColOrgName))
	case SheetEvents:
		return has(ColDate) && has(ColEvent) && has(ColOrgCode)
	case SheetMemberships:
		return has(ColCell) && identifiesMember(has)
	case SheetDisciplines:
		return has(ColDate) && has(ColForm) && (identifiesMember(has) || has(ColOrgCode))
	case SheetAbsences:
		return has(ColYear) && has(ColKind) && identifiesMember(has)
	case SheetGaps:
		return has(ColFrom) && has(ColTo) && identifiesMember(has)
	case SheetLeaders:
		return has(ColOrgCode) && identifiesMember(has)
	}
	return false
}

// required describes the sheet's required columns for a message.
func required(s Sheet) string {
	const member = "Số thẻ đảng viên hoặc Số lý lịch hoặc Họ và tên"
	return map[Sheet]string{
		SheetOrgs:          "Tên tổ chức, Loại",
		SheetMembers:       "Họ và tên, Ngày sinh, Ngày vào Đảng, Chi bộ",
		SheetMemberRatings: "Năm, Xếp loại và " + member,
		SheetOrgRatings:    "Năm, Xếp loại và Mã tổ chức hoặc Tên tổ chức",
		SheetAwards:        "Năm, Hình thức, Nội dung và cột xác định người hoặc tổ chức được khen",
		SheetEvents:        "Ngày, Sự kiện, Mã tổ chức",
		SheetMemberships:   "Chi bộ và " + member,
		SheetDisciplines:   "Ngày, Hình thức và " + member + " hoặc Mã tổ chức",
		SheetAbsences:      "Năm, Loại và " + member,
		SheetGaps:          "Từ ngày, Đến ngày và " + member,
		SheetLeaders:       "Mã tổ chức và " + member,
	}[s]
}

// sheetList names the sheets for a message.
func sheetList() string {
	names := make([]string, len(Sheets))
	for i, s := range Sheets {
		names[i] = s.Name()
	}
	return strings.Join(names, ", ")
}
