package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

// Candidate is someone put forward for an award.
type Candidate struct {
	SubjectKind string // "member" or "org"
	ID          int64
	Name        string
	Card        string
	BirthDate   domain.Date // members only
	OrgID       int64       // the member's cell, or the organisation itself
	fold        string      // the folded name, for sorting
	Org         string      // path from the grassroots organisation down
	Milestone   int         // badges only
	Detail      string
	// Review says why the rules would not allow an excellent year of the
	// run (a discipline, a score under the band …): to look at before the
	// award is decided; empty when there is nothing to look at.
	Review string
	// Basis is why a member is on the badge list; EligibleFrom, for one
	// postponed after a discipline, the day it may be proposed.
	Basis        domain.BadgeBasis
	EligibleFrom domain.Date
	// Content is what an award recorded from this candidate says, when it
	// is not Detail: an organisation is chosen "tiêu biểu" from the pool.
	Content string
}

// ConsecutiveCandidates lists who was rated excellent in each of the n years
// ending with year: members, cells, or grassroots organisations (group). A gap
// or a missing year breaks the run. n = 1 is the year's excellent.
func (db *DB) ConsecutiveCandidates(ctx context.Context, year, n int, group domain.Group) ([]Candidate, error) {
	if n < 1 || n > 50 {
		return nil, domain.Errorf(domain.EINVALID, "--years", "số năm %d không hợp lệ (1–50)", n)
	}
	tree, err := db.tree(ctx, domain.YearEnd(year))
	if err != nil {
		return nil, err
	}
	from := year - n + 1
	path := pathCache(tree)
	detail := domain.ExcellentRun(n, year)
	// Organisations are a pool the exemplary ones are chosen from: what is
	// recorded for them is the exemplary title (earlier records may carry
	// the run itself).
	contents := []string{detail}
	if group != domain.GroupMembers {
		contents = append(contents, domain.ExemplaryTitle(group, n, year))
	}
	done, err := db.awarded(ctx, year, contents...)
	if err != nil {
		return nil, err
	}
	var out []Candidate
	if group == domain.GroupMembers {
		query := `SELECT m.id, m.full_name, m.name_fold, COALESCE(m.card_no, ''), r.org_id, m.birth_date
			FROM member_ratings r JOIN members m ON m.id = r.member_id
			WHERE r.level = 'HTXSNV' AND r.year = ?`
		args := []any{year}
		if n > 1 {
			query += ` AND r.member_id IN (
				SELECT member_id FROM member_ratings WHERE level = 'HTXSNV' AND year BETWEEN ? AND ?
				GROUP BY member_id HAVING COUNT(*) = ?)`
			args = append(args, from, year, n)
		}
		rows, err := db.read.QueryContext(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var c Candidate
			var org int64
			var birth sql.NullString
			if err := rows.Scan(&c.ID, &c.Name, &c.fold, &c.Card, &org, &birth); err != nil {
				return nil, err
			}
			c.BirthDate = scanDate(birth)
			c.SubjectKind, c.OrgID, c.Org, c.Detail = "member", org, path(org), detail
			if !done[fmt.Sprint("member:", c.ID)] {
				out = append(out, c)
			}
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if err := db.flagExcellence(ctx, out, from, year); err != nil {
			return nil, err
		}
		return sortByTree(tree, out), nil
	}
	rows, err := db.read.QueryContext(ctx, `SELECT org_id FROM org_ratings WHERE level = 'HTXSNV' AND year BETWEEN ? AND ?
		GROUP BY org_id HAVING COUNT(*) = ?`, from, year, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		o := tree.Org(id)
		if o == nil || domain.GroupOfKind(o.Kind) != group || done[fmt.Sprint("org:", id)] {
			continue
		}
		out = append(out, Candidate{SubjectKind: "org", ID: id, Name: o.Name, OrgID: id, Org: tree.Path(id), Detail: detail, Content: contents[1]})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := db.flagOrgExcellence(ctx, out, from, year); err != nil {
		return nil, err
	}
	return sortByTree(tree, out), nil
}

// flagOrgExcellence marks the organisations of a pool whose "xuất sắc" in
// a year of the run that year's rules would not allow (as Kiểm tra says: a
// discipline of the collective, of a sub-unit or of its leadership; its
// members' or sub-units' levels; the government's and unions' results;
// founded less than six months before the review), with the reason to look
// again (Review): the rules' own findings, read for these organisations.
func (db *DB) flagOrgExcellence(ctx context.Context, cs []Candidate, from, to int) error {
	if len(cs) == 0 {
		return nil
	}
	at := map[int64]int{}
	ids := make([]int64, 0, len(cs))
	for i, c := range cs {
		at[c.ID] = i
		ids = append(ids, c.ID)
	}
	notes := map[int64][]string{}
	for y := from; y <= to; y++ {
		in, err := db.collectivesInput(ctx, y, ids)
		if err != nil {
			return err
		}
		for _, v := range domain.CheckCollectives(in) {
			if _, ok := at[v.SubjectID]; ok && v.SubjectKind == "org" {
				notes[v.SubjectID] = append(notes[v.SubjectID], fmt.Sprintf("năm %d %s (%s)", y, v.Message, v.Source))
			}
		}
	}
	for id, ns := range notes {
		cs[at[id]].Review = strings.Join(ns, "; ")
	}
	return nil
}

// pathCache returns tree.Path, remembering each organisation's path: many
// candidates share a cell.
func pathCache(tree *domain.Tree) func(id int64) string {
	paths := map[int64]string{}
	return func(id int64) string {
		p, ok := paths[id]
		if !ok {
			p = tree.Path(id)
			paths[id] = p
		}
		return p
	}
}

// sortByTree orders candidates by their organisation's place in the tree,
// then by name.
func sortByTree(tree *domain.Tree, cs []Candidate) []Candidate {
	pos := make(map[int64]int, tree.Len())
	for _, r := range tree.Roots() {
		tree.Walk(r, func(o *domain.Org) { pos[o.ID] = len(pos) })
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if pi, pj := pos[cs[i].OrgID], pos[cs[j].OrgID]; pi != pj {
			return pi < pj
		}
		if cs[i].fold != cs[j].fold {
			return cs[i].fold < cs[j].fold
		}
		return sameNameLess(&cs[i], &cs[j])
	})
	return cs
}

// sameNameLess orders namesakes by what the records say, so that a list
// reads the same in a copy of the database made through a file.
func sameNameLess(a, b *Candidate) bool {
	if c := a.BirthDate.Compare(b.BirthDate); c != 0 {
		return c < 0
	}
	if a.Card != b.Card {
		return a.Card < b.Card
	}
	return a.ID < b.ID
}

// BadgeCandidates lists the members proposed for a party badge at occasion
// (any day: the four standard ones, or another anniversary): due, seriously
// ill and early, overdue, or posthumously (HD 01-HD/TW §18, QĐ 29 §27.3);
// not those who transferred out or left, nor those postponed after a
// discipline (BadgePostponed lists them).
func (db *DB) BadgeCandidates(ctx context.Context, occasion domain.Date) ([]Candidate, error) {
	cs, _, err := db.badgeList(ctx, occasion)
	return cs, err
}

// BadgePostponed lists the members who would be proposed at occasion but
// for a discipline (6 months after a reprimand, 9 after a warning, 12 after a
// removal from post), each with the day it becomes eligible.
func (db *DB) BadgePostponed(ctx context.Context, occasion domain.Date) ([]Candidate, error) {
	_, ps, err := db.badgeList(ctx, occasion)
	return ps, err
}

func (db *DB) badgeList(ctx context.Context, occasion domain.Date) (candidates, postponed []Candidate, err error) {
	if occasion.IsZero() {
		return nil, nil, domain.Errorf(domain.EINVALID, "--occasion", "cần ngày trao Huy hiệu Đảng")
	}
	prev := domain.PreviousBadgeOccasion(occasion)
	tree, err := db.tree(ctx, domain.Date{})
	if err != nil {
		return nil, nil, err
	}
	held := map[int64]map[int]bool{}
	if err := sqlrows.Each(ctx, db.read, `SELECT member_id, milestone FROM awards WHERE form = 'badge' AND member_id IS NOT NULL`, nil,
		func(sc func(...any) error) error {
			var id int64
			var m int
			if err := sc(&id, &m); err != nil {
				return err
			}
			if held[id] == nil {
				held[id] = map[int]bool{}
			}
			held[id][m] = true
			return nil
		}); err != nil {
		return nil, nil, err
	}
	gaps := map[int64]domain.Span{}
	if err := sqlrows.Each(ctx, db.read, `SELECT member_id, from_on, to_on FROM party_age_gaps`, nil, func(sc func(...any) error) error {
		var id int64
		var from, to sql.NullString
		if err := sc(&id, &from, &to); err != nil {
			return err
		}
		gaps[id] = gaps[id].Plus(domain.SpanBetween(scanDate(from), scanDate(to)))
		return nil
	}); err != nil {
		return nil, nil, err
	}
	ill := map[int64]bool{}
	if err := sqlrows.Each(ctx, db.read, `SELECT member_id FROM absences WHERE kind = 'seriously_ill' AND year IN (?, ?)`,
		[]any{occasion.Year, occasion.Year - 1}, func(sc func(...any) error) error {
			var id int64
			if err := sc(&id); err != nil {
				return err
			}
			ill[id] = true
			return nil
		}); err != nil {
		return nil, nil, err
	}
	disciplines := map[int64][]domain.BadgeDiscipline{}
	if err := sqlrows.Each(ctx, db.read, `SELECT member_id, on_date, form FROM disciplines WHERE member_id IS NOT NULL AND on_date <= ?`,
		[]any{occasion.ISO()}, func(sc func(...any) error) error {
			var id int64
			var on sql.NullString
			var form string
			if err := sc(&id, &on, &form); err != nil {
				return err
			}
			disciplines[id] = append(disciplines[id], domain.BadgeDiscipline{On: scanDate(on), Form: form})
			return nil
		}); err != nil {
		return nil, nil, err
	}
	path := pathCache(tree)
	// Every member on the roll (or who died) whose party age may reach 30
	// years within 24 months of the occasion: a milestone passed without
	// the badge is proposed at a later occasion, so no lower bound.
	err = sqlrows.Each(ctx, db.read, `SELECT id, full_name, name_fold, COALESCE(card_no, ''), cell_id, admitted_on, status, status_on, birth_date
		FROM members WHERE admitted_on <= ? AND status IN ('active', 'exempted', 'died')`,
		[]any{occasion.AddDate(-domain.BadgeMilestones[0]+2, 0, 1).ISO()}, func(sc func(...any) error) error {
			var c Candidate
			var cell int64
			var admitted, statusOn, birth sql.NullString
			var status string
			if err := sc(&c.ID, &c.Name, &c.fold, &c.Card, &cell, &admitted, &status, &statusOn, &birth); err != nil {
				return err
			}
			s := domain.BadgeSubject{AdmittedOn: scanDate(admitted), Gaps: gaps[c.ID], SeriouslyIll: ill[c.ID], Held: held[c.ID],
				Disciplines: disciplines[c.ID]}
			if status == string(domain.StatusDied) {
				if s.DiedOn = scanDate(statusOn); s.DiedOn.IsZero() {
					return nil // died, date unknown: nothing to go on
				}
			}
			p, ok := domain.BadgeDue(s, prev, occasion)
			if !ok {
				return nil
			}
			c.BirthDate = scanDate(birth)
			c.SubjectKind, c.Milestone, c.Detail, c.OrgID, c.Org = "member", p.Milestone, p.Detail, cell, path(cell)
			c.Basis, c.EligibleFrom = p.Basis, p.EligibleFrom
			if p.Postponed {
				postponed = append(postponed, c)
			} else {
				candidates = append(candidates, c)
			}
			return nil
		})
	if err != nil {
		return nil, nil, err
	}
	for _, list := range [][]Candidate{candidates, postponed} {
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].Milestone != list[j].Milestone {
				return list[i].Milestone > list[j].Milestone
			}
			if list[i].fold != list[j].fold {
				return list[i].fold < list[j].fold
			}
			return sameNameLess(&list[i], &list[j])
		})
	}
	return candidates, postponed, nil
}

// Decision is the decision that records awards: its number, date and the
// body that issued it.
type Decision struct {
	No     string
	Date   domain.Date
	Issuer string
}

// RecordAwards records an award for each candidate under one decision, all
// in one transaction: a badge for badge candidates, a certificate (giấy
// khen) with the candidate's detail as content otherwise.
func (db *DB) RecordAwards(ctx context.Context, cs []Candidate, d Decision) error {
	if d.Date.IsZero() {
		return domain.Errorf(domain.EINVALID, "Ngày quyết định", "không được để trống")
	}
	if len(cs) == 0 {
		return domain.Errorf(domain.EINVALID, "", "chưa chọn ai trong danh sách")
	}
	return db.inTx(ctx, "awards.record", d.No, func(tx *sql.Tx) error {
		for _, c := range cs {
			a := domain.Award{Form: domain.FormCertificate, Content: c.Detail, Year: d.Date.Year,
				DecisionNo: d.No, DecisionDate: d.Date, Issuer: d.Issuer}
			if c.Content != "" {
				a.Content = c.Content
			}
			if c.Milestone != 0 {
				a.Form, a.Milestone, a.Content = domain.FormBadge, c.Milestone, fmt.Sprintf("Huy hiệu %d năm tuổi Đảng", c.Milestone)
				switch c.Basis {
				case domain.BasisPosthumous:
					// The record says the badge was awarded after death.
					a.Content = "Truy tặng " + a.Content
				case domain.BasisEarlyIllness, domain.BasisOverdue:
					a.Note = domain.UpperFirst(c.Basis.Label())
				}
			}
			if c.SubjectKind == "member" {
				a.MemberID = c.ID
			} else {
				a.OrgID = c.ID
			}
			if err := insertAward(ctx, tx, &a); err != nil {
				return fmt.Errorf("%s: %w", c.Name, err)
			}
		}
		return nil
	})
}

// awarded reports who already holds a certificate whose content is one of
// contents, by "member:id" or "org:id"; only decisions from the year on are
// looked at.
func (db *DB) awarded(ctx context.Context, year int, contents ...string) (map[string]bool, error) {
	out := map[string]bool{}
	want := map[string]bool{}
	for _, c := range contents {
		want[domain.Fold(c)] = true
	}
	err := sqlrows.Each(ctx, db.read, `SELECT COALESCE(member_id, 0), COALESCE(org_id, 0), content FROM awards
		WHERE form = 'certificate' AND year >= ? AND year_to IN (0, ?)`, []any{year, year},
		func(sc func(...any) error) error {
			var m, o int64
			var content string
			if err := sc(&m, &o, &content); err != nil {
				return err
			}
			if want[domain.Fold(content)] {
				if m != 0 {
					out[fmt.Sprint("member:", m)] = true
				} else {
					out[fmt.Sprint("org:", o)] = true
				}
			}
			return nil
		})
	return out, err
}

// flagExcellence marks the members of a list of excellence whose
// "excellent" in a year of the run the year's rules would not allow: a
// discipline in the year, a score under the band, a civil-service rating
// below excellent, three months of sick leave. They stay on the list, as
// the ratings have them, with the reason to look again (Review): an office
// must not hand a certificate to a member disciplined in the award's years
// without deciding so.
func (db *DB) flagExcellence(ctx context.Context, cs []Candidate, from, to int) error {
	if len(cs) == 0 {
		return nil
	}
	at := map[int64]int{}
	for i, c := range cs {
		at[c.ID] = i
	}
	notes := map[int64][]string{}
	note := func(id int64, format string, args ...any) {
		if _, ok := at[id]; ok {
			notes[id] = append(notes[id], fmt.Sprintf(format, args...))
		}
	}
	err := sqlrows.Each(ctx, db.read, `SELECT member_id, on_date FROM disciplines WHERE member_id IS NOT NULL AND on_date BETWEEN ? AND ? ORDER BY on_date`,
		[]any{domain.NewDate(from, 1, 1).ISO(), domain.YearEnd(to).ISO()}, func(sc func(...any) error) error {
			var id int64
			var on sql.NullString
			if err := sc(&id, &on); err != nil {
				return err
			}
			note(id, "bị kỷ luật ngày %s", scanDate(on))
			return nil
		})
	if err != nil {
		return err
	}
	links, err := db.Reading(ctx, SettingLinks)
	if err != nil {
		return err
	}
	err = sqlrows.Each(ctx, db.read, `SELECT member_id, year, score, civil_level FROM member_ratings
		WHERE level = 'HTXSNV' AND year BETWEEN ? AND ? AND (score IS NULL OR score < 90 OR civil_level <> 'HTXSNV') ORDER BY year`,
		[]any{from, to}, func(sc func(...any) error) error {
			var id int64
			var year int
			var score sql.NullFloat64
			var civil sql.NullString
			if err := sc(&id, &year, &score, &civil); err != nil {
				return err
			}
			rs := domain.RuleSetFor(year)
			if rs == nil {
				return nil
			}
			switch {
			case rs.ScoreBands && score.Valid && domain.MaxLevelForScore(score.Float64) != domain.LevelExcellent:
				note(id, "năm %d chỉ %s điểm (xuất sắc cần từ 90)", year, strings.Replace(domain.ScoreText(&score.Float64), ".", ",", 1))
			case rs.ScoreBands && !score.Valid:
				note(id, "năm %d chưa có điểm (xuất sắc cần từ 90)", year)
			}
			if linked, _ := rs.Links(domain.LinksReading(links)); linked && civil.Valid {
				if l, err := domain.ParseLevel(civil.String); err == nil {
					note(id, "năm %d xếp loại công chức %q", year, l.Name())
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	err = sqlrows.Each(ctx, db.read, `SELECT member_id, year, months FROM absences WHERE kind = 'sick_leave' AND months >= 3 AND year BETWEEN ? AND ? ORDER BY year`,
		[]any{from, to}, func(sc func(...any) error) error {
			var id int64
			var year int
			var months float64
			if err := sc(&id, &year, &months); err != nil {
				return err
			}
			note(id, "năm %d nghỉ ốm %s tháng", year, strings.Replace(fmt.Sprintf("%g", months), ".", ",", 1))
			return nil
		})
	if err != nil {
		return err
	}
	for id, ns := range notes {
		cs[at[id]].Review = strings.Join(ns, "; ")
	}
	return nil
}
