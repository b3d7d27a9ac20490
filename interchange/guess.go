package interchange

import (
	"errors"
	"fmt"
	"io"

	"xeploai/domain"
	"xeploai/safefile"
)

// guessOrder is the order sheets are tried in when a sheet's name does not
// say which it is: the more particular headers first (a members sheet's
// header is also one of memberships).
var guessOrder = []Sheet{SheetMembers, SheetMemberRatings, SheetOrgRatings, SheetAwards, SheetEvents, SheetDisciplines,
	SheetAbsences, SheetGaps, SheetLeaders, SheetOrgs, SheetMemberships}

// errGuessed stops the reading of a sheet's first rows once they are seen.
var errGuessed = errors.New("guessed")

// sheetGuess tells which sheet a sheet or CSV file of a name xeploai does
// not know ("Sheet1", "DS dang vien.csv") is, by its header: of its first
// rows, the one that names the most columns of one sheet (read with the
// user's column mapping), when that is the sheet's header; loosely, when it
// names at least three of them, so that the column mapping can complete
// it. A row that is a weaker sheet's header (a members' header is also one
// of memberships) does not count against a stronger match.
type sheetGuess struct {
	opt    Options
	loose  bool
	best   int   // the most columns of one sheet a row names
	sheet  Sheet // that sheet
	header bool  // whether that row is the sheet's header
}

// done is the guess once the rows are seen.
func (g *sheetGuess) done() (Sheet, bool) {
	return g.sheet, g.best > 0 && (g.header || (g.loose && g.best >= 3))
}

func (g *sheetGuess) add(n int, cells []cell) error {
	if n > headerScan {
		return errGuessed
	}
	rd := &reading{opt: g.opt}
	for _, s := range guessOrder {
		t := &tableReader{rd: rd, sheet: s}
		cols := map[string]bool{}
		for _, c := range cells {
			if canon, ok := t.columnOf(c.Value); ok && canon != ColSTT {
				cols[canon] = true
			}
		}
		if len(cols) > g.best {
			g.best, g.sheet, g.header = len(cols), s, isHeader(s, func(c string) bool { return cols[c] })
		}
	}
	return nil
}

// guessed is the warning that a sheet was read as another by its header.
func guessed(name string, s Sheet) string {
	return fmt.Sprintf("%q được đọc như trang %q (theo dòng tiêu đề)", name, s.Name())
}

// guessCSV tells the sheet of the CSV file at path by its header (loosely:
// see sheetGuess).
func guessCSV(path, name string, opt Options, loose bool) (Sheet, bool, error) {
	f, _, err := safefile.OpenRegular(path)
	if err != nil {
		return 0, false, err
	}
	defer f.Close()
	return guessCSVFrom(f, name, opt, loose)
}

func guessCSVFrom(r io.Reader, name string, opt Options, loose bool) (Sheet, bool, error) {
	g := &sheetGuess{opt: opt, loose: loose}
	if err := eachCSVRow(r, name, g.add); err != nil && !errors.Is(err, errGuessed) {
		var de *domain.Error
		if errors.As(err, &de) {
			return 0, false, err
		}
		return 0, false, nil
	}
	s, ok := g.done()
	return s, ok, nil
}
