package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"xeploai/domain"
)

// awardColumns lists the award columns scanAward reads, qualified by p.
func awardColumns(p string) string {
	return strings.NewReplacer("$", p).Replace(`$id, COALESCE($member_id, 0), COALESCE($org_id, 0), $form, $milestone,
	$content, $year, $year_from, $year_to, $decision_no, $decision_date, $issuer, $note, $version`)
}

var awardCols = awardColumns("")

// scanAward reads the columns of awardColumns, then any extra ones.
func scanAward(sc interface{ Scan(...any) error }, extra ...any) (domain.Award, error) {
	var a domain.Award
	var form string
	var date sql.NullString
	err := sc.Scan(append([]any{&a.ID, &a.MemberID, &a.OrgID, &form, &a.Milestone, &a.Content, &a.Year, &a.YearFrom, &a.YearTo,
		&a.DecisionNo, &date, &a.Issuer, &a.Note, &a.Version}, extra...)...)
	a.Form, a.DecisionDate = domain.AwardForm(form), scanDate(date)
	return a, err
}

func validateAward(ctx context.Context, q queryer, a *domain.Award) error {
	a.Normalize()
	if err := a.Validate(domain.Today().Year); err != nil {
		return err
	}
	if a.MemberID != 0 {
		if _, err := getMember(ctx, q, a.MemberID); err != nil {
			return err
		}
	}
	if a.OrgID != 0 {
		if _, err := getOrg(ctx, q, a.OrgID); err != nil {
			return err
		}
	}
	return nil
}

func awardArgs(a *domain.Award) []any {
	return []any{nullID(a.MemberID), nullID(a.OrgID), string(a.Form), a.Milestone, a.Content, a.Year, a.YearFrom, a.YearTo,
		a.DecisionNo, dateArg(a.DecisionDate), a.Issuer, a.Note}
}

const awardWriteCols = `member_id, org_id, form, milestone, content, year, year_from, year_to, decision_no, decision_date, issuer, note`

func insertAward(ctx context.Context, q queryer, a *domain.Award) error {
	if err := validateAward(ctx, q, a); err != nil {
		return err
	}
	var err error
	a.ID, err = insertID(ctx, q, `INSERT INTO awards (`+awardWriteCols+`) VALUES (`+placeholders(12)+`)`, awardArgs(a)...)
	return err
}

func updateAward(ctx context.Context, q queryer, a *domain.Award) error {
	if err := validateAward(ctx, q, a); err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, `UPDATE awards SET (`+awardWriteCols+`) = (`+placeholders(12)+`) WHERE id = ?`, append(awardArgs(a), a.ID)...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.Errorf(domain.ENOTFOUND, "", "không tìm thấy khen thưởng #%d", a.ID)
	}
	return nil
}

// CreateAward validates and stores an award record, setting its ID.
func (db *DB) CreateAward(ctx context.Context, a *domain.Award) error {
	return db.inTx(ctx, "award.create", a.Content, func(tx *sql.Tx) error { return insertAward(ctx, tx, a) })
}

// UpdateAward validates and stores changes to an award record.
func (db *DB) UpdateAward(ctx context.Context, a *domain.Award) error {
	return db.inTx(ctx, "award.update", a.Content, func(tx *sql.Tx) error { return updateAward(ctx, tx, a) })
}

// DeleteAward removes an award record.
func (db *DB) DeleteAward(ctx context.Context, id int64) error {
	return db.inTx(ctx, "award.delete", "", func(tx *sql.Tx) error {
		if err := db.nameStep(ctx, tx, `SELECT content FROM awards WHERE id = ?`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM awards WHERE id = ?`, id)
		return err
	})
}

// Award returns the award record with id.
func (db *DB) Award(ctx context.Context, id int64) (*domain.Award, error) {
	a, err := scanAward(db.read.QueryRowContext(ctx, `SELECT `+awardCols+` FROM awards WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.Errorf(domain.ENOTFOUND, "", "không tìm thấy khen thưởng #%d", id)
	}
	return &a, err
}

// AwardQuery filters award records.
type AwardQuery struct {
	Year     int // 0: any
	Form     domain.AwardForm
	MemberID int64
	OrgID    int64
	Limit    int
	Offset   int
}

// AwardRow is an award with its member's name and cell (empty and 0 for an
// organisation's award).
type AwardRow struct {
	domain.Award
	MemberName string
	CellID     int64
}

// Awards returns award records, newest first.
func (db *DB) Awards(ctx context.Context, q AwardQuery) ([]domain.Award, error) {
	rows, err := db.AwardRows(ctx, q)
	out := make([]domain.Award, len(rows))
	for i := range rows {
		out[i] = rows[i].Award
	}
	return out, err
}

// AwardRows returns award records with their recipients' names, newest first.
func (db *DB) AwardRows(ctx context.Context, q AwardQuery) ([]AwardRow, error) {
	query := `SELECT ` + awardColumns("a.") + `, COALESCE(m.full_name, ''), COALESCE(m.cell_id, 0)
		FROM awards a LEFT JOIN members m ON m.id = a.member_id WHERE 1 = 1`
	var args []any
	if q.Year != 0 {
		query += ` AND a.year = ?`
		args = append(args, q.Year)
	}
	if q.Form != "" {
		query += ` AND a.form = ?`
		args = append(args, string(q.Form))
	}
	if q.MemberID != 0 {
		query += ` AND a.member_id = ?`
		args = append(args, q.MemberID)
	}
	if q.OrgID != 0 {
		query += ` AND a.org_id = ?`
		args = append(args, q.OrgID)
	}
	if q.Limit <= 0 {
		q.Limit = 1000
	}
	query += ` ORDER BY a.year DESC, a.id DESC LIMIT ? OFFSET ?`
	rows, err := db.read.QueryContext(ctx, query, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AwardRow
	for rows.Next() {
		var r AwardRow
		a, err := scanAward(rows, &r.MemberName, &r.CellID)
		if err != nil {
			return nil, err
		}
		r.Award = a
		out = append(out, r)
	}
	return out, rows.Err()
}
