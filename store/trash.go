package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

// A deleted member or organisation goes to the trash: its rows leave the
// record tables, and the history keeps them (the step that deleted them), so
// restoring is applying that step backwards.

// TrashItem is one deleted member or organisation.
type TrashItem struct {
	ID     int64
	Kind   string // "member" or "org"
	RefID  int64  // the member's or organisation's id
	Name   string
	Detail string // date of birth and cell, or the organisation's kind
	At     string // when it was deleted
	Who    string
	StepID int64
}

// memberChildren are the tables whose rows belong to one member, deleted
// (and restored) with it.
var memberChildren = []string{"member_ratings", "memberships", "awards", "disciplines", "absences", "party_age_gaps", "leaders"}

// DeleteMember moves a member, with its ratings, memberships, awards and
// other records, to the trash.
func (db *DB) DeleteMember(ctx context.Context, id int64) error {
	return db.inStep(ctx, "member.delete", "", func(tx *sql.Tx, step int64) error {
		m, err := getMember(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := db.nameStep(ctx, tx, `SELECT ?`, m.FullName); err != nil {
			return err
		}
		var cell string
		tx.QueryRowContext(ctx, `SELECT name FROM orgs WHERE id = ?`, m.CellID).Scan(&cell)
		detail := strings.TrimSuffix("sinh "+m.BirthDate.String()+", "+cell, ", ")
		if _, err := tx.ExecContext(ctx, `INSERT INTO trash (step_id, kind, ref_id, name, detail) VALUES (?, 'member', ?, ?, ?)`,
			step, id, m.FullName, detail); err != nil {
			return err
		}
		// Children first, so that the history holds them before their
		// member and restoring (newest first) brings the member back first.
		for _, t := range memberChildren {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE member_id = ?`, id); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM members WHERE id = ?`, id)
		return err
	})
}

// DeleteOrg moves an organisation created by mistake, with its own ratings,
// awards and events, to the trash. One that has sub-organisations, has ever
// held members, or appears in other records is refused: dissolve it instead.
func (db *DB) DeleteOrg(ctx context.Context, id int64) error {
	return db.inStep(ctx, "org.delete", "", func(tx *sql.Tx, step int64) error {
		o, err := getOrg(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := db.nameStep(ctx, tx, `SELECT ?`, o.Name); err != nil {
			return err
		}
		var children, members, ratings int
		err = tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM orgs WHERE parent_id = ?1 OR merged_into = ?1),
			(SELECT COUNT(*) FROM memberships WHERE org_id = ?1) + (SELECT COUNT(*) FROM members WHERE cell_id = ?1),
			(SELECT COUNT(*) FROM member_ratings WHERE org_id = ?1)`, id).Scan(&children, &members, &ratings)
		if err != nil {
			return err
		}
		if children > 0 || members > 0 || ratings > 0 {
			return domain.Errorf(domain.EINVALID, "", "không thể xoá %s: còn %d tổ chức trực thuộc, %d lượt sinh hoạt của đảng viên, %d kết quả xếp loại đảng viên gắn với nó; hãy dùng “Giải thể” để giữ lại lịch sử",
				o.Name, children, members, ratings)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO trash (step_id, kind, ref_id, name, detail) VALUES (?, 'org', ?, ?, ?)`,
			step, id, o.Name, o.Kind.Label()); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM org_ratings WHERE org_id = ?`, `DELETE FROM awards WHERE org_id = ?`,
			`DELETE FROM disciplines WHERE org_id = ?`, `DELETE FROM leaders WHERE org_id = ?`, `DELETE FROM org_events WHERE org_id = ?`,
			`DELETE FROM orgs WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				if isFKViolation(err) {
					return domain.Errorf(domain.EINVALID, "", "không thể xoá %s: lịch sử của tổ chức khác nhắc đến nó; hãy dùng “Giải thể”", o.Name)
				}
				return err
			}
		}
		return nil
	})
}

// Trash lists the deleted members and organisations, newest first.
func (db *DB) Trash(ctx context.Context) ([]TrashItem, error) {
	var out []TrashItem
	err := sqlrows.Each(ctx, db.read, `SELECT t.id, t.kind, t.ref_id, t.name, t.detail, COALESCE(s.at, ''), COALESCE(CASE WHEN s.role <> '' AND s.role <> s.who THEN s.who || ' (' || s.role || ')' ELSE s.who END, ''), t.step_id
		FROM trash t LEFT JOIN steps s ON s.id = t.step_id ORDER BY t.id DESC`, nil, func(sc func(...any) error) error {
		var t TrashItem
		err := sc(&t.ID, &t.Kind, &t.RefID, &t.Name, &t.Detail, &t.At, &t.Who, &t.StepID)
		out = append(out, t)
		return err
	})
	return out, err
}

// RestoreTrash brings a deleted member or organisation back, with everything
// deleted with it.
func (db *DB) RestoreTrash(ctx context.Context, id int64) error {
	var name string
	var step int64
	err := db.read.QueryRowContext(ctx, `SELECT name, step_id FROM trash WHERE id = ?`, id).Scan(&name, &step)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Errorf(domain.ENOTFOUND, "", "không còn mục #%d trong thùng rác", id)
	}
	if err != nil {
		return err
	}
	err = db.inTx(ctx, "trash.restore", name, func(tx *sql.Tx) error {
		s, err := scanStep(tx.QueryRowContext(ctx, `SELECT `+stepCols+` FROM steps s WHERE s.id = ?`, step))
		if err != nil {
			return fmt.Errorf("trash: %w", err)
		}
		return db.applyStep(ctx, tx, s, false)
	})
	return brokenLink(err, "khôi phục "+name)
}

// brokenLink turns the error of a commit that deferred foreign keys refused
// (a record the restored rows refer to is gone) into a message.
func brokenLink(err error, what string) error {
	switch {
	case err == nil:
	case isFKViolation(err):
		return domain.Errorf(domain.ECONFLICT, "", "không thể %s: tổ chức hoặc đảng viên mà nó gắn với đã bị xoá; hãy khôi phục chúng trước; không có gì thay đổi", what)
	case isUniqueViolation(err):
		return domain.Errorf(domain.ECONFLICT, "", "không thể %s: số thẻ, số lý lịch hoặc mã của nó nay đã thuộc về bản ghi khác; không có gì thay đổi", what)
	}
	return err
}

// EmptyTrash removes every item from the trash for good: they can no longer
// be restored from it (the history still records what was deleted).
func (db *DB) EmptyTrash(ctx context.Context) error {
	return db.inTx(ctx, "trash.empty", "", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM trash`)
		return err
	})
}
