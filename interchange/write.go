package interchange

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"xeploai/domain"
	"xeploai/safefile"
)

// Source is what an export reads: a consistent view of the records
// (store.Snapshot is one).
type Source interface {
	Tree() (*domain.Tree, error)
	Orgs() ([]domain.Org, error) // parents before children
	EachMember(fn func(m *domain.Member) error) error
	EachMemberRating(fn func(r *domain.MemberRating, who *domain.MemberRef) error) error
	EachOrgRating(fn func(r *domain.OrgRating) error) error
	EachAward(fn func(a *domain.Award, who *domain.MemberRef, cellID int64) error) error
}

// rowFunc receives one row of values: string, int, *float64 or domain.Date.
type rowFunc func(vals []any) error

// eachRow produces the rows of sheet s from src, in column order.
func eachRow(src Source, tree *domain.Tree, s Sheet, fn rowFunc) error {
	ref := func(id int64) string { // an organisation as a file names it
		o := tree.Org(id)
		if o == nil {
			return ""
		}
		if o.Code != "" {
			return o.Code
		}
		return o.Name
	}
	parentRef := func(id int64) string {
		if o := tree.Org(id); o != nil {
			return ref(o.ParentID)
		}
		return ""
	}
	level := func(l domain.Level) string { return l.Name() }
	optional := func(l domain.Level) string { // a level that may not be there
		if l == domain.LevelNone {
			return ""
		}
		return l.Name()
	}
	switch s {
	case SheetOrgs:
		orgs, err := src.Orgs()
		if err != nil {
			return err
		}
		for _, o := range orgs {
			if err := fn([]any{o.Code, o.Name, o.Kind.Label(), ref(o.ParentID), o.Note}); err != nil {
				return err
			}
		}
		return nil
	case SheetMembers:
		return src.EachMember(func(m *domain.Member) error {
			return fn([]any{m.FullName, m.BirthName, m.BirthDate, m.Sex.Label(), m.BirthPlace, m.Ethnicity, m.Religion,
				m.HomeTown, m.HomeTownNew, m.Education, m.TheoryLevel, m.Occupation, m.AdmittedOn, m.OfficialOn,
				m.CardNo, m.HistoryNo, m.BadgeNo, ref(m.CellID), parentRef(m.CellID), m.Status.Label(), m.Note})
		})
	case SheetMemberRatings:
		return src.EachMemberRating(func(r *domain.MemberRating, who *domain.MemberRef) error {
			return fn([]any{r.Year, who.CardNo, who.HistoryNo, who.FullName, who.BirthDate, ref(r.OrgID), parentRef(r.OrgID),
				level(r.Level), r.Score, r.NotRatedReason, optional(r.CivilService), r.Note})
		})
	case SheetOrgRatings:
		return src.EachOrgRating(func(r *domain.OrgRating) error {
			o := tree.Org(r.OrgID)
			return fn([]any{r.Year, o.Code, o.Name, parentRef(r.OrgID), level(r.Level), r.Score, r.NotRatedReason, optional(r.MassOrgs), r.Note})
		})
	case SheetAwards:
		return src.EachAward(func(a *domain.Award, who *domain.MemberRef, cellID int64) error {
			vals := []any{a.Year, a.FormText(), a.Content, a.DecisionNo, a.DecisionDate, a.Issuer}
			if who != nil {
				vals = append(vals, who.CardNo, who.HistoryNo, who.FullName, who.BirthDate, ref(cellID), "", "", parentRef(cellID))
			} else {
				o := tree.Org(a.OrgID)
				vals = append(vals, "", "", "", domain.Date{}, "", o.Code, o.Name, parentRef(a.OrgID))
			}
			return fn(append(vals, a.Note))
		})
	}
	return fmt.Errorf("unknown sheet %d", s)
}

// WriteXLSXFile writes the whole database as one workbook at path, readable
// by the owner only, replacing the file only once it is complete.
func WriteXLSXFile(path string, src Source) error {
	return safefile.Write(path, func(w io.Writer) error { return WriteXLSX(w, src) })
}

// WriteXLSX writes the five sheets to w: bold frozen header, dates as Excel
// dates shown dd/mm/yyyy, numbers as numbers.
func WriteXLSX(w io.Writer, src Source) error {
	tree, err := src.Tree()
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F0"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	dateFmt := "dd/mm/yyyy"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	for i, s := range Sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name()); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name()); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(s.Name())
		if err != nil {
			return err
		}
		cols := s.Columns()
		for c, name := range cols {
			if err := sw.SetColWidth(c+1, c+1, columnWidth(name)); err != nil {
				return err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		header := make([]any, len(cols))
		for c, name := range cols {
			header[c] = excelize.Cell{StyleID: bold, Value: name}
		}
		if err := sw.SetRow("A1", header); err != nil {
			return err
		}
		row := 1
		err = eachRow(src, tree, s, func(vals []any) error {
			row++
			cells := make([]any, len(vals))
			for c, v := range vals {
				switch v := v.(type) {
				case domain.Date:
					if !v.IsZero() {
						cells[c] = excelize.Cell{StyleID: dateStyle, Value: v.ExcelSerial()}
					}
				case *float64:
					if v != nil {
						cells[c] = *v
					}
				default:
					cells[c] = v
				}
			}
			axis, _ := excelize.CoordinatesToCellName(1, row)
			return sw.SetRow(axis, cells)
		})
		if err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	f.SetActiveSheet(1)
	return f.Write(w)
}

func columnWidth(col string) float64 {
	switch col {
	case ColOrgName, ColCell, ColParent, ColContent, ColFullName:
		return 32
	case ColNote, ColHomeTown, ColHomeTownNew, ColBirthPlace, ColIssuer, ColLevel, ColReason, ColForm, ColCivilService, ColMassOrgs:
		return 24
	case ColYear, ColSex, ColScore:
		return 8
	}
	return 14
}

// WriteCSVDir writes the five sheets as CSV files named after them in dir.
func WriteCSVDir(dir string, src Source) error {
	tree, err := src.Tree()
	if err != nil {
		return err
	}
	for _, s := range Sheets {
		err := safefile.Write(filepath.Join(dir, s.Name()+".csv"), func(w io.Writer) error {
			return writeCSV(w, src, tree, s)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// writeCSV writes one sheet as UTF-8 CSV with a BOM (so that Excel reads the
// Vietnamese right), dates as dd/mm/yyyy, and text that a spreadsheet would
// take for a formula neutralised with a leading apostrophe.
func writeCSV(w io.Writer, src Source, tree *domain.Tree, s Sheet) error {
	if _, err := io.WriteString(w, "\xef\xbb\xbf"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(s.Columns()); err != nil {
		return err
	}
	err := eachRow(src, tree, s, func(vals []any) error {
		rec := make([]string, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case domain.Date:
				rec[i] = v.String()
			case *float64:
				rec[i] = domain.ScoreText(v)
			case int:
				rec[i] = fmt.Sprint(v)
			case string:
				rec[i] = domain.NeutralizeFormula(v)
			}
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// unneutralize undoes domain.NeutralizeFormula on a cell read back from CSV.
func unneutralize(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}
