package store

import (
	"context"
	"database/sql"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
	"xeploai/store/postgres"
	"xeploai/store/sqlite"
)

// dialect is the SQL that differs between an SQLite file and a PostgreSQL
// server, given by each one's package (sqlite.Dialect, postgres.Dialect);
// the rest of the store's SQL is written once.
type dialect interface {
	// CurrentStep is the expression of the history's step that the
	// transaction writes.
	CurrentStep() string
	// NextID is the expression of a new id for table, whose history keeps
	// its ids in changes' column ref.
	NextID(table, ref string) string
	// NewRowID is a query of a new id for a table whose ids no other row
	// refers to.
	NewRowID(table string) string
	// OwnSteps narrows a query of steps s to those this login may undo.
	OwnSteps() string
	// RecentSteps narrows a query of the newest ?1 steps s to those this
	// login may see, found from its own records ("" where it sees all).
	RecentSteps() string
	// ColumnsQuery lists the columns of the table bound as ? with their
	// place in the primary key.
	ColumnsQuery() string
	// RowJSON, KeyMatch and Values read and write a row of table as the
	// history logs it (JSON, bound as ?1).
	RowJSON(table string, cols []string) string
	KeyMatch(table string, pk []string) string
	Values(table string, cols []string) string
	// DataVersion is a query whose value changes whenever records are
	// written.
	DataVersion() string
	// VersionAnywhere is whether DataVersion reads the same on any
	// connection (a server's counters); otherwise it is asked on a
	// connection of its own (SQLite's data_version counts the commits of
	// the other connections only).
	VersionAnywhere() bool
	// StepsBelow is a query of one text naming the state of the history
	// before step ?1 (its newest step, how many, when).
	StepsBelow() string
	// OthersVersion is a query (and its arguments) whose value changes
	// whenever a process other than session commits, asked on the write
	// connection.
	OthersVersion(session string) (string, []any)
	// NameOrder orders members m by folded name, birth date and id.
	NameOrder() string
	// SearchQuery is the full-text query for q's words; WholeWord for one
	// term as a whole word; SearchMatch the index's row id column and the
	// condition matching the query bound as ? on table (alias) t;
	SearchQuery(ctx context.Context, q sqlrows.Queryer, sq domain.SearchQuery) (string, error)
	WholeWord(term string) string
	SearchMatch(t string) (rowid, match string)
	SearchOrder(ctx context.Context, q sqlrows.Queryer, fts string, window int) (string, error)
	// WithAncestors reads columns cols of the organisations ids (an id
	// list) and of every organisation above them.
	WithAncestors(ids, cols string) string
	// MembersMatching is the FROM of members m joined to the index's
	// matches, and the condition matching the query bound as ?.
	MembersMatching() (from, match string)
	// NamesFrom reads id and folded name of the rows of table (members,
	// orgs) whose folded name is from ?1 up to ?2, at most ?3, in name order.
	NamesFrom(table string) string
	// ReadIsolation makes a read transaction see one moment of every table.
	ReadIsolation() sql.IsolationLevel
}

var (
	_ dialect = sqlite.Dialect{}
	_ dialect = postgres.Dialect{}
)
