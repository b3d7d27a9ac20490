package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"xeploai/domain"
	"xeploai/store/postgres"
)

// Safe concurrent edits of a member: a form saves only over the member as
// it loaded it. Two offices (or two windows) editing one member each see
// the other's save refused with who made the other change, when, and both
// values, rather than one silently overwriting the other.

// ChangedError is a save refused because the record was changed since it
// was loaded: who changed it last, when, and each field that differs —
// Old is the value stored now, New the one being saved. Current is the
// record as stored now (*domain.Member, *domain.Award), which a form may
// save over after showing the user.
type ChangedError struct {
	Name    string
	Who, At string
	Fields  []FieldChange
	Current any
}

func (e *ChangedError) Error() string {
	fields := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		fields[i] = fmt.Sprintf("%s: đang lưu %q, bạn nhập %q", f.Field, f.Old, f.New)
	}
	msg := fmt.Sprintf("%s đã được %s sửa lúc %s, sau khi bạn mở biểu mẫu; chưa lưu gì", e.Name, e.Who, e.At)
	if len(fields) > 0 {
		msg += " (" + strings.Join(fields, "; ") + ")"
	}
	return msg
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
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			// Deleted (to the trash) by another window or office meanwhile.
			var who, at string
			if err := lastAuthor(ctx, tx, &who, &at, `c.tbl = 'members' AND c.member_id = ?`, m.ID); err != nil || who == "" {
				return domain.Errorf(domain.ECONFLICT, "", "%s đã bị xoá sau khi bạn mở biểu mẫu; chưa lưu gì (xem Thùng rác)", loaded.FullName)
			}
			return domain.Errorf(domain.ECONFLICT, "", "%s đã bị %s xoá lúc %s, sau khi bạn mở biểu mẫu; chưa lưu gì (xem Thùng rác)", loaded.FullName, who, domain.StampText(at))
		}
		if err != nil {
			return err
		}
		fields := changedFields(memberWriteCols, memberArgs(cur), memberArgs(loaded), memberArgs(m))
		if len(fields) == 0 && sameVersion(cur.Version, loaded.Version) {
			return updateMember(ctx, tx, m, orToday(on))
		}
		e := &ChangedError{Name: cur.FullName, Fields: fields, Current: cur}
		return lastChange(ctx, tx, e, `c.tbl = 'members' AND c.member_id = ?`, m.ID)
	})
}

// UpdateAwardFrom stores a over the award as loaded was, as UpdateMemberFrom
// does for a member.
func (db *DB) UpdateAwardFrom(ctx context.Context, loaded, a *domain.Award) error {
	return db.inTx(ctx, "award.update", a.Content, func(tx *sql.Tx) error {
		cur, err := scanAward(tx.QueryRowContext(ctx, `SELECT `+awardCols+` FROM awards WHERE id = ?`, a.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ECONFLICT, "", "khen thưởng “%s” đã bị xoá sau khi bạn mở biểu mẫu; chưa lưu gì", loaded.Content)
		}
		if err != nil {
			return err
		}
		fields := changedFields(awardWriteCols, awardArgs(&cur), awardArgs(loaded), awardArgs(a))
		if len(fields) == 0 && sameVersion(cur.Version, loaded.Version) {
			return updateAward(ctx, tx, a)
		}
		// Named with its recipient: many members hold the same award.
		name := cur.Content
		var owner string
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT full_name FROM members WHERE id = ?), (SELECT name FROM orgs WHERE id = ?), '')`,
			cur.MemberID, cur.OrgID).Scan(&owner); err == nil && owner != "" {
			name += " (" + owner + ")"
		}
		e := &ChangedError{Name: name, Fields: fields, Current: &cur}
		return lastChange(ctx, tx, e, `c.tbl = 'awards' AND c.member_id IS NOT DISTINCT FROM ? AND c.org_id IS NOT DISTINCT FROM ?`, nullID(cur.MemberID), nullID(cur.OrgID))
	})
}

// sameVersion reports whether a record stored at version now is the one a
// form loaded at version was: every change counts the version up
// (migration 0015), also one that put back the values the form shows. A
// record not read from the store (was 0) is compared by its fields only.
func sameVersion(now, was int64) bool { return was == 0 || now == was }

// changedFields lists the columns (cols, as written) whose stored value
// (now) is not the loaded one (was), with the value being saved (mine).
func changedFields(cols string, now, was, mine []any) []FieldChange {
	var out []FieldChange
	for i, c := range strings.Split(strings.Join(strings.Fields(cols), ""), ",") {
		if hiddenFields[c] || fmt.Sprint(now[i]) == fmt.Sprint(was[i]) {
			continue
		}
		out = append(out, FieldChange{Field: c, Old: argText(now[i]), New: argText(mine[i]), Kept: fmt.Sprint(mine[i]) == fmt.Sprint(was[i])})
	}
	return out
}

// lastChange fills in who made the newest logged change matching where,
// and when, and returns e.
func lastChange(ctx context.Context, tx *sql.Tx, e *ChangedError, where string, args ...any) error {
	if err := lastAuthor(ctx, tx, &e.Who, &e.At, where, args...); err != nil {
		return err
	}
	return e
}

// lastAuthor reads who made the newest logged change matching where, and
// when (nothing when none is logged).
func lastAuthor(ctx context.Context, tx *sql.Tx, who, at *string, where string, args ...any) error {
	err := tx.QueryRowContext(ctx, `SELECT `+stepAuthor+`, s.at FROM changes c JOIN steps s ON s.id = c.step_id
		WHERE `+where+` ORDER BY c.id DESC LIMIT 1`, args...).Scan(who, at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

// stepAuthor is who wrote step s as the history shows it: the name, and on
// a server the login role after it ("Chị Lan (phuong_a)"), which the
// server fills and an office cannot change.
const stepAuthor = `s.who || CASE WHEN s.role <> '' AND s.role <> s.who THEN ' (' || s.role || ')' ELSE '' END`

// argText is a stored value as the history shows it ("" for none).
func argText(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// RatingChangedError is a rating key refused because the member's or the
// organisation's rating for the year is no longer what the sheet shows: who
// changed it last, when, and the rating as stored now (nil: none), which
// the sheet shows in its place.
type RatingChangedError struct {
	Name    string
	Year    int
	Who, At string
	Current *domain.Rating
}

func (e *RatingChangedError) Error() string {
	return fmt.Sprintf("xếp loại năm %d của %s đã được %s sửa lúc %s, sau khi bảng mở ra; dòng đã được làm mới, phím vừa bấm chưa được lưu", e.Year, e.Name, e.Who, e.At)
}

// Unwrap makes the refusal a conflict (domain.ECONFLICT).
func (e *RatingChangedError) Unwrap() error {
	return domain.Errorf(domain.ECONFLICT, "", "%s", e.Error())
}

// RateMemberFrom stores a member's rating for year over was — the rating
// the sheet shows, nil for none — or, when next is nil, removes it. When
// the stored rating is not was (another saved one since), nothing is
// written and a *RatingChangedError says who, when, and what is stored now.
func (db *DB) RateMemberFrom(ctx context.Context, memberID int64, year int, was *domain.Rating, next *domain.MemberRating) error {
	return db.rateFrom(ctx, memberRatings, memberID, year, was, next != nil, func(tx *sql.Tx) error { return upsertMemberRating(ctx, tx, next) })
}

// RateOrgFrom stores an organisation's own rating for year over was, as
// RateMemberFrom does a member's.
func (db *DB) RateOrgFrom(ctx context.Context, orgID int64, year int, was *domain.Rating, next *domain.OrgRating) error {
	return db.rateFrom(ctx, orgRatings, orgID, year, was, next != nil, func(tx *sql.Tx) error { return upsertOrgRating(ctx, tx, next) })
}

// ratingKind is where the ratings of members, or of organisations, are.
type ratingKind struct {
	action, table, key string // the step's action, the ratings' table, its column of the rated
	owner, name        string // the rated's table and its name column
	stored             func(ctx context.Context, q queryer, id int64, year int) (*domain.Rating, error)
}

var (
	memberRatings = ratingKind{"rating.member", "member_ratings", "member_id", "members", "full_name",
		func(ctx context.Context, q queryer, id int64, year int) (*domain.Rating, error) {
			r, err := memberRating(ctx, q, id, year)
			if r == nil {
				return nil, err
			}
			return &r.Rating, err
		}}
	orgRatings = ratingKind{"rating.org", "org_ratings", "org_id", "orgs", "name",
		func(ctx context.Context, q queryer, id int64, year int) (*domain.Rating, error) {
			r, err := orgRating(ctx, q, id, year)
			if r == nil {
				return nil, err
			}
			return &r.Rating, err
		}}
)

// rateFrom is RateMemberFrom and RateOrgFrom: when the rating of id for
// year is stored as was, write (keep) stores the new one, or it is removed;
// otherwise nothing is written and a *RatingChangedError says who changed
// it since, when, and what is stored now.
func (db *DB) rateFrom(ctx context.Context, k ratingKind, id int64, year int, was *domain.Rating, keep bool, write func(tx *sql.Tx) error) error {
	return db.inTx(ctx, k.action, "", func(tx *sql.Tx) error {
		var name string
		err := tx.QueryRowContext(ctx, `SELECT `+k.name+` FROM `+k.owner+` WHERE id = ?`, id).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENOTFOUND, "", "không tìm thấy %s #%d", postgres.RecordsOf(k.owner), id)
		}
		if err != nil {
			return err
		}
		if err := db.nameStep(ctx, tx, `SELECT ?`, fmt.Sprintf("%s (%d)", name, year)); err != nil {
			return err
		}
		now, err := k.stored(ctx, tx, id, year)
		if err != nil {
			return err
		}
		if !sameRating(now, was) {
			e := &RatingChangedError{Name: name, Year: year, Current: now}
			if err := lastAuthor(ctx, tx, &e.Who, &e.At, `c.tbl = ? AND c.`+k.key+` = ?`, k.table, id); err != nil {
				return err
			}
			return e
		}
		if !keep {
			_, err = tx.ExecContext(ctx, `DELETE FROM `+k.table+` WHERE `+k.key+` = ? AND year = ?`, id, year)
			return err
		}
		return write(tx)
	})
}

// memberRating reads a member's rating for a year (nil: none).
func memberRating(ctx context.Context, q queryer, memberID int64, year int) (*domain.MemberRating, error) {
	r := &domain.MemberRating{MemberID: memberID}
	var level, civil sql.NullString
	var score sql.NullFloat64
	err := q.QueryRowContext(ctx, `SELECT year, org_id, level, score, not_rated_reason, note, civil_level FROM member_ratings WHERE member_id = ? AND year = ?`,
		memberID, year).Scan(&r.Year, &r.OrgID, &level, &score, &r.NotRatedReason, &r.Note, &civil)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	scanRating(level, score, &r.Rating)
	r.CivilService = levelOf(civil)
	return r, err
}

// sameRating reports whether the stored rating is the one shown (what a
// sheet shows of it: level, reason, score, civil-service rating of a
// member, the government's and unions' result of an organisation).
func sameRating(cur, was *domain.Rating) bool {
	if cur == nil || was == nil {
		return cur == nil && (was == nil || (was.Level == domain.LevelNone && was.NotRatedReason == ""))
	}
	score := func(s *float64) string {
		if s == nil {
			return ""
		}
		return fmt.Sprint(*s)
	}
	return cur.Level == was.Level && cur.NotRatedReason == was.NotRatedReason && score(cur.Score) == score(was.Score) &&
		cur.CivilService == was.CivilService && cur.MassOrgs == was.MassOrgs
}
