package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"slices"
	"strings"
	"time"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
	"xeploai/store/postgres"
)

// Every write transaction is a step of the history: beginStep adds its row
// to steps, and the triggers of migration 0005 log each changed row under it.

// Step is one entry of the history: one transaction (or one rating-entry
// session), with who made it and when.
type Step struct {
	ID       int64
	At       string // yyyy-mm-dd hh:mm:ss, local time
	Who      string
	Role     string // on a server, the database role that wrote it (xeploai grant)
	Action   string // member.create, member.update, import, undo, redo, …
	Subject  string // the member's or organisation's name, the file's name…
	UndoOf   int64  // for undo and redo: the step undone or redone
	Undone   bool   // undone and not redone since
	Undoable bool
	Changes  int // rows changed
	// Elsewhere: written by another window or process (for what UndoRedo
	// returns: the window asks before taking back someone else's step).
	Elsewhere bool
	session   string
}

// historyTables are the tables whose rows the history logs, and so the ones
// undo may write; the names coming back from the changes table are checked
// against it before they reach any SQL.
var historyTables = map[string]bool{
	"orgs": true, "org_events": true, "members": true, "memberships": true, "member_ratings": true,
	"org_ratings": true, "awards": true, "disciplines": true, "absences": true, "party_age_gaps": true,
	"leaders": true, "trash": true,
}

type groupKey struct{}

type stepGroup struct{ name, subject string }

// WithGroup marks the writes made with ctx as one step of the history (and
// of undo), named subject, for as long as no other write comes between them:
// the GUI's rating grid saves every key at once, but a whole entry session is
// undone at once.
func WithGroup(ctx context.Context, group, subject string) context.Context {
	return context.WithValue(ctx, groupKey{}, stepGroup{group, subject})
}

// NewGroup returns a fresh group name for WithGroup.
func NewGroup(prefix string) string {
	b := make([]byte, 8)
	rand.Read(b)
	return prefix + ":" + hex.EncodeToString(b)
}

// SetUserName names the person at this PC in the history of a shared
// server, where the name is each PC's own (a file's history names whom
// its settings name); "" names the computer's user.
func (db *DB) SetUserName(name string) {
	if name = strings.TrimSpace(name); name == "" {
		name = currentUser()
	}
	db.user.Store(&name)
}

// userName is whom SetUserName named, or the computer's user.
func (db *DB) userName() string {
	if p := db.user.Load(); p != nil {
		return *p
	}
	return currentUser()
}

// currentUser is who the history names when the settings name nobody.
func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "?"
}

func newSession() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// beginStep starts the history step of a write transaction, or carries on
// the newest one when it is of the same group and session and still done.
func (db *DB) beginStep(ctx context.Context, tx *sql.Tx, action, subject string) (int64, error) {
	g, _ := ctx.Value(groupKey{}).(stepGroup)
	group := g.name
	if g.subject != "" {
		subject = g.subject
	}
	if group != "" {
		var id int64
		var grp, session string
		var undone sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT id, grp, session, undone_by FROM steps ORDER BY id DESC LIMIT 1`).Scan(&id, &grp, &session, &undone)
		if err == nil && grp == group && session == db.session && !undone.Valid {
			return id, db.setStep(ctx, tx, id)
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	// On a file, the name set in its settings; on a server, where every
	// office writes, this PC's own (SetUserName).
	who := `COALESCE((SELECT value FROM settings WHERE key = 'user_name' AND trim(value) <> ''), ?)`
	if db.pg {
		who = `?`
	}
	id, err := insertID(ctx, tx, `INSERT INTO steps (at, who, action, subject, grp, session)
		VALUES (?, `+who+`, ?, ?, ?, ?)`,
		time.Now().Format("2006-01-02 15:04:05"), db.userName(), action, subject, group, db.session)
	if err == nil {
		err = db.setStep(ctx, tx, id)
	}
	return id, err
}

// setStep tells a server's history trigger the transaction's step.
func (db *DB) setStep(ctx context.Context, tx *sql.Tx, id int64) error {
	if !db.pg {
		return nil
	}
	return postgres.SetStep(ctx, tx, id)
}

// nameStep gives the transaction's step a subject, the first row of query,
// when it has none yet.
func (db *DB) nameStep(ctx context.Context, q queryer, query string, args ...any) error {
	_, err := q.ExecContext(ctx, `UPDATE steps SET subject = COALESCE((`+query+`), '') WHERE id = `+db.dialect.CurrentStep()+` AND subject = ''`, args...)
	return err
}

// firstID is the first of the new ids a transaction gives out itself, one
// after another (an import's, a bulk load's); usedIDs then tells the
// server's sequence the last one used. (Writers take turns under the write
// lock, so no other transaction takes ids between the two.)
func (db *DB) firstID(ctx context.Context, tx *sql.Tx, table, ref string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT `+db.dialect.NextID(table, ref)).Scan(&id)
	return id, err
}

// usedIDs records on a server that ids up to last were given out in table.
func (db *DB) usedIDs(ctx context.Context, tx *sql.Tx, table string, last int64) error {
	if !db.pg {
		return nil
	}
	return postgres.UsedIDs(ctx, tx, table, last)
}

// endStep drops the step if the transaction changed nothing.
func endStep(ctx context.Context, tx *sql.Tx, id int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM steps WHERE id = ? AND undoable AND NOT EXISTS (SELECT 1 FROM changes WHERE step_id = ?)`, id, id)
	return err
}

const stepCols = `s.id, s.at, s.who, s.role, s.action, s.subject, COALESCE(s.undo_of, 0), s.undone_by IS NOT NULL, s.undoable,
	(SELECT COUNT(*) FROM changes c WHERE c.step_id = s.id), s.session`

func scanStep(sc interface{ Scan(...any) error }) (*Step, error) {
	var s Step
	err := sc.Scan(&s.ID, &s.At, &s.Who, &s.Role, &s.Action, &s.Subject, &s.UndoOf, &s.Undone, &s.Undoable, &s.Changes, &s.session)
	return &s, err
}

// Steps returns the newest steps of the history, newest first.
func (db *DB) Steps(ctx context.Context, limit int) ([]Step, error) {
	if limit <= 0 {
		limit = 200
	}
	var out []Step
	err := sqlrows.Each(ctx, db.read, `SELECT `+stepCols+` FROM steps s`+db.dialect.RecentSteps()+` ORDER BY s.id DESC LIMIT ?1`, []any{limit}, func(sc func(...any) error) error {
		s, err := scanStep(scanner(sc))
		if err == nil {
			out = append(out, *s)
		}
		return err
	})
	return out, err
}

// undoTarget is the step Undo would undo: the newest one that is done and
// is not itself an undo or a redo, nor an upgrade's change to the data
// (which is passed over: the user's steps before it stay undoable, unless
// it changed their rows). Nil when there is none, or when the newest is a
// bulk load, which cannot be undone.
func (db *DB) undoTarget(ctx context.Context, q queryer, before int64) (*Step, error) {
	s, err := scanStep(q.QueryRowContext(ctx, `SELECT `+stepCols+` FROM steps s
		WHERE s.undone_by IS NULL AND s.action NOT IN ('undo', 'redo', 'migration') AND s.id < ?`+db.dialect.OwnSteps()+` ORDER BY s.id DESC LIMIT 1`, before))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !s.Undoable) {
		return nil, nil
	}
	return s, err
}

// redoTarget is the step Redo would redo: the one undone last, as long as no
// new change came after its undo.
func (db *DB) redoTarget(ctx context.Context, q queryer, before int64) (*Step, error) {
	var undoneBy int64
	s, err := scanStep(q.QueryRowContext(ctx, `SELECT `+stepCols+` FROM steps s
		WHERE s.undone_by IS NOT NULL AND s.undone_by < ?`+db.dialect.OwnSteps()+` ORDER BY s.undone_by DESC LIMIT 1`, before))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := q.QueryRowContext(ctx, `SELECT undone_by FROM steps WHERE id = ?`, s.ID).Scan(&undoneBy); err != nil {
		return nil, err
	}
	var newer int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM steps s WHERE s.id > ? AND s.id < ? AND s.action NOT IN ('undo', 'redo')`+db.dialect.OwnSteps(),
		undoneBy, before).Scan(&newer); err != nil {
		return nil, err
	}
	if newer > 0 {
		return nil, nil
	}
	return s, nil
}

// UndoRedo returns what Undo and Redo would do now (nil: nothing), for the
// menu's labels.
func (db *DB) UndoRedo(ctx context.Context) (undo, redo *Step, err error) {
	const end = 1 << 62
	if undo, err = db.undoTarget(ctx, db.read, end); err != nil {
		return nil, nil, err
	}
	redo, err = db.redoTarget(ctx, db.read, end)
	for _, s := range []*Step{undo, redo} {
		if s != nil {
			s.Elsewhere = s.session != db.session
		}
	}
	return undo, redo, err
}

// Undo reverses the newest step that is not undone (a whole import, a whole
// rating-entry session, a transfer…) and returns it; nil when there is
// nothing to undo. A row changed since by someone else is not overwritten:
// the undo is refused, and nothing is written.
func (db *DB) Undo(ctx context.Context) (*Step, error) {
	return db.undoRedo(ctx, "undo", db.undoTarget, false)
}

// Redo applies again the step undone last, unless something else was changed
// since; it returns the step, or nil when there is nothing to redo.
func (db *DB) Redo(ctx context.Context) (*Step, error) {
	return db.undoRedo(ctx, "redo", db.redoTarget, true)
}

var errNothing = errors.New("nothing to do")

// BulkStep is how many changed rows make a step a bulk change, before whose
// undo or redo a backup is written.
const BulkStep = 100

func (db *DB) undoRedo(ctx context.Context, action string, target func(context.Context, queryer, int64) (*Step, error), forward bool) (*Step, error) {
	var done *Step
	err := db.inStep(ctx, action, "", func(tx *sql.Tx, step int64) error {
		s, err := target(ctx, tx, step)
		if err != nil {
			return err
		}
		if s == nil {
			return errNothing
		}
		if err := db.applyStep(ctx, tx, s, forward); err != nil {
			return err
		}
		undoneBy := any(step)
		if forward {
			undoneBy = nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE steps SET undone_by = ? WHERE id = ?`, undoneBy, s.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE steps SET undo_of = ?, subject = ? WHERE id = ?`, s.ID, s.Label(), step); err != nil {
			return err
		}
		done = s
		return nil
	})
	if errors.Is(err, errNothing) {
		return nil, nil
	}
	if err != nil {
		return nil, brokenLink(err, map[bool]string{false: "hoàn tác", true: "làm lại"}[forward])
	}
	return done, nil
}

// tableInfo is what applyStep needs of a table: its columns in order and
// its primary key.
type tableInfo struct {
	name string
	cols []string
	pk   []string
	d    dialect
}

func (db *DB) loadTableInfo(ctx context.Context, q queryer, table string) (*tableInfo, error) {
	if !historyTables[table] {
		return nil, fmt.Errorf("history: unknown table %q", table)
	}
	t, err := db.tableColumns(ctx, q, table)
	if t != nil {
		// A record's version is not written back: it counts on.
		t.cols = slices.DeleteFunc(t.cols, func(c string) bool { return c == versionCol })
	}
	return t, err
}

// versionCol is every record's version (migration 0015): counted up by
// each change, compared by the forms, never logged as a field.
const versionCol = "version"

// tableColumns reads a table's columns and primary key; table must be one
// of ours (it reaches SQL as it is).
func (db *DB) tableColumns(ctx context.Context, q queryer, table string) (*tableInfo, error) {
	t := &tableInfo{name: table, d: db.dialect}
	pks := map[int]string{}
	query := db.dialect.ColumnsQuery()
	err := sqlrows.Each(ctx, q, query, []any{table}, func(sc func(...any) error) error {
		var name string
		var pk int
		if err := sc(&name, &pk); err != nil {
			return err
		}
		t.cols = append(t.cols, name)
		if pk > 0 {
			pks[pk] = name
		}
		return nil
	})
	for i := 1; i <= len(pks); i++ {
		t.pk = append(t.pk, pks[i])
	}
	return t, err
}

// rowJSON is the SQL expression the triggers log a row as.
func (t *tableInfo) rowJSON() string { return t.d.RowJSON(t.name, t.cols) }

// where selects the row whose key is in the JSON bound as ?1.
func (t *tableInfo) where() string { return t.d.KeyMatch(t.name, t.pk) }

// values are the row's columns in the JSON bound as ?1.
func (t *tableInfo) values() string { return t.d.Values(t.name, t.cols) }

// applyStep reverses a step's changes, newest first (forward false), or
// applies them again in order (forward true). Each row must be as the step
// left it (or found it); otherwise someone changed it since, and the step is
// refused with the record named.
func (db *DB) applyStep(ctx context.Context, tx *sql.Tx, s *Step, forward bool) error {
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return err
	}
	order := "DESC"
	if forward {
		order = "ASC"
	}
	type change struct {
		tbl      string
		old, new sql.NullString
	}
	var cs []change
	rows, err := tx.QueryContext(ctx, `SELECT tbl, old, new FROM changes WHERE step_id = ? ORDER BY id `+order, s.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c change
		if err := rows.Scan(&c.tbl, &c.old, &c.new); err != nil {
			rows.Close()
			return err
		}
		cs = append(cs, c)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	infos := map[string]*tableInfo{}
	// A row changed since refuses the step; the rows after it are then
	// only compared, so that the refusal says how many more there are.
	var refused *change
	var refusedCur sql.NullString
	more := 0
	for _, c := range cs {
		t := infos[c.tbl]
		if t == nil {
			if t, err = db.loadTableInfo(ctx, tx, c.tbl); err != nil {
				return err
			}
			infos[c.tbl] = t
		}
		from, to := c.new, c.old
		if forward {
			from, to = c.old, c.new
		}
		key := from.String
		if !from.Valid {
			key = to.String
		}
		var cur sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT `+t.rowJSON()+` FROM `+c.tbl+t.where(), key).Scan(&cur)
		if errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
		if err != nil {
			return err
		}
		if !from.Valid && cur.Valid && to.Valid && !idReferenced[c.tbl] && !sameRow(cur, to) {
			// A row coming back whose id a file has since given another
			// record (SQLite gives the highest free id again): it comes
			// back under a new id, nothing refers to it by its old one.
			if to.String, err = db.withNewID(ctx, tx, c.tbl, to.String); err != nil {
				return err
			}
			key, cur = to.String, sql.NullString{}
		}
		if !sameRow(cur, from) {
			if refused == nil {
				refused, refusedCur = &c, cur
			} else {
				more++
			}
			continue
		}
		if refused != nil {
			continue
		}
		switch {
		case !to.Valid:
			_, err = tx.ExecContext(ctx, `DELETE FROM `+c.tbl+t.where(), key)
		case !from.Valid:
			_, err = tx.ExecContext(ctx, `INSERT INTO `+c.tbl+` (`+strings.Join(t.cols, ", ")+`) SELECT `+t.values(), to.String)
		default:
			_, err = tx.ExecContext(ctx, `UPDATE `+c.tbl+` SET (`+strings.Join(t.cols, ", ")+`) = (SELECT `+t.values()+`)`+
				strings.Replace(t.where(), "?1", "?2", -1), to.String, key)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", recordName(c.tbl), err)
		}
	}
	if refused != nil {
		from := refused.new
		if forward {
			from = refused.old
		}
		return changedSince(ctx, tx, s, forward, refused.tbl, refusedCur, from, more)
	}
	return nil
}

// changedSince is the refusal of undoing (or redoing) step s because a row
// of table is no longer as the step left it: the record is named by its
// member or organisation, with who changed it last and when.
func changedSince(ctx context.Context, tx *sql.Tx, s *Step, forward bool, table string, cur, want sql.NullString, more int) error {
	what := map[bool]string{false: "hoàn tác", true: "làm lại"}[forward]
	row := want
	if !row.Valid {
		row = cur
	}
	var m map[string]any
	_ = json.Unmarshal([]byte(row.String), &m)
	id := func(k string) int64 {
		f, _ := m[k].(float64)
		return int64(f)
	}
	member, org := id("member_id"), id("org_id")
	switch table {
	case "members":
		member, org = id("id"), 0
	case "orgs":
		member, org = 0, id("id")
	}
	var name, who, at string
	var err error
	switch {
	case member != 0:
		var card sql.NullString
		err = tx.QueryRowContext(ctx, `SELECT full_name, card_no FROM members WHERE id = ?`, member).Scan(&name, &card)
		if card.String != "" {
			name += " (số thẻ " + card.String + ")"
		}
		if err == nil {
			err = lastAuthor(ctx, tx, &who, &at, `c.step_id <> ? AND c.tbl = ? AND c.member_id = ?`, s.ID, table, member)
		}
	case org != 0:
		err = tx.QueryRowContext(ctx, `SELECT name FROM orgs WHERE id = ?`, org).Scan(&name)
		if err == nil {
			err = lastAuthor(ctx, tx, &who, &at, `c.step_id <> ? AND c.tbl = ? AND c.org_id = ?`, s.ID, table, org)
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		name, err = "", nil
	}
	if err != nil {
		return err
	}
	subject := recordName(table)
	switch {
	case name != "" && (table == "members" || table == "orgs"):
		subject += " " + name
	case name != "":
		subject += " của " + name
	}
	others := domain.Textf("")
	if more > 0 {
		others = domain.Textf("; %d bản ghi khác của bước này cũng đã được sửa sau đó (xem Lịch sử)", more)
	}
	if who != "" {
		return domain.Errorf(domain.ECONFLICT, "", "không thể %s “%s”: %s đã được %s sửa lúc %s, sau bước này (%s)%s; không có gì thay đổi",
			what, describeStep(s), subject, who, domain.StampText(at), describeRow(cur, want), others)
	}
	return domain.Errorf(domain.ECONFLICT, "", "không thể %s “%s”: %s đã được sửa sau đó (%s)%s; không có gì thay đổi",
		what, describeStep(s), subject, describeRow(cur, want), others)
}

// idReferenced are the tables whose ids other rows refer to: their ids are
// never given again (dialect.NextID), and a row of theirs comes back under its own.
var idReferenced = map[string]bool{"members": true, "orgs": true, "steps": true, "changes": true, "trash": true}

// withNewID gives a logged row of table (JSON) a new id.
func (db *DB) withNewID(ctx context.Context, tx *sql.Tx, table, row string) (string, error) {
	var m map[string]any
	if err := json.Unmarshal([]byte(row), &m); err != nil {
		return "", err
	}
	var id int64
	if err := tx.QueryRowContext(ctx, db.dialect.NewRowID(table)).Scan(&id); err != nil {
		return "", err
	}
	m["id"] = id
	b, err := json.Marshal(m)
	return string(b), err
}

// sameRow compares a row as it is now with the row a change logged (both
// invalid: the row is absent as expected).
func sameRow(cur, want sql.NullString) bool {
	if cur.Valid != want.Valid {
		return false
	}
	if !cur.Valid || cur.String == want.String {
		return true
	}
	var a, b map[string]any
	if json.Unmarshal([]byte(cur.String), &a) != nil || json.Unmarshal([]byte(want.String), &b) != nil {
		return false
	}
	delete(a, versionCol) // the server's rows carry it, a file's do not
	delete(b, versionCol)
	return fmt.Sprint(a) == fmt.Sprint(b)
}

func describeRow(cur, want sql.NullString) string {
	switch {
	case !cur.Valid:
		return "bản ghi đã bị xoá"
	case !want.Valid:
		return "bản ghi đã có lại"
	}
	return "giá trị hiện tại khác"
}

// recordName names a table's records in Vietnamese for messages.
func recordName(table string) string {
	switch table {
	case "orgs":
		return "tổ chức đảng"
	case "org_events":
		return "sự kiện của tổ chức"
	case "members":
		return "đảng viên"
	case "memberships":
		return "quá trình sinh hoạt"
	case "member_ratings", "org_ratings":
		return "kết quả xếp loại"
	case "awards":
		return "khen thưởng"
	case "trash":
		return "thùng rác"
	}
	return "bản ghi"
}

// actionLabels name the steps' actions in Vietnamese.
var actionLabels = map[string]string{
	"member.create": "Thêm đảng viên", "member.update": "Sửa đảng viên", "member.transfer": "Chuyển sinh hoạt",
	"member.status": "Đổi tình trạng đảng viên", "member.delete": "Xoá đảng viên",
	"org.create": "Thêm tổ chức", "org.update": "Sửa tổ chức", "org.rename": "Đổi tên tổ chức", "org.move": "Chuyển tổ chức",
	"org.dissolve": "Giải thể tổ chức", "org.merge": "Hợp nhất tổ chức", "org.delete": "Xoá tổ chức",
	"rating.member": "Xếp loại đảng viên", "rating.org": "Xếp loại tổ chức",
	"award.create": "Thêm khen thưởng", "award.update": "Sửa khen thưởng", "award.delete": "Xoá khen thưởng",
	"awards.record": "Ghi quyết định khen thưởng", "discipline.create": "Ghi kỷ luật", "absence.create": "Ghi vắng mặt",
	"gap.create": "Ghi thời gian gián đoạn", "leader.create": "Ghi cấp ủy viên", "record.delete": "Xoá hồ sơ", "import": "Nhập tệp",
	"bulk": "Nạp dữ liệu hàng loạt", "migration": "Nâng cấp dữ liệu", "undo": "Hoàn tác", "redo": "Làm lại",
	"trash.restore": "Khôi phục từ thùng rác", "trash.empty": "Dọn thùng rác",
}

// ActionLabel names a step's action in Vietnamese (the key itself when it is
// unknown).
func ActionLabel(action string) string {
	if l, ok := actionLabels[action]; ok {
		return l
	}
	return action
}

// By is who made the step, for its reader: the name, and on a server the
// database role when it is another ("Chị Lan (phuong_a)").
func (s *Step) By() string {
	if s.Role == "" || s.Role == s.Who {
		return s.Who
	}
	return s.Who + " (" + s.Role + ")"
}

// Label describes the step in Vietnamese: "Sửa đảng viên Nguyễn Văn An".
func (s *Step) Label() string {
	if (s.Action == "undo" || s.Action == "redo") && s.Subject != "" {
		return ActionLabel(s.Action) + ": " + s.Subject // the subject names the step undone
	}
	if s.Subject != "" {
		return ActionLabel(s.Action) + " " + s.Subject
	}
	return ActionLabel(s.Action)
}

func describeStep(s *Step) string { return s.Label() }

// FieldChange is one field's old and new value in a change (dates ISO, levels
// as codes, as stored; "" for empty).
type FieldChange struct {
	Field    string
	Old, New string
	// Kept: in a refused save, a field the form did not change (New is
	// what it loaded), which the form takes as stored now.
	Kept bool
}

// Change is one row's change in the history, with its step.
type Change struct {
	Step   Step
	Table  string
	Op     string // insert, update, delete
	Year   int    // the row's year (a rating, an award), 0 when it has none
	Fields []FieldChange
}

// HistoryQuery selects the history of one member or one organisation.
type HistoryQuery struct {
	MemberID int64
	OrgID    int64
	Limit    int
}

// hiddenFields are stored for matching only, or are the row's own key.
var hiddenFields = map[string]bool{"id": true, "name_fold": true, versionCol: true}

// History returns the changes to one member's records (the member, its
// memberships, ratings, awards…) or one organisation's, newest first.
func (db *DB) History(ctx context.Context, q HistoryQuery) ([]Change, error) {
	col, id := "member_id", q.MemberID
	if q.OrgID != 0 {
		col, id = "org_id", q.OrgID
	}
	if q.Limit <= 0 {
		q.Limit = 500
	}
	var out []Change
	err := sqlrows.Each(ctx, db.read, `SELECT `+stepCols+`, c.tbl, c.op, c.old, c.new FROM changes c JOIN steps s ON s.id = c.step_id
		WHERE c.`+col+` = ? ORDER BY c.id DESC LIMIT ?`, []any{id, q.Limit}, func(sc func(...any) error) error {
		var c Change
		var old, new sql.NullString
		s := &c.Step
		if err := sc(&s.ID, &s.At, &s.Who, &s.Role, &s.Action, &s.Subject, &s.UndoOf, &s.Undone, &s.Undoable, &s.Changes, &s.session,
			&c.Table, &c.Op, &old, &new); err != nil {
			return err
		}
		c.Fields = diffRows(old.String, new.String)
		c.Year = rowYear(new.String, old.String)
		out = append(out, c)
		return nil
	})
	return out, err
}

// diffRows lists the fields that differ between two logged rows ("" for an
// absent row), in the table's column order.
func diffRows(old, new string) []FieldChange {
	okeys, a := decodeRow(old)
	nkeys, b := decodeRow(new)
	keys := nkeys
	if len(keys) == 0 {
		keys = okeys
	}
	var out []FieldChange
	for _, k := range keys {
		if hiddenFields[k] {
			continue
		}
		o, n := jsonText(a[k]), jsonText(b[k])
		if o != n {
			out = append(out, FieldChange{Field: k, Old: o, New: n})
		}
	}
	return out
}

// rowYear is the year column of the first logged row that has one.
func rowYear(rows ...string) int {
	for _, r := range rows {
		if _, vals := decodeRow(r); vals["year"] != nil {
			if y, ok := vals["year"].(float64); ok {
				return int(y)
			}
		}
	}
	return 0
}

// decodeRow reads a logged row: its keys in order, and its values.
func decodeRow(s string) ([]string, map[string]any) {
	vals := map[string]any{}
	if s == "" || json.Unmarshal([]byte(s), &vals) != nil {
		return nil, vals
	}
	var keys []string
	dec := json.NewDecoder(strings.NewReader(s))
	dec.Token() // {
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			break
		}
		if k, ok := t.(string); ok {
			keys = append(keys, k)
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			break
		}
	}
	return keys, vals
}

func jsonText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		if v == float64(int64(v)) {
			return fmt.Sprint(int64(v))
		}
		return fmt.Sprint(v)
	}
	return fmt.Sprint(v)
}
