package store

import (
	"context"
	"database/sql"
	"errors"

	"xeploai/domain"
)

func levelArg(l domain.Level) any {
	if l == domain.LevelNone {
		return nil
	}
	return l.Code()
}

func scoreArg(s *float64) any {
	if s == nil {
		return nil
	}
	return *s
}

// levelOf reads an optional stored level code (civil_level, mass_level).
func levelOf(code sql.NullString) domain.Level {
	l, _ := domain.LevelFromCode(code.String)
	return l
}

func scanRating(level sql.NullString, score sql.NullFloat64, r *domain.Rating) {
	r.Level, _ = domain.LevelFromCode(level.String)
	if score.Valid {
		v := score.Float64
		r.Score = &v
	}
}

func validateMemberRating(ctx context.Context, q queryer, r *domain.MemberRating) error {
	r.Normalize()
	m, err := getMember(ctx, q, r.MemberID)
	if err != nil {
		return err
	}
	if err := r.ValidateFor(m, domain.Today().Year); err != nil {
		return err
	}
	if r.OrgID == 0 {
		if r.OrgID, err = cellAt(ctx, q, r.MemberID, domain.YearEnd(r.Year)); err != nil {
			return err
		}
	}
	org, err := getOrg(ctx, q, r.OrgID)
	if err != nil {
		return err
	}
	if !org.Kind.HoldsMembers() {
		return domain.Errorf(domain.EINVALID, "Chi bộ", "%s không trực tiếp quản lý đảng viên", org.Name)
	}
	return nil
}

func upsertMemberRating(ctx context.Context, q queryer, r *domain.MemberRating) error {
	if err := validateMemberRating(ctx, q, r); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO member_ratings (member_id, year, org_id, level, score, not_rated_reason, note, civil_level)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (member_id, year) DO UPDATE SET org_id = excluded.org_id, level = excluded.level,
		score = excluded.score, not_rated_reason = excluded.not_rated_reason, note = excluded.note, civil_level = excluded.civil_level`,
		r.MemberID, r.Year, r.OrgID, levelArg(r.Level), scoreArg(r.Score), r.NotRatedReason, r.Note, levelArg(r.CivilService))
	return err
}

// SetMemberRating stores a member's rating for a year, replacing any earlier
// one. With no OrgID, the rating goes to the cell the member belonged to at
// the end of that year.
func (db *DB) SetMemberRating(ctx context.Context, r *domain.MemberRating) error {
	return db.inTx(ctx, "rating.member", "", func(tx *sql.Tx) error {
		if err := db.nameStep(ctx, tx, `SELECT full_name || ' (' || ? || ')' FROM members WHERE id = ?`, r.Year, r.MemberID); err != nil {
			return err
		}
		return upsertMemberRating(ctx, tx, r)
	})
}

// DeleteMemberRating removes a member's rating for a year.
func (db *DB) DeleteMemberRating(ctx context.Context, memberID int64, year int) error {
	return db.inTx(ctx, "rating.member", "", func(tx *sql.Tx) error {
		if err := db.nameStep(ctx, tx, `SELECT full_name || ' (' || ? || ')' FROM members WHERE id = ?`, year, memberID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM member_ratings WHERE member_id = ? AND year = ?`, memberID, year)
		return err
	})
}

// MemberRatings returns a member's ratings, newest year first.
func (db *DB) MemberRatings(ctx context.Context, memberID int64) ([]domain.MemberRating, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT member_id, year, org_id, level, score, not_rated_reason, note, civil_level
		FROM member_ratings WHERE member_id = ? ORDER BY year DESC`, memberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.MemberRating
	for rows.Next() {
		var r domain.MemberRating
		var level, civil sql.NullString
		var score sql.NullFloat64
		if err := rows.Scan(&r.MemberID, &r.Year, &r.OrgID, &level, &score, &r.NotRatedReason, &r.Note, &civil); err != nil {
			return nil, err
		}
		scanRating(level, score, &r.Rating)
		r.CivilService = levelOf(civil)
		out = append(out, r)
	}
	return out, rows.Err()
}

func upsertOrgRating(ctx context.Context, q queryer, r *domain.OrgRating) error {
	r.Normalize()
	o, err := getOrg(ctx, q, r.OrgID)
	if err != nil {
		return err
	}
	if err := r.ValidateFor(o, domain.Today().Year); err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO org_ratings (org_id, year, level, score, not_rated_reason, note, mass_level)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (org_id, year) DO UPDATE SET level = excluded.level, score = excluded.score,
		not_rated_reason = excluded.not_rated_reason, note = excluded.note, mass_level = excluded.mass_level`,
		r.OrgID, r.Year, levelArg(r.Level), scoreArg(r.Score), r.NotRatedReason, r.Note, levelArg(r.MassOrgs))
	return err
}

// SetOrgRating stores an organisation's own rating for a year.
func (db *DB) SetOrgRating(ctx context.Context, r *domain.OrgRating) error {
	return db.inTx(ctx, "rating.org", "", func(tx *sql.Tx) error {
		if err := db.nameStep(ctx, tx, `SELECT name || ' (' || ? || ')' FROM orgs WHERE id = ?`, r.Year, r.OrgID); err != nil {
			return err
		}
		return upsertOrgRating(ctx, tx, r)
	})
}

// OrgRating returns an organisation's rating for a year, or nil.
func (db *DB) OrgRating(ctx context.Context, orgID int64, year int) (*domain.OrgRating, error) {
	return orgRating(ctx, db.read, orgID, year)
}

// SheetRow is one line of the rating sheet of a cell: a member with the
// year's rating, if any.
type SheetRow struct {
	Member domain.Member
	Rating *domain.MemberRating
}

// RatingSheet lists the members a cell rates for year: those in it at the end
// of the year (admitted by then, not gone before it) and any it has rated,
// by name.
func (db *DB) RatingSheet(ctx context.Context, cellID int64, year int) ([]SheetRow, error) {
	end := domain.YearEnd(year).ISO()
	start := domain.NewDate(year, 1, 1).ISO()
	rows, err := db.read.QueryContext(ctx, `SELECT `+memberColumns("m.")+`, r.year, r.org_id, r.level, r.score, r.not_rated_reason, r.note, r.civil_level
		FROM members m LEFT JOIN member_ratings r ON r.member_id = m.id AND r.year = ?
		WHERE (m.cell_id = ? AND m.admitted_on <= ? AND (m.status IN ('active', 'exempted') OR m.status_on >= ?))
		   OR r.org_id = ?
		ORDER BY m.name_fold, m.birth_date, m.id`, year, cellID, end, start, cellID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SheetRow
	for rows.Next() {
		var row SheetRow
		var ryear, rorg sql.NullInt64
		var level, reason, note, civil sql.NullString
		var score sql.NullFloat64
		m, err := scanMember(rows, &ryear, &rorg, &level, &score, &reason, &note, &civil)
		if err != nil {
			return nil, err
		}
		row.Member = m
		if ryear.Valid {
			r := &domain.MemberRating{MemberID: m.ID, OrgID: rorg.Int64}
			r.Year, r.NotRatedReason, r.Note = int(ryear.Int64), reason.String, note.String
			scanRating(level, score, &r.Rating)
			r.CivilService = levelOf(civil)
			row.Rating = r
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// DeleteOrgRating removes an organisation's rating for a year.
func (db *DB) DeleteOrgRating(ctx context.Context, orgID int64, year int) error {
	return db.inTx(ctx, "rating.org", "", func(tx *sql.Tx) error {
		if err := db.nameStep(ctx, tx, `SELECT name || ' (' || ? || ')' FROM orgs WHERE id = ?`, year, orgID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM org_ratings WHERE org_id = ? AND year = ?`, orgID, year)
		return err
	})
}

func orgRating(ctx context.Context, q queryer, orgID int64, year int) (*domain.OrgRating, error) {
	r := domain.OrgRating{OrgID: orgID}
	var level, mass sql.NullString
	var score sql.NullFloat64
	err := q.QueryRowContext(ctx, `SELECT year, level, score, not_rated_reason, note, mass_level FROM org_ratings WHERE org_id = ? AND year = ?`,
		orgID, year).Scan(&r.Year, &level, &score, &r.NotRatedReason, &r.Note, &mass)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	scanRating(level, score, &r.Rating)
	r.MassOrgs = levelOf(mass)
	return &r, nil
}
