package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
	"xeploai/store/postgres"
)

// Per-office scopes on a server (xeploai grant): a PostgreSQL role is given
// the subtree of one organisation or more, and the server's row-level
// security (store/postgres/migrations/0009_scopes.sql) lets it see and change
// nothing else. Only the tables' owner grants.

// Grant is one organisation granted to a role.
type Grant struct {
	Role     string
	OrgID    int64
	OrgCode  string
	OrgName  string
	ReadOnly bool // sees the subtree, changes nothing
}

// GrantScope lets role see, and unless readOnly change, the subtree of the
// organisation named by org (code or name), beside what it was granted
// before; granting an organisation again changes only readOnly. The role
// gets the table rights it needs (SELECT only when every grant of it is
// read-only).
func (db *DB) GrantScope(ctx context.Context, role, org string, readOnly bool) (*Grant, error) {
	if err := db.canGrant(ctx, role); err != nil {
		return nil, err
	}
	o, err := db.ResolveOrg(ctx, org)
	if err != nil {
		return nil, err
	}
	err = db.rawTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO scopes (role, org_id, read_only) VALUES (?, ?, ?)
			ON CONFLICT (role, org_id) DO UPDATE SET read_only = excluded.read_only`, role, o.ID, readOnly); err != nil {
			return err
		}
		return postgres.GrantRights(ctx, tx, role)
	})
	if err != nil {
		return nil, err
	}
	return &Grant{Role: role, OrgID: o.ID, OrgCode: o.Code, OrgName: o.Name, ReadOnly: readOnly}, nil
}

// RevokeScope takes back from role the organisation named by org, or every
// one when org is "". A role left with none loses its rights on the tables
// too (and would see nothing anyway).
func (db *DB) RevokeScope(ctx context.Context, role, org string) error {
	if err := db.canGrant(ctx, role); err != nil {
		return err
	}
	var orgID int64
	if org != "" {
		o, err := db.ResolveOrg(ctx, org)
		if err != nil {
			return err
		}
		orgID = o.ID
	}
	return db.rawTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM scopes WHERE role = ? AND (? = 0 OR org_id = ?)`, role, orgID, orgID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if org != "" {
				return domain.Errorf(domain.ENOTFOUND, "--org", "người dùng %q không được cấp tổ chức %s; không có gì thay đổi (xeploai grant --list liệt kê những gì đã cấp)", role, org)
			}
			return domain.Errorf(domain.ENOTFOUND, "", "người dùng %q chưa được cấp tổ chức nào; không có gì thay đổi", role)
		}
		return postgres.GrantRights(ctx, tx, role)
	})
}

// Grants lists every organisation granted, by role then code.
func (db *DB) Grants(ctx context.Context) ([]Grant, error) {
	if err := db.serverOwner(ctx); err != nil {
		return nil, err
	}
	var out []Grant
	err := sqlrows.Each(ctx, db.read, `SELECT s.role, s.org_id, COALESCE(o.code, ''), o.name, s.read_only
		FROM scopes s JOIN orgs o ON o.id = s.org_id ORDER BY s.role, o.code, o.id`, nil, func(sc func(...any) error) error {
		var g Grant
		err := sc(&g.Role, &g.OrgID, &g.OrgCode, &g.OrgName, &g.ReadOnly)
		out = append(out, g)
		return err
	})
	return out, db.explainRead(err)
}

// canGrant checks that grants can be made here to role: on a server, by the
// tables' owner, to a role that exists and that row-level security holds
// (not a superuser, not the owner).
func (db *DB) canGrant(ctx context.Context, role string) error {
	if err := db.serverOwner(ctx); err != nil {
		return err
	}
	role = strings.TrimSpace(role)
	if role == "" {
		return domain.Errorf(domain.EINVALID, "", "grant: chưa có tên người dùng (vai trò PostgreSQL) của cơ quan")
	}
	var super, bypass, owner bool
	err := db.read.QueryRowContext(ctx, `SELECT r.rolsuper, r.rolbypassrls, pg_has_role(r.oid, c.relowner, 'MEMBER')
		FROM pg_roles r, pg_class c WHERE r.rolname = ? AND c.oid = 'orgs'::regclass`, role).Scan(&super, &bypass, &owner)
	switch {
	case err == sql.ErrNoRows:
		return domain.Errorf(domain.ENOTFOUND, "", "máy chủ không có người dùng %q; hãy tạo trước: CREATE ROLE %s LOGIN PASSWORD '…';", role, postgres.Ident(role))
	case err != nil:
		return db.explainRead(err)
	case super || bypass:
		return domain.Errorf(domain.EINVALID, "", "người dùng %q là superuser hoặc có BYPASSRLS: máy chủ không giới hạn nó, nên không cấp phạm vi được; hãy dùng một người dùng thường cho cơ quan", role)
	case owner:
		return domain.Errorf(domain.EINVALID, "", "người dùng %q là chủ sở hữu các bảng: nó luôn thấy và sửa toàn bộ dữ liệu, nên không cấp phạm vi được; hãy dùng một người dùng khác cho cơ quan", role)
	}
	return nil
}

// serverOwner refuses a file, and a server's role other than the tables'
// owner.
func (db *DB) serverOwner(ctx context.Context) error {
	if !db.pg {
		return domain.Errorf(domain.EINVALID, "--db", "grant chỉ dùng với cơ sở dữ liệu dùng chung trên máy chủ PostgreSQL (--db postgres://…); %s là một tệp: ai mở được tệp thì thấy toàn bộ dữ liệu trong đó", db.path)
	}
	var owner bool
	var who string
	if err := db.read.QueryRowContext(ctx, `SELECT pg_has_role(current_user, relowner, 'MEMBER'), current_user FROM pg_class WHERE oid = 'orgs'::regclass`).Scan(&owner, &who); err != nil {
		return db.explainRead(err)
	}
	if !owner {
		return domain.Errorf(domain.EINVALID, "", "người dùng %q không phải chủ sở hữu cơ sở dữ liệu: chỉ người dùng chủ sở hữu các bảng (người đã tạo chúng) mới cấp hay thu hồi phạm vi của các cơ quan", who)
	}
	return nil
}

// ScopeNote says, on a server opened by a role with a scope, what the role
// sees ("người dùng phuong_a chỉ thấy Đảng bộ phường An Hải Bắc và các tổ
// chức trực thuộc …"), for messages about what was not found; "" for a file
// and for the tables' owner.
func (db *DB) ScopeNote(ctx context.Context) string {
	if db.office == "" {
		return ""
	}
	var tops []string
	err := sqlrows.Each(ctx, db.read, `SELECT name FROM orgs WHERE id IN `+scopeTops+` ORDER BY name`, nil, func(sc func(...any) error) error {
		var name string
		err := sc(&name)
		tops = append(tops, name)
		return err
	})
	if err != nil || len(tops) == 0 {
		return fmt.Sprintf("người dùng %q chưa được cấp tổ chức nào nên không thấy dữ liệu nào", db.pgcfg.User)
	}
	return fmt.Sprintf("người dùng %q chỉ thấy và ghi được %s và các tổ chức trực thuộc; tổ chức, đảng viên ngoài phạm vi đó coi như không có", db.pgcfg.User, strings.Join(tops, ", "))
}

// scopeTops are the ids of the organisations at the top of the role's
// part: in its scope, their parent not.
const scopeTops = `(SELECT o.id FROM orgs o, (SELECT ARRAY(SELECT x FROM xeploai_orgs(current_user, false) AS x) AS a) AS part
	WHERE o.id = ANY (part.a) AND (o.parent_id IS NULL OR NOT o.parent_id = ANY (part.a)))`

// OwnScope is the organisation a shared server's role was granted, when it
// is one (its part's top): what the role's reports are of when none is
// named. 0 on a file, for the owner, and for a role granted several.
func (db *DB) OwnScope(ctx context.Context) (int64, error) {
	if db.office == "" {
		return 0, nil
	}
	tops, err := sqlrows.IDs(ctx, db.read, `SELECT id FROM orgs WHERE id IN `+scopeTops)
	if err != nil {
		return 0, db.explainRead(err)
	}
	if len(tops) != 1 {
		return 0, nil
	}
	return tops[0], nil
}

// partScope is the organisation a report or check of scope is of, for an
// office's role: its own part when none is named (0), and a refusal for an
// organisation above its part, whose figures it cannot see whole (the
// quota of a district over one ward's members would be a false finding).
// Unchanged on a file and for the owner.
func (db *DB) partScope(ctx context.Context, scope int64) (int64, error) {
	if db.office == "" {
		return scope, nil
	}
	if scope == 0 {
		return db.OwnScope(ctx)
	}
	var in bool
	if err := db.read.QueryRowContext(ctx, `SELECT ? IN (SELECT o FROM xeploai_orgs(current_user, false) AS o)`, scope).Scan(&in); err != nil {
		return 0, db.explainRead(err)
	}
	if !in {
		var name string
		db.read.QueryRowContext(ctx, `SELECT name FROM orgs WHERE id = ?`, scope).Scan(&name)
		return 0, domain.Errorf(domain.EINVALID, "Tổ chức", "%s nằm trên phần được cấp của người dùng %q: số liệu của nó gồm cả các cơ quan khác, mà người dùng này không thấy — chỉ tổng hợp, kiểm tra được phần của mình (%s)", name, db.pgcfg.User, db.ScopeNote(ctx))
	}
	return scope, nil
}
