package interchange

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"xeploai/domain"
	"xeploai/xlsx"
)

// Limits on what one import may hold, so that a hostile file cannot exhaust
// memory. They are variables so that tests can lower them.
var (
	// MaxRows is the data rows a sheet may have: Excel's own limit.
	MaxRows = xlsx.ExcelRows - 1
	// MaxImportRows is the data rows all the files of one import may hold
	// (the records of about 600,000 members over five years).
	MaxImportRows = 4_000_000
)

// More limits.
const (
	MaxCellRunes = 4_000 // characters in one cell
	MaxErrors    = domain.MaxImportErrors
	headerScan   = 50 // rows searched for the header
)

// cell is one cell as read: from an .xlsx, with its kind, number format and
// font; from a CSV, text.
type cell = xlsx.Cell

// reading is what the reading of one import shares between its sheets.
type reading struct {
	batch   *domain.Batch
	opt     Options
	rows    int    // data rows so far, all sheets
	dropped int    // errors beyond MaxErrors
	last    string // the sheet those were on
	// several: more than one file is read; a workbook's sheets are named
	// with their file in messages ("phuong-a.xlsx › Đảng viên")
	several     bool
	conversions []*domain.Conversion
}

func newReading(opt Options) *reading { return &reading{batch: &domain.Batch{}, opt: opt} }

// tooMany is the error for an import of more rows than MaxImportRows.
func (rd *reading) tooMany(name string) error {
	return domain.Errorf(domain.EINVALID, "", "%s: các tệp nhập có hơn %d dòng dữ liệu; hãy chia thành nhiều lần nhập", name, MaxImportRows)
}

// finish adds the count of errors beyond MaxErrors, and the columns
// converted from an old encoding.
func (rd *reading) finish() *domain.Batch {
	for _, c := range rd.conversions {
		rd.batch.Conversions = append(rd.batch.Conversions, *c)
	}
	rd.conversions = nil
	if rd.dropped > 0 {
		rd.batch.Errors = append(rd.batch.Errors, domain.ImportError{Loc: domain.Loc{Sheet: rd.last}, Message: fmt.Sprintf("và %d lỗi khác", rd.dropped)})
		rd.dropped = 0
	}
	return rd.batch
}

// tableReader turns the rows of one sheet (or one part of it) into
// records, row by row.
type tableReader struct {
	rd       *reading
	sheet    Sheet
	name     string // the sheet's name as the file has it
	date1904 bool

	header bool
	above  []cell // the row before, while no header is found: a header's first row
	// subFrom: the header's row, while the row under it may be the
	// header's second row
	subFrom []cell
	// ignoredAt: the warning of the header's columns not used, -1 if none
	ignoredAt int
	width     int // the header's cells, to its last filled one
	// csvFields: the fields of a CSV file's header row (0 for a workbook):
	// a line with more is shifted, its values in the wrong columns
	csvFields int
	csv       bool
	// serials: per column, the numbers shown as numbers read as dates
	serials map[string]*serialNote
	// beyond: rows with values right of the header, and the first of them
	beyond, beyondRow int
	beyondCols        []string
	cols              map[string]int    // canonical column → index
	letters           map[string]string // canonical column → letter
	rows              int
	legacy            *legacyColumns
}

func (rd *reading) newTable(sheet Sheet, name string, date1904 bool) *tableReader {
	return &tableReader{rd: rd, sheet: sheet, name: name, date1904: date1904}
}

// errTooMany stops reading a file past the limits; the reader returns the
// message.
type errTooMany struct{ err error }

func (e errTooMany) Error() string { return e.err.Error() }

// add reads one row; n is its 1-based number in the sheet.
func (t *tableReader) add(n int, cells []cell) error {
	if !t.header {
		if n <= headerScan {
			t.tryHeader(cells)
			if t.header {
				// The row under it may be the header's second row.
				t.subFrom = append([]cell(nil), cells...)
			} else if t.above != nil {
				// A header on two rows: a merged cell above, its parts
				// under it ("Ngày tháng năm" over "Sinh", "Vào Đảng").
				t.tryHeader(twoRowHeader(t.above, cells, t.columnOf))
			}
			t.above = nil
			if !t.header && !emptyCells(cells) {
				t.above = append([]cell(nil), cells...)
			}
		}
		return nil
	}
	if above := t.subFrom; above != nil && !emptyCells(cells) {
		t.subFrom = nil
		if header, ok := t.subHeader(above, cells); ok {
			// The header's second row: it names the columns under the
			// merged cells of the first.
			t.header = false
			if t.ignoredAt >= 0 {
				w := &t.rd.batch.Warnings
				*w = slices.Delete(*w, t.ignoredAt, t.ignoredAt+1)
			}
			t.tryHeader(header)
			t.header = true
			return nil
		}
	}
	if t.csvFields > 0 && len(cells) > t.csvFields {
		// A comma in a value not in quotes: every value after it is in
		// the next column; reading the row would store them there.
		t.errorf(n, "", "dòng có %d ô, dòng tiêu đề có %d: các giá trị bị lệch cột, có lẽ vì một giá trị có dấu phẩy (số như 95,5, một địa chỉ…) mà không đặt trong ngoặc kép; hãy sửa dòng này", len(cells), t.csvFields)
		return nil
	}
	t.noteBeyond(n, cells)
	if t.emptyRow(cells) {
		return nil
	}
	t.rows++
	if t.rows > MaxRows {
		return errTooMany{domain.Errorf(domain.EINVALID, "", "trang %s có hơn %d dòng; hãy chia nhỏ tệp", t.name, MaxRows)}
	}
	if t.rd.rows++; t.rd.rows > MaxImportRows {
		return errTooMany{t.rd.tooMany(t.name)}
	}
	if t.legacy != nil {
		return t.legacy.add(n, cells)
	}
	t.parseRow(n, cells)
	return nil
}

// parseRow parses one data row into the batch.
func (t *tableReader) parseRow(n int, cells []cell) {
	r := rowReader{t: t, n: n, cells: cells}
	r.parse()
}

// columnOf maps a header cell to a canonical column of the sheet, by the
// user's mapping first.
func (t *tableReader) columnOf(header string) (string, bool) {
	k := domain.FoldKey(header)
	if k == "" {
		return "", false
	}
	if canon, ok := t.rd.opt.Map[k]; ok {
		if canon == "" {
			return "", false // the user chose to ignore the column
		}
		for _, c := range sheetColumns[t.sheet] {
			if c == canon {
				return c, true
			}
		}
	}
	canon, ok := headerKeys[t.sheet][k]
	if !ok && legacyCandidate(header) {
		// A header typed in an old encoding's font ("Hä vµ tªn").
		for _, enc := range []string{encTCVN3, encVNI} {
			if s, decoded := decodeAs(enc, header, false); decoded {
				if canon, ok = headerKeys[t.sheet][domain.FoldKey(s)]; ok {
					return canon, true
				}
			}
		}
	}
	return canon, ok
}

func (t *tableReader) tryHeader(cells []cell) {
	cols := map[string]int{}
	for i, c := range cells {
		if canon, ok := t.columnOf(c.Value); ok {
			if _, dup := cols[canon]; !dup {
				cols[canon] = i
			}
		}
	}
	if !isHeader(t.sheet, func(c string) bool { _, ok := cols[c]; return ok }) {
		return
	}
	t.header = true
	t.cols = map[string]int{}
	t.letters = map[string]string{}
	var ignored []string
	for i, c := range cells {
		canon, ok := t.columnOf(c.Value)
		if !ok || cols[canon] != i || canon == ColSTT {
			if name := domain.CleanText(c.Value); name != "" && canon != ColSTT {
				if _, mapped := t.rd.opt.Map[domain.FoldKey(name)]; !mapped {
					ignored = append(ignored, fmt.Sprintf("%s (%s)", name, xlsx.ColumnName(i)))
				}
			}
			continue
		}
		t.cols[canon] = i
		t.letters[canon] = xlsx.ColumnName(i)
	}
	if t.csv {
		t.csvFields = len(cells)
	}
	t.width = 0
	for i, c := range cells {
		if strings.TrimSpace(c.Value) != "" {
			t.width = i + 1
		}
	}
	t.ignoredAt = -1
	if len(ignored) > 0 {
		t.ignoredAt = len(t.rd.batch.Warnings)
		t.rd.batch.Warnings = append(t.rd.batch.Warnings, fmt.Sprintf("%s: bỏ qua các cột không dùng: %s", t.name, strings.Join(ignored, ", ")))
	}
	t.legacy = newLegacyColumns(t)
}

// twoRowHeader makes one header row of two: each column is named by the
// cell above (or, under a merged cell, the nearest to its left) with its
// own, or by its own, or by the one above — the first the sheet knows.
func twoRowHeader(above, below []cell, known func(string) (string, bool)) []cell {
	n := max(len(above), len(below))
	out := make([]cell, n)
	parent := ""
	for i := range n {
		var a, b string
		if i < len(above) {
			a = strings.TrimSpace(above[i].Value)
		}
		if i < len(below) {
			b = strings.TrimSpace(below[i].Value)
		}
		if a != "" {
			parent = a
		}
		var tries []string
		if b != "" {
			tries = append(tries, parent+" "+b, b)
		}
		if a != "" {
			tries = append(tries, a)
		}
		for j, s := range tries {
			if _, ok := known(s); ok || j == len(tries)-1 {
				out[i] = cell{Value: s, Kind: xlsx.Text}
				break
			}
		}
	}
	return out
}

// subHeader reports whether the row under the header (above) is its
// second row — only words, no digits; read with the header, every column
// the header names stays as it is, and one under a merged cell (empty in
// the header's row) is named by it — and returns the two read as one.
func (t *tableReader) subHeader(above, cells []cell) ([]cell, bool) {
	for _, c := range cells {
		if v := strings.TrimSpace(c.Value); v != "" && (strings.ContainsAny(v, "0123456789") || c.Kind != xlsx.Text) {
			return nil, false
		}
	}
	header := twoRowHeader(above, cells, t.columnOf)
	named := false
	for i, c := range header {
		canon, ok := t.columnOf(c.Value)
		j, had := t.cols[canon]
		switch {
		case i < len(above) && strings.TrimSpace(above[i].Value) != "":
			if old, known := t.columnOf(above[i].Value); known && (!ok || canon != old) {
				return nil, false // it would change what a named column is: data
			}
		case ok && !had:
			named = true
		case ok && j != i:
			return nil, false
		}
	}
	return header, named
}

// finish reports a sheet in which no header row was found, and parses the
// rows held back to tell their encoding.
func (t *tableReader) finish() {
	if !t.header {
		t.errorf(0, "", "không tìm thấy dòng tiêu đề (cần các cột %s)", required(t.sheet))
		return
	}
	if t.legacy != nil {
		t.legacy.flush()
	}
	for _, col := range slices.Sorted(maps.Keys(t.serials)) {
		n := t.serials[col]
		t.rd.batch.Warnings = append(t.rd.batch.Warnings, fmt.Sprintf(
			"%s, cột %s (%s): %d ô là số, không định dạng ngày, đã được đọc là ngày theo số sê-ri của Excel (đầu tiên: dòng %d, %s); nếu không đúng, hãy sửa các ô đó",
			t.name, t.letters[col], col, n.cells, n.row, n.sample))
	}
	if t.beyond > 0 {
		t.rd.batch.Warnings = append(t.rd.batch.Warnings, fmt.Sprintf(
			"%s: %d dòng có giá trị ở bên phải các cột tiêu đề (đầu tiên: dòng %d, cột %s), không được đọc; hãy đặt tiêu đề cho các cột đó hoặc xoá chúng",
			t.name, t.beyond, t.beyondRow, strings.Join(t.beyondCols, ", ")))
	}
}

// serialNote counts a column's numbers read as Excel's date serials.
type serialNote struct {
	cells, row int
	sample     string
}

// serialDate notes a number in a cell not formatted as a date that is read
// as the date whose serial it is (a column pasted as values): said, not
// silent.
func (t *tableReader) serialDate(col string, row int, number string, d domain.Date) {
	if t.serials == nil {
		t.serials = map[string]*serialNote{}
	}
	n := t.serials[col]
	if n == nil {
		n = &serialNote{row: row, sample: fmt.Sprintf("%s = %s", number, d)}
		t.serials[col] = n
	}
	n.cells++
}

// noteBeyond counts a data row with values right of the header's last
// column, which nothing reads: a value typed past the table, or a CSV
// line with a comma not in quotes.
func (t *tableReader) noteBeyond(n int, cells []cell) {
	if t.width == 0 || len(cells) <= t.width {
		return
	}
	var cols []string
	for i := t.width; i < len(cells); i++ {
		if strings.TrimSpace(cells[i].Value) != "" {
			cols = append(cols, xlsx.ColumnName(i))
		}
	}
	if len(cols) == 0 {
		return
	}
	if t.beyond == 0 {
		t.beyondRow, t.beyondCols = n, cols
	}
	t.beyond++
}

func (t *tableReader) errorf(row int, col, format string, args ...any) {
	if len(t.rd.batch.Errors) >= MaxErrors {
		t.rd.dropped++
		t.rd.last = t.name
		return
	}
	t.rd.batch.Errors = append(t.rd.batch.Errors, domain.ImportError{
		Loc:     domain.Loc{Sheet: t.name, Row: row, Column: t.letters[col], Field: col},
		Message: fmt.Sprintf(format, args...),
		Text:    domain.Textf(format, said(args)...),
	})
}

// said puts the domain's errors among a message's arguments as their
// texts, to be said in the window's language too.
func said(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		var e *domain.Error
		if err, ok := a.(error); ok && errors.As(err, &e) {
			out[i] = e.Said()
		} else {
			out[i] = a
		}
	}
	return out
}

// emptyRow reports whether none of the sheet's columns holds anything.
func (t *tableReader) emptyRow(cells []cell) bool {
	for _, i := range t.cols {
		if i < len(cells) && (strings.TrimSpace(cells[i].Value) != "" || cells[i].Kind == xlsx.Uncalculated) {
			return false
		}
	}
	return true
}

// rowReader reads the fields of one data row.
type rowReader struct {
	t     *tableReader
	n     int
	cells []cell
	// failed: the columns that could not be read, each reported once
	failed []string
}

func (r *rowReader) cell(col string) cell {
	i, ok := r.t.cols[col]
	if !ok || i >= len(r.cells) {
		return cell{}
	}
	return r.cells[i]
}

func (r *rowReader) errorf(col, format string, args ...any) {
	if slices.Contains(r.failed, col) {
		return
	}
	r.failed = append(r.failed, col)
	r.t.errorf(r.n, col, format, args...)
}

// source is the row's place, with the columns that could not be read: the
// planner checks such a row for what else is wrong, and writes nothing.
func (r *rowReader) source(src domain.RowSource) domain.RowSource {
	src.Failed = r.failed
	return src
}

// text returns the cleaned text of col (NFC, trimmed, spaces folded).
func (r *rowReader) text(col string) string {
	c := r.cell(col)
	s := c.Value
	if c.Kind == xlsx.Uncalculated {
		r.errorf(col, "ô có công thức chưa được tính ra giá trị (tệp do một chương trình khác ghi); hãy mở tệp bằng Excel rồi lưu lại")
		return ""
	}
	if c.Long > 0 || len(s) > 4*MaxCellRunes && utf8.RuneCountInString(s) > MaxCellRunes {
		n := utf8.RuneCountInString(s)
		if c.Long > 0 {
			n = c.Long // bytes: the cell was cut while read
		}
		r.errorf(col, "ô dài %d ký tự, quá giới hạn %d", n, MaxCellRunes)
		return ""
	}
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
	c := r.cell(col)
	s := r.text(col)
	if c.Kind == xlsx.Number {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && f >= 0 && f < 1e18 {
			return strconv.FormatFloat(f, 'f', 0, 64)
		}
	}
	return strings.ReplaceAll(s, " ", "")
}

// ref reads a reference to an organisation: a code or a name, a number
// written as a whole number.
func (r *rowReader) ref(col string) string {
	c := r.cell(col)
	s := r.text(col)
	if c.Kind == xlsx.Number {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && f >= 0 && f < 1e18 {
			return strconv.FormatFloat(f, 'f', 0, 64)
		}
	}
	return s
}

func (r *rowReader) required(col string) string {
	s := r.text(col)
	if s == "" {
		r.errorf(col, "không được để trống")
	}
	return s
}

// date reads a date: an .xlsx date cell (a serial number whose number
// format is a date format), or text as domain.ParseDate reads it. A bare
// year is refused, not guessed.
func (r *rowReader) date(col string, required bool) domain.Date {
	c := r.cell(col)
	s := r.text(col)
	if s == "" {
		if required {
			r.errorf(col, "không được để trống")
		}
		return domain.Date{}
	}
	switch c.Kind {
	case xlsx.Number:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			break
		}
		if !c.Date && f >= 1000 && f < 3000 && f == math.Trunc(f) {
			r.errorf(col, "chỉ có năm %v; cần ngày đủ dạng dd/mm/yyyy (nếu đây là ngày, hãy định dạng ô là ngày)", f)
			return domain.Date{}
		}
		if r.t.date1904 {
			f += 1462
		}
		d, err := domain.DateFromExcelSerial(f)
		if err != nil {
			r.errorf(col, "%v", err)
		} else if !c.Date {
			r.t.serialDate(col, r.n, s, d)
		}
		return d
	case xlsx.ISODate:
		if len(s) >= 10 {
			s = s[:10]
		}
	}
	if len(s) == 4 && domain.IsDigits(s) {
		r.errorf(col, "chỉ có năm %s; cần ngày đủ dạng dd/mm/yyyy", s)
		return domain.Date{}
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		r.errorf(col, "%v", err)
	}
	return d
}

// number reads a whole number in [lo, hi] (0 when empty and not required).
func (r *rowReader) number(col string, lo, hi int, what string, required bool) int {
	s := r.text(col)
	if s == "" {
		if required {
			r.errorf(col, "không được để trống")
		}
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || f < float64(lo) || f > float64(hi) {
		r.errorf(col, "%q không phải là %s", s, what)
		return 0
	}
	return int(f)
}

func (r *rowReader) year(col string) int {
	return r.number(col, domain.MinYear, domain.MaxYear, "năm (ví dụ 2021)", true)
}

func (r *rowReader) level(col string) domain.Level {
	l, err := domain.ParseLevel(r.text(col))
	if err != nil {
		r.errorf(col, "%v", err)
	}
	return l
}

// decimal reads a number with a decimal comma or point in [lo, hi].
func (r *rowReader) decimal(col string, lo, hi float64, what string) (float64, bool) {
	s := r.text(col)
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(f) || f < lo || f > hi {
		r.errorf(col, "%q không phải là %s", s, what)
		return 0, false
	}
	return f, true
}

func (r *rowReader) score(col string) *float64 {
	s := r.text(col)
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
	b := r.t.rd.batch
	switch r.t.sheet {
	case SheetOrgs:
		o := domain.OrgRow{Src: r.src(), Parent: r.text(ColParent), MergedInto: r.ref(ColMergedInto)}
		o.Org.Code = r.code(ColOrgCode)
		o.Org.Name = r.required(ColOrgName)
		o.Org.Note = r.text(ColNote)
		o.Org.FoundedOn = r.date(ColFounded, false)
		o.Org.DissolvedOn = r.date(ColDissolved, false)
		if k, err := domain.ParseOrgKind(r.text(ColKind)); err != nil {
			r.errorf(ColKind, "%v", err)
		} else {
			o.Org.Kind = k
		}
		if len(r.failed) > 0 {
			// Rows that refer to it say so, rather than "not found".
			b.UnreadOrg(o.Org.Code, r.src())
			b.UnreadOrg(o.Org.Name, r.src())
		} else {
			b.Orgs = append(b.Orgs, o)
		}
	case SheetMembers:
		m := domain.MemberRow{Src: r.src(), Cell: domain.OrgRef{Ref: r.required(ColCell), Parent: r.text(ColParent)}}
		r.member(&m.Member)
		m.Src = r.source(m.Src)
		b.Members = append(b.Members, m)
	case SheetMemberRatings:
		mr := domain.MemberRatingRow{Src: r.src(), Member: r.memberRef()}
		mr.Rating = r.rating()
		mr.Src = r.source(mr.Src)
		b.MemberRatings = append(b.MemberRatings, mr)
	case SheetOrgRatings:
		or := domain.OrgRatingRow{Src: r.src(), Org: r.orgRef()}
		or.Rating = r.rating()
		or.Src = r.source(or.Src)
		b.OrgRatings = append(b.OrgRatings, or)
	case SheetAwards:
		r.award()
	case SheetEvents:
		r.event()
	case SheetMemberships:
		ms := domain.MembershipRow{Src: r.src(), Member: r.memberRef(), Cell: domain.OrgRef{Ref: r.required(ColCell)},
			From: r.date(ColFrom, false), To: r.date(ColTo, false)}
		ms.Member.Cell = domain.OrgRef{}
		ms.Src = r.source(ms.Src)
		b.Memberships = append(b.Memberships, ms)
	case SheetDisciplines:
		r.discipline()
	case SheetAbsences:
		a := domain.AbsenceRow{Src: r.src(), Member: r.memberRef()}
		a.Absence.Year = r.year(ColYear)
		kind, err := domain.ParseAbsenceKind(r.text(ColKind))
		if err != nil {
			r.errorf(ColKind, "%v", err)
		}
		a.Absence.Kind = kind
		a.Absence.Months, _ = r.decimal(ColMonths, 0, 12, "số tháng từ 0 đến 12")
		a.Absence.Note = r.text(ColNote)
		a.Src = r.source(a.Src)
		b.Absences = append(b.Absences, a)
	case SheetGaps:
		g := domain.GapRow{Src: r.src(), Member: r.memberRef()}
		g.Gap.From, g.Gap.To, g.Gap.Reason = r.date(ColFrom, true), r.date(ColTo, true), r.text(ColWhy)
		g.Src = r.source(g.Src)
		b.Gaps = append(b.Gaps, g)
	case SheetLeaders:
		l := domain.LeaderRow{Src: r.src(), Member: r.memberRef(), Org: domain.OrgRef{Ref: r.ref(ColOrgCode)}}
		if l.Org.Ref == "" {
			r.errorf(ColOrgCode, "không được để trống")
		}
		l.Leader.Role, l.Leader.From, l.Leader.To = r.text(ColRole), r.date(ColFrom, false), r.date(ColTo, false)
		l.Src = r.source(l.Src)
		b.Leaders = append(b.Leaders, l)
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
	m.StatusOn = r.date(ColStatusOn, false)
	m.LeftForm = r.text(ColLeftForm)
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
	if ref.CardNo == "" && ref.HistoryNo == "" && (ref.FullName == "" || ref.BirthDate.IsZero()) &&
		!slices.Contains(r.failed, ColBirthDate) {
		r.errorf(ColFullName, "cần Số thẻ đảng viên, Số lý lịch, hoặc Họ và tên cùng Ngày sinh để xác định đảng viên")
	}
	return ref
}

func (r *rowReader) orgRef() domain.OrgRef {
	ref := domain.OrgRef{Ref: r.code(ColOrgCode), Parent: r.text(ColParent)}
	if ref.Ref == "" {
		ref.Ref = r.text(ColOrgName)
	}
	if ref.Ref == "" {
		r.errorf(ColOrgName, "cần Mã tổ chức hoặc Tên tổ chức")
	}
	return ref
}

func (r *rowReader) rating() domain.Rating {
	levelText := r.text(ColLevel)
	rt := domain.Rating{
		Year:           r.year(ColYear),
		Level:          r.level(ColLevel),
		Score:          r.score(ColScore),
		NotRatedReason: r.text(ColReason),
		Note:           r.text(ColNote),
		CivilService:   r.level(ColCivilService),
		MassOrgs:       r.level(ColMassOrgs),
	}
	if levelText != "" && rt.Level == domain.LevelNone && rt.NotRatedReason == "" {
		r.errorf(ColLevel, "%q cần có lý do ở cột %s", levelText, ColReason)
		return rt
	}
	if err := rt.Validate(domain.MaxYear); err != nil {
		for _, e := range err.(domain.Errors) {
			r.errorf(e.Field, "%s", e.Message)
		}
	}
	return rt
}

// memberOrOrg reads the recipient of an award or a discipline: a member or
// an organisation, exactly one.
func (r *rowReader) memberOrOrg(what string) (*domain.MemberRef, *domain.OrgRef) {
	memberGiven := r.text(ColCardNo) != "" || r.text(ColHistoryNo) != "" || r.text(ColFullName) != ""
	orgGiven := r.text(ColOrgCode) != "" || r.text(ColOrgName) != ""
	switch {
	case memberGiven && orgGiven:
		col := ColOrgName
		if !r.t.hasCol(ColOrgName) {
			col = ColOrgCode
		}
		r.errorf(col, "ghi hoặc đảng viên hoặc tổ chức %s, không ghi cả hai", what)
	case memberGiven:
		ref := r.memberRef()
		return &ref, nil
	case orgGiven:
		ref := r.orgRef()
		return nil, &ref
	default:
		r.errorf(ColFullName, "chưa ghi đảng viên hay tổ chức %s", what)
	}
	return nil, nil
}

func (t *tableReader) hasCol(col string) bool { _, ok := t.cols[col]; return ok }

func (r *rowReader) award() {
	a := domain.AwardRow{Src: r.src()}
	a.Award.Year = r.year(ColYear)
	form, milestone, err := domain.ParseAwardForm(r.text(ColForm))
	if err != nil {
		r.errorf(ColForm, "%v", err)
	}
	a.Award.Form, a.Award.Milestone = form, milestone
	a.Award.Content = r.required(ColContent)
	a.Award.YearFrom = r.number(ColYearFrom, domain.MinYear, domain.MaxYear, "năm (ví dụ 2017)", false)
	a.Award.YearTo = r.number(ColYearTo, domain.MinYear, domain.MaxYear, "năm (ví dụ 2021)", false)
	a.Award.DecisionNo = r.text(ColDecisionNo)
	a.Award.DecisionDate = r.date(ColDecisionDate, false)
	a.Award.Issuer = r.text(ColIssuer)
	a.Award.Note = r.text(ColNote)
	a.Member, a.Org = r.memberOrOrg("được khen thưởng")
	a.Src = r.source(a.Src)
	r.t.rd.batch.Awards = append(r.t.rd.batch.Awards, a)
}

func (r *rowReader) discipline() {
	d := domain.DisciplineRow{Src: r.src()}
	d.Discipline.On = r.date(ColDate, true)
	d.Discipline.Form = r.required(ColForm)
	d.Discipline.Reason = r.text(ColWhy)
	d.Discipline.DecisionNo = r.text(ColDecisionNo)
	var err error
	if d.Discipline.SelfCorrected, err = domain.ParseYesNo(r.text(ColSelfCorrected)); err != nil {
		r.errorf(ColSelfCorrected, "%v", err)
	}
	d.Member, d.Org = r.memberOrOrg("bị kỷ luật")
	d.Src = r.source(d.Src)
	r.t.rd.batch.Disciplines = append(r.t.rd.batch.Disciplines, d)
}

func (r *rowReader) event() {
	e := domain.OrgEventRow{Src: r.src(), Org: r.ref(ColOrgCode), OldParent: r.ref(ColOldParent), NewParent: r.ref(ColNewParent),
		Other: r.ref(ColOtherOrg)}
	e.Event.On = r.date(ColDate, true)
	kind, err := domain.ParseOrgEventKind(r.text(ColEvent))
	if err != nil {
		r.errorf(ColEvent, "%v", err)
	}
	e.Event.Kind = kind
	e.Event.OldName, e.Event.NewName, e.Event.Note = r.text(ColOldName), r.text(ColNewName), r.text(ColNote)
	if e.Org == "" {
		r.errorf(ColOrgCode, "không được để trống")
	}
	if len(r.failed) == 0 {
		r.t.rd.batch.Events = append(r.t.rd.batch.Events, e)
	}
}
