package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

// The search index on a server (migrations/0003_search.sql): the
// same rows as SQLite's FTS5 table — row id, folded name, folded other
// fields, label — and their words as a tsvector, written here, folded by
// domain.Fold, because the server cannot call Go from a trigger. Every write
// transaction refreshes the rows of the records its step logged
// (RefreshSearch, called as each step ends); a bulk load, which logs none,
// rebuilds them all (RebuildSearch).

// searchBatch is how many records' rows one statement reads.
const searchBatch = 1000

// RefreshSearch brings the index rows of the records step changed up to
// date (a renamed organisation's members and sub-organisations too).
func RefreshSearch(ctx context.Context, tx *sql.Tx, step int64) error {
	var members, orgs, awards, renamed []int64
	err := sqlrows.Each(ctx, tx, `SELECT DISTINCT tbl, CASE tbl WHEN 'members' THEN member_id WHEN 'orgs' THEN org_id
			ELSE (COALESCE(new, old)::json ->> 'id')::bigint END,
			tbl = 'orgs' AND op = 'update' AND (old::json ->> 'name') IS DISTINCT FROM (new::json ->> 'name')
		FROM changes WHERE step_id = ? AND tbl IN ('members', 'orgs', 'awards')`, []any{step}, func(sc func(...any) error) error {
		var tbl string
		var id int64
		var rename bool
		if err := sc(&tbl, &id, &rename); err != nil {
			return err
		}
		switch tbl {
		case "members":
			members = append(members, id)
		case "orgs":
			orgs = append(orgs, id)
			if rename {
				renamed = append(renamed, id)
			}
		case "awards":
			awards = append(awards, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range renamed {
		// Members are found by their cell's name, organisations by their
		// parent's.
		more, err := sqlrows.IDs(ctx, tx, `SELECT id FROM members WHERE cell_id = ?`, id)
		if err != nil {
			return err
		}
		members = append(members, more...)
		if more, err = sqlrows.IDs(ctx, tx, `SELECT id FROM orgs WHERE parent_id = ?`, id); err != nil {
			return err
		}
		orgs = append(orgs, more...)
	}
	return indexRecords(ctx, tx, members, orgs, awards)
}

// RebuildSearch writes the whole index again (after a bulk load).
func RebuildSearch(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM search`); err != nil {
		return err
	}
	var ids [3][]int64
	for i, table := range []string{"members", "orgs", "awards"} {
		var err error
		if ids[i], err = sqlrows.IDs(ctx, tx, `SELECT id FROM `+table+` ORDER BY id`); err != nil {
			return err
		}
	}
	return indexRecords(ctx, tx, ids[0], ids[1], ids[2])
}

// searchRow is one row of the index.
type searchRow struct {
	rid         int64
	name, other string
}

// indexRecords writes the index rows of the records given (removing those of
// records no longer there), a batch at a time.
func indexRecords(ctx context.Context, tx *sql.Tx, members, orgs, awards []int64) error {
	kinds := []struct {
		ids   []int64
		kind  int64
		query string
		row   func(sc func(...any) error) (searchRow, error)
	}{
		{members, 0, `SELECT m.id, m.name_fold, m.birth_name || ' ' || m.home_town || ' ' || m.home_town_new,
			COALESCE(m.card_no, '') || ' ' || COALESCE(m.history_no, '') || ' ' || substr(m.birth_date, 1, 4) || ' ' || COALESCE(o.name_fold, '')
			FROM members m LEFT JOIN orgs o ON o.id = m.cell_id WHERE m.id IN `,
			func(sc func(...any) error) (searchRow, error) {
				var r searchRow
				var id int64
				var folded, rest string
				err := sc(&id, &r.name, &folded, &rest)
				r.rid, r.other = id*4, domain.Fold(folded)+" "+rest
				return r, err
			}},
		{orgs, 1, `SELECT o.id, o.name_fold, COALESCE(o.code, '') || ' ' || COALESCE(p.name, '')
			FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id WHERE o.id IN `,
			func(sc func(...any) error) (searchRow, error) {
				var r searchRow
				var id int64
				var other string
				err := sc(&id, &r.name, &other)
				r.rid, r.other = id*4+1, domain.Fold(other)
				return r, err
			}},
		{awards, 2, `SELECT a.id, a.content, a.decision_no || ' ' || a.year FROM awards a WHERE a.id IN `,
			func(sc func(...any) error) (searchRow, error) {
				var r searchRow
				var id int64
				var content, other string
				err := sc(&id, &content, &other)
				r.rid, r.name, r.other = id*4+2, domain.Fold(content), domain.Fold(other)
				return r, err
			}},
	}
	for _, k := range kinds {
		ids := dedupe(k.ids)
		for len(ids) > 0 {
			n := min(searchBatch, len(ids))
			batch := ids[:n]
			ids = ids[n:]
			var rows []searchRow
			err := sqlrows.Each(ctx, tx, k.query+`(`+sqlrows.IDList(batch)+`)`, nil, func(sc func(...any) error) error {
				r, err := k.row(sc)
				rows = append(rows, r)
				return err
			})
			if err != nil {
				return err
			}
			rids := make([]int64, len(batch))
			for i, id := range batch {
				rids[i] = id*4 + k.kind
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM search WHERE rid IN (`+sqlrows.IDList(rids)+`)`); err != nil {
				return err
			}
			if err := insertSearchRows(ctx, tx, rows); err != nil {
				return err
			}
		}
	}
	return nil
}

// insertSearchRows writes rows, many to a statement.
func insertSearchRows(ctx context.Context, tx *sql.Tx, rows []searchRow) error {
	const per = 200
	for len(rows) > 0 {
		n := min(per, len(rows))
		var b strings.Builder
		b.WriteString(`INSERT INTO search (rid, name, other, label, words) VALUES `)
		args := make([]any, 0, n*4)
		for i, r := range rows[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(`(?, ?, ?, ?, array_to_tsvector(string_to_array(?, ' ')))`)
			words := strings.Join(domain.Words(domain.Fold(r.name+" "+r.other)), " ")
			args = append(args, r.rid, r.name, r.other, r.name, words)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

func dedupe(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// TSQuery is the server's query for the words of q: each a prefix of a
// word of the record's text (whole, when whole), all of them.
func TSQuery(terms []string, whole bool) string {
	var parts []string
	for _, t := range terms {
		for _, w := range domain.Words(domain.Fold(t)) {
			p := `'` + strings.ReplaceAll(w, `'`, `''`) + `'`
			if !whole {
				p += ":*"
			}
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " & ")
}

// SearchQuery is the server's query for q's words: each a prefix of a word
// of the record's text (a GIN index reads a prefix's matches lazily).
func (Dialect) SearchQuery(_ context.Context, _ sqlrows.Queryer, q domain.SearchQuery) (string, error) {
	return TSQuery(q.Terms, false), nil
}

// WholeWord is the query for term as a whole word.
func (Dialect) WholeWord(term string) string { return TSQuery([]string{term}, true) }

// SearchMatch is the index's row id column and the condition that matches
// it against the query bound as ?, on table (or alias) t. Under row-level
// security the index is read by the owner's function, which gives the
// matches in the role's scope (migrations/0012_scope_speed.sql).
func (d Dialect) SearchMatch(t string) (rowid, match string) {
	if d.Scoped {
		return "rid", t + `.rid IN (SELECT r FROM xeploai_search_match(?::tsquery, current_user) AS r)`
	}
	return "rid", t + `.words @@ ?::tsquery`
}

// SearchOrder orders the first window matches of fts by row id, as FTS5
// gives them, the quicker of two ways (MatchOrder); under row-level
// security the matches are always collected.
func (d Dialect) SearchOrder(ctx context.Context, q sqlrows.Queryer, fts string, window int) (string, error) {
	if d.Scoped {
		return ` ORDER BY rid`, nil
	}
	return MatchOrder(ctx, q, fts, window)
}

// MatchOrder is how a query reading the first window matches of fts by row
// id orders them. A GIN index gives all the matches of its words at once,
// unordered: for words that match many rows, reading the index's rows in
// row-id order and testing each stops soonest (the planner's choice); for
// words that match few, collecting them all and sorting them is quicker,
// which the planner does not see, as it prices testing a row far below its
// cost ("hang", 3,400 matches among 670,000 rows: 34 ms the first way, 8 ms
// the second). The planner's own estimate of the matches decides: reading in
// order tests about window × rows / matches rows, collecting tests the
// matches, each about five times the cost.
func MatchOrder(ctx context.Context, q sqlrows.Queryer, fts string, window int) (string, error) {
	const inOrder, collected = ` ORDER BY rid`, ` ORDER BY rid + 0`
	var rows float64
	if err := q.QueryRowContext(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'search'::regclass`).Scan(&rows); err != nil {
		return "", err
	}
	var plan []byte
	if err := q.QueryRowContext(ctx, `EXPLAIN (FORMAT JSON) SELECT 1 FROM search WHERE words @@ ?::tsquery`, fts).Scan(&plan); err != nil {
		return "", err
	}
	var p []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		}
	}
	if err := json.Unmarshal(plan, &p); err != nil || len(p) != 1 || rows <= 0 {
		return inOrder, nil // never analysed: the planner's choice
	}
	if matches := p[0].Plan.Rows; 5*matches*matches < float64(window)*rows {
		return collected, nil
	}
	return inOrder, nil
}

// NamesFrom reads id and folded name of the rows of table whose folded
// name is from ?1 up to ?2, at most ?3, in name order. An office's members
// are found by the owner's function, from the office's own members when
// they are few (migrations/0012_scope_speed.sql): read in name order and
// tested against the scope, the city's names would be read almost all.
func (d Dialect) NamesFrom(table string) string {
	if d.Scoped && table == "members" {
		return `SELECT id, name_fold FROM members WHERE id IN (SELECT m FROM xeploai_members_named(?1, ?2, current_user, ?3) AS m)
			ORDER BY name_fold LIMIT ?3`
	}
	return `SELECT id, name_fold FROM ` + table + ` WHERE name_fold >= ?1 AND name_fold < ?2 ORDER BY name_fold LIMIT ?3`
}

// MembersMatching is the FROM of members m joined to the index's matches,
// and the condition matching the query bound as ?. An office's come from
// the owner's function as member ids, so that the server reads each
// member by its key (a join on rid / 4 would not be allowed through the
// members' row-level security, and every member would be read).
func (d Dialect) MembersMatching() (from, match string) {
	if d.Scoped {
		return `members m`, `m.id IN (SELECT i FROM xeploai_search_members(?::tsquery, current_user) AS i)`
	}
	return `search s JOIN members m ON m.id = s.rid / 4`, `s.words @@ ?::tsquery AND s.rid % 4 = 0`
}
