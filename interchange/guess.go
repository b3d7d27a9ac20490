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
// not know ("Sheet1", "DS dang vien.csv") is, by its header: the first of
// its first rows that is the header of one of the sheets, read with the
// user's column mapping.
type sheetGuess struct {
	opt   Options
	sheet Sheet
	ok    bool
	// loose: failing a header, the sheet with the most columns known in a
	// row (at least three), so that the column mapping can complete it.
	loose bool
	best  int
	bestS Sheet
}

// done is the guess once the rows are seen.
func (g *sheetGuess) done() (Sheet, bool) {
	if !g.ok && g.loose && g.best >= 3 {
		return g.bestS, true
	}
	return g.sheet, g.ok
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
			if canon, ok := t.columnOf(c.Value); ok {
				cols[canon] = true
			}
		}
		if isHeader(s, func(c string) bool { return cols[c] }) {
			g.sheet, g.ok = s, true
			return errGuessed
		}
		if len(cols) > g.best {
			g.best, g.bestS = len(cols), s
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
