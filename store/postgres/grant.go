package postgres

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
)

// writeTables are the tables a writing office changes (the history's
// changes are written by its trigger, as the owner).
const writeTables = `orgs, org_events, members, memberships, member_ratings, org_ratings, awards, disciplines,
	absences, party_age_gaps, leaders, settings, steps, trash, search`

// GrantRights gives role the table rights its grants need: reading every
// table but the scopes, and writing the records when one grant is not
// read-only; none when it has no grant left. Tables a later version adds
// get the same (default privileges).
func GrantRights(ctx context.Context, tx *sql.Tx, role string) error {
	var grants, writes int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE NOT read_only) FROM scopes WHERE role = ?`, role).Scan(&grants, &writes); err != nil {
		return err
	}
	var database, schema string
	if err := tx.QueryRowContext(ctx, `SELECT current_database(), current_schema()`).Scan(&database, &schema); err != nil {
		return err
	}
	r, d, s := Ident(role), Ident(database), Ident(schema)
	stmts := []string{
		`REVOKE ALL ON ALL TABLES IN SCHEMA ` + s + ` FROM ` + r,
		`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ` + s + ` FROM ` + r,
		`ALTER DEFAULT PRIVILEGES IN SCHEMA ` + s + ` REVOKE ALL ON TABLES FROM ` + r,
	}
	if grants > 0 {
		stmts = append(stmts,
			`GRANT CONNECT ON DATABASE `+d+` TO `+r,
			`GRANT USAGE ON SCHEMA `+s+` TO `+r,
			`GRANT SELECT ON ALL TABLES IN SCHEMA `+s+` TO `+r,
			`REVOKE ALL ON scopes FROM `+r,
			`ALTER DEFAULT PRIVILEGES IN SCHEMA `+s+` GRANT SELECT ON TABLES TO `+r)
	}
	if writes > 0 {
		stmts = append(stmts,
			`GRANT INSERT, UPDATE, DELETE ON `+writeTables+` TO `+r,
			`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA `+s+` TO `+r)
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

func Ident(name string) string { return pgx.Identifier{name}.Sanitize() }
