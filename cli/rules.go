package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"xeploai/domain"
	"xeploai/paths"
	"xeploai/report"
	"xeploai/store"
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
			out.Violations = append(out.Violations, violationJSON{v.Rule, v.Source, v.SubjectKind, v.Subject, v.Org, v.Message})
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
			where = v.Subject + " — " + v.Org
		}
		fmt.Fprintf(e.Stdout, "  %s: %s (%s)\n", where, v.Message, v.Source)
	}
	fmt.Fprintf(e.Stdout, "\n%d vi phạm.\n", len(vs))
	return nil
}

func resolveScope(ctx context.Context, db *store.DB, ref string) (int64, error) {
	if ref == "" {
		return 0, nil
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
	Kind       string          `json:"kind"`
	Candidates []candidateJSON `json:"candidates"`
}

// postponedJSON is that of `awards --kind badge --postponed --format json`:
// the members postponed after a discipline are not candidates.
type postponedJSON struct {
	Kind      string          `json:"kind"`
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
}

func runAwards(ctx context.Context, e *Env, g *globals, args []string) error {
	fs := flag.NewFlagSet("awards", flag.ContinueOnError)
	kind := fs.String("kind", "", "")
	year := fs.Int("year", 0, "")
	years := fs.Int("years", 5, "")
	occasion := fs.String("occasion", "", "")
	group := fs.String("group", "members", "")
	format := fs.String("format", "text", "")
	out := fs.String("o", "", "")
	postponed := fs.Bool("postponed", false, "")
	if err := parseOptions(fs, args); err != nil {
		return err
	}
	inferFormat(fs, format, *out)
	if err := oneOf("kind", *kind, "consecutive", "year", "badge"); err != nil {
		return err
	}
	if *postponed && *kind != "badge" {
		return usagef("awards: --postponed chỉ dùng với --kind badge")
	}
	if err := oneOf("group", *group, "members", "cells", "grassroots"); err != nil {
		return err
	}
	if err := oneOf("format", *format, "text", "json", "pdf", "xlsx", "csv"); err != nil {
		return err
	}
	if err := checkOutput("awards", *format, *out); err != nil {
		return err
	}
	if *years < 1 || *years > 50 {
		return usagef("awards: --years %d không hợp lệ (số năm liền, từ 1 đến 50)", *years)
	}
	if *kind != "badge" {
		if err := requireYear("awards", *year); err != nil {
			return err
		}
	}
	db, err := openRead(g)
	if err != nil {
		return err
	}
	defer db.Close()
	var cs []store.Candidate
	var occ domain.Date
	title, note := "", ""
	switch *kind {
	case "consecutive", "year":
		n := *years
		if *kind == "year" {
			n = 1
		}
		g := domain.Group(*group)
		cs, err = db.ConsecutiveCandidates(ctx, *year, n, g)
		title = fmt.Sprintf("ĐỀ NGHỊ KHEN THƯỞNG: %s xuất sắc %d năm liền đến năm %d", g.Label(), n, *year)
		if g != domain.GroupMembers {
			title = fmt.Sprintf("DANH SÁCH ĐỂ LỰA CHỌN: %s xuất sắc %d năm liền đến năm %d", g.Label(), n, *year)
			note = domain.PoolNote(g)
		}
	case "badge":
		occ = domain.NextBadgeOccasion(domain.Today())
		if *occasion != "" {
			if occ, err = domain.ParseDate(*occasion); err != nil {
				return usagef("awards: --occasion: %v", err)
			}
		}
		title = fmt.Sprintf("ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG đợt %s", domain.OccasionLabel(occ))
		if *postponed {
			cs, err = db.BadgePostponed(ctx, occ)
			title = fmt.Sprintf("CHƯA ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG DO KỶ LUẬT, đợt %s", domain.OccasionLabel(occ))
		} else {
			cs, err = db.BadgeCandidates(ctx, occ)
		}
	}
	if err != nil {
		return err
	}
	if isDocument(*format) {
		people := report.PeopleFrom(cs, func(c store.Candidate) report.Person {
			return report.Person{Name: c.Name, BirthDate: c.BirthDate, Org: c.Org, Content: c.Detail, Milestone: c.Milestone}
		})
		var d report.Document
		switch {
		case *postponed:
			d = report.PostponedBadgeDocument(occ, people)
		case *kind == "badge":
			d = report.BadgeListDocument(occ, people)
		default:
			d = report.AwardListDocument(true, title[strings.Index(title, ": ")+2:], people)
			if note != "" {
				d.Notes = append(d.Notes, note)
			}
		}
		return writeDocument(ctx, e, db, *out, *format, d)
	}
	if *format == "json" {
		list := []candidateJSON{}
		for _, c := range cs {
			cj := candidateJSON{SubjectKind: c.SubjectKind, Name: c.Name, Card: c.Card, Org: c.Org, Detail: c.Detail, Basis: c.Basis}
			if *kind == "badge" {
				m := c.Milestone
				cj.Milestone = &m
			}
			if *postponed {
				cj.Basis, cj.EligibleFrom = "", c.EligibleFrom.ISO()
			}
			list = append(list, cj)
		}
		if *postponed {
			return writeJSON(e, postponedJSON{*kind, list})
		}
		return writeJSON(e, candidatesJSON{*kind, list})
	}
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
		if c.Basis != "" && c.Basis != domain.BasisDue && !*postponed {
			parts = append(parts, c.Basis.Label())
		}
		parts = append(parts, c.Org, c.Detail)
		fmt.Fprintln(e.Stdout, strings.Join(parts, " — "))
	}
	fmt.Fprintf(e.Stdout, "Tổng số: %d\n", len(cs))
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
		path, err = db.BackupTo(ctx, paths.BackupDir(g.db))
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
