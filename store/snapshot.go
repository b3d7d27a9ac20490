package store

import (
	"context"
	"database/sql"
	"sort"

	"xeploai/domain"
)

// Snapshot reads a consistent view of the whole database, for exports. It
// lists records in an order that depends on the data alone (tree order, then
// names), never on row ids, so that an export, imported elsewhere and
// exported again, gives the same rows.
type Snapshot struct {
	ctx  context.Context
	tx   *sql.Tx
	tree *domain.Tree
	pos  map[int64]int // organisation id → position in tree order
}

// View runs fn with a snapshot: everything it reads is as of one moment,
// whatever other writers do meanwhile.
func (db *DB) View(ctx context.Context, fn func(s *Snapshot) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s := &Snapshot{ctx: ctx, tx: tx}
	if s.tree, err = treeAt(ctx, tx, domain.Date{}); err != nil {
		return err
	}
	s.pos = map[int64]int{}
	for _, r := range s.tree.Roots() {
		s.tree.Walk(r, func(o *domain.Org) { s.pos[o.ID] = len(s.pos) })
	}
	return fn(s)
}

// Tree returns the organisation tree as it is now.
func (s *Snapshot) Tree() (*domain.Tree, error) { return s.tree, nil }

// Orgs returns every organisation in tree order, parents before children.
func (s *Snapshot) Orgs() ([]domain.Org, error) {
	out := make([]domain.Org, 0, s.tree.Len())
	for _, r := range s.tree.Roots() {
		s.tree.Walk(r, func(o *domain.Org) { out = append(out, *o) })
	}
	return out, nil
}

// cellsInOrder lists the organisations that hold members, in tree order.
func (s *Snapshot) cellsInOrder() []int64 {
	var ids []int64
	for _, r := range s.tree.Roots() {
		s.tree.Walk(r, func(o *domain.Org) {
			if o.Kind.HoldsMembers() {
				ids = append(ids, o.ID)
			}
		})
	}
	return ids
}

// EachMember calls fn for every member, cell by cell in tree order, then by
// name and date of birth.
func (s *Snapshot) EachMember(fn func(m *domain.Member) error) error {
	stmt, err := s.tx.PrepareContext(s.ctx, `SELECT `+memberCols+` FROM members WHERE cell_id = ?
		ORDER BY name_fold, birth_date, full_name, COALESCE(card_no, ''), COALESCE(history_no, ''), id`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, cell := range s.cellsInOrder() {
		rows, err := stmt.QueryContext(s.ctx, cell)
		if err != nil {
			return err
		}
		for rows.Next() {
			m, err := scanMember(rows)
			if err == nil {
				err = fn(&m)
			}
			if err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
}

func (s *Snapshot) years(table string) ([]int, error) {
	rows, err := s.tx.QueryContext(s.ctx, `SELECT DISTINCT year FROM `+table+` ORDER BY year`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// EachMemberRating calls fn for every member rating with the member's
// identity, by year, then cell in tree order, then name.
func (s *Snapshot) EachMemberRating(fn func(r *domain.MemberRating, who *domain.MemberRef) error) error {
	years, err := s.years("member_ratings")
	if err != nil {
		return err
	}
	type item struct {
		r    domain.MemberRating
		who  domain.MemberRef
		fold string
	}
	for _, year := range years {
		rows, err := s.tx.QueryContext(s.ctx, `SELECT r.member_id, r.year, r.org_id, r.level, r.score, r.not_rated_reason, r.note, r.civil_level,
			m.full_name, m.name_fold, m.birth_date, COALESCE(m.card_no, ''), COALESCE(m.history_no, '')
			FROM member_ratings r JOIN members m ON m.id = r.member_id WHERE r.year = ?`, year)
		if err != nil {
			return err
		}
		var items []item
		for rows.Next() {
			var it item
			var level, civil, birth sql.NullString
			var score sql.NullFloat64
			if err := rows.Scan(&it.r.MemberID, &it.r.Year, &it.r.OrgID, &level, &score, &it.r.NotRatedReason, &it.r.Note, &civil,
				&it.who.FullName, &it.fold, &birth, &it.who.CardNo, &it.who.HistoryNo); err != nil {
				rows.Close()
				return err
			}
			scanRating(level, score, &it.r.Rating)
			it.r.CivilService = levelOf(civil)
			it.who.BirthDate = scanDate(birth)
			items = append(items, it)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		sort.Slice(items, func(i, j int) bool {
			a, b := &items[i], &items[j]
			if pa, pb := s.pos[a.r.OrgID], s.pos[b.r.OrgID]; pa != pb {
				return pa < pb
			}
			if a.fold != b.fold {
				return a.fold < b.fold
			}
			if c := a.who.BirthDate.Compare(b.who.BirthDate); c != 0 {
				return c < 0
			}
			if a.who.CardNo != b.who.CardNo {
				return a.who.CardNo < b.who.CardNo
			}
			return a.who.HistoryNo < b.who.HistoryNo
		})
		for i := range items {
			if err := fn(&items[i].r, &items[i].who); err != nil {
				return err
			}
		}
	}
	return nil
}

// EachOrgRating calls fn for every organisation rating, by year then tree
// order.
func (s *Snapshot) EachOrgRating(fn func(r *domain.OrgRating) error) error {
	rows, err := s.tx.QueryContext(s.ctx, `SELECT org_id, year, level, score, not_rated_reason, note, mass_level FROM org_ratings`)
	if err != nil {
		return err
	}
	var all []domain.OrgRating
	for rows.Next() {
		var r domain.OrgRating
		var level, mass sql.NullString
		var score sql.NullFloat64
		if err := rows.Scan(&r.OrgID, &r.Year, &level, &score, &r.NotRatedReason, &r.Note, &mass); err != nil {
			rows.Close()
			return err
		}
		scanRating(level, score, &r.Rating)
		r.MassOrgs = levelOf(mass)
		all = append(all, r)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Year != all[j].Year {
			return all[i].Year < all[j].Year
		}
		return s.pos[all[i].OrgID] < s.pos[all[j].OrgID]
	})
	for i := range all {
		if err := fn(&all[i]); err != nil {
			return err
		}
	}
	return nil
}

// EachAward calls fn for every award with its member's identity and cell (nil
// and 0 for an organisation's award), by year, form, recipient, content.
func (s *Snapshot) EachAward(fn func(a *domain.Award, who *domain.MemberRef, cellID int64) error) error {
	rows, err := s.tx.QueryContext(s.ctx, `SELECT `+awardColumns("a.")+`,
		COALESCE(m.full_name, ''), COALESCE(m.name_fold, ''), m.birth_date, COALESCE(m.card_no, ''), COALESCE(m.history_no, ''), COALESCE(m.cell_id, 0)
		FROM awards a LEFT JOIN members m ON m.id = a.member_id`)
	if err != nil {
		return err
	}
	type item struct {
		a      domain.Award
		who    domain.MemberRef
		fold   string
		cellID int64
	}
	var all []item
	for rows.Next() {
		var it item
		var form string
		var date, birth sql.NullString
		a := &it.a
		if err := rows.Scan(&a.ID, &a.MemberID, &a.OrgID, &form, &a.Milestone, &a.Content, &a.Year, &a.YearFrom, &a.YearTo,
			&a.DecisionNo, &date, &a.Issuer, &a.Note, &it.who.FullName, &it.fold, &birth, &it.who.CardNo, &it.who.HistoryNo, &it.cellID); err != nil {
			rows.Close()
			return err
		}
		a.Form, a.DecisionDate = domain.AwardForm(form), scanDate(date)
		it.who.BirthDate = scanDate(birth)
		if a.OrgID != 0 {
			it.fold = domain.Fold(s.tree.Org(a.OrgID).Name)
		}
		all = append(all, it)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	key := func(it *item) []string {
		return []string{string(it.a.Form), it.fold, it.who.BirthDate.ISO(), it.who.CardNo, domain.Fold(it.a.Content), it.a.DecisionNo}
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := &all[i], &all[j]
		if a.a.Year != b.a.Year {
			return a.a.Year < b.a.Year
		}
		if a.a.Milestone != b.a.Milestone {
			return a.a.Milestone < b.a.Milestone
		}
		if pa, pb := s.pos[a.a.OrgID], s.pos[b.a.OrgID]; pa != pb {
			return pa < pb
		}
		ka, kb := key(a), key(b)
		for k := range ka {
			if ka[k] != kb[k] {
				return ka[k] < kb[k]
			}
		}
		return false
	})
	for i := range all {
		var who *domain.MemberRef
		if all[i].a.MemberID != 0 {
			who = &all[i].who
		}
		if err := fn(&all[i].a, who, all[i].cellID); err != nil {
			return err
		}
	}
	return nil
}
