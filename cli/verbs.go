package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"xeploai/demo"
	"xeploai/domain"
	"xeploai/exchange"
	"xeploai/interchange"
	"xeploai/report"
	"xeploai/safefile"
	"xeploai/store"
	"xeploai/store/postgres"
)

// multiFlag collects a flag given several times (--map).
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ", ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func runImport(ctx context.Context, e *Env, g *globals, args []string) (err error) {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dryRun := fs.Bool("dry-run", false, "")
	sheet := fs.String("sheet", "", "")
	var maps multiFlag
	fs.Var(&maps, "map", "")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("import: cần ít nhất một tệp .xlsx hoặc .csv")
	}
	if files, err = expandInputs(files); err != nil {
		return err
	}
	if *sheet != "" {
		if _, _, ok := interchange.SheetByName(*sheet); !ok {
			return usagef("import: --sheet %q không phải là tên trang (%s)", *sheet, sheetNames())
		}
	}
	mapping, err := interchange.ParseMapping(maps)
	if err != nil {
		return usagef("import: --map %v", err)
	}
	readOpt := interchange.Options{Sheet: *sheet, Map: mapping}
	layouts, err := interchange.Inspect(files, readOpt)
	if err != nil {
		return err
	}
	if err := checkMapping(maps, layouts); err != nil {
		return err
	}
	var db *store.DB
	_, statErr := os.Stat(g.db)
	if *dryRun && errors.Is(statErr, os.ErrNotExist) && !postgres.IsURL(g.db) {
		// A dry run creates nothing: it runs against an empty database of
		// its own, which is what the new file would be.
		tmp, err := os.MkdirTemp("", "xeploai-dry-run-*")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		db, err = store.Open(filepath.Join(tmp, "dry-run.db"))
		if err != nil {
			return err
		}
	} else {
		var undo func()
		if db, undo, err = openNew(g); err != nil {
			return err
		}
		// A database (and folders) made for an import that fails is not
		// left behind.
		defer func() {
			if err != nil {
				undo()
			}
		}()
	}
	defer db.Close()
	if len(maps) == 0 && needsMapping(layouts) {
		// The columns as mapped in the window for files laid out alike.
		if m, again := exchange.Remembered(db.Settings(ctx), files, layouts, readOpt); m != nil {
			readOpt.Map, layouts = m, again
			fmt.Fprintln(e.Stderr, "chú ý: các cột được ghép như đã lưu cho tệp dạng này (lần nhập trước trong cửa sổ)")
		}
	}
	rep, err := exchange.Import(ctx, db, files, exchange.ImportOptions{DryRun: *dryRun, Read: readOpt})
	if err != nil {
		describeLayouts(e, layouts, *sheet)
	}
	if rep == nil {
		return err
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(e.Stderr, "chú ý: %s\n", w)
	}
	if len(rep.Errors) > 0 {
		for _, ie := range rep.Errors {
			fmt.Fprintf(e.Stderr, "lỗi: %s\n", ie.Error())
		}
		return err
	}
	if err != nil {
		return err
	}
	printImportReport(e, rep)
	return nil
}

// fileExtensions are the endings of a file's name (not a folder's) that an
// export target may be given by mistake: "Xuat 26.11.2025" is a folder,
// "bao-cao.pdf" is not.
var fileExtensions = map[string]bool{".xlsx": true, ".xls": true, ".xlsm": true, ".csv": true, ".ods": true,
	".pdf": true, ".txt": true, ".json": true, ".doc": true, ".docx": true, ".db": true, ".zip": true}

// expandInputs turns the import's arguments into files: a folder stands
// for its .xlsx and .csv files (an export to a folder read back), a pattern
// the shell left alone ("*.xlsx" quoted, or typed in Windows' console) for
// the files it matches.
func expandInputs(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			entries, err := os.ReadDir(a)
			if err != nil {
				return nil, err
			}
			var found []string
			for _, e := range entries {
				if ext := strings.ToLower(filepath.Ext(e.Name())); !e.IsDir() && (ext == ".xlsx" || ext == ".csv") &&
					!strings.HasPrefix(e.Name(), "~$") { // Excel's lock file of an open workbook
					found = append(found, filepath.Join(a, e.Name()))
				}
			}
			if len(found) == 0 {
				return nil, domain.Errorf(domain.EINVALID, "", "thư mục %s không có tệp .xlsx hay .csv nào", a)
			}
			files = append(files, found...)
			continue
		} else if err == nil || !strings.ContainsAny(a, "*?[") {
			files = append(files, a)
			continue
		}
		m, err := filepath.Glob(a)
		if err != nil {
			return nil, domain.Errorf(domain.EINVALID, "", "mẫu tên tệp %q không hợp lệ", a)
		}
		if len(m) == 0 {
			return nil, domain.Errorf(domain.EINVALID, "", "không có tệp nào khớp %q", a)
		}
		files = append(files, m...)
	}
	return files, nil
}

func needsMapping(ls []interchange.Layout) bool {
	for i := range ls {
		if ls[i].NeedsMapping() {
			return true
		}
	}
	return false
}

// checkMapping refuses a --map whose header is in none of the sheets read:
// a typo would otherwise be ignored and the column still missing.
func checkMapping(specs []string, layouts []interchange.Layout) error {
	if len(layouts) == 0 {
		return nil // the files' sheets are not known: the import says so
	}
	headers := map[string]bool{}
	var all []string
	for _, l := range layouts {
		for _, c := range l.Columns {
			if k := domain.FoldKey(c.Header); k != "" && !headers[k] {
				headers[k] = true
				all = append(all, fmt.Sprintf("%q", c.Header))
			}
		}
	}
	for _, spec := range specs {
		from, _, _ := strings.Cut(spec, "=")
		if !headers[domain.FoldKey(from)] {
			return usagef("import: --map %q: không có cột tiêu đề %q trong tệp; các tiêu đề: %s", spec, strings.TrimSpace(from), strings.Join(all, ", "))
		}
	}
	return nil
}

// describeLayouts shows, for a refused import, each sheet that lacks a
// required column as the window's column mapping does: the header row
// found, what each column was read as, what is missing, and how to map.
func describeLayouts(e *Env, layouts []interchange.Layout, sheet string) {
	for _, l := range layouts {
		if len(l.Missing) == 0 {
			continue
		}
		if _, _, named := interchange.SheetByName(l.Sheet); !named && sheet == "" && strings.EqualFold(filepath.Ext(l.File), ".csv") {
			// Only guessed from its header: said as a guess, with how to
			// confirm it.
			fmt.Fprintf(e.Stderr, "%s (%s) giống trang %s (theo dòng tiêu đề); nếu đúng, thêm --sheet %q", l.Sheet, l.File, l.Kind.Name(), l.Kind.Name())
		} else {
			fmt.Fprintf(e.Stderr, "%s (%s) được đọc là trang %s", l.Sheet, l.File, l.Kind.Name())
		}
		if l.Row > 0 {
			fmt.Fprintf(e.Stderr, "; dòng tiêu đề %d", l.Row)
		}
		fmt.Fprintln(e.Stderr, ":")
		var unknown string
		for _, c := range l.Columns {
			as := c.Column
			switch {
			case c.Ignored:
				as = "(bỏ qua)"
			case as == "":
				as = "(không rõ)"
				if unknown == "" {
					unknown = c.Header
				}
			}
			fmt.Fprintf(e.Stderr, "  cột %s %q → %s\n", c.Letter, c.Header, as)
		}
		fmt.Fprintf(e.Stderr, "  thiếu cột: %s\n", strings.Join(l.Missing, ", "))
		if unknown == "" {
			fmt.Fprintf(e.Stderr, "  không cột nào của tệp là %s: hãy thêm vào tệp\n", strings.Join(l.Missing, ", "))
			continue
		}
		fmt.Fprintf(e.Stderr, "  ghép cột bằng --map \"TIÊU-ĐỀ=CỘT\", ví dụ: --map %q\n", unknown+"="+l.Missing[0])
	}
}

func sheetNames() string {
	var names []string
	for _, s := range interchange.Sheets {
		names = append(names, s.Name())
	}
	return strings.Join(names, ", ")
}

// dryRunAdded is how many added records a dry run names per sheet.
const dryRunAdded = 20

func printImportReport(e *Env, rep *domain.ImportReport) {
	if rep.DryRun {
		fmt.Fprintln(e.Stdout, "Chạy thử: không có gì được ghi. Nếu nhập thật sẽ:")
	} else {
		fmt.Fprintln(e.Stdout, "Đã nhập xong.")
	}
	if rep.Scope != "" {
		fmt.Fprintf(e.Stdout, "Phạm vi của tệp: %s (ngoài phạm vi này không có gì thay đổi, trừ đảng viên chuyển đến)\n", rep.Scope)
	}
	tw := tabwriter.NewWriter(e.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\tthêm\tsửa\tgiữ nguyên\t")
	for _, c := range rep.Sheets() {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", c.Sheet.Name(), c.Added, c.Changed, c.Unchanged)
	}
	tw.Flush()
	for _, c := range rep.Conversions {
		fmt.Fprintf(e.Stdout, "Đã chuyển bảng mã: %s\n", c)
	}
	if len(rep.Transfers) > 0 {
		fmt.Fprintln(e.Stdout, "\nChuyển sinh hoạt:")
		for _, t := range rep.Transfers {
			fmt.Fprintf(e.Stdout, "  %s\n", t)
		}
	}
	if !rep.DryRun {
		return
	}
	for _, c := range rep.Sheets() {
		if c.Added+c.Changed == 0 {
			continue
		}
		fmt.Fprintf(e.Stdout, "\n%s:\n", c.Sheet.Name())
		for i, a := range c.AddedList {
			if i == dryRunAdded {
				break
			}
			fmt.Fprintf(e.Stdout, "  + %s\n", a)
		}
		if more := c.Added - min(len(c.AddedList), dryRunAdded); more > 0 {
			fmt.Fprintf(e.Stdout, "  + … và %d bản ghi khác\n", more)
		}
		for _, ch := range c.Changes {
			fmt.Fprintf(e.Stdout, "  ~ %s\n", ch)
		}
		if more := c.Changed - len(c.Changes); more > 0 {
			fmt.Fprintf(e.Stdout, "  ~ … và %d bản ghi khác\n", more)
		}
	}
}

func runExport(ctx context.Context, e *Env, g *globals, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	org := fs.String("org", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("export: cần đúng một tệp .xlsx hoặc một thư mục để ghi các tệp .csv")
	}
	target := pos[0]
	st, statErr := os.Stat(target)
	toDir := statErr == nil && st.IsDir()
	// A name without an extension that does not exist yet is a folder to
	// make (in a folder that exists), for the CSV files.
	newDir := errors.Is(statErr, os.ErrNotExist) && (strings.HasSuffix(target, "/") || strings.HasSuffix(target, `\`) ||
		!fileExtensions[strings.ToLower(filepath.Ext(target))])
	if !toDir && !newDir && !strings.EqualFold(filepath.Ext(target), ".xlsx") {
		return usagef("export: %s không phải là tệp .xlsx hay một thư mục", target)
	}
	if !toDir {
		if err := checkFileName("export", target); err != nil {
			return err
		}
		if err := safefile.CheckTarget(target); err != nil {
			return err
		}
	}
	db, err := openRead(g)
	if err != nil {
		return err
	}
	defer db.Close()
	scope, err := resolveScope(ctx, db, *org)
	if err != nil {
		return err
	}
	if newDir {
		if err := os.Mkdir(target, 0o755); err != nil {
			return domain.Because(err, domain.EINVALID, "export: không tạo được thư mục %s (thư mục chứa nó phải có sẵn)", target)
		}
		toDir = true
	}
	left, err := exchange.Export(ctx, db, scope, target, toDir, interchange.ExportOptions{Program: "xeploai " + e.Build.Version})
	if err != nil {
		if newDir {
			os.RemoveAll(target) // made for this export: nothing half-written is left
		}
		return err
	}
	fmt.Fprintf(e.Stdout, "Đã xuất ra %s\n", target)
	if note := left.Note(); note.Format != "" {
		fmt.Fprintf(e.Stderr, "chú ý: %s\n", note)
	}
	return nil
}

// summaryJSON is the contract of `summary --format json`.
type summaryJSON struct {
	Year   int         `json:"year"`
	Org    string      `json:"org"`
	Groups []groupJSON `json:"groups"`
	// LeftOut, for an office's report of a past year, is what has left its
	// part since and is not counted.
	LeftOut *leftOutJSON `json:"left_out,omitempty"`
	// Unentered is what has neither a level nor a reason for the year,
	// not counted either.
	Unentered *unenteredJSON `json:"unentered,omitempty"`
}

type unenteredJSON struct {
	Members       int    `json:"members"`
	Organisations int    `json:"organisations"`
	Note          string `json:"note"`
}

type leftOutJSON struct {
	Organisations int    `json:"organisations"`
	MemberRatings int    `json:"member_ratings"`
	Note          string `json:"note"`
}

type groupJSON struct {
	Group    string     `json:"group"`
	Total    int        `json:"total"`
	Levels   levelsJSON `json:"levels"`
	NotRated int        `json:"not_rated"`
}

type levelsJSON struct {
	HTXSNV int `json:"HTXSNV"`
	HTTNV  int `json:"HTTNV"`
	HTNV   int `json:"HTNV"`
	KHTNV  int `json:"KHTNV"`
}

func runSummary(ctx context.Context, e *Env, g *globals, args []string) error {
	fs := flag.NewFlagSet("summary", flag.ContinueOnError)
	year := fs.Int("year", 0, "")
	org := fs.String("org", "", "")
	format := fs.String("format", "text", "")
	out := fs.String("o", "", "")
	if err := parseOptions(fs, args); err != nil {
		return err
	}
	inferFormat(fs, format, *out)
	if err := oneOf("format", *format, "text", "json", "pdf", "xlsx", "csv"); err != nil {
		return err
	}
	if err := checkOutput("summary", *format, *out); err != nil {
		return err
	}
	if err := requireYear("summary", *year); err != nil {
		return err
	}
	if *year < domain.MinYear || *year > domain.MaxYear {
		return usagef("summary: năm %d không hợp lệ", *year)
	}
	db, err := openRead(g)
	if err != nil {
		return err
	}
	defer db.Close()
	orgID, err := resolveScope(ctx, db, *org)
	if err != nil {
		return err
	}
	s, err := store.ConferenceSummary(ctx, db, *year, orgID)
	if err != nil {
		return err
	}
	if isDocument(*format) {
		return writeDocument(ctx, e, db, *out, *format, report.SummaryDocument(s))
	}
	if *format == "json" {
		out := summaryJSON{Year: s.Year, Org: s.Org, Groups: []groupJSON{}}
		for _, gc := range s.Groups {
			out.Groups = append(out.Groups, groupJSON{
				Group: string(gc.Group), Total: gc.Total, NotRated: gc.NotRated,
				Levels: levelsJSON{
					HTXSNV: gc.Levels[domain.LevelExcellent], HTTNV: gc.Levels[domain.LevelGood],
					HTNV: gc.Levels[domain.LevelCompleted], KHTNV: gc.Levels[domain.LevelNotCompleted],
				},
			})
		}
		if n := s.Left.Note(); n != "" {
			out.LeftOut = &leftOutJSON{s.Left.Orgs, s.Left.Ratings, n}
		}
		if n := s.Unentered.Note(s.Year); n != "" {
			out.Unentered = &unenteredJSON{s.Unentered.Members, s.Unentered.Orgs, n}
		}
		enc := json.NewEncoder(e.Stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	printSummary(e, s)
	return nil
}

func printSummary(e *Env, s *domain.Summary) {
	w := e.Stdout
	fmt.Fprintf(w, "TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM %d\n%s\n\n", s.Year, s.Org)
	for _, n := range s.Notes() {
		fmt.Fprintf(w, "%s\n\n", n)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Nhóm\tTổng số\tHTXSNV\tHTTNV\tHTNV\tKHTNV\tKhông xếp loại\tXS/(XS+Tốt)\tXS/Tốt")
	for _, g := range s.Groups {
		c := g.LevelCounts
		cells := []string{g.Group.Label(), fmt.Sprint(c.Total)}
		for _, l := range domain.Levels {
			cells = append(cells, fmt.Sprintf("%d (%s)", c.Levels[l], domain.Percent(c.Share(l))))
		}
		a, b := c.QuotaRatios()
		cells = append(cells, fmt.Sprint(c.NotRated), domain.Percent(a), domain.Percent(b))
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	fmt.Fprintln(w, "("+report.SharesOfRated+")")
	if m := s.Group(domain.GroupMembers); m != nil && m.NotRated > 0 {
		fmt.Fprintln(w, "\nĐảng viên không xếp loại:")
		for _, r := range m.ReasonList() {
			fmt.Fprintf(w, "  %s: %d\n", r.Reason, r.Count)
		}
	}
	for _, g := range s.Groups {
		if g.Group == domain.GroupMembers || g.NotRated == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s không xếp loại:\n", g.Group.Label())
		for _, r := range g.ReasonList() {
			fmt.Fprintf(w, "  %s: %d\n", r.Reason, r.Count)
		}
	}
	if len(s.ByGrassroots) > 0 {
		fmt.Fprintln(w, "\nTheo tổ chức cơ sở đảng:")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "Tổ chức cơ sở đảng\tTự xếp loại\tChi bộ (XS/T/HT/KHT)\tĐảng viên (XS/T/HT/KHT)\tKhông xếp loại\tXS/(XS+Tốt)")
		for _, l := range s.ByGrassroots {
			own := l.Own.Code()
			if own == "" {
				own = "—"
			}
			a, _ := l.Members.QuotaRatios()
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", l.Name, own, levelRow(l.Cells), levelRow(l.Members), l.Members.NotRated, domain.Percent(a))
		}
		tw.Flush()
	}
}

func levelRow(c domain.LevelCounts) string {
	return fmt.Sprintf("%d/%d/%d/%d", c.Levels[domain.LevelExcellent], c.Levels[domain.LevelGood], c.Levels[domain.LevelCompleted], c.Levels[domain.LevelNotCompleted])
}

func runDemo(ctx context.Context, e *Env, g *globals, args []string) (err error) {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	var opt demo.Options
	fs.IntVar(&opt.Members, "members", 5000, "")
	fs.IntVar(&opt.From, "from", 0, "")
	fs.IntVar(&opt.To, "to", 0, "")
	fs.Uint64Var(&opt.Seed, "seed", 1, "")
	if err := parseOptions(fs, args); err != nil {
		return err
	}
	if opt.Members <= 0 {
		return usagef("demo: --members phải lớn hơn 0")
	}
	db, undo, err := openNew(g)
	if err != nil {
		return err
	}
	defer db.Close()
	// A database made for demo data that could not be written (or was
	// stopped) is not left behind.
	defer func() {
		if err != nil {
			undo()
		}
	}()
	start := time.Now()
	res, err := demo.Fill(ctx, db, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "Đã tạo dữ liệu mẫu vào %s trong %.1f giây: %d tổ chức (%d sự kiện), %d đảng viên, %d xếp loại đảng viên, %d xếp loại tổ chức, %d khen thưởng, %d hồ sơ kỷ luật, vắng mặt, cấp ủy.\n",
		db.Path(), time.Since(start).Seconds(), res.Orgs, res.Events, res.Members, res.MemberRatings, res.OrgRatings, res.Awards, res.Records)
	return nil
}

func isDocument(format string) bool { return format == "pdf" || format == "xlsx" || format == "csv" }

// writeDocument writes a printable document with the heading kept in the
// database settings.
func writeDocument(ctx context.Context, e *Env, db *store.DB, path, format string, d report.Document) error {
	h := report.HeadingFrom(db.Settings(ctx))
	if err := report.WriteFile(path, format, d, h); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "Đã ghi %s\n", path)
	return nil
}
