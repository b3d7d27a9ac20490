package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"xeploai/domain"
)

// memberColumns lists the member columns scanMember reads, qualified by p.
func memberColumns(p string) string {
	return strings.NewReplacer("$", p).Replace(`$id, $full_name, $birth_name, $sex, $birth_date, $birth_place,
	$home_town, $home_town_new, $ethnicity, $religion, $education, $theory_level, $occupation, $admitted_on,
	$official_on, COALESCE($card_no, ''), COALESCE($history_no, ''), $badge_no, $cell_id, $status, $status_on,
	$left_form, $note, $version`)
}

var memberCols = memberColumns("")

// scanMember reads the columns of memberColumns, then any extra ones.
func scanMember(sc interface{ Scan(...any) error }, extra ...any) (domain.Member, error) {
	var m domain.Member
	var sex, status string
	var birth, admitted, official, statusOn sql.NullString
	err := sc.Scan(append([]any{&m.ID, &m.FullName, &m.BirthName, &sex, &birth, &m.BirthPlace, &m.HomeTown, &m.HomeTownNew,
		&m.Ethnicity, &m.Religion, &m.Education, &m.TheoryLevel, &m.Occupation, &admitted, &official,
		&m.CardNo, &m.HistoryNo, &m.BadgeNo, &m.CellID, &status, &statusOn, &m.LeftForm, &m.Note, &m.Version}, extra...)...)
	m.Sex, m.Status = domain.Sex(sex), domain.MemberStatus(status)
	m.BirthDate, m.AdmittedOn, m.OfficialOn, m.StatusOn = scanDate(birth), scanDate(admitted), scanDate(official), scanDate(statusOn)
	return m, err
}

// packed joins the columns cols (text, or NULL read as empty) into one text
// with char(31) between them: the driver's work per column, not per byte,
// is most of the cost of reading a large table, so the exports read their
// large tables so and cut the rows apart with unpack.
func packed(cols ...string) string {
	for i, c := range cols {
		cols[i] = "COALESCE(" + c + ", '')"
	}
	return strings.Join(cols, packSep)
}

// unitSep is the unit separator (char(31)) that packed texts are joined by.
const unitSep = "\x1f"

// packSep joins packed columns: the unit separator written as a literal,
// which both SQLite and PostgreSQL read (they name the function that makes
// it differently: char, chr).
const packSep = " || '" + unitSep + "' || "

// unpack cuts a row packed by packed into f, whose length is the number
// of columns packed; false if the row held more or fewer separators (a
// value with a char(31) in it: the caller reads that row column by
// column).
func unpack(row string, f []string) bool {
	for i := range f {
		var ok bool
		f[i], row, ok = strings.Cut(row, unitSep)
		if ok != (i < len(f)-1) {
			return false
		}
	}
	return true
}

// packedMemberCols are the text columns of a member, qualified by p, as
// unpackMember reads them.
func packedMemberCols(p string) string {
	return packed(p+"full_name", p+"birth_name", p+"sex", p+"birth_date", p+"birth_place", p+"home_town", p+"home_town_new",
		p+"ethnicity", p+"religion", p+"education", p+"theory_level", p+"occupation", p+"admitted_on", p+"official_on",
		p+"card_no", p+"history_no", p+"badge_no", p+"status", p+"status_on", p+"left_form", p+"note", p+"name_fold")
}

// unpackMember reads a member's columns packed by packedMemberCols, and
// its name as folded; false if the row does not cut into them.
func unpackMember(id, cell int64, row string) (m domain.Member, fold string, ok bool) {
	var f [22]string
	if !unpack(row, f[:]) {
		return m, "", false
	}
	m = domain.Member{ID: id, CellID: cell, FullName: f[0], BirthName: f[1], Sex: domain.Sex(f[2]), BirthPlace: f[4],
		HomeTown: f[5], HomeTownNew: f[6], Ethnicity: f[7], Religion: f[8], Education: f[9], TheoryLevel: f[10],
		Occupation: f[11], CardNo: f[14], HistoryNo: f[15], BadgeNo: f[16], Status: domain.MemberStatus(f[17]),
		LeftForm: f[19], Note: f[20]}
	m.BirthDate, _ = domain.ParseDate(f[3])
	m.AdmittedOn, _ = domain.ParseDate(f[12])
	m.OfficialOn, _ = domain.ParseDate(f[13])
	m.StatusOn, _ = domain.ParseDate(f[18])
	return m, f[21], true
}

// memberArgs lists m's stored values in the order of the columns after id.
func memberArgs(m *domain.Member) []any {
	return []any{m.FullName, domain.Fold(m.FullName), m.BirthName, string(m.Sex), dateArg(m.BirthDate),
		m.BirthPlace, m.HomeTown, m.HomeTownNew, m.Ethnicity, m.Religion, m.Education, m.TheoryLevel,
		m.Occupation, dateArg(m.AdmittedOn), dateArg(m.OfficialOn), nullText(m.CardNo), nullText(m.HistoryNo),
		m.BadgeNo, m.CellID, string(m.Status), dateArg(m.StatusOn), m.LeftForm, m.Note}
}

const memberWriteCols = `full_name, name_fold, birth_name, sex, birth_date, birth_place, home_town, home_town_new,
	ethnicity, religion, education, theory_level, occupation, admitted_on, official_on, card_no, history_no,
	badge_no, cell_id, status, status_on, left_form, note`

func getMember(ctx context.Context, q queryer, id int64) (*domain.Member, error) {
	m, err := scanMember(q.QueryRowContext(ctx, `SELECT `+memberCols+` FROM members WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.Errorf(domain.ENOTFOUND, "", "không tìm thấy đảng viên #%d", id)
	}
	return &m, err
}

// Member returns the member with id.
func (db *DB) Member(ctx context.Context, id int64) (*domain.Member, error) {
	return getMember(ctx, db.read, id)
}

// validateMember normalises and validates m against its cell and the
// uniqueness of its card and personal-history numbers.
func validateMember(ctx context.Context, q queryer, m *domain.Member) error {
	m.Normalize()
	var cell *domain.Org
	if m.CellID != 0 {
		c, err := getOrg(ctx, q, m.CellID)
		if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return err
		}
		cell = c
	}
	if err := m.Validate(cell, domain.Today()); err != nil {
		return err
	}
	if cell != nil && !cell.DissolvedOn.IsZero() && m.Status.OnRoll() {
		return domain.Errorf(domain.EINVALID, "Chi bộ", "%s đã giải thể ngày %s", cell.Name, cell.DissolvedOn)
	}
	for _, u := range []struct{ col, field, val string }{
		{"card_no", "Số thẻ đảng viên", m.CardNo},
		{"history_no", "Số lý lịch", m.HistoryNo},
	} {
		if u.val == "" {
			continue
		}
		var name string
		var birth sql.NullString
		err := q.QueryRowContext(ctx, `SELECT full_name, birth_date FROM members WHERE `+u.col+` = ? AND id <> ?`, u.val, m.ID).Scan(&name, &birth)
		if err == nil {
			return domain.Errorf(domain.ECONFLICT, u.field, "%s đã thuộc về đảng viên %s (sinh %s)", u.val, name, scanDate(birth))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	return nil
}

func (db *DB) insertMember(ctx context.Context, q queryer, m *domain.Member) error {
	if err := validateMember(ctx, q, m); err != nil {
		return err
	}
	var err error
	if m.ID, err = insertID(ctx, q, `INSERT INTO members (id, `+memberWriteCols+`) VALUES (`+db.dialect.NextID("members", "member_id")+`, `+placeholders(23)+`)`, memberArgs(m)...); err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO memberships (member_id, org_id, from_on) VALUES (?, ?, ?)`, m.ID, m.CellID, dateArg(m.AdmittedOn))
	return err
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// CreateMember validates and stores a new member, setting its ID. The member's
// first membership starts on the admission date.
func (db *DB) CreateMember(ctx context.Context, m *domain.Member) error {
	return db.inTx(ctx, "member.create", m.FullName, func(tx *sql.Tx) error { return db.insertMember(ctx, tx, m) })
}

// updateMember writes m; a changed cell is a transfer on day on.
func updateMember(ctx context.Context, q queryer, m *domain.Member, on domain.Date) error {
	old, err := getMember(ctx, q, m.ID)
	if err != nil {
		return err
	}
	if err := validateMember(ctx, q, m); err != nil {
		return err
	}
	if old.CellID != m.CellID {
		if err := moveMembership(ctx, q, m.ID, m.CellID, on); err != nil {
			return err
		}
	}
	_, err = q.ExecContext(ctx, `UPDATE members SET (`+memberWriteCols+`) = (`+placeholders(23)+`) WHERE id = ?`, append(memberArgs(m), m.ID)...)
	return err
}

// UpdateMember validates and stores m; a changed cell is recorded as a
// transfer on day on (zero: today).
func (db *DB) UpdateMember(ctx context.Context, m *domain.Member, on domain.Date) error {
	return db.inTx(ctx, "member.update", m.FullName, func(tx *sql.Tx) error { return updateMember(ctx, tx, m, orToday(on)) })
}

// moveMembership closes the member's current membership on day on and opens
// one in cell from that day.
func moveMembership(ctx context.Context, q queryer, memberID, cellID int64, on domain.Date) error {
	if _, err := q.ExecContext(ctx, `UPDATE memberships SET to_on = ? WHERE member_id = ? AND to_on IS NULL`, on.ISO(), memberID); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO memberships (member_id, org_id, from_on) VALUES (?, ?, ?)`, memberID, cellID, on.ISO())
	return err
}

func transfer(ctx context.Context, q queryer, memberID, cellID int64, on domain.Date) error {
	m, err := getMember(ctx, q, memberID)
	if err != nil {
		return err
	}
	if m.CellID == cellID {
		return nil
	}
	m.CellID = cellID
	return updateMember(ctx, q, m, on)
}

// TransferMember moves a member to another cell as of day on, keeping the
// membership history.
func (db *DB) TransferMember(ctx context.Context, memberID, cellID int64, on domain.Date) error {
	return db.inTx(ctx, "member.transfer", "", func(tx *sql.Tx) error {
		if err := db.nameStep(ctx, tx, `SELECT full_name FROM members WHERE id = ?`, memberID); err != nil {
			return err
		}
		return transfer(ctx, tx, memberID, cellID, orToday(on))
	})
}

// SetMemberStatus records that a member transferred out, died, left the party,
// was exempted from activities, or is active again, as of day on.
func (db *DB) SetMemberStatus(ctx context.Context, memberID int64, status domain.MemberStatus, on domain.Date, form string) error {
	return db.inTx(ctx, "member.status", "", func(tx *sql.Tx) error {
		m, err := getMember(ctx, tx, memberID)
		if err != nil {
			return err
		}
		if err := db.nameStep(ctx, tx, `SELECT ?`, m.FullName); err != nil {
			return err
		}
		m.Status, m.StatusOn, m.LeftForm = status, orToday(on), form
		if status == domain.StatusActive {
			m.StatusOn, m.LeftForm = domain.Date{}, ""
		}
		return updateMember(ctx, tx, m, orToday(on))
	})
}

// Memberships returns the member's cells over time, oldest first.
func (db *DB) Memberships(ctx context.Context, memberID int64) ([]domain.Membership, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT member_id, org_id, from_on, to_on FROM memberships WHERE member_id = ? ORDER BY COALESCE(from_on, ''), id`, memberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Membership
	for rows.Next() {
		var ms domain.Membership
		var from, to sql.NullString
		if err := rows.Scan(&ms.MemberID, &ms.OrgID, &from, &to); err != nil {
			return nil, err
		}
		ms.From, ms.To = scanDate(from), scanDate(to)
		out = append(out, ms)
	}
	return out, rows.Err()
}

// cellAt returns the cell the member belonged to on day on, falling back to
// the current cell.
func cellAt(ctx context.Context, q queryer, memberID int64, on domain.Date) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT org_id FROM memberships WHERE member_id = ?
		AND (from_on IS NULL OR from_on <= ?) AND (to_on IS NULL OR to_on > ?)
		ORDER BY COALESCE(from_on, '') DESC, id DESC LIMIT 1`, memberID, on.ISO(), on.ISO()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = q.QueryRowContext(ctx, `SELECT cell_id FROM members WHERE id = ?`, memberID).Scan(&id)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, domain.Errorf(domain.ENOTFOUND, "", "không tìm thấy đảng viên #%d", memberID)
	}
	return id, err
}

// MemberQuery selects and orders members for a table page.
type MemberQuery struct {
	OrgID  int64  // the organisation whose tree to list (0: all)
	Name   string // folded-name prefix of any word sequence ("" = all)
	OnRoll bool   // only active and exempted members
	SortBy string // "name" (default), "birth", "admitted", "card"
	Desc   bool
	Offset int
	Limit  int
}

// memberSorts are the orders a member list can take; each matches an index
// (with the row id last), so a page deep in 500,000 members needs no sort.
var memberSorts = map[string][]string{
	"name": {"name_fold", "birth_date", "id"}, "birth": {"birth_date", "id"},
	"admitted": {"admitted_on", "id"}, "card": {"card_no", "id"},
}

func (db *DB) memberWhere(ctx context.Context, q MemberQuery) (string, []any, error) {
	var conds []string
	var args []any
	if q.OrgID != 0 {
		tree, err := db.tree(ctx, domain.Date{})
		if err != nil {
			return "", nil, err
		}
		var ids []string
		tree.Walk(q.OrgID, func(o *domain.Org) {
			if o.Kind.HoldsMembers() {
				ids = append(ids, fmt.Sprint(o.ID))
			}
		})
		if len(ids) == 0 {
			ids = []string{"0"}
		}
		conds = append(conds, "cell_id IN ("+strings.Join(ids, ",")+")")
	}
	if f := domain.Fold(q.Name); f != "" {
		conds = append(conds, "(name_fold LIKE ? ESCAPE '\\' OR name_fold LIKE ? ESCAPE '\\')")
		esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(f)
		args = append(args, esc+"%", "% "+esc+"%")
	}
	if q.OnRoll {
		conds = append(conds, "status IN ('active', 'exempted')")
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// Members returns one page of members.
func (db *DB) Members(ctx context.Context, q MemberQuery) ([]domain.Member, error) {
	where, args, err := db.memberWhere(ctx, q)
	if err != nil {
		return nil, err
	}
	cols, ok := memberSorts[q.SortBy]
	if !ok {
		cols = memberSorts["name"]
	}
	dir := " ASC"
	if q.Desc {
		dir = " DESC"
	}
	order := strings.Join(cols, dir+", ") + dir
	if q.Limit <= 0 {
		q.Limit = 100
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+memberCols+` FROM members`+where+
		` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// CountMembers counts the members q selects (ignoring Offset and Limit).
func (db *DB) CountMembers(ctx context.Context, q MemberQuery) (int, error) {
	where, args, err := db.memberWhere(ctx, q)
	if err != nil {
		return 0, err
	}
	var n int
	err = db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM members`+where, args...).Scan(&n)
	return n, err
}

// MemberCounts returns how many members on the roll (active or exempted)
// each cell holds.
func (db *DB) MemberCounts(ctx context.Context) (map[int64]int, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT cell_id, COUNT(*) FROM members WHERE status IN ('active', 'exempted') GROUP BY cell_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// MemberByCard returns the member with card number card, or nil.
func (db *DB) MemberByCard(ctx context.Context, card string) (*domain.Member, error) {
	m, err := scanMember(db.read.QueryRowContext(ctx, `SELECT `+memberCols+` FROM members WHERE card_no = ?`, domain.CleanText(card)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &m, err
}
