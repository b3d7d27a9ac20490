// Package sqlrows reads query results the same way for the store and its
// drivers: each row through a scan function, a column of ids, an id list.
package sqlrows

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// Queryer is what *sql.DB, *sql.Conn and *sql.Tx share.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Each runs query and calls fn with a scanner for each row.
func Each(ctx context.Context, q Queryer, query string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	return Scan(rows, err, fn)
}

// Scan calls fn with a scanner for each of rows (as a query returned them
// with err), and closes them.
func Scan(rows *sql.Rows, err error, fn func(scan func(...any) error) error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// IDs runs a query of one integer column and returns its values.
func IDs(ctx context.Context, q Queryer, query string, args ...any) ([]int64, error) {
	var ids []int64
	err := Each(ctx, q, query, args, func(sc func(...any) error) error {
		var id int64
		if err := sc(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	return ids, err
}

// IDList writes ids for an IN (…) list.
func IDList(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}
