package sqlite

import (
	"database/sql"
	"fmt"
	"strings"
)

// Dialect is the SQL of the store that an SQLite file writes otherwise
// than a server (package store's dialect; postgres.Dialect is the
// server's).
type Dialect struct{}

// CurrentStep is the history's step of the transaction: the newest, since
// writes are serialised on the file.
func (Dialect) CurrentStep() string { return `(SELECT max(id) FROM steps)` }

// NextID is a new id of table: one above any the table or its history
// (column ref of changes) ever held, so that a deleted record's id is never
// given to another.
func (Dialect) NextID(table, ref string) string {
	return `(SELECT COALESCE(MAX(x), 0) + 1 FROM (SELECT MAX(id) AS x FROM ` + table + ` UNION ALL SELECT MAX(` + ref + `) FROM changes WHERE ` + ref + ` IS NOT NULL) AS ids)`
}

// NewRowID is a new id of a table whose ids no other row refers to: one
// above the highest (writes are serialised on the file).
func (Dialect) NewRowID(table string) string { return `SELECT COALESCE(MAX(id), 0) + 1 FROM ` + table }

// OwnSteps narrows nothing: a file is one office's.
func (Dialect) OwnSteps() string { return "" }

// RecentSteps narrows nothing: a file's history is all its own.
func (Dialect) RecentSteps() string { return "" }

// ColumnsQuery lists the columns of the table bound as ?, in order, with
// each one's place in the primary key (0: none).
func (Dialect) ColumnsQuery() string { return `SELECT name, pk FROM pragma_table_info(?) ORDER BY cid` }

// RowJSON is a row of table (its columns cols) as the history logs it.
func (Dialect) RowJSON(_ string, cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = fmt.Sprintf("'%s', %s", c, c)
	}
	return "json_object(" + strings.Join(parts, ", ") + ")"
}

// KeyMatch selects the row whose key columns pk are those of the row in
// the JSON bound as ?1.
func (Dialect) KeyMatch(_ string, pk []string) string {
	parts := make([]string, len(pk))
	for i, c := range pk {
		parts[i] = fmt.Sprintf("%s = ?1 ->> '%s'", c, c)
	}
	return " WHERE " + strings.Join(parts, " AND ")
}

// Values are the columns cols of the row in the JSON bound as ?1, for
// INSERT … SELECT and UPDATE … = (SELECT …).
func (Dialect) Values(_ string, cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = fmt.Sprintf("?1 ->> '%s'", c)
	}
	return strings.Join(parts, ", ")
}

// DataVersion changes whenever another connection commits to the file.
func (Dialect) DataVersion() string { return `PRAGMA data_version` }

// VersionAnywhere is false: data_version is per connection.
func (Dialect) VersionAnywhere() bool { return false }

// StepsBelow names the state of the history before step ?1: its newest
// step, how many, when.
func (Dialect) StepsBelow() string {
	return `SELECT COALESCE(MAX(id), 0) || '/' || COUNT(*) || '/' || COALESCE((SELECT at FROM steps WHERE id < ?1 ORDER BY id DESC LIMIT 1), '')
		FROM steps WHERE id < ?1`
}

// OthersVersion changes whenever another connection commits to the file
// (data_version, asked on the connection that writes).
func (Dialect) OthersVersion(string) (string, []any) { return `PRAGMA data_version`, nil }

// NameOrder orders members m by folded name, birth date and id, reading
// the matches and sorting them (+ keeps SQLite from walking every name in
// order by its index).
func (Dialect) NameOrder() string { return ` ORDER BY +m.name_fold, m.birth_date, m.id` }

// ReadIsolation is the isolation of a read that must see one moment: any
// read transaction on a file does.
func (Dialect) ReadIsolation() sql.IsolationLevel { return sql.LevelDefault }

// WithAncestors reads the columns cols of the organisations ids (an id
// list) and of every organisation above them.
func (Dialect) WithAncestors(ids, cols string) string {
	return `WITH RECURSIVE up(id) AS (SELECT id FROM orgs WHERE id IN (` + ids + `)
		UNION SELECT o.parent_id FROM orgs o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL)
		SELECT ` + cols + ` FROM orgs WHERE id IN (SELECT id FROM up)`
}
