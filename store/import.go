package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strings"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"

	"github.com/jackc/pgx/v5/pgconn"
)

// ImportPlan is an import checked against the database: what it would
// write, and the state of the database it was planned against, so that it
// is written as planned only if nothing changed in between.
type ImportPlan struct {
	*domain.ImportPlan
	batch   *domain.Batch
	version string
}

// Report is what the import would do (or did).
func (p *ImportPlan) Report() *domain.ImportReport { return &p.ImportPlan.Report }

// PlanImport matches a batch read from files against the database, in one
// consistent read, and returns what importing it would do: the dry run.
// Nothing is written.
func (db *DB) PlanImport(ctx context.Context, b *domain.Batch) (*ImportPlan, error) {
	conn, done, err := db.unmappedConn(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	opts := &sql.TxOptions{ReadOnly: true, Isolation: db.dialect.ReadIsolation()} // one moment of every table
	tx, err := conn.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return db.planImport(ctx, tx, b)
}

func (db *DB) planImport(ctx context.Context, q queryer, b *domain.Batch) (*ImportPlan, error) {
	return db.planImportBelow(ctx, q, b, 1<<62)
}

// planImportBelow plans against the records as the steps before step
// below left them (a write transaction's own step is not yet a change).
func (db *DB) planImportBelow(ctx context.Context, q queryer, b *domain.Batch, below int64) (*ImportPlan, error) {
	version, err := db.dataVersion(ctx, q, below)
	if err != nil {
		return nil, err
	}
	st, err := db.importState(ctx, q, b)
	if err != nil {
		return nil, err
	}
	p := &ImportPlan{ImportPlan: domain.PlanImport(b, st), batch: b, version: version}
	p.ImportPlan.Report.DryRun = true
	if db.office != "" {
		if err := outOfScope(ctx, q, b, p.ImportPlan); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// outOfScope adds to an office's plan an error at each row that would
// write outside the organisations its role may change (an organisation
// added under, or a change to, one above its part; a member in a cell it
// may only see): the server would refuse the write, and a dry run must
// say so, at the row, before it does.
func outOfScope(ctx context.Context, q queryer, b *domain.Batch, p *domain.ImportPlan) error {
	ids, err := sqlrows.IDs(ctx, q, `SELECT o FROM xeploai_orgs(current_user, true) AS o`)
	if err != nil {
		return err
	}
	writable := make(map[int64]bool, len(ids))
	for _, id := range ids {
		writable[id] = true
	}
	seen, err := sqlrows.IDs(ctx, q, `SELECT o FROM xeploai_orgs(current_user, false) AS o`)
	if err != nil {
		return err
	}
	readOnly := map[int64]bool{}
	for _, id := range seen {
		readOnly[id] = !writable[id]
	}
	why := func(org int64) string {
		if readOnly[org] {
			return "người dùng này chỉ được xem phần này (xeploai grant --read-only)"
		}
		return "nằm ngoài phần người dùng này được sửa (xeploai grant)"
	}
	orgRow := func(name string) domain.RowSource {
		for _, r := range b.Orgs {
			if r.Org.Name == name {
				return r.Src
			}
		}
		return domain.RowSource{Sheet: domain.SheetOrgs.Name()}
	}
	memberRow := func(name string) domain.RowSource {
		for _, r := range b.Members {
			if r.Member.FullName == name {
				return r.Src
			}
		}
		return domain.RowSource{Sheet: domain.SheetMembers.Name()}
	}
	for _, o := range p.Orgs {
		switch {
		case o.ID > 0 && !writable[o.ID]:
			p.Report.Errors = append(p.Report.Errors, orgRow(o.Name).Errorf(domain.ColOrgName, "%s: %s, không sửa được — không có gì được ghi", o.Name, why(o.ID)))
		case o.ID < 0 && o.ParentID > 0 && !writable[o.ParentID]:
			p.Report.Errors = append(p.Report.Errors, orgRow(o.Name).Errorf(domain.ColOrgName, "tổ chức mới %s: tổ chức cấp trên của nó %s, không thêm được — không có gì được ghi", o.Name, why(o.ParentID)))
		}
	}
	for _, m := range p.Members {
		if m.CellID > 0 && !writable[m.CellID] {
			p.Report.Errors = append(p.Report.Errors, memberRow(m.FullName).Errorf(domain.ColCell, "%s: chi bộ của đảng viên %s — không có gì được ghi", m.FullName, why(m.CellID)))
		}
	}
	return nil
}

// dataVersion names the state of the records after the steps before step
// below: any write adds a step.
func (db *DB) dataVersion(ctx context.Context, q queryer, below int64) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, db.dialect.StepsBelow(), below).Scan(&v)
	return v, err
}

// ApplyImport writes a plan in one transaction, one step of the history. If
// the database changed since it was planned, the import is planned again
// first. A plan with errors writes nothing and returns them.
func (db *DB) ApplyImport(ctx context.Context, p *ImportPlan) (*domain.ImportReport, error) {
	var rep *domain.ImportReport
	err := db.inStep(ctx, "import", p.batch.Source, func(tx *sql.Tx, step int64) error {
		version, err := db.dataVersion(ctx, tx, step)
		if err != nil {
			return err
		}
		if version != p.version {
			// Another window or command wrote in between: plan again,
			// under the write lock.
			if p, err = db.planImportBelow(ctx, tx, p.batch, step); err != nil {
				return err
			}
		}
		r := p.ImportPlan.Report
		r.DryRun = false
		rep = &r
		if len(rep.Errors) > 0 {
			return errRollback
		}
		err = db.applyPlan(ctx, tx, p.ImportPlan)
		var taken *takenError
		if db.pg && errors.As(err, &taken) {
			// On a server, a member the office's role cannot see holds the
			// number: said at the file's row, as the planner's errors are.
			rep.Errors = append(rep.Errors, taken.at(p.batch, db.pgcfg.User))
			return errRollback
		}
		return err
	})
	if errors.Is(err, errRollback) {
		return rep, errImportErrors(rep)
	}
	if err != nil {
		return rep, err
	}
	return rep, nil
}

var errRollback = errors.New("rollback")

// takenError is a member's write refused because its card or history
// number is another member's: on a server, one out of the role's scope,
// which the planner could not see to match.
type takenError struct {
	member domain.Member
	err    error
}

func (e *takenError) Error() string { return e.err.Error() }
func (e *takenError) Unwrap() error { return e.err }

// at says the refusal at the row of b that gives the member, naming the
// number (known here: it is the one being written) and the role.
func (e *takenError) at(b *domain.Batch, role string) domain.ImportError {
	field, value := domain.ColCardNo, e.member.CardNo
	var pe *pgconn.PgError
	if errors.As(e.err, &pe) && strings.Contains(pe.ConstraintName, "history_no") || e.member.CardNo == "" {
		field, value = domain.ColHistoryNo, e.member.HistoryNo
	}
	src := domain.RowSource{Sheet: domain.SheetMembers.Name()}
	for _, r := range b.Members {
		if (field == domain.ColCardNo && r.Member.CardNo == value) || (field == domain.ColHistoryNo && r.Member.HistoryNo == value) {
			src = r.Src
			break
		}
	}
	return src.Errorf(field, "%s %s của %s đã là của một đảng viên khác trên máy chủ, ngoài phạm vi người dùng %q được cấp (xeploai grant --list) — hãy hỏi cơ quan đang quản lý đảng viên đó hoặc người quản trị",
		strings.ToLower(field[:1])+field[1:], value, e.member.FullName, role)
}

func errImportErrors(rep *domain.ImportReport) error {
	return domain.Errorf(domain.EINVALID, "", "có %d lỗi trong tệp nhập; không có gì được ghi", len(rep.Errors))
}

// Import plans a batch and, unless dryRun is set or the plan has errors,
// writes it: all or nothing. The report says what was (or would be) done
// and lists every error with its sheet, row and column.
func (db *DB) Import(ctx context.Context, b *domain.Batch, dryRun bool) (*domain.ImportReport, error) {
	p, err := db.PlanImport(ctx, b)
	if err != nil {
		return nil, err
	}
	if len(p.Report().Errors) > 0 {
		return p.Report(), errImportErrors(p.Report())
	}
	if dryRun {
		return p.Report(), nil
	}
	return db.ApplyImport(ctx, p)
}

// ---- reading what the batch may name

// jsonArg passes a list to SQL as one JSON array (read with inJSON).
func jsonArg(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// inJSON is the SQL of "is in the list bound as the JSON array ph", its
// elements of SQL type typ (bigint, integer or text).
func (db *DB) inJSON(ph, typ string) string {
	if db.pg {
		return ` IN (SELECT value::` + typ + ` FROM json_array_elements_text(` + ph + `::json))`
	}
	return ` IN (SELECT value FROM json_each(` + ph + `))`
}

// inFew is inJSON for a list of keys an index leads to (a group of cells,
// the organisations of a part): on a server, a condition of the table's
// own scan, by its index, rather than a join the server may only make
// after an office's row-level security has tested every row of the table.
func (db *DB) inFew(ph, typ string) string {
	if db.pg {
		return ` = ANY (ARRAY(SELECT value::` + typ + ` FROM json_array_elements_text(` + ph + `::json)))`
	}
	return db.inJSON(ph, typ)
}

// jsonPairs is a table j(a, b) of the pairs of texts bound as the JSON
// array ph of two-element arrays.
func (db *DB) jsonPairs(ph string) string {
	if db.pg {
		return `(SELECT e ->> 0 AS a, e ->> 1 AS b FROM json_array_elements(` + ph + `::json) e) j`
	}
	return `(SELECT json_extract(value, '$[0]') AS a, json_extract(value, '$[1]') AS b FROM json_each(` + ph + `)) j`
}

// importState reads the stored records the batch may name: every
// organisation and its history, and the members whose card number,
// personal-history number, or name and date of birth the batch holds, with
// their records.
func (db *DB) importState(ctx context.Context, q queryer, b *domain.Batch) (*domain.ImportState, error) {
	st := &domain.ImportState{Today: domain.Today()}
	var err error
	if st.Orgs, err = listOrgs(ctx, q); err != nil {
		return nil, err
	}
	if st.Events, err = listOrgEvents(ctx, q); err != nil {
		return nil, err
	}
	cards, histories, names := map[string]bool{}, map[string]bool{}, map[[2]string]bool{}
	addRef := func(r domain.MemberRef) {
		if c := domain.CleanText(r.CardNo); c != "" {
			cards[c] = true
		}
		if h := domain.CleanText(r.HistoryNo); h != "" {
			histories[h] = true
		}
		if f := domain.Fold(r.FullName); f != "" && !r.BirthDate.IsZero() {
			names[[2]string{f, r.BirthDate.ISO()}] = true
		}
	}
	for i := range b.Members {
		m := &b.Members[i].Member
		addRef(domain.MemberRef{CardNo: m.CardNo, HistoryNo: m.HistoryNo, FullName: m.FullName, BirthDate: m.BirthDate})
	}
	for i := range b.Memberships {
		addRef(b.Memberships[i].Member)
	}
	for i := range b.MemberRatings {
		addRef(b.MemberRatings[i].Member)
	}
	for i := range b.Awards {
		if m := b.Awards[i].Member; m != nil {
			addRef(*m)
		}
	}
	for i := range b.Disciplines {
		if m := b.Disciplines[i].Member; m != nil {
			addRef(*m)
		}
	}
	for i := range b.Absences {
		addRef(b.Absences[i].Member)
	}
	for i := range b.Gaps {
		addRef(b.Gaps[i].Member)
	}
	for i := range b.Leaders {
		addRef(b.Leaders[i].Member)
	}
	if len(cards)+len(histories)+len(names) == 0 {
		return st, db.loadOrgRecords(ctx, q, b, st)
	}
	list := func(m map[string]bool) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		return out
	}
	pairs := make([][2]string, 0, len(names))
	for k := range names {
		pairs = append(pairs, k)
	}
	// The members the batch may name, once each.
	err = sqlrows.Each(ctx, q, `SELECT `+memberCols+` FROM members WHERE id IN (
		SELECT id FROM members WHERE card_no`+db.inJSON("?1", "text")+`
		UNION SELECT id FROM members WHERE history_no`+db.inJSON("?2", "text")+`
		UNION SELECT m.id FROM `+db.jsonPairs("?3")+` JOIN members m ON m.name_fold = j.a AND m.birth_date = j.b)
		ORDER BY id`,
		[]any{jsonArg(list(cards)), jsonArg(list(histories)), jsonArg(pairs)}, func(sc func(...any) error) error {
			m, err := scanMember(rowScanner(sc))
			st.Members = append(st.Members, m)
			return err
		})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(st.Members))
	for i, m := range st.Members {
		ids[i] = m.ID
	}
	if err := db.loadMemberRecords(ctx, q, jsonArg(ids), st); err != nil {
		return nil, err
	}
	return st, db.loadOrgRecords(ctx, q, b, st)
}

// rowScanner adapts eachRow's scan function to the scanners' interface.
type rowScanner func(...any) error

func (f rowScanner) Scan(dest ...any) error { return f(dest...) }

// loadMemberRecords reads the records of the members whose ids are in the
// JSON array ids.
func (db *DB) loadMemberRecords(ctx context.Context, q queryer, ids string, st *domain.ImportState) error {
	in := db.inJSON("?", "bigint")
	err := sqlrows.Each(ctx, q, `SELECT id, member_id, org_id, from_on, to_on FROM memberships WHERE member_id`+in+` ORDER BY id`, []any{ids},
		func(sc func(...any) error) error {
			var ms domain.Membership
			var from, to sql.NullString
			err := sc(&ms.ID, &ms.MemberID, &ms.OrgID, &from, &to)
			ms.From, ms.To = scanDate(from), scanDate(to)
			st.Memberships = append(st.Memberships, ms)
			return err
		})
	if err == nil {
		err = sqlrows.Each(ctx, q, `SELECT member_id, year, org_id, level, score, not_rated_reason, note, civil_level FROM member_ratings WHERE member_id`+in, []any{ids},
			func(sc func(...any) error) error {
				var r domain.MemberRating
				var level, civil sql.NullString
				var score sql.NullFloat64
				err := sc(&r.MemberID, &r.Year, &r.OrgID, &level, &score, &r.NotRatedReason, &r.Note, &civil)
				scanRating(level, score, &r.Rating)
				r.CivilService = levelOf(civil)
				st.MemberRatings = append(st.MemberRatings, r)
				return err
			})
	}
	if err == nil {
		err = sqlrows.Each(ctx, q, `SELECT `+awardCols+` FROM awards WHERE member_id`+in+` ORDER BY id`, []any{ids}, func(sc func(...any) error) error {
			a, err := scanAward(rowScanner(sc))
			st.Awards = append(st.Awards, a)
			return err
		})
	}
	if err == nil {
		err = loadRecords(ctx, q, `member_id`+in, []any{ids}, st)
	}
	return err
}

// loadRecords reads the disciplines, absences, gaps and committee seats
// where cond holds (absences, gaps and seats are members').
func loadRecords(ctx context.Context, q queryer, cond string, args []any, st *domain.ImportState) error {
	err := sqlrows.Each(ctx, q, `SELECT id, COALESCE(member_id, 0), COALESCE(org_id, 0), on_date, form, reason, decision_no, COALESCE(self_corrected, 0)
		FROM disciplines WHERE `+cond+` ORDER BY id`, args,
		func(sc func(...any) error) error {
			var d domain.Discipline
			var on sql.NullString
			err := sc(&d.ID, &d.MemberID, &d.OrgID, &on, &d.Form, &d.Reason, &d.DecisionNo, &d.SelfCorrected)
			d.On = scanDate(on)
			st.Disciplines = append(st.Disciplines, d)
			return err
		})
	if err != nil || cond == "member_id IS NULL" {
		return err
	}
	err = sqlrows.Each(ctx, q, `SELECT id, member_id, year, kind, months, note FROM absences WHERE `+cond+` ORDER BY id`, args,
		func(sc func(...any) error) error {
			var a domain.Absence
			var kind string
			err := sc(&a.ID, &a.MemberID, &a.Year, &kind, &a.Months, &a.Note)
			a.Kind = domain.AbsenceKind(kind)
			st.Absences = append(st.Absences, a)
			return err
		})
	if err == nil {
		err = sqlrows.Each(ctx, q, `SELECT id, member_id, from_on, to_on, reason FROM party_age_gaps WHERE `+cond+` ORDER BY id`, args,
			func(sc func(...any) error) error {
				var g domain.PartyAgeGap
				var from, to sql.NullString
				err := sc(&g.ID, &g.MemberID, &from, &to, &g.Reason)
				g.From, g.To = scanDate(from), scanDate(to)
				st.Gaps = append(st.Gaps, g)
				return err
			})
	}
	if err == nil {
		err = sqlrows.Each(ctx, q, `SELECT id, member_id, org_id, role, from_on, to_on FROM leaders WHERE `+cond+` ORDER BY id`, args,
			func(sc func(...any) error) error {
				var l domain.Leader
				var from, to sql.NullString
				err := sc(&l.ID, &l.MemberID, &l.OrgID, &l.Role, &from, &to)
				l.From, l.To = scanDate(from), scanDate(to)
				st.Leaders = append(st.Leaders, l)
				return err
			})
	}
	return err
}

// loadOrgRecords reads the organisations' own records the batch may name:
// ratings of the years it holds, awards and disciplines.
func (db *DB) loadOrgRecords(ctx context.Context, q queryer, b *domain.Batch, st *domain.ImportState) error {
	years := map[int]bool{}
	for i := range b.OrgRatings {
		years[b.OrgRatings[i].Rating.Year] = true
	}
	if len(years) > 0 {
		ys := make([]int, 0, len(years))
		for y := range years {
			ys = append(ys, y)
		}
		err := sqlrows.Each(ctx, q, `SELECT org_id, year, level, score, not_rated_reason, note, mass_level FROM org_ratings WHERE year`+db.inJSON("?", "integer"),
			[]any{jsonArg(ys)}, func(sc func(...any) error) error {
				var r domain.OrgRating
				var level, mass sql.NullString
				var score sql.NullFloat64
				err := sc(&r.OrgID, &r.Year, &level, &score, &r.NotRatedReason, &r.Note, &mass)
				scanRating(level, score, &r.Rating)
				r.MassOrgs = levelOf(mass)
				st.OrgRatings = append(st.OrgRatings, r)
				return err
			})
		if err != nil {
			return err
		}
	}
	err := sqlrows.Each(ctx, q, `SELECT `+awardCols+` FROM awards WHERE org_id IS NOT NULL ORDER BY id`, nil, func(sc func(...any) error) error {
		a, err := scanAward(rowScanner(sc))
		st.Awards = append(st.Awards, a)
		return err
	})
	if err != nil {
		return err
	}
	return loadRecords(ctx, q, "member_id IS NULL", nil, st)
}

// ---- writing a plan

// applyPlan writes every record of a plan. New organisations and members
// get their ids here (never one a deleted record had); the references the
// plan holds to them by negative ids are mapped. Foreign keys are checked
// at the commit, so that the order of the rows does not matter.
func (db *DB) applyPlan(ctx context.Context, tx *sql.Tx, p *domain.ImportPlan) error {
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return err
	}
	q := newStmtCache(tx)
	defer q.close()
	nextOrg, err := db.firstID(ctx, tx, "orgs", "org_id")
	if err != nil {
		return err
	}
	nextMember, err := db.firstID(ctx, tx, "members", "member_id")
	if err != nil {
		return err
	}
	ids := map[int64]int64{} // a new record's negative id → its id
	for _, o := range p.Orgs {
		if o.ID < 0 {
			ids[o.ID], nextOrg = nextOrg, nextOrg+1
		}
	}
	for _, m := range p.Members {
		if m.ID < 0 {
			ids[m.ID], nextMember = nextMember, nextMember+1
		}
	}
	if err := db.usedIDs(ctx, tx, "orgs", nextOrg-1); err != nil {
		return err
	}
	if err := db.usedIDs(ctx, tx, "members", nextMember-1); err != nil {
		return err
	}
	id := func(v int64) int64 {
		if v < 0 {
			return ids[v]
		}
		return v
	}
	codes, err := orgCodes(ctx, tx)
	if err != nil {
		return err
	}
	for _, o := range p.Orgs {
		o.ParentID, o.MergedInto = id(o.ParentID), id(o.MergedInto)
		if o.ID < 0 {
			o.ID = id(o.ID)
			if o.Code == "" {
				o.Code = codes.fresh()
			}
			codes[o.Code] = true
			_, err = q.ExecContext(ctx, `INSERT INTO orgs (id, `+orgWriteCols+`) VALUES (?, `+placeholders(9)+`)`, append([]any{o.ID}, orgArgs(&o)...)...)
		} else {
			_, err = q.ExecContext(ctx, `UPDATE orgs SET (`+orgWriteCols+`) = (`+placeholders(9)+`) WHERE id = ?`, append(orgArgs(&o), o.ID)...)
		}
		if err != nil {
			return err
		}
	}
	for _, e := range p.Events {
		e.OrgID, e.OldParent, e.NewParent, e.OtherID = id(e.OrgID), id(e.OldParent), id(e.NewParent), id(e.OtherID)
		if e.ID == 0 {
			err = addEvent(ctx, q, e)
		} else {
			_, err = q.ExecContext(ctx, `UPDATE org_events SET old_name = ?, note = ? WHERE id = ?`, e.OldName, e.Note, e.ID)
		}
		if err != nil {
			return err
		}
	}
	for _, m := range p.Members {
		m.CellID = id(m.CellID)
		if m.ID < 0 {
			m.ID = id(m.ID)
			_, err = q.ExecContext(ctx, `INSERT INTO members (id, `+memberWriteCols+`) VALUES (?, `+placeholders(23)+`)`, append([]any{m.ID}, memberArgs(&m)...)...)
		} else {
			_, err = q.ExecContext(ctx, `UPDATE members SET (`+memberWriteCols+`) = (`+placeholders(23)+`) WHERE id = ?`, append(memberArgs(&m), m.ID)...)
		}
		if isUniqueViolation(err) {
			return &takenError{member: m, err: err}
		}
		if err != nil {
			return err
		}
	}
	for _, ms := range p.Memberships {
		if ms.ID == 0 {
			_, err = q.ExecContext(ctx, `INSERT INTO memberships (member_id, org_id, from_on, to_on) VALUES (?, ?, ?, ?)`,
				id(ms.MemberID), id(ms.OrgID), dateArg(ms.From), dateArg(ms.To))
		} else {
			_, err = q.ExecContext(ctx, `UPDATE memberships SET to_on = ? WHERE id = ?`, dateArg(ms.To), ms.ID)
		}
		if err != nil {
			return err
		}
	}
	for _, r := range p.OrgRatings {
		if _, err := q.ExecContext(ctx, `INSERT INTO org_ratings (org_id, year, level, score, not_rated_reason, note, mass_level) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (org_id, year) DO UPDATE SET level = excluded.level, score = excluded.score,
			not_rated_reason = excluded.not_rated_reason, note = excluded.note, mass_level = excluded.mass_level`,
			id(r.OrgID), r.Year, levelArg(r.Level), scoreArg(r.Score), r.NotRatedReason, r.Note, levelArg(r.MassOrgs)); err != nil {
			return err
		}
	}
	for _, r := range p.MemberRatings {
		if _, err := q.ExecContext(ctx, `INSERT INTO member_ratings (member_id, year, org_id, level, score, not_rated_reason, note, civil_level)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (member_id, year) DO UPDATE SET org_id = excluded.org_id, level = excluded.level,
			score = excluded.score, not_rated_reason = excluded.not_rated_reason, note = excluded.note, civil_level = excluded.civil_level`,
			id(r.MemberID), r.Year, id(r.OrgID), levelArg(r.Level), scoreArg(r.Score), r.NotRatedReason, r.Note, levelArg(r.CivilService)); err != nil {
			return err
		}
	}
	for _, a := range p.Awards {
		a.MemberID, a.OrgID = id(a.MemberID), id(a.OrgID)
		if a.ID == 0 {
			_, err = q.ExecContext(ctx, `INSERT INTO awards (`+awardWriteCols+`) VALUES (`+placeholders(12)+`)`, awardArgs(&a)...)
		} else {
			_, err = q.ExecContext(ctx, `UPDATE awards SET (`+awardWriteCols+`) = (`+placeholders(12)+`) WHERE id = ?`, append(awardArgs(&a), a.ID)...)
		}
		if err != nil {
			return err
		}
	}
	for _, d := range p.Disciplines {
		args := []any{nullID(id(d.MemberID)), nullID(id(d.OrgID)), d.On.ISO(), d.Form, d.Reason, d.DecisionNo, d.SelfCorrected}
		if d.ID == 0 {
			_, err = q.ExecContext(ctx, `INSERT INTO disciplines (member_id, org_id, on_date, form, reason, decision_no, self_corrected) VALUES (?, ?, ?, ?, ?, ?, ?)`, args...)
		} else {
			_, err = q.ExecContext(ctx, `UPDATE disciplines SET (member_id, org_id, on_date, form, reason, decision_no, self_corrected) = (?, ?, ?, ?, ?, ?, ?) WHERE id = ?`, append(args, d.ID)...)
		}
		if err != nil {
			return err
		}
	}
	for _, a := range p.Absences {
		args := []any{id(a.MemberID), a.Year, string(a.Kind), a.Months, a.Note}
		if a.ID == 0 {
			_, err = q.ExecContext(ctx, `INSERT INTO absences (member_id, year, kind, months, note) VALUES (?, ?, ?, ?, ?)`, args...)
		} else {
			_, err = q.ExecContext(ctx, `UPDATE absences SET (member_id, year, kind, months, note) = (?, ?, ?, ?, ?) WHERE id = ?`, append(args, a.ID)...)
		}
		if err != nil {
			return err
		}
	}
	for _, g := range p.Gaps {
		args := []any{id(g.MemberID), g.From.ISO(), g.To.ISO(), g.Reason}
		if g.ID == 0 {
			_, err = q.ExecContext(ctx, `INSERT INTO party_age_gaps (member_id, from_on, to_on, reason) VALUES (?, ?, ?, ?)`, args...)
		} else {
			_, err = q.ExecContext(ctx, `UPDATE party_age_gaps SET (member_id, from_on, to_on, reason) = (?, ?, ?, ?) WHERE id = ?`, append(args, g.ID)...)
		}
		if err != nil {
			return err
		}
	}
	for _, l := range p.Leaders {
		args := []any{id(l.MemberID), id(l.OrgID), l.Role, dateArg(l.From), dateArg(l.To)}
		if l.ID == 0 {
			_, err = q.ExecContext(ctx, `INSERT INTO leaders (member_id, org_id, role, from_on, to_on) VALUES (?, ?, ?, ?, ?)`, args...)
		} else {
			_, err = q.ExecContext(ctx, `UPDATE leaders SET (member_id, org_id, role, from_on, to_on) = (?, ?, ?, ?, ?) WHERE id = ?`, append(args, l.ID)...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// codeSet is the organisation codes in use.
type codeSet map[string]bool

func orgCodes(ctx context.Context, q queryer) (codeSet, error) {
	codes := codeSet{}
	err := sqlrows.Each(ctx, q, `SELECT code FROM orgs WHERE code IS NOT NULL`, nil, func(sc func(...any) error) error {
		var c string
		err := sc(&c)
		codes[c] = true
		return err
	})
	return codes, err
}

// fresh makes a code no organisation has.
func (c codeSet) fresh() string {
	for {
		var b [8]byte
		rand.Read(b[:])
		if code := domain.OrgCode(binary.LittleEndian.Uint64(b[:])); !c[code] {
			return code
		}
	}
}
