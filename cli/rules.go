package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"xeploai/domain"
	"xeploai/paperwork"
	"xeploai/paths"
	"xeploai/report"
	"xeploai/store"
	"xeploai/store/postgres"
)

// checkJSON is the contract of `check --format json`.
type checkJSON struct {
	Year       int             `json:"year"`
	Violations []violationJSON `json:"violations"`
}

type violationJSON struct {
	Rule        string `json:"rule"`
	Source      string `json:"source"`
	SubjectKind string `json:"subject_kind"`
	Subject     string `json:"subject"`
	Card        string `json:"card,omitempty"`       // a member's party card number
	BirthDate   string `json:"birth_date,omitempty"` // a member's, yyyy-mm-dd
	Org         string `json:"org"`
	Message     string `json:"message"`
}

func runCheck(ctx context.Context, e *Env, g *globals, args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	year := fs.Int("year", 0, "")
	org := fs.String("org", "", "")
	format := fs.String("format", "text", "")
	if err := parseOptions(fs, args); err != nil {
		return err
	}
	if err := oneOf("format", *format, "text", "json"); err != nil {
		return err
	}
	if err := requireYear("check", *year); err != nil {
		return err
	}
	if domain.RuleSetFor(*year) == nil {
		return usagef("check: chưa có bộ quy định cho năm %d (từ 2018)", *year)
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
	in, err := db.CheckInput(ctx, *year, scope)
	if err != nil {
		return err
	}
	vs := domain.Check(in)
	if *format == "json" {
		out := checkJSON{Year: *year, Violations: []violationJSON{}}
		for _, v := range vs {
			out.Violations = append(out.Violations, violationJSON{v.Rule, v.Source, v.SubjectKind, v.Subject, v.Card, v.Born.ISO(), v.Org, v.Message})
		}
		return writeJSON(e, out)
	}
	rs := domain.RuleSetFor(*year)
	fmt.Fprintf(e.Stdout, "KIỂM TRA XẾP LOẠI NĂM %d theo %s, %s\n", *year, rs.Regulation, rs.Guidance)
	fmt.Fprintf(e.Stdout, "Ngày đánh giá: %s (tính 6 tháng từ ngày kết nạp, thành lập); tỷ lệ 20%% tính trên %s\n", in.ReviewDate(),
		map[domain.QuotaDenominator]string{domain.QuotaOfExcellentAndGood: "(xuất sắc + tốt)", domain.QuotaOfGood: "số tốt"}[in.Denominator])
	if len(vs) == 0 {
		fmt.Fprintln(e.Stdout, "Không phát hiện vi phạm.")
		return nil
	}
	last := ""
	for _, v := range vs {
		if v.Rule != last {
			fmt.Fprintf(e.Stdout, "\n[%s]\n", v.Rule)
			last = v.Rule
		}
		where := v.Org
		if v.SubjectKind == "member" {
			where = v.Who() + " — " + v.Org
		}
		fmt.Fprintf(e.Stdout, "  %s: %s (%s)\n", where, v.Message, v.Source)
	}
	fmt.Fprintf(e.Stdout, "\n%d vi phạm.\n", len(vs))
	return nil
}

func resolveScope(ctx context.Context, db *store.DB, ref string) (int64, error) {
	if ref == "" {
		// An office's role on a shared server: its own part.
		return db.OwnScope(ctx)
	}
	o, err := db.ResolveOrg(ctx, ref)
	if err != nil {
		return 0, err
	}
	return o.ID, nil
}

func writeJSON(e *Env, v any) error {
	enc := json.NewEncoder(e.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// candidatesJSON is the contract of `awards --format json`.
type candidatesJSON struct {
	Kind string `json:"kind"`
	badgeOccasionJSON
	Candidates []candidateJSON `json:"candidates"`
}

// badgeOccasionJSON is the occasion of a badge list: its day (yyyy-mm-dd),
// and whether it is another than the four standard ones ("dịp khác").
type badgeOccasionJSON struct {
	Occasion      string `json:"occasion,omitempty"`
	OtherOccasion bool   `json:"other_occasion,omitempty"`
}

// postponedJSON is that of `awards --kind badge --postponed --format json`:
// the members postponed after a discipline are not candidates.
type postponedJSON struct {
	Kind string `json:"kind"`
	badgeOccasionJSON
	Postponed []candidateJSON `json:"postponed"`
}

type candidateJSON struct {
	SubjectKind  string            `json:"subject_kind"`
	Name         string            `json:"name"`
	Card         string            `json:"card,omitempty"`
	Org          string            `json:"org"`
	Milestone    *int              `json:"milestone,omitempty"`
	Basis        domain.BadgeBasis `json:"basis,omitempty"`         // badges: due, early-illness, overdue, posthumous
	EligibleFrom string            `json:"eligible_from,omitempty"` // postponed badges: yyyy-mm-dd
	Detail       string            `json:"detail"`
	Review       string            `json:"review,omitempty"`
}

// awardsFlags are the options of `awards`.
type awardsFlags struct {
	kind, occasion, group, format, out string
	document, decisionNo, decisionDate string
	signer, signerTitle                string
	year, years                        int
	postponed, recorded, blank         bool
}

func runAwards(ctx context.Context, e *Env, g *globals, args []string) error {
	var f awardsFlags
	fs := flag.NewFlagSet("awards", flag.ContinueOnError)
	fs.StringVar(&f.kind, "kind", "", "")
	fs.IntVar(&f.year, "year", 0, "")
	fs.IntVar(&f.years, "years", 5, "")
	fs.StringVar(&f.occasion, "occasion", "", "")
	fs.StringVar(&f.group, "group", "members", "")
	fs.StringVar(&f.format, "format", "", "")
	fs.StringVar(&f.out, "o", "", "")
	fs.BoolVar(&f.postponed, "postponed", false, "")
	fs.StringVar(&f.document, "document", "", "")
	fs.StringVar(&f.decisionNo, "decision-no", "", "")
	fs.StringVar(&f.decisionDate, "decision-date", "", "")
	fs.StringVar(&f.signer, "signer", "", "")
	fs.StringVar(&f.signerTitle, "signer-title", "", "")
	fs.BoolVar(&f.recorded, "recorded", false, "")
	fs.BoolVar(&f.blank, "blank", false, "")
	if err := parseOptions(fs, args); err != nil {
		return err
	}
	inferFormat(fs, &f.format, f.out)
	if f.document != "" {
		return runAwardDocument(ctx, e, g, f)
	}
	if f.format == "" {
		f.format = "text"
	}
	if f.recorded {
		return usagef("awards: --recorded cần --document decision|proposal|certificates|list")
	}
	if err := oneOf("format", f.format, "text", "json", "pdf", "xlsx", "csv"); err != nil {
		return err
	}
	if err := checkOutput("awards", f.format, f.out); err != nil {
		return err
	}
	if isDocument(f.format) {
		f.document = report.DocList // the list, as before --document
		return runAwardDocument(ctx, e, g, f)
	}
	db, err := openRead(g)
	if err != nil {
		return err
	}
	defer db.Close()
	l, cs, err := awardCandidates(ctx, db, f)
	if err != nil {
		return err
	}
	if f.format == "json" {
		list := []candidateJSON{}
		for _, c := range cs {
			cj := candidateJSON{SubjectKind: c.SubjectKind, Name: c.Name, Card: c.Card, Org: c.Org, Detail: c.Detail, Review: c.Review, Basis: c.Basis}
			if f.kind == "badge" {
				m := c.Milestone
				cj.Milestone = &m
			}
			if f.postponed {
				cj.Basis, cj.EligibleFrom = "", c.EligibleFrom.ISO()
			}
			list = append(list, cj)
		}
		var occ badgeOccasionJSON
		if f.kind == "badge" {
			occ = badgeOccasionJSON{l.Occasion.ISO(), !domain.IsBadgeOccasion(l.Occasion)}
		}
		if f.postponed {
			return writeJSON(e, postponedJSON{f.kind, occ, list})
		}
		return writeJSON(e, candidatesJSON{f.kind, occ, list})
	}
	title, note := listTitle(l)
	fmt.Fprintln(e.Stdout, title)
	if note != "" {
		fmt.Fprintln(e.Stdout, note)
	}
	for i, c := range cs {
		parts := []string{fmt.Sprintf("%d. %s", i+1, c.Name)}
		if c.Card != "" {
			parts = append(parts, "thẻ "+c.Card)
		}
		if c.Milestone != 0 {
			parts = append(parts, fmt.Sprintf("%d năm", c.Milestone))
		}
		if c.Basis != "" && c.Basis != domain.BasisDue && !f.postponed {
			parts = append(parts, c.Basis.Label())
		}
		parts = append(parts, c.Org, c.Detail)
		if c.Review != "" {
			parts = append(parts, "⚠ xem lại: "+c.Review)
		}
		fmt.Fprintln(e.Stdout, strings.Join(parts, " — "))
	}
	fmt.Fprintf(e.Stdout, "Tổng số: %d\n", len(cs))
	return nil
}

// listTitle is the heading of a candidate list as `awards` prints it, and
// what the list is when it is not a list of awards (an organisations' pool).
func listTitle(l paperwork.List) (title, note string) {
	switch {
	case l.Kind == "badge" && l.Postponed:
		return fmt.Sprintf("CHƯA ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG DO KỶ LUẬT, đợt %s", domain.OccasionLabel(l.Occasion)), ""
	case l.Kind == "badge":
		return fmt.Sprintf("ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG đợt %s", domain.OccasionLabel(l.Occasion)), ""
	}
	span := fmt.Sprintf("%d năm liền đến năm %d", l.Years, l.Year)
	if l.Kind == "year" || l.Years == 1 {
		span = fmt.Sprintf("năm %d", l.Year)
	}
	if l.Group != domain.GroupMembers {
		return fmt.Sprintf("DANH SÁCH ĐỂ LỰA CHỌN: %s xuất sắc %s", l.Group.Label(), span), domain.PoolNote(l.Group)
	}
	return fmt.Sprintf("ĐỀ NGHỊ KHEN THƯỞNG: %s xuất sắc %s", l.Group.Label(), span), ""
}

// awardCandidates checks the list options and computes the candidates (the
// postponed members with --postponed).
func awardCandidates(ctx context.Context, db *store.DB, f awardsFlags) (paperwork.List, []store.Candidate, error) {
	l := paperwork.List{Kind: f.kind, Year: f.year, Years: f.years, Group: domain.Group(f.group), Postponed: f.postponed}
	if err := oneOf("kind", f.kind, "consecutive", "year", "badge"); err != nil {
		return l, nil, err
	}
	if f.postponed && f.kind != "badge" {
		return l, nil, usagef("awards: --postponed chỉ dùng với --kind badge")
	}
	if err := oneOf("group", f.group, "members", "cells", "grassroots"); err != nil {
		return l, nil, err
	}
	if f.years < 1 || f.years > 50 {
		return l, nil, usagef("awards: --years %d không hợp lệ (số năm liền, từ 1 đến 50)", f.years)
	}
	switch f.kind {
	case "consecutive", "year":
		if err := requireYear("awards", f.year); err != nil {
			return l, nil, err
		}
		if f.kind == "year" {
			l.Years = 1
		}
		cs, err := db.ConsecutiveCandidates(ctx, f.year, l.Years, l.Group)
		return l, cs, err
	}
	l.Occasion = domain.NextBadgeOccasion(domain.Today())
	if f.occasion != "" {
		var err error
		if l.Occasion, err = domain.ParseDate(f.occasion); err != nil {
			return l, nil, usagef("awards: --occasion: %v", err)
		}
	}
	if f.postponed {
		cs, err := db.BadgePostponed(ctx, l.Occasion)
		return l, cs, err
	}
	cs, err := db.BadgeCandidates(ctx, l.Occasion)
	return l, cs, err
}

// runAwardDocument writes one award document (`--document`) of a candidate
// list, or of the awards recorded under a decision (`--recorded`).
func runAwardDocument(ctx context.Context, e *Env, g *globals, f awardsFlags) error {
	if err := oneOf("document", f.document, report.DocDecision, report.DocProposal, report.DocCertificates, report.DocList, report.DocCalibration); err != nil {
		return err
	}
	if f.format == "" {
		f.format = report.FormatOf(f.out)
		if !isDocument(f.format) {
			f.format = "pdf"
		}
	}
	if err := oneOf("format", f.format, "pdf", "xlsx", "csv"); err != nil {
		return usagef("awards: --document cần --format pdf, xlsx hoặc csv")
	}
	if err := checkOutput("awards", f.format, f.out); err != nil {
		return err
	}
	var dec report.Decision
	if f.decisionDate != "" {
		d, err := domain.ParseDate(f.decisionDate)
		if err != nil {
			return usagef("awards: --decision-date: %v", err)
		}
		dec.Date = d
	}
	if f.recorded && f.decisionNo == "" {
		return usagef("awards: --recorded cần --decision-no SỐ (số quyết định đã ghi khen thưởng)")
	}
	db, err := openRead(g)
	if err != nil {
		return err
	}
	defer db.Close()
	settings, err := report.SettingsFrom(db.Settings(ctx))
	if err != nil {
		return err
	}
	if f.signer != "" {
		settings.Heading.SignerName = f.signer
	}
	if f.signerTitle != "" {
		settings.Heading.SignerTitle = f.signerTitle
	}
	if f.blank {
		settings.Layout.Blank = true
	}
	var b report.Batch
	switch {
	case f.document == report.DocCalibration:
	case f.recorded:
		// --decision-date picks the decision when its number was used twice.
		if b, dec, err = paperwork.Recorded(ctx, db, f.decisionNo, settings.Heading.Abbr, dec.Date); err != nil {
			return err
		}
	default:
		l, cs, err := awardCandidates(ctx, db, f)
		if err != nil {
			return err
		}
		if b, err = paperwork.FromCandidates(ctx, db, l, cs); err != nil {
			return err
		}
		dec.No = f.decisionNo
	}
	if err := report.WriteAwardFile(f.out, f.format, f.document, b, dec, settings); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "Đã ghi %s\n", f.out)
	return nil
}

// searchJSON is the contract of `search --format json`.
type searchJSON struct {
	Query   string       `json:"query"`
	Results []resultJSON `json:"results"`
}

type resultJSON struct {
	Kind   string `json:"kind"`
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Detail string `json:"detail"`
}

func runSearch(ctx context.Context, e *Env, g *globals, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	limit := fs.Int("limit", 50, "")
	format := fs.String("format", "text", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := oneOf("format", *format, "text", "json"); err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("search: cần từ khóa, ví dụ: search \"nguyen van duc\"")
	}
	if *limit <= 0 || *limit > 10000 {
		return usagef("search: --limit từ 1 đến 10000")
	}
	text := strings.Join(pos, " ")
	q, err := domain.ParseSearch(text)
	if err != nil {
		return err
	}
	db, err := openRead(g)
	if err != nil {
		return err
	}
	defer db.Close()
	rs, err := db.Search(ctx, q, *limit)
	if err != nil {
		return err
	}
	if *format == "json" {
		out := searchJSON{Query: text, Results: []resultJSON{}}
		for _, r := range rs {
			out.Results = append(out.Results, resultJSON{r.Kind, r.ID, r.Name, r.Detail})
		}
		return writeJSON(e, out)
	}
	labels := map[string]string{"member": "Đảng viên", "org": "Tổ chức", "award": "Khen thưởng"}
	last := ""
	for _, r := range rs {
		if r.Kind != last {
			fmt.Fprintf(e.Stdout, "%s:\n", labels[r.Kind])
			last = r.Kind
		}
		fmt.Fprintf(e.Stdout, "  %s — %s\n", r.Name, r.Detail)
	}
	if len(rs) == 0 {
		fmt.Fprintln(e.Stdout, "Không tìm thấy.")
	}
	return nil
}

func runBackup(ctx context.Context, e *Env, g *globals, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("backup: nhiều nhất một tệp đích")
	}
	db, err := openRead(g)
	if err != nil {
		return err
	}
	defer db.Close()
	var path string
	if len(pos) == 1 {
		path = pos[0]
		if err := checkFileName("backup", path); err != nil {
			return err
		}
		err = db.Backup(ctx, path)
	} else {
		path, err = db.BackupTo(ctx, backupDir(g.db))
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, path)
	return nil
}

func runRestore(ctx context.Context, e *Env, g *globals, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("restore: cần đúng một tệp sao lưu")
	}
	if postgres.IsURL(g.db) {
		return domain.Errorf(domain.EINVALID, "", "restore ghi đè một tệp dữ liệu, không dùng được với cơ sở dữ liệu dùng chung trên máy chủ %s; để đưa một bản sao lưu lên máy chủ, hãy tạo một cơ sở dữ liệu trống rồi chép vào: xeploai copy %s postgres://…", postgres.Redact(g.db), pos[0])
	}
	saved, err := store.Restore(ctx, g.db, pos[0], paths.BackupDir(g.db))
	if err != nil {
		return err
	}
	if saved != "" {
		fmt.Fprintf(e.Stdout, "Đã sao lưu dữ liệu cũ vào %s\n", saved)
	}
	fmt.Fprintf(e.Stdout, "Đã khôi phục %s từ %s\n", g.db, pos[0])
	return nil
}
