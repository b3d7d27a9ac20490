package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

// MemberRecord is one of a member's records beside ratings and awards that
// the rules read: a discipline, an absence in a year, a gap in party age,
// a seat on a committee.
type MemberRecord struct {
	Table string // disciplines, absences, party_age_gaps, leaders
	ID    int64
	Text  string // described in Vietnamese
}

// memberRecordTables are the tables MemberRecords lists and
// DeleteMemberRecord may delete from.
var memberRecordTables = map[string]bool{"disciplines": true, "absences": true, "party_age_gaps": true, "leaders": true}

var absenceLabels = map[string]string{
	AbsenceSickLeave: "nghỉ ốm", AbsenceExempted: "miễn sinh hoạt", AbsenceSuspended: "đình chỉ sinh hoạt", AbsenceSeriouslyIll: "ốm nặng",
	AbsenceMaternity: "nghỉ thai sản",
}

// AbsenceKinds lists the kinds of absence with their Vietnamese names.
func AbsenceKinds() []string {
	return []string{AbsenceSickLeave, AbsenceExempted, AbsenceSuspended, AbsenceSeriouslyIll, AbsenceMaternity}
}

// AbsenceLabel names a kind of absence in Vietnamese.
func AbsenceLabel(kind string) string { return absenceLabels[kind] }

// MemberRecords lists a member's disciplines, absences, gaps in party age
// and committee seats, each kind by date.
func (db *DB) MemberRecords(ctx context.Context, memberID int64) ([]MemberRecord, error) {
	var out []MemberRecord
	add := func(table, query string, describe func(sc func(...any) error) (int64, string, error)) error {
		return sqlrows.Each(ctx, db.read, query, []any{memberID}, func(sc func(...any) error) error {
			id, text, err := describe(sc)
			out = append(out, MemberRecord{Table: table, ID: id, Text: text})
			return err
		})
	}
	err := add("disciplines", `SELECT id, on_date, form, reason, decision_no, COALESCE(self_corrected, 0) FROM disciplines WHERE member_id = ? ORDER BY on_date, id`,
		func(sc func(...any) error) (int64, string, error) {
			var id int64
			var on sql.NullString
			var form, reason, no string
			var self bool
			err := sc(&id, &on, &form, &reason, &no, &self)
			text := fmt.Sprintf("Kỷ luật: %s, %s", form, scanDate(on))
			if no != "" {
				text += " (QĐ " + no + ")"
			}
			if self {
				text += ", vi phạm tự phát hiện và khắc phục"
			}
			if reason != "" {
				text += " — " + reason
			}
			return id, text, err
		})
	if err == nil {
		err = add("absences", `SELECT id, year, kind, months FROM absences WHERE member_id = ? ORDER BY year, id`,
			func(sc func(...any) error) (int64, string, error) {
				var id int64
				var year int
				var kind string
				var months float64
				err := sc(&id, &year, &kind, &months)
				text := fmt.Sprintf("Năm %d: %s", year, AbsenceLabel(kind))
				if months > 0 {
					text += fmt.Sprintf(" %g tháng", months)
				}
				return id, text, err
			})
	}
	if err == nil {
		err = add("party_age_gaps", `SELECT id, from_on, to_on, reason FROM party_age_gaps WHERE member_id = ? ORDER BY from_on, id`,
			func(sc func(...any) error) (int64, string, error) {
				var id int64
				var from, to sql.NullString
				var reason string
				err := sc(&id, &from, &to, &reason)
				text := fmt.Sprintf("Gián đoạn tuổi Đảng %s – %s", scanDate(from), scanDate(to))
				if reason != "" {
					text += ": " + reason
				}
				return id, text, err
			})
	}
	if err == nil {
		err = add("leaders", `SELECT l.id, l.role, COALESCE(o.name, ''), l.from_on, l.to_on FROM leaders l LEFT JOIN orgs o ON o.id = l.org_id
			WHERE l.member_id = ? ORDER BY COALESCE(l.from_on, ''), l.id`,
			func(sc func(...any) error) (int64, string, error) {
				var id int64
				var role, org string
				var from, to sql.NullString
				err := sc(&id, &role, &org, &from, &to)
				text := "Cấp ủy viên " + org
				if role != "" {
					text = strings.TrimSpace(role) + ", " + org
				}
				return id, fmt.Sprintf("%s, từ %s đến %s", text, dateOr(scanDate(from), "?"), dateOr(scanDate(to), "nay")), err
			})
	}
	return out, err
}

func dateOr(d domain.Date, none string) string {
	if d.IsZero() {
		return none
	}
	return d.String()
}

// recordOf names the step with the member's name, checking the member
// exists (a foreign key would only say "constraint failed").
func (db *DB) recordOf(ctx context.Context, tx *sql.Tx, memberID int64) error {
	m, err := getMember(ctx, tx, memberID)
	if err != nil {
		return err
	}
	return db.nameStep(ctx, tx, `SELECT ?`, m.FullName)
}

// DeleteMemberRecord deletes one record MemberRecords listed (undoable).
func (db *DB) DeleteMemberRecord(ctx context.Context, table string, id int64) error {
	if !memberRecordTables[table] {
		return fmt.Errorf("records: unknown table %q", table)
	}
	return db.inTx(ctx, "record.delete", "", func(tx *sql.Tx) error {
		if err := db.nameStep(ctx, tx, `SELECT full_name FROM members WHERE id = (SELECT member_id FROM `+table+` WHERE id = ?)`, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.ENOTFOUND, "", "bản ghi đã bị xoá")
		}
		return nil
	})
}
