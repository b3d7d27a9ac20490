package interchange

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"sort"
	"strings"

	"xeploai/domain"
	"xeploai/safefile"
	"xeploai/xlsx"
)

// Layout is what a sheet's header row holds, for the user to map its
// columns: each column found with a few values under it, the column of the
// format it stands for (by its header, or the user's mapping), and the
// required columns none stands for.
type Layout struct {
	File    string // the file's name
	Sheet   string // the sheet's name as the file has it
	Kind    Sheet
	Row     int // the header row
	Columns []ColumnLayout
	Missing []string // required columns not found
}

// ColumnLayout is one column of a sheet as found.
type ColumnLayout struct {
	Letter  string
	Header  string   // as written
	Column  string   // the canonical column it stands for, "" if none
	Ignored bool     // the user's mapping ignores it
	Samples []string // a few values under it
}

// Unknown lists the columns whose header stands for no column of the
// format (STT aside).
func (l *Layout) Unknown() []ColumnLayout {
	var out []ColumnLayout
	for _, c := range l.Columns {
		if c.Column == "" && !c.Ignored && domain.FoldKey(c.Header) != "" {
			out = append(out, c)
		}
	}
	return out
}

// NeedsMapping reports whether the user should say what the columns are:
// a required column is missing, or a column is unknown.
func (l *Layout) NeedsMapping() bool { return len(l.Missing) > 0 || len(l.Unknown()) > 0 }

// Key names the sheet's kind and set of headers, to remember a mapping
// for files laid out the same way.
func (l *Layout) Key() string {
	var hs []string
	for _, c := range l.Columns {
		if k := domain.FoldKey(c.Header); k != "" {
			hs = append(hs, k)
		}
	}
	sort.Strings(hs)
	sum := sha256.Sum256([]byte(l.Kind.Name() + "\x00" + strings.Join(hs, "\x00")))
	return hex.EncodeToString(sum[:8])
}

// Choices lists what a column of the sheet may be mapped to: its columns.
func (l *Layout) Choices() []string { return append([]string(nil), sheetColumns[l.Kind]...) }

// samples is how many values are shown under a column.
const samples = 3

// errInspected stops reading a sheet once its layout is known.
var errInspected = errors.New("inspected")

// Inspect reads the header rows of the files' known sheets (and a few rows
// under them), as the mapping in opt makes them: quick, whatever the files'
// size.
func Inspect(paths []string, opt Options) ([]Layout, error) {
	var out []Layout
	for _, p := range paths {
		ls, err := inspectFile(p, opt)
		if err != nil {
			return nil, err
		}
		out = append(out, ls...)
	}
	return out, nil
}

func inspectFile(path string, opt Options) ([]Layout, error) {
	name := filepath.Base(path)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		f, st, err := safefile.OpenRegular(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		book, err := openBook(f, st.Size(), name)
		if err != nil {
			return nil, err
		}
		var out []Layout
		for _, s := range book.Sheets {
			if isInfoSheet(s.Name) {
				continue
			}
			kind, _, ok := SheetByName(s.Name)
			if !ok && opt.Sheet != "" && tabular(book, s) {
				kind, _, ok = SheetByName(opt.Sheet)
			}
			if !ok {
				// Told by its header, or by most of it, for the mapping
				// to complete.
				g := &sheetGuess{opt: opt, loose: true}
				if err := book.Rows(s, g.add); err != nil && !errors.Is(err, errGuessed) {
					return nil, xlsxError(name, s.Name, err)
				}
				if kind, ok = g.done(); !ok {
					continue
				}
			}
			in := newInspector(name, s.Name, kind, opt)
			if err := book.Rows(s, in.add); err != nil && !errors.Is(err, errInspected) {
				return nil, xlsxError(name, s.Name, err)
			}
			out = append(out, in.layout())
		}
		return out, nil
	case ".csv", ".txt":
		sheetName := opt.Sheet
		if sheetName == "" {
			sheetName = strings.TrimSuffix(name, filepath.Ext(name))
		}
		kind, _, ok := SheetByName(sheetName)
		if !ok && opt.Sheet == "" && !isInfoSheet(sheetName) {
			var err error
			if kind, ok, err = guessCSV(path, sheetName, opt, true); err != nil {
				return nil, err
			}
		}
		if !ok {
			return nil, nil
		}
		f, _, err := safefile.OpenRegular(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		in := newInspector(name, sheetName, kind, opt)
		if err := eachCSVRow(f, sheetName, in.add); err != nil && !errors.Is(err, errInspected) {
			return nil, err
		}
		return []Layout{in.layout()}, nil
	}
	return nil, nil
}

// inspector finds a sheet's header row: the first that makes a header,
// else the one of the first rows where most headers are known, else the
// first with the most cells.
type inspector struct {
	t       *tableReader
	file    string
	best    []cell
	bestRow int
	score   [2]int // known headers, cells
	found   bool
	under   [][]cell
}

func newInspector(file, sheet string, kind Sheet, opt Options) *inspector {
	rd := newReading(opt)
	return &inspector{t: rd.newTable(kind, sheet, false), file: file}
}

func (in *inspector) add(n int, cells []cell) error {
	if in.found || n > headerScan {
		if len(in.under) >= samples || n > headerScan+samples*10 {
			return errInspected
		}
		if in.bestRow > 0 && n > in.bestRow && !emptyCells(cells) {
			in.under = append(in.under, append([]cell(nil), cells...))
		}
		return nil
	}
	known, filled := 0, 0
	for _, c := range cells {
		if strings.TrimSpace(c.Value) == "" {
			continue
		}
		filled++
		if _, ok := in.t.columnOf(c.Value); ok {
			known++
		}
	}
	in.t.tryHeader(cells)
	if in.t.header {
		in.found = true
	}
	switch {
	case in.found || known > in.score[0] || known == in.score[0] && filled > in.score[1]:
		in.best, in.bestRow, in.score = append([]cell(nil), cells...), n, [2]int{known, filled}
		in.under = nil
	case in.bestRow > 0 && filled > 0 && len(in.under) < samples:
		in.under = append(in.under, append([]cell(nil), cells...))
	}
	return nil
}

func emptyCells(cells []cell) bool {
	for _, c := range cells {
		if strings.TrimSpace(c.Value) != "" {
			return false
		}
	}
	return true
}

func (in *inspector) layout() Layout {
	l := Layout{File: in.file, Sheet: in.t.name, Kind: in.t.sheet, Row: in.bestRow}
	cols := map[string]bool{}
	for i, c := range in.best {
		if strings.TrimSpace(c.Value) == "" {
			continue
		}
		cl := ColumnLayout{Letter: xlsx.ColumnName(i), Header: domain.CleanText(c.Value)}
		if canon, ok := in.t.rd.opt.Map[domain.FoldKey(c.Value)]; ok && canon == "" {
			cl.Ignored = true
		}
		if canon, ok := in.t.columnOf(c.Value); ok && !cols[canon] {
			cols[canon] = true
			if canon != ColSTT {
				cl.Column = canon
			} else {
				cl.Column = ColSTT
			}
		}
		for _, row := range in.under {
			if i < len(row) && strings.TrimSpace(row[i].Value) != "" {
				cl.Samples = append(cl.Samples, domain.CleanText(row[i].Value))
			}
		}
		l.Columns = append(l.Columns, cl)
	}
	has := func(c string) bool { return cols[c] }
	if !isHeader(l.Kind, has) {
		for _, c := range requiredColumns(l.Kind) {
			if !cols[c] && !chosenOtherwise(l.Kind, c, has) {
				l.Missing = append(l.Missing, c)
			}
		}
	}
	return l
}

// chosenOtherwise reports whether required column c of a choice is
// stood for by another of the choice the header has: a member named by
// card or personal-history number (or, for an award or a discipline, an
// organisation instead), an organisation by its code.
func chosenOtherwise(s Sheet, c string, has func(string) bool) bool {
	switch {
	case c == ColFullName && s != SheetMembers:
		return identifiesMember(has) ||
			(s == SheetAwards || s == SheetDisciplines) && (has(ColOrgCode) || has(ColOrgName))
	case c == ColOrgName:
		return has(ColOrgCode)
	}
	return false
}

// requiredColumns lists the columns a sheet's header must have; of a
// choice (the member's card number, personal-history number or name), the
// name.
func requiredColumns(s Sheet) []string {
	switch s {
	case SheetOrgs:
		return []string{ColOrgName, ColKind}
	case SheetMembers:
		return []string{ColFullName, ColBirthDate, ColAdmitted, ColCell}
	case SheetMemberRatings:
		return []string{ColYear, ColLevel, ColFullName}
	case SheetOrgRatings:
		return []string{ColYear, ColLevel, ColOrgName}
	case SheetAwards:
		return []string{ColYear, ColForm, ColContent, ColFullName}
	case SheetEvents:
		return []string{ColDate, ColEvent, ColOrgCode}
	case SheetMemberships:
		return []string{ColCell, ColFullName}
	case SheetDisciplines:
		return []string{ColDate, ColForm, ColFullName}
	case SheetAbsences:
		return []string{ColYear, ColKind, ColFullName}
	case SheetGaps:
		return []string{ColFrom, ColTo, ColFullName}
	case SheetLeaders:
		return []string{ColOrgCode, ColFullName}
	}
	return nil
}
