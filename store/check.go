package store

import (
	"context"
	"database/sql"

	"xeploai/domain"
)

// Setting keys.
const (
	// SettingQuotaDenominator is what the 20% quota counts against:
	// "excellent+good" (default) or "good".
	SettingQuotaDenominator = "quota_denominator"
)

// CheckInput gathers what the year's rule checks look at, for the tree of
// organisation scope (0: all) as it stood at the end of the year.
func (db *DB) CheckInput(ctx context.Context, year int, scope int64) (*domain.CheckInput, error) {
	tree, err := db.tree(ctx, domain.YearEnd(year))
	if err != nil {
		return nil, err
	}
	den, err := db.Setting(ctx, SettingQuotaDenominator, string(domain.QuotaOfExcellentAndGood))
	if err != nil {
		return nil, err
	}
	in := &domain.CheckInput{Year: year, Tree: tree, Scope: scope, Denominator: domain.QuotaDenominator(den),
		OrgRatings: map[int64]domain.Rating{}, Disciplined: map[int64]bool{}, OrgDiscipline: map[int64]bool{},
		SickMonths: map[int64]float64{}, Exempted: map[int64]bool{}, Suspended: map[int64]bool{}, Leaders: map[int64][]int64{}}
	rows, err := db.read.QueryContext(ctx, `SELECT r.member_id, m.full_name, r.org_id, r.level, r.score, r.not_rated_reason,
		m.admitted_on, m.status, m.status_on
		FROM member_ratings r JOIN members m ON m.id = r.member_id WHERE r.year = ?`, year)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m domain.RatedMember
		var level, admitted, statusOn sql.NullString
		var score sql.NullFloat64
		var status string
		if err := rows.Scan(&m.MemberID, &m.Name, &m.OrgID, &level, &score, &m.Reason, &admitted, &status, &statusOn); err != nil {
			rows.Close()
			return nil, err
		}
		var r domain.Rating
		scanRating(level, score, &r)
		m.Level, m.Score = r.Level, r.Score
		m.AdmittedOn, m.Status, m.StatusOn = scanDate(admitted), domain.MemberStatus(status), scanDate(statusOn)
		in.Members = append(in.Members, m)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	rows, err = db.read.QueryContext(ctx, `SELECT org_id, level, score, not_rated_reason FROM org_ratings WHERE year = ?`, year)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var level sql.NullString
		var score sql.NullFloat64
		var r domain.Rating
		if err := rows.Scan(&id, &level, &score, &r.NotRatedReason); err != nil {
			rows.Close()
			return nil, err
		}
		scanRating(level, score, &r)
		r.Year = year
		in.OrgRatings[id] = r
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	rows, err = db.read.QueryContext(ctx, `SELECT COALESCE(member_id, 0), COALESCE(org_id, 0) FROM disciplines
		WHERE on_date >= ? AND on_date <= ?`, domain.NewDate(year, 1, 1).ISO(), domain.YearEnd(year).ISO())
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m, o int64
		if err := rows.Scan(&m, &o); err != nil {
			rows.Close()
			return nil, err
		}
		if m != 0 {
			in.Disciplined[m] = true
		} else {
			in.OrgDiscipline[o] = true
		}
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	// Leadership members serving during the year.
	err = eachRow(ctx, db.read, `SELECT org_id, member_id FROM leaders
		WHERE (from_on IS NULL OR from_on <= ?) AND (to_on IS NULL OR to_on >= ?)`,
		[]any{domain.YearEnd(year).ISO(), domain.NewDate(year, 1, 1).ISO()}, func(sc func(...any) error) error {
			var org, m int64
			if err := sc(&org, &m); err != nil {
				return err
			}
			in.Leaders[org] = append(in.Leaders[org], m)
			return nil
		})
	if err != nil {
		return nil, err
	}
	rows, err = db.read.QueryContext(ctx, `SELECT member_id, kind, months FROM absences WHERE year = ?`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var m int64
		var kind string
		var months float64
		if err := rows.Scan(&m, &kind, &months); err != nil {
			return nil, err
		}
		switch kind {
		case "sick_leave":
			in.SickMonths[m] += months
		case "exempted":
			in.Exempted[m] = true
		case "suspended":
			in.Suspended[m] = true
		}
	}
	return in, rows.Err()
}

// Discipline is a disciplinary measure against a member or an organisation.
type Discipline struct {
	MemberID, OrgID int64
	On              domain.Date
	Form, Reason    string
	DecisionNo      string
}

// AddDiscipline records a disciplinary measure.
func (db *DB) AddDiscipline(ctx context.Context, d Discipline) error {
	if (d.MemberID == 0) == (d.OrgID == 0) || d.On.IsZero() || domain.CleanText(d.Form) == "" {
		return domain.Errorf(domain.EINVALID, "Kỷ luật", "cần đúng một đảng viên hoặc tổ chức, ngày và hình thức kỷ luật")
	}
	return db.inTx(ctx, "discipline.create", "", func(tx *sql.Tx) error {
		if d.MemberID != 0 {
			if err := recordOf(ctx, tx, d.MemberID); err != nil {
				return err
			}
		} else {
			o, err := getOrg(ctx, tx, d.OrgID)
			if err != nil {
				return err
			}
			if err := nameStep(ctx, tx, `SELECT ?`, o.Name); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO disciplines (member_id, org_id, on_date, form, reason, decision_no) VALUES (?, ?, ?, ?, ?, ?)`,
			nullID(d.MemberID), nullID(d.OrgID), d.On.ISO(), domain.CleanText(d.Form), domain.CleanText(d.Reason), domain.CleanText(d.DecisionNo))
		return err
	})
}

// Absence kinds.
const (
	AbsenceSickLeave    = "sick_leave"
	AbsenceExempted     = "exempted"
	AbsenceSuspended    = "suspended"
	AbsenceSeriouslyIll = "seriously_ill"
)

// AddAbsence records that a member was on sick leave (months), exempted,
// suspended, or seriously ill in a year.
func (db *DB) AddAbsence(ctx context.Context, memberID int64, year int, kind string, months float64) error {
	switch kind {
	case AbsenceSickLeave, AbsenceExempted, AbsenceSuspended, AbsenceSeriouslyIll:
	default:
		return domain.Errorf(domain.EINVALID, "Loại", "loại vắng mặt không hợp lệ: %q", kind)
	}
	if months < 0 || months > 12 {
		return domain.Errorf(domain.EINVALID, "Số tháng", "%g tháng nằm ngoài 0–12", months)
	}
	if this := domain.Today().Year; year < 1930 || year > this+1 {
		return domain.Errorf(domain.EINVALID, "Năm", "năm %d nằm ngoài 1930–%d", year, this+1)
	}
	return db.inTx(ctx, "absence.create", "", func(tx *sql.Tx) error {
		if err := recordOf(ctx, tx, memberID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO absences (member_id, year, kind, months) VALUES (?, ?, ?, ?)`, memberID, year, kind, months)
		return err
	})
}

// AddPartyAgeGap records a time outside the party, which party age leaves out.
func (db *DB) AddPartyAgeGap(ctx context.Context, memberID int64, from, to domain.Date, reason string) error {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return domain.Errorf(domain.EINVALID, "Thời gian", "khoảng %s – %s không hợp lệ", from, to)
	}
	return db.inTx(ctx, "gap.create", "", func(tx *sql.Tx) error {
		if err := recordOf(ctx, tx, memberID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO party_age_gaps (member_id, from_on, to_on, reason) VALUES (?, ?, ?, ?)`,
			memberID, from.ISO(), to.ISO(), domain.CleanText(reason))
		return err
	})
}

// AddLeader records that a member sits on an organisation's committee
// (cấp ủy) from one day to another (zero: open-ended).
func (db *DB) AddLeader(ctx context.Context, memberID, orgID int64, role string, from, to domain.Date) error {
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return domain.Errorf(domain.EINVALID, "Thời gian", "khoảng %s – %s không hợp lệ", from, to)
	}
	return db.inTx(ctx, "leader.create", "", func(tx *sql.Tx) error {
		if err := recordOf(ctx, tx, memberID); err != nil {
			return err
		}
		if _, err := getOrg(ctx, tx, orgID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO leaders (member_id, org_id, role, from_on, to_on) VALUES (?, ?, ?, ?, ?)`,
			memberID, orgID, domain.CleanText(role), dateArg(from), dateArg(to))
		return err
	})
}
