package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Dialect is the SQL of the store that a server writes otherwise than an
// SQLite file (package store's dialect; sqlite.Dialect is the file's).
type Dialect struct {
	// Scoped: the role is one row-level security holds (Scoped), whose
	// search reads the index through the owner's function.
	Scoped bool
}

// CurrentStep is the history's step of the transaction: the one it set
// (SetStep), since offices write at once.
func (Dialect) CurrentStep() string { return `current_setting('xeploai.step')::bigint` }

// NextID is a new id of table from its sequence, which copy sets above
// every id the table or its history held (ref is the file's concern).
func (Dialect) NextID(table, _ string) string {
	return `nextval(pg_get_serial_sequence('` + table + `', 'id'))`
}

// NewRowID is a new id of a table whose ids no other row refers to.
func (Dialect) NewRowID(table string) string {
	return `SELECT nextval(pg_get_serial_sequence('` + table + `', 'id'))`
}

// OwnSteps narrows a query of steps s to this login's own and those copied
// from a file (which are no office's): an office takes back its own work,
// never another's.
func (Dialect) OwnSteps() string { return ` AND s.role IN (current_user, '')` }

// RecentSteps narrows a query of the newest ?1 steps s, for an office's
// role, to those the owner's function finds from the role's own records
// (migrations/0012_scope_speed.sql): through the policy alone, the newest
// steps would be found by testing every other office's step.
func (d Dialect) RecentSteps() string {
	if d.Scoped {
		return ` WHERE s.id = ANY (ARRAY(SELECT x FROM xeploai_recent_steps(current_user, ?1) AS x))`
	}
	return ""
}

// ColumnsQuery lists the columns of the table bound as ?, in order, with
// each one's place in the primary key (0: none).
func (Dialect) ColumnsQuery() string {
	return `SELECT a.attname, COALESCE((SELECT k.n FROM pg_index i, unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
				WHERE i.indrelid = a.attrelid AND i.indisprimary AND k.attnum = a.attnum), 0)
			FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`
}

// RowJSON is a row of table as the history logs it.
func (Dialect) RowJSON(table string, _ []string) string { return `row_to_json(` + table + `)::text` }

// KeyMatch selects the row of table whose key columns pk are those of the
// row in the JSON bound as ?1.
func (Dialect) KeyMatch(table string, pk []string) string {
	k := strings.Join(pk, ", ")
	return ` WHERE (` + k + `) = (SELECT ` + k + ` FROM ` + record(table) + `)`
}

// Values are the columns cols of the row of table in the JSON bound as ?1,
// for INSERT … SELECT and UPDATE … = (SELECT …).
func (Dialect) Values(table string, cols []string) string {
	return strings.Join(cols, ", ") + ` FROM ` + record(table)
}

// record is the row of table whose JSON is bound as ?1.
func record(table string) string { return `json_populate_record(NULL::` + table + `, ?1::json)` }

// DataVersion changes whenever records are written: a server has no
// data_version, but every write of records is a step and every changed
// row is logged (a bulk load's step logs none). An office's role asks the
// owner's function: under row-level security, max(id) would test every row
// it may not see, newest first (9 s after 30 000 steps of other offices).
func (d Dialect) DataVersion() string {
	if d.Scoped {
		return `SELECT xeploai_version()`
	}
	return `SELECT (SELECT COALESCE(max(id), 0) FROM steps) * 1000003 + (SELECT COALESCE(max(id), 0) FROM changes)`
}

// VersionAnywhere is true: the counters are the database's, so any
// connection of the pool asks (a store just opened does not open one more
// connection for it).
func (Dialect) VersionAnywhere() bool { return true }

// StepsBelow names the state of the history before step ?1: its newest
// step, how many, when; an office's role through the owner's function
// (counting under row-level security would test every step).
func (d Dialect) StepsBelow() string {
	if d.Scoped {
		return `SELECT xeploai_steps_below(?1)`
	}
	return `SELECT COALESCE(MAX(id), 0) || '/' || COUNT(*) || '/' || COALESCE((SELECT at FROM steps WHERE id < ?1 ORDER BY id DESC LIMIT 1), '')
		FROM steps WHERE id < ?1`
}

// OthersVersion is the newest step of another session (process) and its
// newest logged row: a grouped step (a rating session) goes on with new
// rows. Read from the key's index backwards, a row or two each second; an
// office's role through the owner's function, as DataVersion.
func (d Dialect) OthersVersion(session string) (string, []any) {
	if d.Scoped {
		return `SELECT xeploai_others_version(?)`, []any{session}
	}
	return `SELECT COALESCE(s.id, 0) * 1000003 + COALESCE((SELECT max(c.id) FROM changes c WHERE c.step_id = s.id), 0)
			FROM (SELECT 1) AS one LEFT JOIN (SELECT id FROM steps WHERE session <> ? ORDER BY id DESC LIMIT 1) AS s ON true`, []any{session}
}

// NameOrder orders members m by folded name, birth date and id (the
// planner chooses the index itself).
func (Dialect) NameOrder() string { return ` ORDER BY m.name_fold, m.birth_date, m.id` }

// ReadIsolation is the isolation of a read that must see one moment of
// every table (an import's plan, a copy): as SQLite's read transaction.
func (Dialect) ReadIsolation() sql.IsolationLevel { return sql.LevelRepeatableRead }

// SetStep tells the history's trigger the step tx writes.
func SetStep(ctx context.Context, tx *sql.Tx, id int64) error {
	_, err := tx.ExecContext(ctx, `SELECT set_config('xeploai.step', ?, true)`, fmt.Sprint(id))
	return err
}

// UsedIDs tells table's sequence that ids up to last were given out by the
// transaction itself (an import's, a bulk load's).
func UsedIDs(ctx context.Context, tx *sql.Tx, table string, last int64) error {
	_, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+table+`', 'id'), GREATEST(?, (SELECT last_value FROM `+table+`_id_seq)))`, last)
	return err
}

// WithAncestors reads the columns cols of the organisations ids (an id
// list) and of every organisation above them. The server cannot tell how
// few rows a recursive query gives, and would hash every organisation at
// each level and again at the end (8 ms at 26,000 organisations, on every
// search): each parent is looked up by its key instead (up ends with one
// NULL, matching nothing), and the rows read by their keys (under 1 ms).
func (Dialect) WithAncestors(ids, cols string) string {
	return `WITH RECURSIVE up(id) AS (SELECT id FROM orgs WHERE id IN (` + ids + `)
			UNION SELECT (SELECT o.parent_id FROM orgs o WHERE o.id = up.id) FROM up WHERE up.id IS NOT NULL)
			SELECT ` + cols + ` FROM orgs WHERE id = ANY (ARRAY(SELECT id FROM up))`
}
