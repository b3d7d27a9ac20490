package domain

import (
	"fmt"
	"slices"
	"strings"
)

// Sheet is one kind of record of the interchange format, named as its
// sheet is (../shared/interchange.md).
type Sheet int

// The sheets, in the order a workbook holds them: version 1's five, then
// version 2's.
const (
	SheetOrgs Sheet = iota
	SheetMembers
	SheetMemberRatings
	SheetOrgRatings
	SheetAwards
	SheetEvents
	SheetMemberships
	SheetDisciplines
	SheetAbsences
	SheetGaps
	SheetLeaders
)

// Sheets lists the sheets in workbook order.
var Sheets = []Sheet{SheetOrgs, SheetMembers, SheetMemberRatings, SheetOrgRatings, SheetAwards,
	SheetEvents, SheetMemberships, SheetDisciplines, SheetAbsences, SheetGaps, SheetLeaders}

var sheetNames = [...]string{"Tổ chức", "Đảng viên", "Xếp loại đảng viên", "Xếp loại tổ chức", "Khen thưởng",
	"Lịch sử tổ chức", "Quá trình sinh hoạt", "Kỷ luật", "Vắng, miễn sinh hoạt", "Gián đoạn tuổi Đảng", "Cấp ủy"}

// Name is the sheet's Vietnamese name, as written in a workbook.
func (s Sheet) Name() string {
	if s < 0 || int(s) >= len(sheetNames) {
		return ""
	}
	return sheetNames[s]
}

// Loc names a place in an imported file: sheet, row (1-based, as the
// spreadsheet shows it), column letter and the column's field name.
type Loc struct {
	Sheet  string
	Row    int
	Column string // column letter, "F"; "" when the place is the whole row
	Field  string // canonical column name, "Ngày sinh"
}

func (l Loc) String() string { return l.Text().String() }

// Text is the place as a message part, to be said in another language.
func (l Loc) Text() Text {
	switch {
	case l.Row > 0 && l.Column != "" && l.Field != "":
		return Textf("%s, dòng %d, cột %s (%s)", l.Sheet, l.Row, l.Column, l.Field)
	case l.Row > 0 && l.Field != "":
		return Textf("%s, dòng %d, cột %s", l.Sheet, l.Row, l.Field)
	case l.Row > 0:
		return Textf("%s, dòng %d", l.Sheet, l.Row)
	case l.Column != "" && l.Field != "":
		return Textf("%s, cột %s (%s)", l.Sheet, l.Column, l.Field)
	case l.Field != "":
		return Textf("%s, cột %s", l.Sheet, l.Field)
	}
	return Textf("%s", l.Sheet)
}

// ImportError is one problem found in an imported file, with its place.
type ImportError struct {
	Loc
	Message string
	// Text is what Message was made from, to be said in the window's
	// language (Message is Vietnamese); empty for a message made whole.
	Text Text
}

// Said is the error as a message part: its place and its text.
func (e ImportError) Said() Text {
	msg := e.Text
	if msg.Format == "" {
		msg = Textf("%s", e.Message)
	}
	if e.Loc.String() == "" {
		return msg
	}
	return Textf("%s: %s", e.Loc.Text(), msg)
}

func (e ImportError) Error() string {
	if loc := e.Loc.String(); loc != "" {
		return loc + ": " + e.Message
	}
	return e.Message
}

// RowSource is where a parsed record came from: its sheet and row, and the
// columns the sheet has, by canonical field name ("Ngày sinh") → letter.
type RowSource struct {
	Sheet string
	Row   int
	Cols  map[string]string
	// Failed lists the columns of the row that could not be read, each
	// reported already. Such a row is still checked for what else is
	// wrong with it (so that one run lists all of a file's errors), never
	// written.
	Failed []string
}

// Bad reports whether some of the row's cells could not be read.
func (s RowSource) Bad() bool { return len(s.Failed) > 0 }

// failed reports whether field is a column of the row that could not be
// read.
func (s RowSource) failed(fields ...string) bool {
	for _, f := range fields {
		if slices.Contains(s.Failed, f) {
			return true
		}
	}
	return false
}

// Has reports whether the sheet has a column for field.
func (s RowSource) Has(field string) bool { _, ok := s.Cols[field]; return ok }

// At returns the place of field in this row.
func (s RowSource) At(field string) Loc {
	return Loc{Sheet: s.Sheet, Row: s.Row, Column: s.Cols[field], Field: field}
}

// Errorf returns an ImportError at field of this row.
func (s RowSource) Errorf(field, format string, args ...any) ImportError {
	return ImportError{Loc: s.At(field), Message: fmt.Sprintf(format, args...), Text: Textf(format, args...)}
}

// Where names the row for a message about another row: "dòng 12", or
// "Xếp loại đảng viên (2), dòng 12" when it is on another sheet than other.
func (s RowSource) Where(other RowSource) string {
	if s.Sheet != other.Sheet {
		return fmt.Sprintf("%s, dòng %d", s.Sheet, s.Row)
	}
	return fmt.Sprintf("dòng %d", s.Row)
}

// OrgRef names an organisation in a file: its code or name, and optionally its
// parent's code or name to tell same-named organisations apart.
type OrgRef struct {
	Ref    string
	Parent string
}

// MemberRef identifies a member in a file: by card number when given, else
// by personal-history number, else by name, date of birth and cell.
type MemberRef struct {
	CardNo    string
	HistoryNo string
	FullName  string
	BirthDate Date
	Cell      OrgRef
}

// OrgRow is an organisation read from a file.
type OrgRow struct {
	Src        RowSource
	Org        Org
	Parent     string // the parent's code or name
	MergedInto string // the code or name of the organisation it merged into
}

// OrgEventRow is an organisation's event read from a file; the
// organisations are named by code (or name).
type OrgEventRow struct {
	Src       RowSource
	Event     OrgEvent
	Org       string
	OldParent string
	NewParent string
	Other     string
}

// MemberRow is a member read from a file.
type MemberRow struct {
	Src    RowSource
	Member Member
	Cell   OrgRef
}

// MembershipRow is a period in a cell read from a file.
type MembershipRow struct {
	Src      RowSource
	Member   MemberRef
	Cell     OrgRef
	From, To Date
}

// MemberRatingRow is a member's rating read from a file.
type MemberRatingRow struct {
	Src    RowSource
	Member MemberRef
	Rating Rating
}

// OrgRatingRow is an organisation's rating read from a file.
type OrgRatingRow struct {
	Src    RowSource
	Org    OrgRef
	Rating Rating
}

// AwardRow is an award read from a file; exactly one of Member and Org is set.
type AwardRow struct {
	Src    RowSource
	Member *MemberRef
	Org    *OrgRef
	Award  Award
}

// DisciplineRow is a discipline read from a file; exactly one of Member
// and Org is set.
type DisciplineRow struct {
	Src        RowSource
	Member     *MemberRef
	Org        *OrgRef
	Discipline Discipline
}

// AbsenceRow is an absence read from a file.
type AbsenceRow struct {
	Src     RowSource
	Member  MemberRef
	Absence Absence
}

// GapRow is a gap in party age read from a file.
type GapRow struct {
	Src    RowSource
	Member MemberRef
	Gap    PartyAgeGap
}

// LeaderRow is a committee seat read from a file.
type LeaderRow struct {
	Src    RowSource
	Member MemberRef
	Org    OrgRef
	Leader Leader
}

// Conversion reports text of one column read in an old Vietnamese encoding
// (TCVN3, VNI-Windows) and converted to Unicode.
type Conversion struct {
	Sheet    string
	Column   string // the column's letter
	Field    string // its canonical name
	Encoding string // "TCVN3 (ABC)", "VNI-Windows"
	Cells    int    // cells converted
	Samples  [][2]string
}

func (c Conversion) String() string {
	// The text as a user sees it, not Go's escapes; the soft hyphen TCVN3
	// writes "ư" with is shown, not hidden.
	quote := func(s string) string { return "“" + strings.ReplaceAll(s, "\u00ad", "-") + "”" }
	var ex []string
	for _, s := range c.Samples {
		ex = append(ex, quote(s[0])+" → "+quote(s[1]))
	}
	return fmt.Sprintf("%s, cột %s (%s): %d ô viết bằng bảng mã %s đã được chuyển sang Unicode, ví dụ %s",
		c.Sheet, c.Column, c.Field, c.Cells, c.Encoding, strings.Join(ex, "; "))
}

// Batch is everything read from the files of one import.
type Batch struct {
	Orgs          []OrgRow
	Events        []OrgEventRow
	Members       []MemberRow
	Memberships   []MembershipRow
	MemberRatings []MemberRatingRow
	OrgRatings    []OrgRatingRow
	Awards        []AwardRow
	Disciplines   []DisciplineRow
	Absences      []AbsenceRow
	Gaps          []GapRow
	Leaders       []LeaderRow
	Errors        []ImportError // problems found while reading
	// UnreadOrgs are the organisations rows that could not be read, by the
	// folded code and name they give: a reference to one is reported as
	// such, not as unknown.
	UnreadOrgs  map[string]RowSource
	Warnings    []string     // e.g. ignored columns
	Conversions []Conversion // columns read in an old encoding
	Source      string       // the files read, for the history
	// Scopes are the codes of the organisations whose parts the files
	// are, as their "Thông tin" sheets state; none for the whole database.
	Scopes []string
	// Exported: the files are an export (they have a "Thông tin" sheet),
	// not made by hand.
	Exported bool
}

// InfoSheet holds an export's format version, program version, date and
// scope; an import reads only the scope from it.
const InfoSheet = "Thông tin"

// Append adds o's rows, errors and warnings to b.
func (b *Batch) Append(o *Batch) {
	if b.Source == "" {
		b.Source = o.Source
	} else if o.Source != "" {
		b.Source += ", " + o.Source
	}
	b.Orgs = append(b.Orgs, o.Orgs...)
	b.Events = append(b.Events, o.Events...)
	b.Members = append(b.Members, o.Members...)
	b.Memberships = append(b.Memberships, o.Memberships...)
	b.MemberRatings = append(b.MemberRatings, o.MemberRatings...)
	b.OrgRatings = append(b.OrgRatings, o.OrgRatings...)
	b.Awards = append(b.Awards, o.Awards...)
	b.Disciplines = append(b.Disciplines, o.Disciplines...)
	b.Absences = append(b.Absences, o.Absences...)
	b.Gaps = append(b.Gaps, o.Gaps...)
	b.Leaders = append(b.Leaders, o.Leaders...)
	b.Errors = append(b.Errors, o.Errors...)
	for k, src := range o.UnreadOrgs {
		b.UnreadOrg(k, src)
	}
	b.Warnings = append(b.Warnings, o.Warnings...)
	b.Conversions = append(b.Conversions, o.Conversions...)
	b.Scopes = append(b.Scopes, o.Scopes...)
	b.Exported = b.Exported || o.Exported
}

// UnreadOrg records that the organisations row src, which gives key (a
// code or a name), could not be read.
func (b *Batch) UnreadOrg(key string, src RowSource) {
	k := Fold(key)
	if k == "" {
		return
	}
	if b.UnreadOrgs == nil {
		b.UnreadOrgs = map[string]RowSource{}
	}
	if _, ok := b.UnreadOrgs[k]; !ok {
		b.UnreadOrgs[k] = src
	}
}

// Len is the number of records in the batch.
func (b *Batch) Len() int {
	return len(b.Orgs) + len(b.Events) + len(b.Members) + len(b.Memberships) + len(b.MemberRatings) + len(b.OrgRatings) +
		len(b.Awards) + len(b.Disciplines) + len(b.Absences) + len(b.Gaps) + len(b.Leaders)
}

// MaxListed is how many added records and changes of one sheet a report
// lists; the rest are counted.
const MaxListed = 500

// ImportCounts says what an import did with one kind of record, and lists
// the first additions and changes.
type ImportCounts struct {
	Added     int
	Changed   int
	Unchanged int
	AddedList []string       // the records added, described
	Changes   []RecordChange // the records changed, field by field
}

func (c *ImportCounts) added(what string) {
	c.Added++
	if len(c.AddedList) < MaxListed {
		c.AddedList = append(c.AddedList, what)
	}
}

func (c *ImportCounts) changed(ch RecordChange) {
	c.Changed++
	if len(c.Changes) < MaxListed {
		c.Changes = append(c.Changes, ch)
	}
}

// RecordChange is one record an import changes: what it is and each field
// with its old and new value, as users read them.
type RecordChange struct {
	Record string
	Fields []FieldChange
}

// FieldChange is one field's old and new value.
type FieldChange struct {
	Field, Old, New string
}

func (c RecordChange) String() string {
	var fs []string
	for _, f := range c.Fields {
		fs = append(fs, fmt.Sprintf("%s: %s → %s", f.Field, orDash(f.Old), orDash(f.New)))
	}
	return c.Record + " — " + strings.Join(fs, "; ")
}

func orDash(s string) string {
	if s == "" {
		return "(trống)"
	}
	return s
}

// Transfer is a member an import moves from a cell outside what the file
// covers into one inside it (or leaves where another exchange put them).
type Transfer struct {
	Member   string // name and card number
	From, To string // cell paths
	Kept     bool   // the member had moved on since: left where they are
}

func (t Transfer) String() string {
	if t.Kept {
		return fmt.Sprintf("%s: tệp ghi ở %s, nhưng đảng viên đã chuyển sang %s (sau khi tệp được lập) — giữ nguyên", t.Member, t.To, t.From)
	}
	return fmt.Sprintf("%s: chuyển sinh hoạt từ %s sang %s", t.Member, t.From, t.To)
}

// ImportReport is the outcome of an import or a dry run.
type ImportReport struct {
	DryRun        bool
	Scope         string // the organisation whose subtree the file covers; "" for the whole database
	Orgs          ImportCounts
	Events        ImportCounts
	Members       ImportCounts
	Memberships   ImportCounts
	MemberRatings ImportCounts
	OrgRatings    ImportCounts
	Awards        ImportCounts
	Disciplines   ImportCounts
	Absences      ImportCounts
	Gaps          ImportCounts
	Leaders       ImportCounts
	Transfers     []Transfer
	Conversions   []Conversion
	Errors        []ImportError
	Warnings      []string
}

// SheetCounts is one sheet's line of a report.
type SheetCounts struct {
	Sheet Sheet
	*ImportCounts
}

// Sheets lists the report's counts sheet by sheet, in workbook order.
func (r *ImportReport) Sheets() []SheetCounts {
	return []SheetCounts{{SheetOrgs, &r.Orgs}, {SheetMembers, &r.Members}, {SheetMemberRatings, &r.MemberRatings},
		{SheetOrgRatings, &r.OrgRatings}, {SheetAwards, &r.Awards}, {SheetEvents, &r.Events}, {SheetMemberships, &r.Memberships},
		{SheetDisciplines, &r.Disciplines}, {SheetAbsences, &r.Absences}, {SheetGaps, &r.Gaps}, {SheetLeaders, &r.Leaders}}
}

// Counts returns the counts of one sheet.
func (r *ImportReport) Counts(s Sheet) *ImportCounts {
	for _, c := range r.Sheets() {
		if c.Sheet == s {
			return c.ImportCounts
		}
	}
	return nil
}

// Writes reports whether the import adds or changes anything.
func (r *ImportReport) Writes() bool {
	for _, c := range r.Sheets() {
		if c.Added+c.Changed > 0 {
			return true
		}
	}
	return false
}

// Written reports whether the import was committed.
func (r *ImportReport) Written() bool { return !r.DryRun && len(r.Errors) == 0 }
