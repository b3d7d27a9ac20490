// Package interchange reads and writes the spreadsheets users bring and take
// away (../shared/interchange.md): one .xlsx workbook, or the same sheets as
// CSV files. Reading gives a domain.Batch for the store to import; nothing
// here touches the database.
package interchange

import "xeploai/domain"

// Sheet is one kind of sheet in the interchange format.
type Sheet int

// The five sheets, in the order they are written and imported.
const (
	SheetOrgs Sheet = iota
	SheetMembers
	SheetMemberRatings
	SheetOrgRatings
	SheetAwards
)

// Sheets lists the sheets in workbook order.
var Sheets = []Sheet{SheetOrgs, SheetMembers, SheetMemberRatings, SheetOrgRatings, SheetAwards}

// Name is the sheet's Vietnamese name, as written in a workbook.
func (s Sheet) Name() string {
	return [...]string{"Tổ chức", "Đảng viên", "Xếp loại đảng viên", "Xếp loại tổ chức", "Khen thưởng"}[s]
}

// SheetByName finds the sheet a workbook sheet or CSV file name stands for,
// ignoring case, diacritics, spaces and punctuation.
func SheetByName(name string) (Sheet, bool) {
	k := domain.FoldKey(name)
	for _, s := range Sheets {
		if domain.FoldKey(s.Name()) == k {
			return s, true
		}
	}
	return 0, false
}

// Canonical column names (interchange.md), also the field names that
// domain validation errors carry.
const (
	ColSTT          = "STT"
	ColOrgCode      = "Mã tổ chức"
	ColOrgName      = "Tên tổ chức"
	ColKind         = "Loại"
	ColParent       = "Trực thuộc"
	ColFullName     = "Họ và tên"
	ColBirthName    = "Tên khai sinh"
	ColBirthDate    = "Ngày sinh"
	ColSex          = "Giới tính"
	ColBirthPlace   = "Nơi sinh"
	ColEthnicity    = "Dân tộc"
	ColReligion     = "Tôn giáo"
	ColHomeTown     = "Quê quán"
	ColHomeTownNew  = "Quê quán mới"
	ColEducation    = "Trình độ học vấn"
	ColTheory       = "Lý luận chính trị"
	ColOccupation   = "Nghề nghiệp"
	ColAdmitted     = "Ngày vào Đảng"
	ColOfficial     = "Ngày chính thức"
	ColCardNo       = "Số thẻ đảng viên"
	ColHistoryNo    = "Số lý lịch"
	ColBadgeNo      = "Số huy hiệu"
	ColCell         = "Chi bộ"
	ColStatus       = "Trạng thái"
	ColNote         = "Ghi chú"
	ColYear         = "Năm"
	ColLevel        = "Xếp loại"
	ColScore        = "Điểm"
	ColReason       = "Lý do không xếp loại"
	ColCivilService = "Xếp loại công chức"             // a member's rating as a civil servant (HD 21)
	ColMassOrgs     = "Xếp loại chính quyền, đoàn thể" // the lowest of the government's, the Front's and the unions' (HD 21)
	ColForm         = "Hình thức"
	ColContent      = "Nội dung"
	ColDecisionNo   = "Số quyết định"
	ColDecisionDate = "Ngày quyết định"
	ColIssuer       = "Cấp khen thưởng"
)

// aliases are other headers seen in users' sheets for a canonical column.
var aliases = map[string][]string{
	ColOrgCode:      {"Mã", "Mã TC", "Mã đơn vị"},
	ColOrgName:      {"Tên", "Tên đơn vị", "Tổ chức đảng", "Tên tổ chức đảng"},
	ColKind:         {"Loại tổ chức", "Loại hình"},
	ColParent:       {"Cấp trên", "Đảng bộ", "Thuộc"},
	ColFullName:     {"Họ tên", "Họ và tên đảng viên", "Tên đảng viên"},
	ColBirthName:    {"Họ tên khai sinh", "Bí danh", "Tên gọi khác"},
	ColBirthDate:    {"Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Sinh ngày"},
	ColSex:          {"Nam/Nữ", "Nam nữ", "Phái"},
	ColAdmitted:     {"Ngày kết nạp", "Ngày vào đảng", "Ngày kết nạp Đảng"},
	ColOfficial:     {"Ngày công nhận chính thức", "Ngày chuyển chính thức"},
	ColCardNo:       {"Số thẻ", "Số thẻ ĐV", "Số thẻ Đảng", "Số thẻ đảng"},
	ColHistoryNo:    {"Số LL", "Số lý lịch đảng viên"},
	ColCell:         {"Chi bộ sinh hoạt", "Tên chi bộ"},
	ColStatus:       {"Tình trạng"},
	ColLevel:        {"Mức xếp loại", "Kết quả xếp loại", "Xếp loại chất lượng", "Kết quả"},
	ColReason:       {"Lý do không đánh giá", "Lý do"},
	ColCivilService: {"Xếp loại CBCCVC", "Xếp loại cán bộ, công chức, viên chức", "Xếp loại công chức, viên chức", "Kết quả xếp loại công chức"},
	ColMassOrgs:     {"Chính quyền, đoàn thể", "Kết quả chính quyền, đoàn thể", "Xếp loại chính quyền, MTTQ, đoàn thể", "Chính quyền, MTTQ, đoàn thể"},
	ColContent:      {"Nội dung khen thưởng", "Thành tích"},
	ColDecisionNo:   {"Số QĐ", "Quyết định số"},
	ColDecisionDate: {"Ngày QĐ", "Ngày ký"},
	ColIssuer:       {"Cơ quan khen thưởng", "Cấp khen"},
	ColForm:         {"Hình thức khen thưởng", "Danh hiệu"},
	ColSTT:          {"TT", "Số TT", "Số thứ tự"},
}

var headerKeys = func() map[string]string {
	m := map[string]string{}
	for _, cols := range sheetColumns {
		for _, c := range cols {
			m[domain.FoldKey(c)] = c
		}
	}
	m[domain.FoldKey(ColSTT)] = ColSTT
	for canon, as := range aliases {
		for _, a := range as {
			if _, taken := m[domain.FoldKey(a)]; !taken {
				m[domain.FoldKey(a)] = canon
			}
		}
	}
	return m
}()

// sheetColumns lists each sheet's columns in the order they are written.
var sheetColumns = map[Sheet][]string{
	SheetOrgs: {ColOrgCode, ColOrgName, ColKind, ColParent, ColNote},
	SheetMembers: {ColFullName, ColBirthName, ColBirthDate, ColSex, ColBirthPlace, ColEthnicity, ColReligion,
		ColHomeTown, ColHomeTownNew, ColEducation, ColTheory, ColOccupation, ColAdmitted, ColOfficial,
		ColCardNo, ColHistoryNo, ColBadgeNo, ColCell, ColParent, ColStatus, ColNote},
	SheetMemberRatings: {ColYear, ColCardNo, ColHistoryNo, ColFullName, ColBirthDate, ColCell, ColParent,
		ColLevel, ColScore, ColReason, ColCivilService, ColNote},
	SheetOrgRatings: {ColYear, ColOrgCode, ColOrgName, ColParent, ColLevel, ColScore, ColReason, ColMassOrgs, ColNote},
	SheetAwards: {ColYear, ColForm, ColContent, ColDecisionNo, ColDecisionDate, ColIssuer,
		ColCardNo, ColHistoryNo, ColFullName, ColBirthDate, ColCell, ColOrgCode, ColOrgName, ColParent, ColNote},
}

// Columns returns the sheet's columns in the order they are written.
func (s Sheet) Columns() []string { return sheetColumns[s] }

// isHeader reports whether the canonical columns found make a header row of
// sheet s: all of its required columns are there.
func (s Sheet) isHeader(has func(string) bool) bool {
	switch s {
	case SheetOrgs:
		return has(ColOrgName) && has(ColKind)
	case SheetMembers:
		return has(ColFullName) && has(ColBirthDate) && has(ColAdmitted) && has(ColCell)
	case SheetMemberRatings:
		return has(ColYear) && (has(ColLevel) || has(ColReason)) && (has(ColCardNo) || has(ColHistoryNo) || has(ColFullName))
	case SheetOrgRatings:
		return has(ColYear) && has(ColLevel) && (has(ColOrgCode) || has(ColOrgName))
	case SheetAwards:
		return has(ColYear) && has(ColForm) && has(ColContent) &&
			(has(ColCardNo) || has(ColHistoryNo) || has(ColFullName) || has(ColOrgCode) || has(ColOrgName))
	}
	return false
}

// required describes the sheet's required columns for a message.
func (s Sheet) required() string {
	return [...]string{
		"Tên tổ chức, Loại",
		"Họ và tên, Ngày sinh, Ngày vào Đảng, Chi bộ",
		"Năm, Xếp loại và Số thẻ đảng viên hoặc Số lý lịch hoặc Họ và tên",
		"Năm, Xếp loại và Mã tổ chức hoặc Tên tổ chức",
		"Năm, Hình thức, Nội dung và cột xác định người hoặc tổ chức được khen",
	}[s]
}
