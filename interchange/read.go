package interchange

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
)

// Limits on what one import may hold, so a hostile file cannot exhaust memory.
const (
	MaxRows      = 200_000 // data rows in one sheet
	MaxCellRunes = 4_000   // characters in one cell
	MaxErrors    = 1_000   // errors listed before the rest are only counted
	headerScan   = 50      // rows searched for the header
)

// tableReader turns the rows of one sheet into records, row by row.
type tableReader struct {
	sheet   Sheet
	name    string // the sheet's name as the file has it
	serials bool   // numbers in date columns are Excel serial dates
	batch   *domain.Batch
	dropped int // errors beyond MaxErrors

	header  bool
	cols    map[string]int    // canonical column → index
	letters map[string]string // canonical column → letter
	rows    int
}

func newTableReader(sheet Sheet, name string, serials bool, b *domain.Batch) *tableReader {
	return &tableReader{sheet: sheet, name: name, serials: serials, batch: b}
}

// add reads one row; n is its 1-based number in the sheet.
func (t *tableReader) add(n int, cells []string) {
	if !t.header {
		if n <= headerScan {
			t.tryHeader(cells)
		}
		return
	}
	r := rowReader{t: t, n: n, cells: cells}
	if r.empty() {
		return
	}
	if t.rows++; t.rows > MaxRows {
		return // the caller stops reading
	}
	r.parse()
}

func (t *tableReader) tryHeader(cells []string) {
	cols := map[string]int{}
	for i, c := range cells {
		if canon, ok := headerKeys[domain.FoldKey(c)]; ok {
			if _, dup := cols[canon]; !dup {
				cols[canon] = i
			}
		}
	}
	if !t.sheet.isHeader(func(c string) bool { _, ok := cols[c]; return ok }) {
		return
	}
	t.header = true
	known := map[string]bool{ColSTT: true}
	for _, c := range t.sheet.Columns() {
		known[c] = true
	}
	t.cols = map[string]int{}
	t.letters = map[string]string{}
	var ignored []string
	for i, c := range cells {
		canon, ok := headerKeys[domain.FoldKey(c)]
		if !ok || !known[canon] || cols[canon] != i || canon == ColSTT {
			if name := domain.CleanText(c); name != "" && canon != ColSTT {
				ignored = append(ignored, fmt.Sprintf("%s (%s)", name, colLetter(i)))
			}
			continue
		}
		t.cols[canon] = i
		t.letters[canon] = colLetter(i)
	}
	if len(ignored) > 0 {
		t.batch.Warnings = append(t.batch.Warnings, fmt.Sprintf("%s: bỏ qua các cột không dùng: %s", t.name, strings.Join(ignored, ", ")))
	}
}

// finish reports a sheet in which no header row was found.
func (t *tableReader) finish() {
	if !t.header {
		t.errorf(0, "", "không tìm thấy dòng tiêu đề (cần các cột %s)", t.sheet.required())
	}
	if t.dropped > 0 {
		t.batch.Errors = append(t.batch.Errors, domain.ImportError{Loc: domain.Loc{Sheet: t.name}, Message: fmt.Sprintf("và %d lỗi khác", t.dropped)})
	}
}

func (t *tableReader) errorf(row int, col, format string, args ...any) {
	if len(t.batch.Errors) >= MaxErrors {
		t.dropped++
		return
	}
	t.batch.Errors = append(t.batch.Errors, domain.ImportError{
		Loc:     domain.Loc{Sheet: t.name, Row: row, Column: t.letters[col], Field: col},
		Message: fmt.Sprintf(format, args...),
	})
}

func colLetter(i int) string {
	s, _ := excelize.ColumnNumberToName(i + 1)
	return s
}

// rowReader reads the fields of one data row.
type rowReader struct {
	t     *tableReader
	n     int
	cells []string
	bad   bool
}

func (r *rowReader) raw(col string) string {
	i, ok := r.t.cols[col]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return r.cells[i]
}

func (r *rowReader) empty() bool {
	for col := range r.t.cols {
		if strings.TrimSpace(r.raw(col)) != "" {
			return false
		}
	}
	return true
}

func (r *rowReader) errorf(col, format string, args ...any) {
	r.bad = true
	r.t.errorf(r.n, col, format, args...)
}

// text returns the cleaned text of col (NFC, trimmed, spaces folded).
func (r *rowReader) text(col string) string {
	s := r.raw(col)
	if !utf8.ValidString(s) {
		r.errorf(col, "chứa ký tự không hợp lệ (không phải UTF-8)")
		return ""
	}
	if utf8.RuneCountInString(s) > MaxCellRunes {
		r.errorf(col, "ô dài %d ký tự, quá giới hạn %d", utf8.RuneCountInString(s), MaxCellRunes)
		return ""
	}
	return domain.CleanText(s)
}

// code reads a number-like identifier (card or personal-history number),
// undoing what Excel does to long numbers ("1.2345678E7").
func (r *rowReader) code(col string) string {
	s := r.text(col)
	if strings.ContainsAny(s, "eE.") && r.t.serials {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && f >= 0 && f < 1e18 {
			return strconv.FormatFloat(f, 'f', 0, 64)
		}
	}
	return strings.ReplaceAll(s, " ", "")
}

func (r *rowReader) required(col string) string {
	s := r.text(col)
	if s == "" && !r.bad {
		r.errorf(col, "không được để trống")
	}
	return s
}

func (r *rowReader) date(col string, required bool) domain.Date {
	s := r.text(col)
	if s == "" {
		if required {
			r.errorf(col, "không được để trống")
		}
		return domain.Date{}
	}
	if r.t.serials {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			if f >= 1000 && f < 3000 && f == math.Trunc(f) {
				r.errorf(col, "chỉ có năm %v; cần ngày đủ dạng dd/mm/yyyy", f)
				return domain.Date{}
			}
			d, err := domain.DateFromExcelSerial(f)
			if err != nil {
				r.errorf(col, "%v", err)
			}
			return d
		}
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		r.errorf(col, "%v", err)
	}
	return d
}

func (r *rowReader) year(col string) int {
	s := r.text(col)
	if s == "" {
		r.errorf(col, "không được để trống")
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || f < domain.MinYear || f > domain.MaxYear {
		r.errorf(col, "%q không phải là năm (ví dụ 2021)", s)
		return 0
	}
	return int(f)
}

func (r *rowReader) level(col string) domain.Level {
	l, err := domain.ParseLevel(r.text(col))
	if err != nil {
		r.errorf(col, "%v", err)
	}
	return l
}

func (r *rowReader) score(col string) *float64 {
	s := r.text(col)
	if s == "" {
		return nil
	}
	f, err := domain.ParseScore(s)
	if err != nil {
		r.errorf(col, "%q không phải là điểm từ 0 đến 100", s)
		return nil
	}
	return f
}

func (r *rowReader) src() domain.RowSource {
	return domain.RowSource{Sheet: r.t.name, Row: r.n, Cols: r.t.letters}
}

func (r *rowReader) parse() {
	b := r.t.batch
	switch r.t.sheet {
	case SheetOrgs:
		o := domain.OrgRow{Src: r.src(), Parent: r.text(ColParent)}
		o.Org.Code = r.code(ColOrgCode)
		o.Org.Name = r.required(ColOrgName)
		o.Org.Note = r.text(ColNote)
		if k, err := domain.ParseOrgKind(r.text(ColKind)); err != nil {
			r.errorf(ColKind, "%v", err)
		} else {
			o.Org.Kind = k
		}
		if !r.bad {
			b.Orgs = append(b.Orgs, o)
		}
	case SheetMembers:
		m := domain.MemberRow{Src: r.src(), Cell: domain.OrgRef{Ref: r.required(ColCell), Parent: r.text(ColParent)}}
		r.member(&m.Member)
		if !r.bad {
			b.Members = append(b.Members, m)
		}
	case SheetMemberRatings:
		mr := domain.MemberRatingRow{Src: r.src(), Member: r.memberRef()}
		mr.Rating = r.rating()
		if !r.bad {
			b.MemberRatings = append(b.MemberRatings, mr)
		}
	case SheetOrgRatings:
		or := domain.OrgRatingRow{Src: r.src(), Org: r.orgRef()}
		or.Rating = r.rating()
		if !r.bad {
			b.OrgRatings = append(b.OrgRatings, or)
		}
	case SheetAwards:
		r.award()
	}
}

func (r *rowReader) member(m *domain.Member) {
	m.FullName = r.required(ColFullName)
	m.BirthName = r.text(ColBirthName)
	m.BirthDate = r.date(ColBirthDate, true)
	if sex, err := domain.ParseSex(r.text(ColSex)); err != nil {
		r.errorf(ColSex, "%v", err)
	} else {
		m.Sex = sex
	}
	m.BirthPlace = r.text(ColBirthPlace)
	m.Ethnicity = r.text(ColEthnicity)
	m.Religion = r.text(ColReligion)
	m.HomeTown = r.text(ColHomeTown)
	m.HomeTownNew = r.text(ColHomeTownNew)
	m.Education = r.text(ColEducation)
	m.TheoryLevel = r.text(ColTheory)
	m.Occupation = r.text(ColOccupation)
	m.AdmittedOn = r.date(ColAdmitted, true)
	m.OfficialOn = r.date(ColOfficial, false)
	m.CardNo = r.code(ColCardNo)
	m.HistoryNo = r.code(ColHistoryNo)
	m.BadgeNo = r.code(ColBadgeNo)
	if st, err := domain.ParseMemberStatus(r.text(ColStatus)); err != nil {
		r.errorf(ColStatus, "%v", err)
	} else {
		m.Status = st
	}
	m.Note = r.text(ColNote)
}

func (r *rowReader) memberRef() domain.MemberRef {
	ref := domain.MemberRef{
		CardNo:    r.code(ColCardNo),
		HistoryNo: r.code(ColHistoryNo),
		FullName:  r.text(ColFullName),
		BirthDate: r.date(ColBirthDate, false),
		Cell:      domain.OrgRef{Ref: r.text(ColCell), Parent: r.text(ColParent)},
	}
	if ref.CardNo == "" && ref.HistoryNo == "" && (ref.FullName == "" || ref.BirthDate.IsZero()) && !r.bad {
		r.errorf(ColFullName, "cần Số thẻ đảng viên, Số lý lịch, hoặc Họ và tên cùng Ngày sinh để xác định đảng viên")
	}
	return ref
}

func (r *rowReader) orgRef() domain.OrgRef {
	ref := domain.OrgRef{Ref: r.code(ColOrgCode), Parent: r.text(ColParent)}
	if ref.Ref == "" {
		ref.Ref = r.text(ColOrgName)
	}
	if ref.Ref == "" && !r.bad {
		r.errorf(ColOrgName, "cần Mã tổ chức hoặc Tên tổ chức")
	}
	return ref
}

func (r *rowReader) rating() domain.Rating {
	rt := domain.Rating{
		Year:           r.year(ColYear),
		Level:          r.level(ColLevel),
		Score:          r.score(ColScore),
		NotRatedReason: r.text(ColReason),
		Note:           r.text(ColNote),
		CivilService:   r.level(ColCivilService),
		MassOrgs:       r.level(ColMassOrgs),
	}
	if !r.bad {
		if err := rt.Validate(domain.MaxYear); err != nil {
			for _, e := range err.(domain.Errors) {
				r.errorf(e.Field, "%s", e.Message)
			}
		}
	}
	return rt
}

func (r *rowReader) award() {
	a := domain.AwardRow{Src: r.src()}
	a.Award.Year = r.year(ColYear)
	form, milestone, err := domain.ParseAwardForm(r.text(ColForm))
	if err != nil {
		r.errorf(ColForm, "%v", err)
	}
	a.Award.Form, a.Award.Milestone = form, milestone
	a.Award.Content = r.required(ColContent)
	a.Award.DecisionNo = r.text(ColDecisionNo)
	a.Award.DecisionDate = r.date(ColDecisionDate, false)
	a.Award.Issuer = r.text(ColIssuer)
	a.Award.Note = r.text(ColNote)
	memberGiven := r.text(ColCardNo) != "" || r.text(ColHistoryNo) != "" || r.text(ColFullName) != ""
	orgGiven := r.text(ColOrgCode) != "" || r.text(ColOrgName) != ""
	switch {
	case memberGiven && orgGiven:
		r.errorf(ColOrgName, "ghi hoặc đảng viên hoặc tổ chức được khen, không ghi cả hai")
	case memberGiven:
		ref := r.memberRef()
		a.Member = &ref
	case orgGiven:
		ref := r.orgRef()
		a.Org = &ref
	default:
		r.errorf(ColFullName, "chưa ghi đảng viên hay tổ chức được khen thưởng")
	}
	if !r.bad {
		r.t.batch.Awards = append(r.t.batch.Awards, a)
	}
}
