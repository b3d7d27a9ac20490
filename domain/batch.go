package domain

import "fmt"

// Loc names a place in an imported file: sheet, row (1-based, as the
// spreadsheet shows it), column letter and the column's field name.
type Loc struct {
	Sheet  string
	Row    int
	Column string // column letter, "F"; "" when the place is the whole row
	Field  string // canonical column name, "Ngày sinh"
}

func (l Loc) String() string {
	s := l.Sheet
	if l.Row > 0 {
		s += fmt.Sprintf(", dòng %d", l.Row)
	}
	switch {
	case l.Column != "" && l.Field != "":
		s += fmt.Sprintf(", cột %s (%s)", l.Column, l.Field)
	case l.Field != "":
		s += fmt.Sprintf(", cột %s", l.Field)
	}
	return s
}

// ImportError is one problem found in an imported file, with its place.
type ImportError struct {
	Loc
	Message string
}

func (e ImportError) Error() string { return e.Loc.String() + ": " + e.Message }

// RowSource is where a parsed record came from: its sheet and row, and the
// columns the sheet has, by canonical field name ("Ngày sinh") → letter.
type RowSource struct {
	Sheet string
	Row   int
	Cols  map[string]string
}

// Has reports whether the sheet has a column for field.
func (s RowSource) Has(field string) bool { _, ok := s.Cols[field]; return ok }

// At returns the place of field in this row.
func (s RowSource) At(field string) Loc {
	return Loc{Sheet: s.Sheet, Row: s.Row, Column: s.Cols[field], Field: field}
}

// Errorf returns an ImportError at field of this row.
func (s RowSource) Errorf(field, format string, args ...any) ImportError {
	return ImportError{Loc: s.At(field), Message: fmt.Sprintf(format, args...)}
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
	Src    RowSource
	Org    Org
	Parent string // the parent's code or name
}

// MemberRow is a member read from a file.
type MemberRow struct {
	Src    RowSource
	Member Member
	Cell   OrgRef
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

// Batch is everything read from the files of one import.
type Batch struct {
	Orgs          []OrgRow
	Members       []MemberRow
	MemberRatings []MemberRatingRow
	OrgRatings    []OrgRatingRow
	Awards        []AwardRow
	Errors        []ImportError // problems found while reading
	Warnings      []string      // e.g. ignored columns
	Source        string        // the files read, for the history
}

// Append adds o's rows, errors and warnings to b.
func (b *Batch) Append(o *Batch) {
	if b.Source == "" {
		b.Source = o.Source
	} else if o.Source != "" {
		b.Source += ", " + o.Source
	}
	b.Orgs = append(b.Orgs, o.Orgs...)
	b.Members = append(b.Members, o.Members...)
	b.MemberRatings = append(b.MemberRatings, o.MemberRatings...)
	b.OrgRatings = append(b.OrgRatings, o.OrgRatings...)
	b.Awards = append(b.Awards, o.Awards...)
	b.Errors = append(b.Errors, o.Errors...)
	b.Warnings = append(b.Warnings, o.Warnings...)
}

// Len is the number of records in the batch.
func (b *Batch) Len() int {
	return len(b.Orgs) + len(b.Members) + len(b.MemberRatings) + len(b.OrgRatings) + len(b.Awards)
}

// ImportCounts says what an import did with one kind of record.
type ImportCounts struct {
	Added     int
	Changed   int
	Unchanged int
}

// ImportReport is the outcome of an import or a dry run.
type ImportReport struct {
	DryRun        bool
	Orgs          ImportCounts
	Members       ImportCounts
	MemberRatings ImportCounts
	OrgRatings    ImportCounts
	Awards        ImportCounts
	Errors        []ImportError
	Warnings      []string
}

// Written reports whether the import was committed.
func (r *ImportReport) Written() bool { return !r.DryRun && len(r.Errors) == 0 }
