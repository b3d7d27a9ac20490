package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"xeploai/domain"
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
	detail := fmt.Sprintf("Hoàn thành xuất sắc nhiệm vụ %d năm liền (%d–%d)", n, from, year)
	if n == 1 {
		detail = fmt.Sprintf("Hoàn thành xuất sắc nhiệm vụ năm %d", year)
	}
	done, err := db.awarded(ctx, detail, year)
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
		return sortByTree(tree, out), rows.Err()
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
		out = append(out, Candidate{SubjectKind: "org", ID: id, Name: o.Name, OrgID: id, Org: tree.Path(id), Detail: detail})
	}
	return sortByTree(tree, out), rows.Err()
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
		return cs[i].ID < cs[j].ID
	})
	return cs
}

// BadgeCandidates lists the members due a party badge at occasion (HD
// 01-HD/TW §18): those on the roll, and those who died shortly before their
// milestone; not those who transferred out or left.
func (db *DB) BadgeCandidates(ctx context.Context, occasion domain.Date) ([]Candidate, error) {
	if !domain.IsBadgeOccasion(occasion) {
		return nil, domain.Errorf(domain.EINVALID, "--occasion", "%s không phải là ngày trao Huy hiệu Đảng (3/2, 19/5, 2/9, 7/11)", occasion)
	}
	prev := domain.PreviousBadgeOccasion(occasion)
	tree, err := db.tree(ctx, domain.Date{})
	if err != nil {
		return nil, err
	}
	held := map[int64]map[int]bool{}
	if err := eachRow(ctx, db.read, `SELECT member_id, milestone FROM awards WHERE form = 'badge' AND member_id IS NOT NULL`, nil,
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
		return nil, err
	}
	gaps := map[int64]int{}
	if err := eachRow(ctx, db.read, `SELECT member_id, from_on, to_on FROM party_age_gaps`, nil, func(sc func(...any) error) error {
		var id int64
		var from, to sql.NullString
		if err := sc(&id, &from, &to); err != nil {
			return err
		}
		gaps[id] += int(scanDate(to).Time().Sub(scanDate(from).Time()).Hours()/24) + 1
		return nil
	}); err != nil {
		return nil, err
	}
	ill := map[int64]bool{}
	if err := eachRow(ctx, db.read, `SELECT member_id FROM absences WHERE kind = 'seriously_ill' AND year IN (?, ?)`,
		[]any{occasion.Year, occasion.Year - 1}, func(sc func(...any) error) error {
			var id int64
			if err := sc(&id); err != nil {
				return err
			}
			ill[id] = true
			return nil
		}); err != nil {
		return nil, err
	}
	path := pathCache(tree)
	// Only members whose party age reaches a milestone after the previous
	// occasion and at most 24 months after this one (early consideration)
	// can be due, and those with gaps in their party age.
	seen := map[int64]bool{}
	var out []Candidate
	scan := func(sc func(...any) error) error {
		var c Candidate
		var cell int64
		var admitted, statusOn, birth sql.NullString
		var status string
		if err := sc(&c.ID, &c.Name, &c.fold, &c.Card, &cell, &admitted, &status, &statusOn, &birth); err != nil {
			return err
		}
		c.BirthDate = scanDate(birth)
		if seen[c.ID] {
			return nil
		}
		seen[c.ID] = true
		s := domain.BadgeSubject{AdmittedOn: scanDate(admitted), GapDays: gaps[c.ID], SeriouslyIll: ill[c.ID], Held: held[c.ID]}
		if status == string(domain.StatusDied) {
			if s.DiedOn = scanDate(statusOn); s.DiedOn.IsZero() {
				return nil // died, date unknown: nothing to go on
			}
		}
		m, why := domain.BadgeDue(s, prev, occasion)
		if m == 0 {
			return nil
		}
		c.SubjectKind, c.Milestone, c.Detail, c.OrgID, c.Org = "member", m, why, cell, path(cell)
		out = append(out, c)
		return nil
	}
	// Indexed ranges of admission dates: per milestone, those reaching it
	// since the previous occasion, and those who died up to 12 months before
	// reaching it; then, by id, the seriously ill (up to 24 months early)
	// and those with gaps in their party age.
	const cols = `SELECT id, full_name, name_fold, COALESCE(card_no, ''), cell_id, admitted_on, status, status_on, birth_date FROM members WHERE `
	for _, m := range domain.BadgeMilestones {
		lo := prev.AddDate(-m, 0, -1).ISO()
		if err := eachRow(ctx, db.read, cols+`admitted_on BETWEEN ? AND ? AND status IN ('active', 'exempted')`,
			[]any{lo, occasion.AddDate(-m, 0, 1).ISO()}, scan); err != nil {
			return nil, err
		}
		if err := eachRow(ctx, db.read, cols+`admitted_on BETWEEN ? AND ? AND status = 'died'`,
			[]any{lo, occasion.AddDate(-m, 12, 1).ISO()}, scan); err != nil {
			return nil, err
		}
	}
	if err := eachRow(ctx, db.read, cols+`status IN ('active', 'exempted', 'died') AND (id IN (SELECT member_id FROM party_age_gaps)
		OR id IN (SELECT member_id FROM absences WHERE kind = 'seriously_ill' AND year IN (?, ?)))`,
		[]any{occasion.Year, occasion.Year - 1}, scan); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Milestone != out[j].Milestone {
			return out[i].Milestone > out[j].Milestone
		}
		if out[i].fold != out[j].fold {
			return out[i].fold < out[j].fold
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// queryIDs runs a query of one integer column and returns its values.
func queryIDs(ctx context.Context, q queryer, query string, args ...any) ([]int64, error) {
	var ids []int64
	err := eachRow(ctx, q, query, args, func(sc func(...any) error) error {
		var id int64
		if err := sc(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	return ids, err
}

// eachRow runs query and calls fn with a scanner for each row.
func eachRow(ctx context.Context, q queryer, query string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
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
			if c.Milestone != 0 {
				a.Form, a.Milestone, a.Content = domain.FormBadge, c.Milestone, fmt.Sprintf("Huy hiệu %d năm tuổi Đảng", c.Milestone)
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

// awarded reports who already holds a certificate whose content is detail,
// by "member:id" or "org:id"; only decisions from the year on are looked at.
func (db *DB) awarded(ctx context.Context, detail string, year int) (map[string]bool, error) {
	out := map[string]bool{}
	want := domain.Fold(detail)
	err := eachRow(ctx, db.read, `SELECT COALESCE(member_id, 0), COALESCE(org_id, 0), content FROM awards
		WHERE form = 'certificate' AND year >= ? AND year_to IN (0, ?)`, []any{year, year},
		func(sc func(...any) error) error {
			var m, o int64
			var content string
			if err := sc(&m, &o, &content); err != nil {
				return err
			}
			if domain.Fold(content) == want {
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
