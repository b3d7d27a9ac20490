package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"xeploai/domain"
)

// Bulk writes many generated records in one transaction, quickly: ids are
// given out here and rows go in many at a time. It is for data that is valid
// by construction (demo data); it does not validate.
type Bulk struct {
	ctx        context.Context
	tx         *sql.Tx
	nextOrg    int64
	nextMember int64
	inserters  map[string]*inserter
}

// BulkLoad runs fn with a Bulk in one transaction; nothing is written if fn
// fails.
func (db *DB) BulkLoad(ctx context.Context, fn func(b *Bulk) error) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		b := &Bulk{ctx: ctx, tx: tx, inserters: map[string]*inserter{}}
		for _, q := range []struct {
			table string
			dst   *int64
		}{{"orgs", &b.nextOrg}, {"members", &b.nextMember}} {
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM `+q.table).Scan(q.dst); err != nil {
				return err
			}
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
		// Secondary indexes are dropped for the load and built again after:
		// one sort is much faster than millions of scattered inserts.
		indexes, err := dropIndexes(ctx, tx)
		if err != nil {
			return err
		}
		if err := fn(b); err != nil {
			return err
		}
		for _, ins := range b.inserters {
			if err := ins.flush(); err != nil {
				return err
			}
			ins.close()
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

// inserter batches rows of one table into multi-row INSERT statements.
type inserter struct {
	ctx   context.Context
	tx    *sql.Tx
	head  string // INSERT INTO t (cols) VALUES
	row   string // (?, ?, …)
	ncols int
	args  []any
	full  *sql.Stmt
}

const bulkRows = 100

func (b *Bulk) insert(table, cols string, vals ...any) error {
	ins := b.inserters[table]
	if ins == nil {
		n := strings.Count(cols, ",") + 1
		ins = &inserter{ctx: b.ctx, tx: b.tx, head: fmt.Sprintf("INSERT INTO %s (%s) VALUES ", table, cols),
			row: "(" + placeholders(n) + ")", ncols: n}
		b.inserters[table] = ins
	}
	if len(vals) != ins.ncols {
		return fmt.Errorf("bulk %s: %d values for %d columns", table, len(vals), ins.ncols)
	}
	ins.args = append(ins.args, vals...)
	if len(ins.args) == bulkRows*ins.ncols {
		return ins.flush()
	}
	return nil
}

func (ins *inserter) statement(rows int) string {
	return ins.head + strings.TrimSuffix(strings.Repeat(ins.row+",", rows), ",")
}

func (ins *inserter) flush() error {
	rows := len(ins.args) / ins.ncols
	if rows == 0 {
		return nil
	}
	var err error
	if rows == bulkRows {
		if ins.full == nil {
			if ins.full, err = ins.tx.PrepareContext(ins.ctx, ins.statement(bulkRows)); err != nil {
				return err
			}
		}
		_, err = ins.full.ExecContext(ins.ctx, ins.args...)
	} else {
		_, err = ins.tx.ExecContext(ins.ctx, ins.statement(rows), ins.args...)
	}
	ins.args = ins.args[:0]
	return err
}

func (ins *inserter) close() {
	if ins.full != nil {
		ins.full.Close()
	}
}

// Org adds an organisation, setting its ID. Organisations are written at
// once, so that members can refer to them.
func (b *Bulk) Org(o *domain.Org) error {
	o.ID = b.nextOrg
	b.nextOrg++
	_, err := b.tx.ExecContext(b.ctx, `INSERT INTO orgs (id, code, name, name_fold, kind, parent_id, founded_on, dissolved_on, merged_into, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, o.ID, nullText(o.Code), o.Name, domain.Fold(o.Name), string(o.Kind),
		nullID(o.ParentID), dateArg(o.FoundedOn), dateArg(o.DissolvedOn), nullID(o.MergedInto), o.Note)
	return err
}

// Member adds a member and its membership of its cell since admission,
// setting its ID.
func (b *Bulk) Member(m *domain.Member) error {
	m.ID = b.nextMember
	b.nextMember++
	if err := b.insert("members", "id, "+memberWriteCols, append([]any{m.ID}, memberArgs(m)...)...); err != nil {
		return err
	}
	return b.insert("memberships", "member_id, org_id, from_on", m.ID, m.CellID, dateArg(m.AdmittedOn))
}

// MemberRating adds a member's rating.
func (b *Bulk) MemberRating(r *domain.MemberRating) error {
	return b.insert("member_ratings", "member_id, year, org_id, level, score, not_rated_reason, note",
		r.MemberID, r.Year, r.OrgID, levelArg(r.Level), scoreArg(r.Score), r.NotRatedReason, r.Note)
}

// OrgRating adds an organisation's rating.
func (b *Bulk) OrgRating(r *domain.OrgRating) error {
	return b.insert("org_ratings", "org_id, year, level, score, not_rated_reason, note",
		r.OrgID, r.Year, levelArg(r.Level), scoreArg(r.Score), r.NotRatedReason, r.Note)
}

// Award adds an award record.
func (b *Bulk) Award(a *domain.Award) error {
	return b.insert("awards", awardWriteCols, awardArgs(a)...)
}

// IsEmpty reports whether the database holds no organisation.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM orgs LIMIT 1)`).Scan(&n)
	return n == 0, err
}

// dropIndexes drops the secondary indexes and triggers of the tables a bulk
// load fills and returns the statements that create them again and rebuild
// what the triggers would have kept (the search index).
func dropIndexes(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
		AND tbl_name IN ('members', 'memberships', 'member_ratings', 'org_ratings', 'awards') ORDER BY type, name`)
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
		`DELETE FROM search WHERE rowid % 4 IN (0, 2)`,
		`INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_members`,
		`INSERT INTO search (rowid, name, other, label) SELECT rid, name, other, name FROM search_awards`)
	return stmts, nil
}
