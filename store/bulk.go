package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"xeploai/domain"
	"xeploai/store/postgres"
)

// Bulk writes many generated records in one transaction, quickly: ids are
// given out here, rows go in many at a time, and a writer goroutine runs the
// statements while the caller generates the next rows. It is for data that is
// valid by construction (demo data); it does not validate.
type Bulk struct {
	ctx        context.Context
	tx         *sql.Tx
	nextOrg    int64
	nextMember int64
	inserters  map[string]*inserter
	order      []*inserter // in creation order, for the final flush
	jobs       chan job
	done       chan error
	codes      codeSet // codes given to organisations that had none
}

// job is one statement for the writer goroutine.
type job struct {
	ins  *inserter
	args []any
}

// BulkLoad runs fn with a Bulk in one transaction; nothing is written if fn
// fails.
func (db *DB) BulkLoad(ctx context.Context, fn func(b *Bulk) error) error {
	// Into an empty database, a rollback journal costs almost nothing (there
	// are no old pages to save), where WAL would write everything twice.
	if db.pg {
		return db.bulkLoadPG(ctx, fn)
	}
	if empty, err := db.IsEmpty(ctx); err == nil && empty {
		if _, err := db.write.ExecContext(ctx, `PRAGMA journal_mode = DELETE`); err == nil {
			defer db.write.ExecContext(context.WithoutCancel(ctx), `PRAGMA journal_mode = WAL`)
		}
	}
	return db.inStep(ctx, "bulk", "", func(tx *sql.Tx, step int64) error {
		// The rows of a bulk load are not logged (its triggers are dropped):
		// the step stays in the history but cannot be undone.
		if _, err := tx.ExecContext(ctx, `UPDATE steps SET undoable = FALSE WHERE id = ?`, step); err != nil {
			return err
		}
		b, err := db.newBulk(ctx, tx)
		if err != nil {
			return err
		}
		// A large page cache for the load, so that the indexes' pages stay
		// in memory instead of being read back and forth (the write pool is
		// one connection, so this reaches it; it is restored after).
		var cache int
		if err := tx.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
			return err
		}
		// Secondary indexes and triggers are dropped for the load and made
		// again after: one sort is much faster than millions of scattered
		// inserts.
		indexes, err := dropIndexes(ctx, tx)
		if err != nil {
			return err
		}
		if err := b.run(fn); err != nil {
			return err
		}
		for _, sql := range indexes {
			if _, err := tx.ExecContext(ctx, sql); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, cache))
		return err
	})
}

// newBulk readies a bulk load in tx: the first ids it gives out.
func (db *DB) newBulk(ctx context.Context, tx *sql.Tx) (*Bulk, error) {
	b := &Bulk{ctx: ctx, tx: tx, inserters: map[string]*inserter{}, jobs: make(chan job, 64), done: make(chan error, 1)}
	var err error
	if b.nextOrg, err = db.firstID(ctx, tx, "orgs", "org_id"); err != nil {
		return nil, err
	}
	if b.nextMember, err = db.firstID(ctx, tx, "members", "member_id"); err != nil {
		return nil, err
	}
	return b, nil
}

// run calls fn with b while its writer goroutine writes what fn adds.
func (b *Bulk) run(fn func(b *Bulk) error) error {
	go b.write()
	err := fn(b)
	for _, ins := range b.order {
		if err == nil {
			ins.flush()
		}
	}
	close(b.jobs)
	if werr := <-b.done; err == nil {
		err = werr
	}
	for _, ins := range b.order {
		ins.close()
	}
	return err
}

// bulkLoadPG is BulkLoad on a server: the history trigger is told to log
// nothing for the transaction (xeploai.bulk), and the search index is
// written after the load.
func (db *DB) bulkLoadPG(ctx context.Context, fn func(b *Bulk) error) error {
	defer postgres.Analyze(context.WithoutCancel(ctx), db.write)
	return db.inStep(ctx, "bulk", "", func(tx *sql.Tx, step int64) error {
		if _, err := tx.ExecContext(ctx, `UPDATE steps SET undoable = FALSE WHERE id = ?`, step); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `SELECT set_config('xeploai.bulk', 'on', true)`); err != nil {
			return err
		}
		b, err := db.newBulk(ctx, tx)
		if err != nil {
			return err
		}
		if err := b.run(fn); err != nil {
			return err
		}
		if err := db.usedIDs(ctx, tx, "orgs", b.nextOrg-1); err != nil {
			return err
		}
		if err := db.usedIDs(ctx, tx, "members", b.nextMember-1); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `SELECT set_config('xeploai.bulk', '', true)`); err != nil {
			return err
		}
		return postgres.RebuildSearch(ctx, tx)
	})
}

// write runs the queued statements in order; after an error it only drains.
func (b *Bulk) write() {
	var err error
	for j := range b.jobs {
		if err != nil {
			continue
		}
		err = j.ins.exec(j.args)
	}
	b.done <- err
}

// inserter batches rows of one table into multi-row INSERT statements.
type inserter struct {
	b     *Bulk
	head  string // INSERT INTO t (cols) VALUES
	row   string // (?, ?, …)
	ncols int
	batch int // rows a statement takes
	args  []any
	full  *sql.Stmt
}

const bulkRows = 100

func (b *Bulk) inserter(table, cols string, batch int) *inserter {
	ins := b.inserters[table]
	if ins == nil {
		n := strings.Count(cols, ",") + 1
		ins = &inserter{b: b, head: fmt.Sprintf("INSERT INTO %s (%s) VALUES ", table, cols),
			row: "(" + placeholders(n) + ")", ncols: n, batch: batch}
		b.inserters[table] = ins
		b.order = append(b.order, ins)
	}
	return ins
}

func (b *Bulk) insert(table, cols string, vals ...any) error {
	return b.inserter(table, cols, bulkRows).add(vals)
}

func (ins *inserter) add(vals []any) error {
	if len(vals) != ins.ncols {
		return fmt.Errorf("bulk: %d values for %d columns", len(vals), ins.ncols)
	}
	ins.args = append(ins.args, vals...)
	if len(ins.args) == ins.batch*ins.ncols {
		ins.flush()
	}
	return nil
}

func (ins *inserter) statement(rows int) string {
	return ins.head + strings.TrimSuffix(strings.Repeat(ins.row+",", rows), ",")
}

// flush hands the pending rows to the writer goroutine, after those of
// every table first written to before this one: a row refers only to rows
// made before it (a rating to its member, a member to its cell), so their
// tables' pending rows must reach the database first.
func (ins *inserter) flush() {
	if len(ins.args) == 0 {
		return
	}
	for _, earlier := range ins.b.order {
		if earlier == ins {
			break
		}
		earlier.flush()
	}
	ins.b.jobs <- job{ins: ins, args: ins.args}
	ins.args = make([]any, 0, ins.batch*ins.ncols)
}

// exec runs on the writer goroutine.
func (ins *inserter) exec(args []any) error {
	rows := len(args) / ins.ncols
	ctx, tx := ins.b.ctx, ins.b.tx
	if rows == ins.batch {
		if ins.full == nil {
			var err error
			if ins.full, err = tx.PrepareContext(ctx, ins.statement(ins.batch)); err != nil {
				return err
			}
		}
		_, err := ins.full.ExecContext(ctx, args...)
		return err
	}
	_, err := tx.ExecContext(ctx, ins.statement(rows), args...)
	return err
}

func (ins *inserter) close() {
	if ins.full != nil {
		ins.full.Close()
	}
}

// Org adds an organisation, setting its ID (and a code when it has none).
// Its row goes to the writer at once, ahead of any member that refers to it.
func (b *Bulk) Org(o *domain.Org) error {
	o.Normalize()
	if o.Code == "" {
		if b.codes == nil {
			b.codes = codeSet{}
		}
		o.Code = b.codes.fresh()
	}
	o.ID = b.nextOrg
	b.nextOrg++
	return b.inserter("orgs", "id, "+orgWriteCols, 1).add(append([]any{o.ID}, orgArgs(o)...))
}

// Event adds an event to an organisation's history.
func (b *Bulk) Event(e *domain.OrgEvent) error {
	return b.insert("org_events", "org_id, on_date, kind, old_name, new_name, old_parent_id, new_parent_id, other_org_id, note",
		e.OrgID, e.On.ISO(), string(e.Kind), e.OldName, e.NewName, nullID(e.OldParent), nullID(e.NewParent), nullID(e.OtherID), e.Note)
}

// Member adds a member, setting its ID; its text is stored in NFC. Its
// periods in cells are added with Membership.
func (b *Bulk) Member(m *domain.Member) error {
	m.Normalize()
	m.ID = b.nextMember
	b.nextMember++
	return b.insert("members", "id, "+memberWriteCols, append([]any{m.ID}, memberArgs(m)...)...)
}

// Membership adds a period of a member in a cell.
func (b *Bulk) Membership(ms *domain.Membership) error {
	return b.insert("memberships", "member_id, org_id, from_on, to_on", ms.MemberID, ms.OrgID, dateArg(ms.From), dateArg(ms.To))
}

// MemberRating adds a member's rating.
func (b *Bulk) MemberRating(r *domain.MemberRating) error {
	return b.insert("member_ratings", "member_id, year, org_id, level, score, not_rated_reason, note, civil_level",
		r.MemberID, r.Year, r.OrgID, levelArg(r.Level), scoreArg(r.Score), r.NotRatedReason, r.Note, levelArg(r.CivilService))
}

// OrgRating adds an organisation's rating.
func (b *Bulk) OrgRating(r *domain.OrgRating) error {
	return b.insert("org_ratings", "org_id, year, level, score, not_rated_reason, note, mass_level",
		r.OrgID, r.Year, levelArg(r.Level), scoreArg(r.Score), r.NotRatedReason, r.Note, levelArg(r.MassOrgs))
}

// Award adds an award record.
func (b *Bulk) Award(a *domain.Award) error {
	a.Normalize()
	return b.insert("awards", awardWriteCols, awardArgs(a)...)
}

// Discipline adds a discipline of a member or an organisation.
func (b *Bulk) Discipline(d *domain.Discipline) error {
	d.Normalize()
	return b.insert("disciplines", "member_id, org_id, on_date, form, reason, decision_no, self_corrected",
		nullID(d.MemberID), nullID(d.OrgID), d.On.ISO(), d.Form, d.Reason, d.DecisionNo, d.SelfCorrected)
}

// Absence adds a member's absence in a year.
func (b *Bulk) Absence(a *domain.Absence) error {
	return b.insert("absences", "member_id, year, kind, months, note", a.MemberID, a.Year, string(a.Kind), a.Months, a.Note)
}

// Gap adds a gap in a member's party age.
func (b *Bulk) Gap(g *domain.PartyAgeGap) error {
	return b.insert("party_age_gaps", "member_id, from_on, to_on, reason", g.MemberID, g.From.ISO(), g.To.ISO(), g.Reason)
}

// Leader adds a member's committee seat.
func (b *Bulk) Leader(l *domain.Leader) error {
	return b.insert("leaders", "member_id, org_id, role, from_on, to_on", l.MemberID, l.OrgID, l.Role, dateArg(l.From), dateArg(l.To))
}

// IsEmpty reports whether the database holds no organisation.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM orgs LIMIT 1) AS one`).Scan(&n)
	return n == 0, err
}

// dropIndexes drops the secondary indexes and triggers of the tables a bulk
// load fills and returns the statements that create them again and rebuild
// what the triggers would have kept (the search index).
func dropIndexes(ctx context.Context, tx *sql.Tx, more ...string) ([]string, error) {
	tables := append([]string{"orgs", "org_events", "members", "memberships", "member_ratings", "org_ratings", "awards",
		"disciplines", "absences", "party_age_gaps", "leaders"}, more...)
	rows, err := tx.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
		AND tbl_name IN ('`+strings.Join(tables, "', '")+`') ORDER BY type, name`)
	if err != nil {
		return nil, err
	}
	var drops, stmts []string
	for rows.Next() {
		var typ, name, stmt string
		if err := rows.Scan(&typ, &name, &stmt); err != nil {
			rows.Close()
			return nil, err
		}
		drops = append(drops, fmt.Sprintf(`DROP %s "%s"`, strings.ToUpper(typ), name))
		stmts = append(stmts, stmt)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	for _, d := range drops {
		if _, err := tx.ExecContext(ctx, d); err != nil {
			return nil, err
		}
	}
	// The search index's rows for members and awards are rebuilt after.
	stmts = append(stmts,
		`DELETE FROM search`,
		`INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_orgs`,
		`INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_members`,
		`INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_awards`,
		`INSERT OR IGNORE INTO search_words SELECT j.value FROM search_orgs s, json_each(words(s.name || ' ' || s.other)) j`,
		`INSERT OR IGNORE INTO search_words SELECT j.value FROM search_members s, json_each(words(s.name || ' ' || s.other)) j`,
		`INSERT OR IGNORE INTO search_words SELECT j.value FROM search_awards s, json_each(words(s.name || ' ' || s.other)) j`)
	return stmts, nil
}
