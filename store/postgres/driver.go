package postgres

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
)

// The store's queries are written once, with SQLite's placeholders (? and
// ?N). On PostgreSQL they go through pgx's database/sql driver wrapped by
// rebindConnector, which rewrites the placeholders to $N as each query is
// sent; what differs beyond placeholders is chosen by the store itself.

// Connector is a database/sql connector to the server cfg names whose
// connections take the store's queries: SQLite's placeholders, and values
// of the Go types SQLite would take for a column (lenientTypes).
func Connector(cfg *pgx.ConnConfig) driver.Connector {
	return rebindConnector{stdlib.GetConnector(*cfg, stdlib.OptionAfterConnect(lenientTypes))}
}

// rebindConnector wraps a driver.Connector (pgx's) so that its connections
// take SQLite-style placeholders.
type rebindConnector struct{ inner driver.Connector }

func (c rebindConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &rebindConn{conn}, nil
}

func (c rebindConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is what pgx's stdlib connection offers and the wrapper passes on.
type pgConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.NamedValueChecker
	driver.SessionResetter
}

var _ pgConn = (*stdlib.Conn)(nil)

type rebindConn struct{ driver.Conn }

func (c *rebindConn) inner() pgConn { return c.Conn.(pgConn) }

func (c *rebindConn) Prepare(query string) (driver.Stmt, error) {
	return c.inner().Prepare(rebind(query))
}

func (c *rebindConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.inner().PrepareContext(ctx, rebind(query))
}

func (c *rebindConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.inner().BeginTx(ctx, opts)
}

func (c *rebindConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.inner().ExecContext(ctx, rebind(query), args)
}

func (c *rebindConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.inner().QueryContext(ctx, rebind(query), args)
}

func (c *rebindConn) Ping(ctx context.Context) error { return c.inner().Ping(ctx) }

func (c *rebindConn) CheckNamedValue(v *driver.NamedValue) error {
	return c.inner().CheckNamedValue(v)
}

func (c *rebindConn) ResetSession(ctx context.Context) error { return c.inner().ResetSession(ctx) }

// pgStatements are the few whole SQLite statements the shared code runs
// that have an exact equivalent on the server.
var pgStatements = map[string]string{
	// Foreign keys checked at commit (they are declared DEFERRABLE).
	`PRAGMA defer_foreign_keys = ON`: `SET CONSTRAINTS ALL DEFERRED`,
}

var rebound sync.Map // query → rewritten query

// rebind rewrites SQLite placeholders for PostgreSQL: ?N becomes $N, and a
// bare ? the next number (one above the highest so far, as SQLite counts).
// Text in quotes, comments and dollar-quoted bodies is left alone.
func rebind(query string) string {
	if q, ok := pgStatements[query]; ok {
		return q
	}
	if !strings.Contains(query, "?") {
		return query
	}
	if q, ok := rebound.Load(query); ok {
		return q.(string)
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	highest := 0
	for i := 0; i < len(query); {
		ch := query[i]
		switch {
		case ch == '\'' || ch == '"':
			j := i + 1
			for j < len(query) {
				if query[j] == ch {
					if j+1 < len(query) && query[j+1] == ch { // doubled: still inside
						j += 2
						continue
					}
					break
				}
				j++
			}
			j = min(j+1, len(query))
			b.WriteString(query[i:j])
			i = j
		case ch == '-' && strings.HasPrefix(query[i:], "--"):
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				j = len(query) - i
			}
			b.WriteString(query[i : i+j])
			i += j
		case ch == '$' && i+1 < len(query) && (query[i+1] == '$' || isIdentStart(query[i+1])):
			// A dollar-quoted body ($$ … $$, $fn$ … $fn$), or $N as written.
			end := strings.IndexByte(query[i+1:], '$')
			if end < 0 {
				b.WriteString(query[i:])
				i = len(query)
				continue
			}
			tag := query[i : i+end+2]
			close := strings.Index(query[i+len(tag):], tag)
			if close < 0 {
				b.WriteString(query[i:])
				i = len(query)
				continue
			}
			j := i + len(tag) + close + len(tag)
			b.WriteString(query[i:j])
			i = j
		case ch == '?':
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			n := highest + 1
			if j > i+1 {
				n, _ = strconv.Atoi(query[i+1 : j])
			}
			highest = max(highest, n)
			b.WriteString("$" + strconv.Itoa(n))
			i = j
		default:
			b.WriteByte(ch)
			i++
		}
	}
	q := b.String()
	rebound.Store(query, q)
	return q
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// lenientCodec lets a value of another Go type stand for a column's type
// where SQLite, which stores what it is given, would take it: a number
// bound where text is expected (`name || ' (' || ? || ')'`), a bool for an
// integer 0/1 column, an integer for a boolean.
type lenientCodec struct{ pgtype.Codec }

func (c lenientCodec) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	if p := c.Codec.PlanEncode(m, oid, format, value); p != nil {
		return p
	}
	conv := lenientConversion(oid, value)
	if conv == nil {
		return nil
	}
	p := c.Codec.PlanEncode(m, oid, format, conv(value))
	if p == nil {
		return nil
	}
	return convertPlan{p, conv}
}

type convertPlan struct {
	inner pgtype.EncodePlan
	conv  func(any) any
}

func (p convertPlan) Encode(value any, buf []byte) ([]byte, error) {
	return p.inner.Encode(p.conv(value), buf)
}

func lenientConversion(oid uint32, value any) func(any) any {
	switch oid {
	case pgtype.TextOID, pgtype.VarcharOID:
		switch value.(type) {
		case int64, int, int32, float64, bool:
			return func(v any) any { return fmt.Sprint(v) }
		}
	case pgtype.Int2OID, pgtype.Int4OID, pgtype.Int8OID:
		if _, ok := value.(bool); ok {
			return func(v any) any {
				return pgtype.Int8{Int64: map[bool]int64{true: 1}[v.(bool)], Valid: true}
			}
		}
	case pgtype.BoolOID:
		if _, ok := value.(int64); ok {
			return func(v any) any { return pgtype.Bool{Bool: v.(int64) != 0, Valid: true} }
		}
	}
	return nil
}

// lenientTypes registers lenientCodec on a new connection's types.
func lenientTypes(_ context.Context, conn *pgx.Conn) error {
	m := conn.TypeMap()
	for _, oid := range []uint32{pgtype.TextOID, pgtype.VarcharOID, pgtype.Int2OID, pgtype.Int4OID, pgtype.Int8OID, pgtype.BoolOID} {
		if t, ok := m.TypeForOID(oid); ok {
			m.RegisterType(&pgtype.Type{Name: t.Name, OID: t.OID, Codec: lenientCodec{t.Codec}})
		}
	}
	return nil
}
