package store

import (
	"context"
	"database/sql"

	"xeploai/domain"
)

// Snapshot reads a consistent view of the whole database, for exports.
type Snapshot struct {
	ctx context.Context
	tx  *sql.Tx
}

// View runs fn with a snapshot: everything it reads is as of one moment,
// whatever other writers do meanwhile.
func (db *DB) View(ctx context.Context, fn func(s *Snapshot) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(&Snapshot{ctx: ctx, tx: tx})
}

// Tree returns the organisation tree as it is now.
func (s *Snapshot) Tree() (*domain.Tree, error) { return treeAt(s.ctx, s.tx, domain.Date{}) }

// Orgs returns every organisation, parents before children.
func (s *Snapshot) Orgs() ([]domain.Org, error) {
	tree, err := s.Tree()
	if err != nil {
		return nil, err
	}
	out := make([]domain.Org, 0, tree.Len())
	for _, r := range tree.Roots() {
		tree.Walk(r, func(o *domain.Org) { out = append(out, *o) })
	}
	return out, nil
}

// EachMember calls fn for every member, in cell order then by name.
func (s *Snapshot) EachMember(fn func(m *domain.Member) error) error {
	rows, err := s.tx.QueryContext(s.ctx, `SELECT `+memberCols+` FROM members ORDER BY cell_id, name_fold, id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return err
		}
		if err := fn(&m); err != nil {
			return err
		}
	}
	return rows.Err()
}

// MemberIdentity is what identifies a member in a file.
type MemberIdentity struct {
	FullName  string
	BirthDate domain.Date
	CardNo    string
	HistoryNo string
}

// EachMemberRating calls fn for every member rating with the member's
// identity, by year then cell then name.
func (s *Snapshot) EachMemberRating(fn func(r *domain.MemberRating, who *MemberIdentity) error) error {
	rows, err := s.tx.QueryContext(s.ctx, `SELECT r.member_id, r.year, r.org_id, r.level, r.score, r.not_rated_reason, r.note,
		m.full_name, m.birth_date, COALESCE(m.card_no, ''), COALESCE(m.history_no, '')
		FROM member_ratings r JOIN members m ON m.id = r.member_id
		ORDER BY r.year, r.org_id, m.name_fold, m.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r domain.MemberRating
		var who MemberIdentity
		var level, birth sql.NullString
		var score sql.NullFloat64
		if err := rows.Scan(&r.MemberID, &r.Year, &r.OrgID, &level, &score, &r.NotRatedReason, &r.Note,
			&who.FullName, &birth, &who.CardNo, &who.HistoryNo); err != nil {
			return err
		}
		scanRating(level, score, &r.Rating)
		who.BirthDate = scanDate(birth)
		if err := fn(&r, &who); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachOrgRating calls fn for every organisation rating, by year then id.
func (s *Snapshot) EachOrgRating(fn func(r *domain.OrgRating) error) error {
	rows, err := s.tx.QueryContext(s.ctx, `SELECT org_id, year, level, score, not_rated_reason, note FROM org_ratings ORDER BY year, org_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r domain.OrgRating
		var level sql.NullString
		var score sql.NullFloat64
		if err := rows.Scan(&r.OrgID, &r.Year, &level, &score, &r.NotRatedReason, &r.Note); err != nil {
			return err
		}
		scanRating(level, score, &r.Rating)
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachAward calls fn for every award with its member's identity (nil for an
// organisation's award), by year then id.
func (s *Snapshot) EachAward(fn func(a *domain.Award, who *MemberIdentity, cellID int64) error) error {
	rows, err := s.tx.QueryContext(s.ctx, `SELECT `+awardColumns("a.")+`,
		COALESCE(m.full_name, ''), m.birth_date, COALESCE(m.card_no, ''), COALESCE(m.history_no, ''), COALESCE(m.cell_id, 0)
		FROM awards a LEFT JOIN members m ON m.id = a.member_id ORDER BY a.year, a.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a domain.Award
		var form string
		var date, birth sql.NullString
		var who MemberIdentity
		var cellID int64
		if err := rows.Scan(&a.ID, &a.MemberID, &a.OrgID, &form, &a.Milestone, &a.Content, &a.Year, &a.YearFrom, &a.YearTo,
			&a.DecisionNo, &date, &a.Issuer, &a.Note, &who.FullName, &birth, &who.CardNo, &who.HistoryNo, &cellID); err != nil {
			return err
		}
		a.Form, a.DecisionDate = domain.AwardForm(form), scanDate(date)
		who.BirthDate = scanDate(birth)
		var w *MemberIdentity
		if a.MemberID != 0 {
			w = &who
		}
		if err := fn(&a, w, cellID); err != nil {
			return err
		}
	}
	return rows.Err()
}
