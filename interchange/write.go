package interchange

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"xeploai/domain"
	"xeploai/safefile"
	"xeploai/xlsx"
)

// Source is what an export reads: a consistent view of the records of the
// whole database or of one organisation's subtree (store.Snapshot is one).
type Source interface {
	Tree() *domain.Tree
	Scope() int64
	Orgs(fn func(o *domain.Org) error) error // parents before children
	Events(fn func(e *domain.OrgEvent) error) error
	EachMember(fn func(m *domain.Member) error) error
	EachMembership(fn func(ms *domain.Membership, who *domain.MemberRef) error) error
	EachMemberRating(fn func(r *domain.MemberRating, who *domain.MemberRef) error) error
	EachOrgRating(fn func(r *domain.OrgRating) error) error
	EachAward(fn func(a *domain.Award, who *domain.MemberRef, cellID int64) error) error
	EachDiscipline(fn func(d *domain.Discipline, who *domain.MemberRef, cellID int64) error) error
	EachAbsence(fn func(a *domain.Absence, who *domain.MemberRef, cellID int64) error) error
	EachGap(fn func(g *domain.PartyAgeGap, who *domain.MemberRef, cellID int64) error) error
	EachLeader(fn func(l *domain.Leader, who *domain.MemberRef, cellID int64) error) error
}

// ExportOptions say what goes in the "Thông tin" sheet and how an export
// reports its progress.
type ExportOptions struct {
	Program string      // "xeploai 1.2.0"
	Date    domain.Date // the export's date (zero: today)
	// Progress, if set, is told the sheet being written and how many of its
	// rows are written, now and then.
	Progress func(sheet string, rows int)
}

// MaxSheetRows is how many rows (the header included) a workbook sheet
// holds before the sheet goes on in "Name (2)": Excel's limit. Tests lower
// it.
var MaxSheetRows = xlsx.ExcelRows

// kind of a value written.
const (
	vEmpty = iota
	vText
	vNumber
	vDate
)

// val is one value of a row: text, a number or a date (n as yyyymmdd).
type val struct {
	s    string
	n    float64
	kind byte
}

// day is the date of a vDate value.
func (v val) day() domain.Date {
	n := int(v.n)
	return domain.Date{Year: n / 10000, Month: n / 100 % 100, Day: n % 100}
}

func text(s string) val { return val{kind: vText, s: s} }
func number(n int) val  { return val{kind: vNumber, n: float64(n)} }
func date(d domain.Date) val {
	if d.IsZero() {
		return val{}
	}
	return val{kind: vDate, n: float64(d.Year*10000 + d.Month*100 + d.Day)}
}

// optNumber is a whole number, or nothing when it is 0.
func optNumber(n int) val {
	if n == 0 {
		return val{}
	}
	return number(n)
}

// optionalLevel is a level that may not be there.
func optionalLevel(l domain.Level) val {
	if l == domain.LevelNone {
		return val{}
	}
	return text(l.Name())
}

func decimal(f *float64) val {
	if f == nil {
		return val{}
	}
	return val{kind: vNumber, n: *f}
}

// exporter produces the rows of each sheet from a source.
type exporter struct {
	src  Source
	tree *domain.Tree
	row  []val
}

// ref is an organisation as a file names it: its code (every organisation
// has one), else its name.
func (e *exporter) ref(id int64) string {
	o := e.tree.Org(id)
	if o == nil {
		return ""
	}
	if o.Code != "" {
		return o.Code
	}
	return o.Name
}

func (e *exporter) parentRef(id int64) string {
	if o := e.tree.Org(id); o != nil {
		return e.ref(o.ParentID)
	}
	return ""
}

// emit sends the row built from vals, in the exporter's buffer: a row
// passed to a sheet's function is valid until it returns.
func (e *exporter) emit(fn func([]val) error, vals ...val) error {
	e.row = append(e.row[:0], vals...)
	return fn(e.row)
}

// whoRow starts a row in the exporter's buffer with the member columns.
func (e *exporter) whoRow(who *domain.MemberRef) []val {
	if e.row == nil {
		e.row = make([]val, 0, 32)
	}
	e.row = append(e.row[:0], text(who.CardNo), text(who.HistoryNo), text(who.FullName), date(who.BirthDate))
	return e.row
}

// rows produces the rows of sheet s, in column order.
func (e *exporter) rows(s Sheet, fn func([]val) error) error {
	switch s {
	case SheetOrgs:
		return e.src.Orgs(func(o *domain.Org) error {
			return e.emit(fn, text(o.Code), text(o.Name), text(o.Kind.Label()), text(e.ref(o.ParentID)), date(o.FoundedOn),
				date(o.DissolvedOn), text(e.ref(o.MergedInto)), text(o.Note))
		})
	case SheetEvents:
		return e.src.Events(func(ev *domain.OrgEvent) error {
			return e.emit(fn, date(ev.On), text(ev.Kind.Label()), text(e.ref(ev.OrgID)), text(ev.OldName), text(ev.NewName),
				text(e.ref(ev.OldParent)), text(e.ref(ev.NewParent)), text(e.ref(ev.OtherID)), text(ev.Note))
		})
	case SheetMembers:
		return e.src.EachMember(func(m *domain.Member) error {
			return e.emit(fn, text(m.FullName), text(m.BirthName), date(m.BirthDate), text(m.Sex.Label()), text(m.BirthPlace),
				text(m.Ethnicity), text(m.Religion), text(m.HomeTown), text(m.HomeTownNew), text(m.Education), text(m.TheoryLevel),
				text(m.Occupation), date(m.AdmittedOn), date(m.OfficialOn), text(m.CardNo), text(m.HistoryNo), text(m.BadgeNo),
				text(e.ref(m.CellID)), text(e.parentRef(m.CellID)), text(m.Status.Label()), date(m.StatusOn), text(m.LeftForm), text(m.Note))
		})
	case SheetMemberships:
		return e.src.EachMembership(func(ms *domain.Membership, who *domain.MemberRef) error {
			return fn(append(e.whoRow(who), text(e.ref(ms.OrgID)), date(ms.From), date(ms.To)))
		})
	case SheetMemberRatings:
		return e.src.EachMemberRating(func(r *domain.MemberRating, who *domain.MemberRef) error {
			return e.emit(fn, number(r.Year), text(who.CardNo), text(who.HistoryNo), text(who.FullName), date(who.BirthDate),
				text(e.ref(r.OrgID)), text(e.parentRef(r.OrgID)), text(r.Level.Name()), decimal(r.Score), text(r.NotRatedReason),
				optionalLevel(r.CivilService), text(r.Note))
		})
	case SheetOrgRatings:
		return e.src.EachOrgRating(func(r *domain.OrgRating) error {
			o := e.tree.Org(r.OrgID)
			return e.emit(fn, number(r.Year), text(o.Code), text(o.Name), text(e.parentRef(r.OrgID)), text(r.Level.Name()),
				decimal(r.Score), text(r.NotRatedReason), optionalLevel(r.MassOrgs), text(r.Note))
		})
	case SheetAwards:
		return e.src.EachAward(func(a *domain.Award, who *domain.MemberRef, cellID int64) error {
			vals := append(e.row[:0], number(a.Year), text(a.FormText()), text(a.Content), optNumber(a.YearFrom), optNumber(a.YearTo),
				text(a.DecisionNo), date(a.DecisionDate), text(a.Issuer))
			if who != nil {
				vals = append(vals, text(who.CardNo), text(who.HistoryNo), text(who.FullName), date(who.BirthDate))
				vals = append(vals, text(e.ref(cellID)), val{}, val{}, text(e.parentRef(cellID)))
			} else {
				o := e.tree.Org(a.OrgID)
				vals = append(vals, val{}, val{}, val{}, val{}, val{}, text(o.Code), text(o.Name), text(e.parentRef(a.OrgID)))
			}
			return fn(append(vals, text(a.Note)))
		})
	case SheetDisciplines:
		return e.src.EachDiscipline(func(d *domain.Discipline, who *domain.MemberRef, cellID int64) error {
			var vals []val
			if who != nil {
				vals = append(e.whoRow(who), text(e.ref(cellID)), val{})
			} else {
				vals = append(e.row[:0], val{}, val{}, val{}, val{}, val{}, text(e.ref(d.OrgID)))
			}
			return fn(append(vals, date(d.On), text(d.Form), text(d.Reason), text(d.DecisionNo), text(domain.YesNo(d.SelfCorrected))))
		})
	case SheetAbsences:
		return e.src.EachAbsence(func(a *domain.Absence, who *domain.MemberRef, cellID int64) error {
			months := val{}
			if a.Months != 0 {
				months = decimal(&a.Months)
			}
			return fn(append(e.whoRow(who), text(e.ref(cellID)), number(a.Year), text(a.Kind.Label()), months, text(a.Note)))
		})
	case SheetGaps:
		return e.src.EachGap(func(g *domain.PartyAgeGap, who *domain.MemberRef, cellID int64) error {
			return fn(append(e.whoRow(who), text(e.ref(cellID)), date(g.From), date(g.To), text(g.Reason)))
		})
	case SheetLeaders:
		return e.src.EachLeader(func(l *domain.Leader, who *domain.MemberRef, cellID int64) error {
			return fn(append(e.whoRow(who), text(e.ref(cellID)), text(e.ref(l.OrgID)), text(l.Role), date(l.From), date(l.To)))
		})
	}
	return fmt.Errorf("unknown sheet %d", s)
}

// infoRows are the lines of the "Thông tin" sheet.
func infoRows(src Source, opt ExportOptions) []string {
	day := opt.Date
	if day.IsZero() {
		day = domain.Today()
	}
	scope := "toàn bộ cơ sở dữ liệu"
	if id := src.Scope(); id != 0 {
		o := src.Tree().Org(id)
		scope = fmt.Sprintf("%s (mã %s) và các tổ chức trực thuộc", o.Name, o.Code)
	}
	return []string{
		fmt.Sprintf("Phiên bản định dạng: %d", FormatVersion),
		"Chương trình: " + opt.Program,
		"Ngày xuất: " + day.String(),
		"Phạm vi: " + scope,
	}
}

// WriteXLSXFile writes the source as one workbook at path, readable by the
// owner only, replacing the file only once it is complete.
func WriteXLSXFile(path string, src Source, opt ExportOptions) error {
	return safefile.Write(path, func(w io.Writer) error { return WriteXLSX(w, src, opt) })
}

// WriteXLSX writes every sheet to w as it is read: a bold frozen header,
// dates as Excel dates shown dd/mm/yyyy, numbers as numbers, text as text
// (never a formula). A sheet longer than Excel allows goes on in
// "Name (2)", "Name (3)" …; the "Thông tin" sheet comes last.
func WriteXLSX(w io.Writer, src Source, opt ExportOptions) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	xw := xlsx.NewWriter(bw)
	e := &exporter{src: src, tree: src.Tree(), row: make([]val, 0, 32)}
	for _, s := range Sheets {
		cols := Columns(s)
		widths := make([]float64, len(cols))
		for i, c := range cols {
			widths[i] = columnWidth(c)
		}
		part := 1
		sw, err := xw.NewSheet(PartName(s, part), widths, cols)
		if err != nil {
			return err
		}
		total := 0
		cells := make([]xlsx.Value, len(cols))
		err = e.rows(s, func(vals []val) error {
			if sw.Rows() >= MaxSheetRows {
				part++
				if sw, err = xw.NewSheet(PartName(s, part), widths, cols); err != nil {
					return err
				}
			}
			for i, v := range vals {
				switch v.kind {
				case vText:
					cells[i] = xlsx.TextValue(v.s)
				case vNumber:
					cells[i] = xlsx.NumberValue(v.n)
				case vDate:
					cells[i] = xlsx.DateValue(v.day().ExcelSerial())
				default:
					cells[i] = xlsx.Value{}
				}
			}
			total++
			if opt.Progress != nil && total%10_000 == 0 {
				opt.Progress(s.Name(), total)
			}
			return sw.Row(cells[:len(vals)])
		})
		if err != nil {
			return err
		}
	}
	info, err := xw.NewSheet(InfoSheet, []float64{80}, nil)
	if err != nil {
		return err
	}
	for _, line := range infoRows(src, opt) {
		if err := info.Row([]xlsx.Value{xlsx.TextValue(line)}); err != nil {
			return err
		}
	}
	xw.SetActive(1) // the members
	if err := xw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

func columnWidth(col string) float64 {
	switch col {
	case ColOrgName, ColCell, ColParent, ColContent, ColFullName, ColOldName, ColNewName:
		return 32
	case ColNote, ColHomeTown, ColHomeTownNew, ColBirthPlace, ColIssuer, ColLevel, ColReason, ColForm, ColWhy, ColRole, ColEvent,
		ColCivilService, ColMassOrgs, ColSelfCorrected:
		return 24
	case ColYear, ColSex, ColScore, ColMonths, ColYearFrom, ColYearTo:
		return 8
	}
	return 14
}

// CSVName is the file a sheet (or its part) is written to in a CSV export.
func CSVName(s Sheet) string { return s.Name() + ".csv" }

// WriteCSVDir writes every sheet as a CSV file named after it in dir, a
// sheet longer than Excel opens going on in "Name (2).csv" …, and the
// "Thông tin" sheet as "Thông tin.csv".
func WriteCSVDir(dir string, src Source, opt ExportOptions) error {
	// All or nothing: the files are written into a folder of their own
	// inside dir, then put in place once all are written and every name
	// they take is one that may be written over — a full disk or a refused
	// name half-way leaves dir as it was.
	RemoveStaleExports(dir)
	tmp, err := os.MkdirTemp(dir, fmt.Sprintf(".xeploai-%d-export-", os.Getpid()))
	if err != nil {
		return domain.Errorf(domain.EINVALID, "", "không ghi được vào thư mục %s: %s", dir, safefile.Cause(err))
	}
	defer os.RemoveAll(tmp)
	if err := writeCSVFiles(tmp, src, opt); err != nil {
		return err
	}
	written, err := os.ReadDir(tmp)
	if err != nil {
		return err
	}
	for _, f := range written {
		if err := safefile.CheckTarget(filepath.Join(dir, f.Name())); err != nil {
			return err
		}
	}
	for _, f := range written {
		if err := os.Rename(filepath.Join(tmp, f.Name()), filepath.Join(dir, f.Name())); err != nil {
			return domain.Errorf(domain.EINVALID, "", "không ghi được %s: %s", filepath.Join(dir, f.Name()), safefile.Cause(err))
		}
	}
	return nil
}

// RemoveStaleExports removes the folders that exports killed half-way left
// in dir (those of processes no longer running).
func RemoveStaleExports(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		var pid int
		if e.IsDir() && strings.HasPrefix(e.Name(), ".xeploai-") {
			if _, err := fmt.Sscanf(e.Name(), ".xeploai-%d-export-", &pid); err == nil && pid != os.Getpid() && !safefile.ProcessAlive(pid) {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
	}
}

// writeCSVFiles writes every sheet and the information sheet into dir.
func writeCSVFiles(dir string, src Source, opt ExportOptions) error {
	e := &exporter{src: src, tree: src.Tree(), row: make([]val, 0, 32)}
	for _, s := range Sheets {
		if err := writeCSVParts(dir, e, s, opt); err != nil {
			return err
		}
	}
	return safefile.Write(filepath.Join(dir, InfoSheet+".csv"), func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		bw.WriteString("\xef\xbb\xbf")
		cw := csv.NewWriter(bw)
		for _, line := range infoRows(src, opt) {
			cw.Write([]string{line})
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// errStopped stops the rows of a sheet whose writing failed.
var errStopped = errors.New("stopped")

// writeCSVParts writes a sheet's rows as they are read into one file, or
// several when they pass Excel's limit: the rows come from a goroutine, and
// each file is written (and put in place) whole before the next.
func writeCSVParts(dir string, e *exporter, s Sheet, opt ExportOptions) error {
	// The rows travel in batches (a channel send per row costs more than
	// writing it), their values copied into the batch, which comes back to
	// be filled again.
	type batch struct {
		vals []val
		ends []int
	}
	const size = 512
	rows := make(chan *batch, 4)
	free := make(chan *batch, 8)
	stop := make(chan struct{})
	read := make(chan error, 1)
	go func() {
		defer close(rows)
		b := &batch{}
		send := func() bool {
			select {
			case rows <- b:
			case <-stop:
				return false
			}
			select {
			case b = <-free:
				b.vals, b.ends = b.vals[:0], b.ends[:0]
			default:
				b = &batch{}
			}
			return true
		}
		err := e.rows(s, func(vals []val) error {
			b.vals = append(b.vals, vals...)
			if b.ends = append(b.ends, len(b.vals)); len(b.ends) == size && !send() {
				return errStopped
			}
			return nil
		})
		if err == nil && len(b.ends) > 0 && !send() {
			err = errStopped
		}
		read <- err
	}()
	var cur *batch
	at, start := 0, 0
	// next returns the next row; false at the end.
	next := func() ([]val, bool) {
		for cur == nil || at == len(cur.ends) {
			if cur != nil {
				select {
				case free <- cur:
				default:
				}
			}
			var more bool
			if cur, more = <-rows; !more {
				cur = nil
				return nil, false
			}
			at, start = 0, 0
		}
		r := cur.vals[start:cur.ends[at]]
		start = cur.ends[at]
		at++
		return r, true
	}
	row, ok := next()
	total := 0
	var err error
	for part := 1; err == nil && (part == 1 || ok); part++ {
		name := CSVName(s)
		if part > 1 {
			name = PartName(s, part) + ".csv"
		}
		err = safefile.Write(filepath.Join(dir, name), func(w io.Writer) error {
			bw := bufio.NewWriterSize(w, 1<<20)
			if _, err := bw.WriteString("\xef\xbb\xbf"); err != nil {
				return err
			}
			cw := csv.NewWriter(bw)
			if err := cw.Write(Columns(s)); err != nil {
				return err
			}
			rec := make([]string, len(Columns(s)))
			for n := 1; ok && n < MaxSheetRows; n++ {
				if err := cw.Write(csvRecord(rec, row)); err != nil {
					return err
				}
				if total++; opt.Progress != nil && total%10_000 == 0 {
					opt.Progress(s.Name(), total)
				}
				row, ok = next()
			}
			cw.Flush()
			if err := cw.Error(); err != nil {
				return err
			}
			return bw.Flush()
		})
	}
	close(stop)
	for range rows {
	}
	if rerr := <-read; err == nil && rerr != errStopped {
		err = rerr
	}
	return err
}

// csvRecord writes a row's values as CSV fields: dates dd/mm/yyyy, and text
// that a spreadsheet would take for a formula neutralised with a leading
// apostrophe.
func csvRecord(rec []string, vals []val) []string {
	for i, v := range vals {
		switch v.kind {
		case vText:
			rec[i] = domain.NeutralizeFormula(v.s)
		case vNumber:
			rec[i] = strconv.FormatFloat(v.n, 'f', -1, 64)
		case vDate:
			rec[i] = v.day().String()
		default:
			rec[i] = ""
		}
	}
	return rec[:len(vals)]
}
