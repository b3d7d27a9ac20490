package store

import (
	"context"
	"database/sql"
	"sort"

	"xeploai/domain"
)

// Snapshot reads a consistent view of the database, or of one
// organisation's subtree, for exports. It lists records in an order that
// depends on the data alone (tree order, then names), never on row ids, so
// that an export, imported elsewhere and exported again, gives the same
// rows. Large tables are read a group of cells at a time, so that memory
// does not grow with the database.
type Snapshot struct {
	ctx   context.Context
	tx    *sql.Tx
	tree  *domain.Tree
	pos   map[int64]int // organisation id → position in tree order
	scope int64
	in    map[int64]bool // the organisations exported
	order []int64        // them, in tree order
	cells [][]int64      // the cells among them, in tree order, in groups
}

// cellGroup is how many cells' rows are read with one query.
const cellGroup = 128

// View runs fn with a snapshot of the whole database (scope 0) or of the
// subtree of organisation scope: everything it reads is as of one moment,
// whatever other writers do meanwhile.
func (db *DB) View(ctx context.Context, scope int64, fn func(s *Snapshot) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s := &Snapshot{ctx: ctx, tx: tx, scope: scope, in: map[int64]bool{}}
	if s.tree, err = treeAt(ctx, tx, domain.Date{}); err != nil {
		return err
	}
	s.pos = map[int64]int{}
	for _, r := range s.tree.Roots() {
		s.tree.Walk(r, func(o *domain.Org) { s.pos[o.ID] = len(s.pos) })
	}
	roots := s.tree.Roots()
	if scope != 0 {
		if s.tree.Org(scope) == nil {
			return domain.Errorf(domain.ENOTFOUND, "", "không tìm thấy tổ chức #%d", scope)
		}
		roots = []int64{scope}
	}
	var cells []int64
	for _, r := range roots {
		s.tree.Walk(r, func(o *domain.Org) {
			s.in[o.ID] = true
			s.order = append(s.order, o.ID)
			if o.Kind.HoldsMembers() {
				cells = append(cells, o.ID)
			}
		})
	}
	for len(cells) > 0 {
		n := min(cellGroup, len(cells))
		s.cells = append(s.cells, cells[:n])
		cells = cells[n:]
	}
	return fn(s)
}

// Tree returns the organisation tree as it is now.
func (s *Snapshot) Tree() *domain.Tree { return s.tree }

// Scope is the organisation whose subtree is exported; 0 for the whole
// database.
func (s *Snapshot) Scope() int64 { return s.scope }

// Orgs calls fn for every organisation exported, in tree order: parents
// before children.
func (s *Snapshot) Orgs(fn func(o *domain.Org) error) error {
	for _, id := range s.order {
		if err := fn(s.tree.Org(id)); err != nil {
			return err
		}
	}
	return nil
}

// Events calls fn for every event of the organisations exported, oldest
// first (the order the tree's history is replayed in).
func (s *Snapshot) Events(fn func(e *domain.OrgEvent) error) error {
	events, err := listOrgEvents(s.ctx, s.tx)
	if err != nil {
		return err
	}
	for i := range events {
		if s.in[events[i].OrgID] {
			if err := fn(&events[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// who is a member as other sheets name them, with the member's cell.
type who struct {
	ref  domain.MemberRef
	fold string
	cell int64
}

// less orders members: by their cell in tree order, then by name, date of
// birth and numbers.
func (s *Snapshot) less(a, b *who) bool {
	if pa, pb := s.pos[a.cell], s.pos[b.cell]; pa != pb {
		return pa < pb
	}
	if a.fold != b.fold {
		return a.fold < b.fold
	}
	if c := a.ref.BirthDate.Compare(b.ref.BirthDate); c != 0 {
		return c < 0
	}
	if a.ref.FullName != b.ref.FullName {
		return a.ref.FullName < b.ref.FullName
	}
	if a.ref.CardNo != b.ref.CardNo {
		return a.ref.CardNo < b.ref.CardNo
	}
	return a.ref.HistoryNo < b.ref.HistoryNo
}

// memberGroup is the members of a group of cells, in order.
type memberGroup struct {
	members []domain.Member
	who     []who
	ids     string // their ids as a JSON array
}

// eachMemberGroup calls fn with the members of each group of cells, in
// order.
func (s *Snapshot) eachMemberGroup(fn func(g *memberGroup) error) error {
	stmt, err := s.tx.PrepareContext(s.ctx, `SELECT `+memberCols+`, name_fold FROM members WHERE cell_id IN (SELECT value FROM json_each(?))`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, cells := range s.cells {
		rows, err := stmt.QueryContext(s.ctx, jsonArg(cells))
		if err != nil {
			return err
		}
		var g memberGroup
		for rows.Next() {
			var fold string
			m, err := scanMember(rows, &fold)
			if err != nil {
				rows.Close()
				return err
			}
			g.members = append(g.members, m)
			g.who = append(g.who, who{ref: domain.MemberRef{CardNo: m.CardNo, HistoryNo: m.HistoryNo, FullName: m.FullName, BirthDate: m.BirthDate}, fold: fold, cell: m.CellID})
		}
		if err := rows.Close(); err != nil {
			return err
		}
		idx := make([]int, len(g.members))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(i, j int) bool { return s.less(&g.who[idx[i]], &g.who[idx[j]]) })
		sorted := memberGroup{members: make([]domain.Member, len(idx)), who: make([]who, len(idx))}
		ids := make([]int64, len(idx))
		for k, i := range idx {
			sorted.members[k], sorted.who[k], ids[k] = g.members[i], g.who[i], g.members[i].ID
		}
		sorted.ids = jsonArg(ids)
		if err := fn(&sorted); err != nil {
			return err
		}
	}
	return nil
}

// EachMember calls fn for every member exported, cell by cell in tree
// order, then by name and date of birth.
func (s *Snapshot) EachMember(fn func(m *domain.Member) error) error {
	return s.eachMemberGroup(func(g *memberGroup) error {
		for i := range g.members {
			if err := fn(&g.members[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// eachOfMembers calls fn for each row of query (whose first column is the
// member id and whose one parameter is a JSON array of member ids), member
// by member in the members' order, keeping the query's order within a
// member. scan reads a row's other columns.
func (s *Snapshot) eachOfMembers(query string, scan func(sc func(...any) error) (func(who *domain.MemberRef, cell int64) error, error)) error {
	stmt, err := s.tx.PrepareContext(s.ctx, query)
	if err != nil {
		return err
	}
	defer stmt.Close()
	return s.eachMemberGroup(func(g *memberGroup) error {
		rows, err := stmt.QueryContext(s.ctx, g.ids)
		if err != nil {
			return err
		}
		byMember := map[int64][]func(*domain.MemberRef, int64) error{}
		for rows.Next() {
			var id int64
			emit, err := scan(func(dest ...any) error { return rows.Scan(append([]any{&id}, dest...)...) })
			if err != nil {
				rows.Close()
				return err
			}
			if emit != nil {
				byMember[id] = append(byMember[id], emit)
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		for i, m := range g.members {
			for _, emit := range byMember[m.ID] {
				if err := emit(&g.who[i].ref, g.who[i].cell); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// EachMembership calls fn for each period of the members exported in a
// cell exported, member by member, oldest first.
func (s *Snapshot) EachMembership(fn func(ms *domain.Membership, who *domain.MemberRef) error) error {
	return s.eachOfMembers(`SELECT member_id, org_id, from_on, to_on FROM memberships WHERE member_id IN (SELECT value FROM json_each(?))
		ORDER BY member_id, COALESCE(from_on, ''), id`,
		func(sc func(...any) error) (func(*domain.MemberRef, int64) error, error) {
			var ms domain.Membership
			var from, to sql.NullString
			if err := sc(&ms.OrgID, &from, &to); err != nil || !s.in[ms.OrgID] {
				return nil, err
			}
			ms.From, ms.To = scanDate(from), scanDate(to)
			return func(who *domain.MemberRef, _ int64) error { return fn(&ms, who) }, nil
		})
}

// EachAbsence calls fn for each absence of the members exported, by year.
func (s *Snapshot) EachAbsence(fn func(a *domain.Absence, who *domain.MemberRef, cell int64) error) error {
	return s.eachOfMembers(`SELECT member_id, year, kind, months, note FROM absences WHERE member_id IN (SELECT value FROM json_each(?))
		ORDER BY member_id, year, kind, id`,
		func(sc func(...any) error) (func(*domain.MemberRef, int64) error, error) {
			var a domain.Absence
			var kind string
			if err := sc(&a.Year, &kind, &a.Months, &a.Note); err != nil {
				return nil, err
			}
			a.Kind = domain.AbsenceKind(kind)
			return func(who *domain.MemberRef, cell int64) error { return fn(&a, who, cell) }, nil
		})
}

// EachGap calls fn for each gap in party age of the members exported.
func (s *Snapshot) EachGap(fn func(g *domain.PartyAgeGap, who *domain.MemberRef, cell int64) error) error {
	return s.eachOfMembers(`SELECT member_id, from_on, to_on, reason FROM party_age_gaps WHERE member_id IN (SELECT value FROM json_each(?))
		ORDER BY member_id, from_on, id`,
		func(sc func(...any) error) (func(*domain.MemberRef, int64) error, error) {
			var g domain.PartyAgeGap
			var from, to sql.NullString
			if err := sc(&from, &to, &g.Reason); err != nil {
				return nil, err
			}
			g.From, g.To = scanDate(from), scanDate(to)
			return func(who *domain.MemberRef, cell int64) error { return fn(&g, who, cell) }, nil
		})
}

// EachLeader calls fn for each committee seat of the members exported on
// an organisation exported.
func (s *Snapshot) EachLeader(fn func(l *domain.Leader, who *domain.MemberRef, cell int64) error) error {
	return s.eachOfMembers(`SELECT member_id, org_id, role, from_on, to_on FROM leaders WHERE member_id IN (SELECT value FROM json_each(?))
		ORDER BY member_id, COALESCE(from_on, ''), org_id, id`,
		func(sc func(...any) error) (func(*domain.MemberRef, int64) error, error) {
			var l domain.Leader
			var from, to sql.NullString
			if err := sc(&l.OrgID, &l.Role, &from, &to); err != nil || !s.in[l.OrgID] {
				return nil, err
			}
			l.From, l.To = scanDate(from), scanDate(to)
			return func(who *domain.MemberRef, cell int64) error { return fn(&l, who, cell) }, nil
		})
}

func (s *Snapshot) years(table string) ([]int, error) {
	var out []int
	err := eachRow(s.ctx, s.tx, `SELECT DISTINCT year FROM `+table+` ORDER BY year`, nil, func(sc func(...any) error) error {
		var y int
		err := sc(&y)
		out = append(out, y)
		return err
	})
	return out, err
}

// EachMemberRating calls fn for every member rating given in a cell
// exported (to a member exported, for a subtree), with the member's
// identity: by year, then cell in tree order, then name.
func (s *Snapshot) EachMemberRating(fn func(r *domain.MemberRating, who *domain.MemberRef) error) error {
	years, err := s.years("member_ratings")
	if err != nil {
		return err
	}
	stmt, err := s.tx.PrepareContext(s.ctx, `SELECT r.member_id, r.org_id, r.level, r.score, r.not_rated_reason, r.note, r.civil_level,
		m.full_name, m.name_fold, m.birth_date, COALESCE(m.card_no, ''), COALESCE(m.history_no, ''), m.cell_id
		FROM member_ratings r JOIN members m ON m.id = r.member_id WHERE r.year = ? AND r.org_id IN (SELECT value FROM json_each(?))`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	type item struct {
		r   domain.MemberRating
		who who
	}
	for _, year := range years {
		for _, cells := range s.cells {
			rows, err := stmt.QueryContext(s.ctx, year, jsonArg(cells))
			if err != nil {
				return err
			}
			var items []item
			for rows.Next() {
				var it item
				var level, civil, birth sql.NullString
				var score sql.NullFloat64
				var memberCell int64
				if err := rows.Scan(&it.r.MemberID, &it.r.OrgID, &level, &score, &it.r.NotRatedReason, &it.r.Note, &civil,
					&it.who.ref.FullName, &it.who.fold, &birth, &it.who.ref.CardNo, &it.who.ref.HistoryNo, &memberCell); err != nil {
					rows.Close()
					return err
				}
				if s.scope != 0 && !s.in[memberCell] {
					continue // a member who has left the subtree
				}
				it.r.Year = year
				scanRating(level, score, &it.r.Rating)
				it.r.CivilService = levelOf(civil)
				it.who.ref.BirthDate = scanDate(birth)
				it.who.cell = it.r.OrgID
				items = append(items, it)
			}
			if err := rows.Close(); err != nil {
				return err
			}
			sort.SliceStable(items, func(i, j int) bool { return s.less(&items[i].who, &items[j].who) })
			for i := range items {
				if err := fn(&items[i].r, &items[i].who.ref); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// EachOrgRating calls fn for every rating of an organisation exported, by
// year then tree order.
func (s *Snapshot) EachOrgRating(fn func(r *domain.OrgRating) error) error {
	var all []domain.OrgRating
	err := eachRow(s.ctx, s.tx, `SELECT org_id, year, level, score, not_rated_reason, note, mass_level FROM org_ratings`, nil, func(sc func(...any) error) error {
		var r domain.OrgRating
		var level, mass sql.NullString
		var score sql.NullFloat64
		if err := sc(&r.OrgID, &r.Year, &level, &score, &r.NotRatedReason, &r.Note, &mass); err != nil {
			return err
		}
		if s.in[r.OrgID] {
			scanRating(level, score, &r.Rating)
			r.MassOrgs = levelOf(mass)
			all = append(all, r)
		}
		return nil
	})
	if err != nil {
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

// subject is a record's member (with the member's cell) or organisation.
type subject struct {
	who    *who
	orgID  int64
	keyOrg int64 // the organisation the record sorts under
}

func (s *Snapshot) subjectOf(memberID, orgID int64, fullName, fold string, birth sql.NullString, card, history string, cell int64) (subject, bool) {
	if memberID == 0 {
		return subject{orgID: orgID, keyOrg: orgID}, s.in[orgID]
	}
	w := &who{ref: domain.MemberRef{FullName: fullName, BirthDate: scanDate(birth), CardNo: card, HistoryNo: history}, fold: fold, cell: cell}
	return subject{who: w, keyOrg: cell}, s.in[cell]
}

// lessSubject orders records of members and organisations: by the
// organisation in tree order, then an organisation's before its members',
// then the members in order.
func (s *Snapshot) lessSubject(a, b *subject) (less, equal bool) {
	if pa, pb := s.pos[a.keyOrg], s.pos[b.keyOrg]; pa != pb {
		return pa < pb, false
	}
	switch {
	case a.who == nil && b.who == nil:
		return false, true
	case a.who == nil || b.who == nil:
		return a.who == nil, false
	}
	if s.less(a.who, b.who) {
		return true, false
	}
	return false, !s.less(b.who, a.who)
}

// EachAward calls fn for every award of a member or organisation exported,
// with the member's identity and cell (nil and 0 for an organisation's), by
// year, milestone, recipient in tree order, form, content.
func (s *Snapshot) EachAward(fn func(a *domain.Award, who *domain.MemberRef, cellID int64) error) error {
	type item struct {
		a    domain.Award
		subj subject
	}
	var all []item
	err := eachRow(s.ctx, s.tx, `SELECT `+awardColumns("a.")+`,
		COALESCE(m.full_name, ''), COALESCE(m.name_fold, ''), m.birth_date, COALESCE(m.card_no, ''), COALESCE(m.history_no, ''), COALESCE(m.cell_id, 0)
		FROM awards a LEFT JOIN members m ON m.id = a.member_id`, nil, func(sc func(...any) error) error {
		var it item
		var name, fold, card, history string
		var birth sql.NullString
		var cell int64
		a, err := scanAward(rowScanner(sc), &name, &fold, &birth, &card, &history, &cell)
		if err != nil {
			return err
		}
		subj, ok := s.subjectOf(a.MemberID, a.OrgID, name, fold, birth, card, history, cell)
		if ok {
			it.a, it.subj = a, subj
			all = append(all, it)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := &all[i], &all[j]
		if a.a.Year != b.a.Year {
			return a.a.Year < b.a.Year
		}
		if a.a.Milestone != b.a.Milestone {
			return a.a.Milestone < b.a.Milestone
		}
		if less, equal := s.lessSubject(&a.subj, &b.subj); !equal {
			return less
		}
		if a.a.Form != b.a.Form {
			return a.a.Form < b.a.Form
		}
		if fa, fb := domain.Fold(a.a.Content), domain.Fold(b.a.Content); fa != fb {
			return fa < fb
		}
		return a.a.DecisionNo < b.a.DecisionNo
	})
	for i := range all {
		var ref *domain.MemberRef
		var cell int64
		if w := all[i].subj.who; w != nil {
			ref, cell = &w.ref, w.cell
		}
		if err := fn(&all[i].a, ref, cell); err != nil {
			return err
		}
	}
	return nil
}

// EachDiscipline calls fn for every discipline of a member or organisation
// exported, by date, then subject in tree order.
func (s *Snapshot) EachDiscipline(fn func(d *domain.Discipline, who *domain.MemberRef, cellID int64) error) error {
	type item struct {
		d    domain.Discipline
		subj subject
	}
	var all []item
	err := eachRow(s.ctx, s.tx, `SELECT COALESCE(d.member_id, 0), COALESCE(d.org_id, 0), d.on_date, d.form, d.reason, d.decision_no, COALESCE(d.self_corrected, 0),
		COALESCE(m.full_name, ''), COALESCE(m.name_fold, ''), m.birth_date, COALESCE(m.card_no, ''), COALESCE(m.history_no, ''), COALESCE(m.cell_id, 0)
		FROM disciplines d LEFT JOIN members m ON m.id = d.member_id`, nil, func(sc func(...any) error) error {
		var d domain.Discipline
		var on, birth sql.NullString
		var name, fold, card, history string
		var cell int64
		if err := sc(&d.MemberID, &d.OrgID, &on, &d.Form, &d.Reason, &d.DecisionNo, &d.SelfCorrected, &name, &fold, &birth, &card, &history, &cell); err != nil {
			return err
		}
		d.On = scanDate(on)
		if subj, ok := s.subjectOf(d.MemberID, d.OrgID, name, fold, birth, card, history, cell); ok {
			all = append(all, item{d, subj})
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := &all[i], &all[j]
		if c := a.d.On.Compare(b.d.On); c != 0 {
			return c < 0
		}
		if less, equal := s.lessSubject(&a.subj, &b.subj); !equal {
			return less
		}
		return a.d.Form < b.d.Form
	})
	for i := range all {
		var ref *domain.MemberRef
		var cell int64
		if w := all[i].subj.who; w != nil {
			ref, cell = &w.ref, w.cell
		}
		if err := fn(&all[i].d, ref, cell); err != nil {
			return err
		}
	}
	return nil
}
