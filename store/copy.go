package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"xeploai/domain"
	"xeploai/store/postgres"
	"xeploai/store/sqlite"
)

// copyTables are the tables a copy carries, in an order that inserts a row
// after those it refers to (organisations refer to each other: foreign keys
// are checked at the commit). The history (steps, changes, trash) goes with
// the records, so that undo and the trash work on the copy as on the source.
var copyTables = []string{"orgs", "org_events", "members", "memberships", "member_ratings", "org_ratings", "awards",
	"disciplines", "absences", "party_age_gaps", "leaders", "settings", "steps", "changes", "trash"}

// copyChunk bounds the values of one INSERT (SQLite takes 32,766, a server
// 65,535).
const copyChunk = 8000

// CopyInto copies the whole dataset of db — records, history, trash and
// settings — into dst, which must be empty (no organisation, member, award or
// history step), in one transaction of dst: all or nothing. Either may be a
// file or a server. The rows keep their ids; the search index of dst is
// rebuilt from them.
func (db *DB) CopyInto(ctx context.Context, dst *DB) error {
	if db.office != "" {
		return domain.Errorf(domain.EINVALID, "", "người dùng %q chỉ thấy phần của cơ quan mình: sao lưu hay chép toàn bộ cơ sở dữ liệu chỉ người dùng chủ sở hữu làm được — không có gì được ghi; để giữ phần của mình, hãy dùng xeploai export", db.pgcfg.User)
	}
	if dst.readOnly {
		return sqlite.ReadOnly(dst.path)
	}
	src, err := db.read.Conn(ctx)
	if err != nil {
		return db.explainRead(err)
	}
	defer src.Close()
	opts := &sql.TxOptions{ReadOnly: true, Isolation: db.dialect.ReadIsolation()} // one moment of every table
	rtx, err := src.BeginTx(ctx, opts)
	if err != nil {
		return db.explainRead(err)
	}
	defer rtx.Rollback()
	if dst.pg {
		defer postgres.Analyze(context.WithoutCancel(ctx), dst.write)
	}
	return dst.rawTx(ctx, func(tx *sql.Tx) error {
		var rows int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM orgs LIMIT 1) AS o) + (SELECT COUNT(*) FROM (SELECT 1 FROM members LIMIT 1) AS m)
			+ (SELECT COUNT(*) FROM (SELECT 1 FROM awards LIMIT 1) AS a) + (SELECT COUNT(*) FROM (SELECT 1 FROM steps LIMIT 1) AS s)`).Scan(&rows); err != nil {
			return err
		}
		if rows > 0 {
			return domain.Errorf(domain.ECONFLICT, "", "cơ sở dữ liệu đích %s đã có dữ liệu; chỉ chép được vào một cơ sở dữ liệu trống (không có gì được ghi) — hãy chọn một tệp mới hoặc tạo một cơ sở dữ liệu trống trên máy chủ", dst.path)
		}
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		var rebuild []string
		if dst.pg {
			// The history trigger logs nothing: the history is copied as it is.
			if _, err := tx.ExecContext(ctx, `SELECT set_config('xeploai.bulk', 'on', true)`); err != nil {
				return err
			}
		} else {
			// The triggers and secondary indexes go for the copy and are made
			// again after (the search index rebuilt), as for a bulk load.
			if rebuild, err = dropIndexes(ctx, tx, "trash"); err != nil {
				return err
			}
		}
		for _, table := range copyTables {
			if err := copyTable(ctx, rtx, tx, dst, table); err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
		}
		if dst.pg {
			if _, err := tx.ExecContext(ctx, `SELECT set_config('xeploai.bulk', '', true)`); err != nil {
				return err
			}
			// New rows get ids above the copied ones, and above those the
			// history may put back (undo, redo, the trash).
			for _, table := range copyTables {
				if table == "settings" || table == "member_ratings" || table == "org_ratings" {
					continue
				}
				if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+table+`', 'id'), GREATEST(1, (SELECT max(id) FROM `+table+`),
					(SELECT max((COALESCE(new, old)::json ->> 'id')::bigint) FROM changes WHERE tbl = '`+table+`')))`); err != nil {
					return err
				}
			}
			return postgres.RebuildSearch(ctx, tx)
		}
		for _, q := range rebuild {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
}

// explainRead says why reading the database failed.
func (db *DB) explainRead(err error) error {
	if db.pg {
		return postgres.Explain(db.path, db.pgcfg, err)
	}
	return sqlite.Explain(db.path, err)
}

// copyTable copies every row of table from the source transaction into the
// destination's, by the destination's columns (both schemas are the same
// version, so the same columns).
func copyTable(ctx context.Context, from *sql.Tx, to *sql.Tx, dst *DB, table string) error {
	info, err := dst.columns(ctx, to, table)
	if err != nil {
		return err
	}
	cols := strings.Join(info.cols, ", ")
	order := strings.Join(info.pk, ", ")
	rows, err := from.QueryContext(ctx, `SELECT `+cols+` FROM `+table+` ORDER BY `+order)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := len(info.cols)
	per := max(1, copyChunk/n)
	row := "(" + placeholders(n) + ")"
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		k := len(args) / n
		_, err := to.ExecContext(ctx, `INSERT INTO `+table+` (`+cols+`) VALUES `+strings.TrimSuffix(strings.Repeat(row+",", k), ","), args...)
		args = args[:0]
		return err
	}
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for _, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b) // text, whichever driver read it
			}
			args = append(args, v)
		}
		if len(args) >= per*n {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

// columns lists a table's columns and primary key (any table, unlike
// loadTableInfo, which knows only the history's).
func (db *DB) columns(ctx context.Context, q queryer, table string) (*tableInfo, error) {
	known := false
	for _, t := range copyTables {
		known = known || t == table
	}
	if !known {
		return nil, fmt.Errorf("copy: unknown table %q", table)
	}
	return db.tableColumns(ctx, q, table)
}
