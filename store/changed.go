package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"xeploai/domain"
)

// Safe concurrent edits of a member: a form saves only over the member as
// it loaded it. Two offices (or two windows) editing one member each see
// the other's save refused with who made the other change, when, and both
// values, rather than one silently overwriting the other.

// ChangedError is a save refused because the record was changed since it
// was loaded: who changed it last, when, and each field that differs —
// Old is the value stored now, New the one being saved. Current is the
// record as stored now (a form may save over it after showing the user).
type ChangedError struct {
	Name    string
	Who, At string
	Fields  []FieldChange
	Current *domain.Member
}

func (e *ChangedError) Error() string {
	fields := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		fields[i] = fmt.Sprintf("%s: đang lưu %q, bạn nhập %q", f.Field, f.Old, f.New)
	}
	return fmt.Sprintf("%s đã được %s sửa lúc %s, sau khi bạn mở biểu mẫu; chưa lưu gì (%s)", e.Name, e.Who, e.At, strings.Join(fields, "; "))
}

// Unwrap makes the refusal a conflict (domain.ECONFLICT).
func (e *ChangedError) Unwrap() error {
	return domain.Errorf(domain.ECONFLICT, "", "%s", e.Error())
}

// UpdateMemberFrom stores m over the member as loaded was: when the stored
// member differs from loaded (someone saved it since), nothing is written
// and a *ChangedError says who changed it, when, and both values of each
// field that differs. A changed cell is a transfer on day on (zero: today).
func (db *DB) UpdateMemberFrom(ctx context.Context, loaded, m *domain.Member, on domain.Date) error {
	return db.inTx(ctx, "member.update", m.FullName, func(tx *sql.Tx) error {
		cur, err := getMember(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		cols := strings.Split(strings.Join(strings.Fields(memberWriteCols), ""), ",")
		now, was, mine := memberArgs(cur), memberArgs(loaded), memberArgs(m)
		var fields []FieldChange
		for i, c := range cols {
			if hiddenFields[c] || fmt.Sprint(now[i]) == fmt.Sprint(was[i]) {
				continue
			}
			fields = append(fields, FieldChange{Field: c, Old: argText(now[i]), New: argText(mine[i])})
		}
		if len(fields) == 0 {
			return updateMember(ctx, tx, m, orToday(on))
		}
		e := &ChangedError{Name: cur.FullName, Fields: fields, Current: cur}
		err = tx.QueryRowContext(ctx, `SELECT s.who, s.at FROM changes c JOIN steps s ON s.id = c.step_id
			WHERE c.tbl = 'members' AND c.member_id = ? ORDER BY c.id DESC LIMIT 1`, m.ID).Scan(&e.Who, &e.At)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return e
	})
}

// argText is a stored value as the history shows it ("" for none).
func argText(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}
