package store

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"xeploai/domain"
	"xeploai/store/postgres"
)

// scopeFixture is the fixture's tree with a second ward (B: Phước Mỹ, one
// cell) beside ward A (An Hải Bắc), a member with a rating, an award and a
// discipline in a cell of each, and login roles: one granted ward A, one
// granted it read-only, one granted ward B, one granted nothing but given
// the tables as the README once did.
type scopeFixture struct {
	*fixture
	wardB, cellB         *domain.Org
	inA, inA2, inB       *domain.Member
	roleA, roleRO, roleB string
	roleNone             string
	url                  string
}

func newScopeFixture(t *testing.T) *scopeFixture {
	t.Helper()
	c := pgCluster(t)
	db, u := openPGAt(t)
	name := u[strings.LastIndex(u, "/")+1 : strings.Index(u, "?")]
	f := &scopeFixture{url: u, roleA: name + "_a", roleRO: name + "_ro", roleB: name + "_b", roleNone: name + "_none"}
	roles := []string{f.roleA, f.roleRO, f.roleB, f.roleNone}
	t.Cleanup(func() {
		// The database first: the roles hold rights in it.
		db.Close()
		if err := c.DropDatabase(u); err != nil {
			t.Error(err)
		}
		for _, r := range roles {
			if err := c.Exec(`DROP ROLE IF EXISTS ` + r); err != nil {
				t.Error(err)
			}
		}
	})
	for _, r := range roles {
		if err := c.Exec(`CREATE ROLE ` + r + ` LOGIN`); err != nil {
			t.Fatal(err)
		}
	}
	f.fixture = fixtureOn(t, db)
	f.wardB = &domain.Org{Name: "Đảng bộ phường Phước Mỹ", Kind: domain.KindGrassrootsCommittee, ParentID: f.top.ID}
	if err := db.CreateOrg(ctx, f.wardB); err != nil {
		t.Fatal(err)
	}
	f.cellB = &domain.Org{Name: "Chi bộ Khu dân cư số 5", Kind: domain.KindCell, ParentID: f.wardB.ID}
	if err := db.CreateOrg(ctx, f.cellB); err != nil {
		t.Fatal(err)
	}
	f.inA = f.member(t, "Trần Văn An", "1001", f.cell1)
	f.inA2 = f.member(t, "Lê Thị Hai", "1002", f.cell2)
	f.inB = f.member(t, "Phạm Văn Bình", "2001", f.cellB)
	for _, m := range []*domain.Member{f.inA, f.inA2, f.inB} {
		must(t, db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2024, Level: domain.LevelGood}}))
		must(t, db.CreateAward(ctx, &domain.Award{MemberID: m.ID, Form: domain.FormCertificate, Content: "Giấy khen 2024", Year: 2024}))
		must(t, db.AddDiscipline(ctx, Discipline{MemberID: m.ID, On: domain.NewDate(2024, 3, 12), Form: "Khiển trách"}))
	}
	for _, g := range []struct {
		role string
		org  *domain.Org
		ro   bool
	}{{f.roleA, f.ward, false}, {f.roleRO, f.ward, true}, {f.roleB, f.wardB, false}} {
		if _, err := db.GrantScope(ctx, g.role, g.org.Code, g.ro); err != nil {
			t.Fatalf("grant %s: %v", g.role, err)
		}
	}
	// The README's former setup: every table, no scope.
	admin := f.as(t, "postgres")
	for _, q := range []string{`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ` + f.roleNone} {
		if _, err := admin.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// as is a plain SQL connection to the fixture's database as role, whose
// writes are a step of the history of its own, as the program's are (a
// role that may not write gets none).
func (f *scopeFixture) as(t *testing.T, role string) *sql.DB {
	t.Helper()
	conn := f.bare(t, role)
	withStep(t, conn)
	return conn
}

// withStep begins a step of the history for conn's session, when its role
// may write one.
func withStep(t *testing.T, conn *sql.DB) {
	t.Helper()
	var step int64
	if err := conn.QueryRow(`INSERT INTO steps (action, subject) VALUES ('psql', 'by hand') RETURNING id`).Scan(&step); err == nil {
		if _, err := conn.Exec(`SELECT set_config('xeploai.step', $1, false)`, itoa(step)); err != nil {
			t.Fatal(err)
		}
	}
}

// bare is a plain SQL connection to the fixture's database as role, with
// no step of the history.
func (f *scopeFixture) bare(t *testing.T, role string) *sql.DB {
	t.Helper()
	conn, err := sql.Open("pgx", f.roleURL(role))
	if err != nil {
		t.Fatal(err)
	}
	conn.SetMaxOpenConns(1)
	conn.SetMaxIdleConns(1)
	t.Cleanup(func() { conn.Close() })
	return conn
}

func (f *scopeFixture) roleURL(role string) string {
	return strings.Replace(f.url, "postgres://postgres@", "postgres://"+role+"@", 1)
}

func count(t *testing.T, conn *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// exec runs a write and returns the rows it changed, or the server's refusal.
func write(conn *sql.DB, q string, args ...any) (int64, error) {
	res, err := conn.Exec(q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// refused reports the server's refusal: a row-level security policy
// (42501 "violates row-level security") or a missing table right (42501
// "permission denied").
func refused(err error, what string) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "42501" && strings.Contains(pe.Message, what)
}

// TestAWardsRoleSeesAndChangesOnlyItsWardThroughSQL: a role granted ward A,
// through plain SQL, reads and writes A's records and nothing of ward B's —
// members, ratings, awards, disciplines, memberships, organisations, the
// search index and the history; read-only reads and cannot write; a role
// granted nothing sees nothing.
func TestAWardsRoleSeesAndChangesOnlyItsWardThroughSQL(t *testing.T) {
	f := newScopeFixture(t)
	a, ro, none := f.as(t, f.roleA), f.as(t, f.roleRO), f.bare(t, f.roleNone)
	for _, c := range []struct {
		q     string
		a, ro int
	}{
		{`SELECT COUNT(*) FROM members`, 2, 2},
		{`SELECT COUNT(*) FROM orgs`, 4, 4}, // the ward, its two cells and the district above
		{`SELECT COUNT(*) FROM org_ratings`, 0, 0},
		{`SELECT COUNT(*) FROM member_ratings`, 2, 2},
		{`SELECT COUNT(*) FROM awards`, 2, 2},
		{`SELECT COUNT(*) FROM disciplines`, 2, 2},
		{`SELECT COUNT(*) FROM memberships`, 2, 2},
		{`SELECT COUNT(*) FROM search WHERE rid % 4 = 0`, 2, 2},
		{`SELECT COUNT(*) FROM changes WHERE member_id = ` + itoa(f.inB.ID), 0, 0},
		{`SELECT COUNT(*) FROM members WHERE id = ` + itoa(f.inB.ID), 0, 0},
		{`SELECT COUNT(*) FROM steps WHERE subject LIKE '%Bình%' OR subject LIKE '%Phước Mỹ%'`, 0, 0},
		{`SELECT COUNT(*) FROM steps WHERE subject LIKE '%Trần Văn An%'`, 3, 3}, // the member, its rating, its award
	} {
		if got := count(t, a, c.q); got != c.a {
			t.Errorf("as ward A: %s = %d, want %d", c.q, got, c.a)
		}
		if got := count(t, ro, c.q); got != c.ro {
			t.Errorf("as ward A read-only: %s = %d, want %d", c.q, got, c.ro)
		}
	}
	for _, q := range []string{`SELECT COUNT(*) FROM members`, `SELECT COUNT(*) FROM orgs`, `SELECT COUNT(*) FROM member_ratings`, `SELECT COUNT(*) FROM steps`, `SELECT COUNT(*) FROM changes`, `SELECT COUNT(*) FROM search`} {
		if got := count(t, none, q); got != 0 {
			t.Errorf("a role granted nothing: %s = %d, want 0", q, got)
		}
	}

	// Ward B's rows cannot be changed or removed: they are not there.
	for _, q := range []string{
		`UPDATE members SET note = 'x' WHERE id = $1`,
		`UPDATE member_ratings SET note = 'x' WHERE member_id = $1`,
		`DELETE FROM awards WHERE member_id = $1`,
		`DELETE FROM disciplines WHERE member_id = $1`,
		`DELETE FROM members WHERE id = $1`,
	} {
		if n, err := write(a, q, f.inB.ID); err != nil || n != 0 {
			t.Errorf("as ward A: %s on B's member = %d rows, %v; want 0 rows", q, n, err)
		}
	}
	// Nothing can be added to ward B, nor moved there.
	for _, c := range []struct{ q, table string }{
		{`INSERT INTO members (full_name, name_fold, birth_date, admitted_on, cell_id) VALUES ('Người Lạ', 'nguoi la', '1980-01-01', '2005-01-01', ` + itoa(f.cellB.ID) + `)`, "members"},
		{`INSERT INTO member_ratings (member_id, year, org_id, level) VALUES (` + itoa(f.inB.ID) + `, 2025, ` + itoa(f.cellB.ID) + `, 'HTNV')`, "member_ratings"},
		{`INSERT INTO awards (member_id, form, content, year) VALUES (` + itoa(f.inB.ID) + `, 'certificate', 'x', 2025)`, "awards"},
		{`INSERT INTO org_ratings (org_id, year, level) VALUES (` + itoa(f.cellB.ID) + `, 2025, 'HTNV')`, "org_ratings"},
		{`INSERT INTO orgs (name, name_fold, kind, parent_id) VALUES ('Chi bộ mới', 'chi bo moi', 'cell', ` + itoa(f.wardB.ID) + `)`, "orgs"},
		{`UPDATE members SET cell_id = ` + itoa(f.cellB.ID) + ` WHERE id = ` + itoa(f.inA.ID), "members"},
		{`UPDATE orgs SET parent_id = ` + itoa(f.wardB.ID) + ` WHERE id = ` + itoa(f.cell1.ID), "orgs"},
		{`UPDATE orgs SET parent_id = NULL WHERE id = ` + itoa(f.ward.ID), "orgs"},
		{`INSERT INTO org_ratings (org_id, year, level) VALUES (` + itoa(f.top.ID) + `, 2025, 'HTNV')`, "org_ratings"},
	} {
		if _, err := write(a, c.q); !refused(err, `row-level security policy for table "`+c.table+`"`) {
			t.Errorf("as ward A: %s: %v; want the server's refusal", c.q, err)
		}
	}
	// The district above it, it reads the name of, and cannot change.
	if n, err := write(a, `UPDATE orgs SET note = 'x' WHERE id = $1`, f.top.ID); err != nil || n != 0 {
		t.Errorf("as ward A: the district changed: %d, %v", n, err)
	}
	// Its own ward it changes.
	for _, q := range []string{
		`UPDATE members SET note = 'đã sửa' WHERE id = ` + itoa(f.inA.ID),
		`UPDATE member_ratings SET level = 'HTXSNV' WHERE member_id = ` + itoa(f.inA.ID),
		`INSERT INTO member_ratings (member_id, year, org_id, level) VALUES (` + itoa(f.inA.ID) + `, 2025, ` + itoa(f.cell1.ID) + `, 'HTNV')`,
		`DELETE FROM awards WHERE member_id = ` + itoa(f.inA.ID),
		`UPDATE orgs SET name = 'Đảng bộ phường An Hải Bắc (mới)' WHERE id = ` + itoa(f.ward.ID),
		`UPDATE orgs SET parent_id = ` + itoa(f.cell1.ID) + ` WHERE id = ` + itoa(f.cell2.ID), // within the ward
		`UPDATE members SET cell_id = ` + itoa(f.cell1.ID) + ` WHERE id = ` + itoa(f.inA2.ID),
	} {
		if n, err := write(a, q); err != nil || n != 1 {
			t.Errorf("as ward A: %s = %d rows, %v; want 1 row", q, n, err)
		}
	}
	// Read-only writes nothing, not even in its ward.
	for _, q := range []string{
		`UPDATE members SET note = 'x' WHERE id = ` + itoa(f.inA.ID),
		`DELETE FROM member_ratings WHERE member_id = ` + itoa(f.inA.ID),
		`INSERT INTO steps (action) VALUES ('x')`,
	} {
		if _, err := write(ro, q); !refused(err, "permission denied") {
			t.Errorf("as ward A read-only: %s: %v; want permission denied", q, err)
		}
	}
	// Nobody but the owner reads or writes the grants.
	if _, err := write(a, `INSERT INTO scopes (role, org_id) VALUES ($1, $2)`, f.roleA, f.wardB.ID); !refused(err, "permission denied") {
		t.Errorf("ward A grants itself ward B: %v", err)
	}
	// The history names the role that wrote each step, whatever it says.
	if _, err := write(a, `INSERT INTO steps (action, who, role) VALUES ('x', 'Ai đó', 'postgres')`); err != nil {
		t.Fatal(err)
	}
	var role string
	if err := a.QueryRow(`SELECT role FROM steps WHERE action = 'x'`).Scan(&role); err != nil || role != f.roleA {
		t.Errorf("the step's role = %q, %v; want %q", role, err, f.roleA)
	}
}

// TestAScopeFollowsMovesAndMerges: a cell moved from ward A to ward B goes,
// with its members and their records, from A's scope to B's; a cell of B
// merged into one of A brings its members to A.
func TestAScopeFollowsMovesAndMerges(t *testing.T) {
	f := newScopeFixture(t)
	a, b := f.as(t, f.roleA), f.as(t, f.roleB)
	mine := func(conn *sql.DB, m *domain.Member) [3]int {
		id := itoa(m.ID)
		return [3]int{count(t, conn, `SELECT COUNT(*) FROM members WHERE id = `+id),
			count(t, conn, `SELECT COUNT(*) FROM member_ratings WHERE member_id = `+id),
			count(t, conn, `SELECT COUNT(*) FROM awards WHERE member_id = `+id)}
	}
	all, nothing := [3]int{1, 1, 1}, [3]int{}
	if got := mine(a, f.inA2); got != all {
		t.Fatalf("before the move, A sees of cell 2's member %v", got)
	}
	must(t, f.db.MoveOrg(ctx, f.cell2.ID, f.wardB.ID, domain.NewDate(2025, 1, 1)))
	if got := mine(a, f.inA2); got != nothing {
		t.Errorf("after moving cell 2 to B, A sees %v of its member", got)
	}
	if got := mine(b, f.inA2); got != all {
		t.Errorf("after moving cell 2 to B, B sees %v of its member", got)
	}
	if n, err := write(a, `UPDATE member_ratings SET note = 'x' WHERE member_id = $1`, f.inA2.ID); err != nil || n != 0 {
		t.Errorf("A changes a rating of the moved cell: %d, %v", n, err)
	}
	if n, err := write(b, `UPDATE member_ratings SET note = 'x' WHERE member_id = $1`, f.inA2.ID); err != nil || n != 1 {
		t.Errorf("B changes a rating of the moved cell: %d, %v", n, err)
	}
	must(t, f.db.MergeOrg(ctx, f.cellB.ID, f.cell1.ID, domain.NewDate(2025, 2, 1)))
	if got := mine(a, f.inB); got != all {
		t.Errorf("after merging B's cell into A's, A sees %v of its member", got)
	}
	if got := mine(b, f.inB); got != nothing {
		t.Errorf("after merging B's cell into A's, B sees %v of its member", got)
	}

	// A cell added to ward B (by the district, or by B) is B's at once,
	// and again when its deletion is undone.
	added := &domain.Org{Name: "Chi bộ Khu dân cư số 9", Kind: domain.KindCell, ParentID: f.wardB.ID}
	must(t, f.db.CreateOrg(ctx, added))
	newcomer := f.member(t, "Đỗ Văn Chín", "2009", added)
	seen := `SELECT COUNT(*) FROM members WHERE id = ` + itoa(newcomer.ID)
	if got, other := count(t, b, seen), count(t, a, seen); got != 1 || other != 0 {
		t.Errorf("a member of a cell added to B: B sees %d, A %d", got, other)
	}
	spare := &domain.Org{Name: "Chi bộ Khu dân cư số 10", Kind: domain.KindCell, ParentID: f.wardB.ID}
	must(t, f.db.CreateOrg(ctx, spare))
	must(t, f.db.DeleteOrg(ctx, spare.ID))
	if _, err := f.db.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := write(b, `INSERT INTO orgs (name, name_fold, kind, parent_id) VALUES ('Tổ đảng 1', 'to dang 1', 'cell', $1)`, spare.ID); err != nil || n != 1 {
		t.Fatalf("B adds a group under a cell whose deletion was undone: %d, %v", n, err)
	}
	group := `SELECT COUNT(*) FROM orgs WHERE name = 'Tổ đảng 1'`
	if got, other := count(t, b, group), count(t, a, group); got != 1 || other != 0 {
		t.Errorf("of the group B added, B sees %d, A %d", got, other)
	}
	scopesAsGranted(t, f.bare(t, "postgres"))
}

// scopesAsGranted fails when the organisations the server keeps for each
// grant (scope_orgs, migration 0014) are not the granted subtrees as the
// tree stands.
func scopesAsGranted(t *testing.T, admin *sql.DB) {
	t.Helper()
	const closure = `WITH RECURSIVE t (role, org_id, read_only) AS (
			SELECT role, org_id, read_only FROM scopes
			UNION SELECT t.role, o.id, t.read_only FROM t JOIN orgs o ON o.parent_id = t.org_id)
		SELECT role, org_id, read_only FROM t`
	kept := `SELECT role, org_id, read_only FROM scope_orgs`
	if n := count(t, admin, `SELECT COUNT(*) FROM ((SELECT * FROM (`+closure+`) AS c EXCEPT `+kept+`)
		UNION ALL (`+kept+` EXCEPT SELECT * FROM (`+closure+`) AS c)) AS d`); n != 0 {
		t.Errorf("%d organisations kept for the grants differ from the granted subtrees", n)
	}
	if n := count(t, admin, `SELECT COUNT(*) FROM scope_orgs`); n == 0 {
		t.Error("no organisation is kept for the grants")
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// TestAnOfficeUndoesOnlyItsOwnSteps: on a shared server, an office's Undo
// takes back its own newest step, never another office's, even one within
// its part.
func TestAnOfficeUndoesOnlyItsOwnSteps(t *testing.T) {
	f := newScopeFixture(t)
	// The district (the owner) rates a member of ward A.
	must(t, f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: f.inA.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelExcellent}}))
	wardA, err := OpenPostgres(f.roleURL(f.roleA))
	if err != nil {
		t.Fatal(err)
	}
	defer wardA.Close()
	if s, err := wardA.Undo(ctx); err != nil || s != nil {
		t.Fatalf("ward A's undo took back %+v, %v; want nothing of its own", s, err)
	}
	if rs, _ := f.db.MemberRatings(ctx, f.inA.ID); len(rs) != 2 {
		t.Fatalf("the district's rating was undone: %v", rs)
	}
	must(t, wardA.SetMemberRating(ctx, &domain.MemberRating{MemberID: f.inA2.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelGood}}))
	s, err := wardA.Undo(ctx)
	if err != nil || s == nil || s.Action != "rating.member" {
		t.Fatalf("ward A's undo of its own rating: %+v, %v", s, err)
	}
	if rs, _ := f.db.MemberRatings(ctx, f.inA2.ID); len(rs) != 1 {
		t.Errorf("ward A's own rating stayed: %v", rs)
	}
	if rs, _ := f.db.MemberRatings(ctx, f.inA.ID); len(rs) != 2 {
		t.Errorf("the district's rating went with it: %v", rs)
	}

	// Ward A rates again, the district changes that rating: A's undo is
	// refused, naming the member, who changed it and when.
	must(t, wardA.SetMemberRating(ctx, &domain.MemberRating{MemberID: f.inA2.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelGood}}))
	f.db.SetUserName("Chị Hoa")
	must(t, f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: f.inA2.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelExcellent}}))
	_, err = wardA.Undo(ctx)
	if domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("ward A's undo over the district's change: %v", err)
	}
	for _, want := range []string{"kết quả xếp loại của " + f.inA2.FullName, "Chị Hoa", "sửa lúc " + time.Now().Format("02/01/2006")} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %q does not say %q", err, want)
		}
	}
	if rs, _ := f.db.MemberRatings(ctx, f.inA2.ID); len(rs) != 2 || rs[0].Year != 2025 || rs[0].Level != domain.LevelExcellent {
		t.Errorf("the refused undo changed the ratings: %v", rs)
	}
}

// TestAnOfficesStaffWorkUnderItsGrant: the office's staff each log in as a
// role of their own, made members of the office's role (GRANT phuong_a TO
// can_bo); each sees and changes the office's ward and nothing of another,
// through plain SQL and through the program, and the history names the
// staff member, not the office.
func TestAnOfficesStaffWorkUnderItsGrant(t *testing.T) {
	f := newScopeFixture(t)
	c := pgCluster(t)
	staff := f.roleA + "_can_bo"
	must(t, c.Exec(`CREATE ROLE `+staff+` LOGIN`))
	t.Cleanup(func() {
		c.Exec(`DROP OWNED BY ` + staff)
		c.Exec(`DROP ROLE IF EXISTS ` + staff)
	})
	// A role that belongs to no office sees nothing until it joins one.
	conn := f.as(t, staff)
	if _, err := write(conn, `SELECT COUNT(*) FROM members`); !refused(err, "permission denied") {
		t.Fatalf("a role of no office reads the members: %v", err)
	}
	must(t, c.Exec(`GRANT `+f.roleA+` TO `+staff))
	withStep(t, conn)
	for q, want := range map[string]int{
		`SELECT COUNT(*) FROM members`:                              2,
		`SELECT COUNT(*) FROM members WHERE id = ` + itoa(f.inB.ID): 0,
		`SELECT COUNT(*) FROM member_ratings`:                       2,
		`SELECT COUNT(*) FROM search WHERE rid % 4 = 0`:             2,
		`SELECT COUNT(*) FROM orgs`:                                 4,
	} {
		if got := count(t, conn, q); got != want {
			t.Errorf("as ward A's staff: %s = %d, want %d", q, got, want)
		}
	}
	if n, err := write(conn, `UPDATE members SET note = 'x' WHERE id = $1`, f.inB.ID); err != nil || n != 0 {
		t.Errorf("ward A's staff changed ward B's member: %d rows, %v", n, err)
	}
	if _, err := write(conn, `UPDATE members SET cell_id = `+itoa(f.cellB.ID)+` WHERE id = `+itoa(f.inA.ID)); !refused(err, `row-level security policy for table "members"`) {
		t.Errorf("ward A's staff moved a member to ward B: %v", err)
	}

	db, err := OpenPostgres(f.roleURL(staff))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	must(t, db.SetMemberRating(ctx, &domain.MemberRating{MemberID: f.inA.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelGood}}))
	if err := db.SetMemberRating(ctx, &domain.MemberRating{MemberID: f.inB.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelGood}}); err == nil {
		t.Error("ward A's staff rated ward B's member through the program")
	}
	if top, err := db.OwnScope(ctx); err != nil || top != f.ward.ID {
		t.Errorf("the staff's own part = %d, %v; want ward A (%d)", top, err, f.ward.ID)
	}
	var role string
	if err := f.db.read.QueryRowContext(ctx, `SELECT role FROM steps WHERE action = 'rating.member' ORDER BY id DESC LIMIT 1`).Scan(&role); err != nil || role != staff {
		t.Errorf("the step's role = %q, %v; want the staff member %q", role, err, staff)
	}
	// Taken out of the office, the staff member sees nothing of it.
	must(t, c.Exec(`REVOKE `+f.roleA+` FROM `+staff))
	if _, err := write(conn, `SELECT COUNT(*) FROM members`); !refused(err, "permission denied") {
		t.Errorf("a role taken out of the office still reads the members: %v", err)
	}
}

// TestAnOfficesSearchIsItsOwn: an office's search, through the program and
// through the server's functions as plain SQL, finds its members by name
// prefix, by words and with filters, and nothing of another ward; the two
// ways the server reads a scope (from the scope's own rows when small,
// from the index's matches when large) give the same rows.
func TestAnOfficesSearchIsItsOwn(t *testing.T) {
	f := newScopeFixture(t)
	wardA, err := OpenPostgres(f.roleURL(f.roleA))
	if err != nil {
		t.Fatal(err)
	}
	defer wardA.Close()
	names := func(query string) []string {
		t.Helper()
		q, err := domain.ParseSearch(query)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := wardA.Search(ctx, q, 20)
		if err != nil {
			t.Fatalf("search %q: %v", query, err)
		}
		var out []string
		for _, r := range rs {
			if r.Kind == "member" {
				out = append(out, r.Name)
			}
		}
		return out
	}
	for query, want := range map[string][]string{
		"tran van":                     {"Trần Văn An"},
		"an":                           {"Trần Văn An"},
		"le thi hai":                   {"Lê Thị Hai"},
		"pham van binh":                nil, // ward B's
		"binh":                         nil,
		"tran xeploai:httnv/2024":      {"Trần Văn An"},
		"pham xeploai:httnv/2024":      nil,
		"van trangthai:dang-sinh-hoat": {"Trần Văn An"},
	} {
		got := names(query)
		if !slices.Equal(got, want) {
			t.Errorf("ward A searches %q: %q, want %q", query, got, want)
		}
	}
	// The server's two ways, as plain SQL by the role itself.
	conn := f.as(t, f.roleA)
	rids := func(small string, q string) []int64 {
		t.Helper()
		return ids(t, conn, small, `SELECT r FROM xeploai_search_match($1::tsquery, current_user) AS r ORDER BY r`, q)
	}
	named := func(small, prefix string) []int64 {
		t.Helper()
		return ids(t, conn, small, `SELECT m FROM xeploai_members_named($1, $1 || U&'\+10FFFF', current_user, 50) AS m ORDER BY m`, prefix)
	}
	for _, prefix := range []string{"tran", "le thi", "pham", "", "x"} {
		small, large := named("1000000", prefix), named("0", prefix)
		if !slices.Equal(small, large) || slices.Contains(small, f.inB.ID) {
			t.Errorf("names from %q: a small scope's way gives %v, a large one's %v (ward B's member %d)", prefix, small, large, f.inB.ID)
		}
	}
	if got := named("0", "tran"); !slices.Equal(got, []int64{f.inA.ID}) {
		t.Errorf("names from tran: %v, want ward A's member %d", got, f.inA.ID)
	}
	for _, q := range []string{"tran:*", "van:*", "pham:*", "giay:* & khen:*", "chi:* & bo:*", "1001:*"} {
		small, large := rids("1000000", q), rids("0", q)
		if !slices.Equal(small, large) {
			t.Errorf("%s: a small scope's way gives %v, a large one's %v", q, small, large)
		}
		for _, r := range small {
			if r/4 == f.inB.ID && r%4 == 0 || r/4 == f.cellB.ID && r%4 == 1 || r/4 == f.wardB.ID && r%4 == 1 {
				t.Errorf("%s: ward A's search gives ward B's row %d", q, r)
			}
		}
		if q == "tran:*" && !slices.Contains(small, f.inA.ID*4) {
			t.Errorf("%s: ward A's member not found: %v", q, small)
		}
	}
}

// ids runs query (one argument) in a transaction of conn with the server's
// setting xeploai.small_scope set to small, and returns its one column.
func ids(t *testing.T, conn *sql.DB, small, query string, arg any) []int64 {
	t.Helper()
	tx, err := conn.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`SELECT set_config('xeploai.small_scope', $1, true)`, small); err != nil {
		t.Fatal(err)
	}
	rows, err := tx.Query(query, arg)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAnOfficeCannotRewriteTheHistoryNorTheDistrictsSettings: through plain
// SQL, an office's role cannot change when or by whom a step was written,
// nor remove a step that logged changes, nor write records outside a step
// of its own; and through the program and SQL alike it sets only its own
// office's settings, never the district's readings of the texts.
func TestAnOfficeCannotRewriteTheHistoryNorTheDistrictsSettings(t *testing.T) {
	f := newScopeFixture(t)
	wardA, err := OpenPostgres(f.roleURL(f.roleA))
	if err != nil {
		t.Fatal(err)
	}
	defer wardA.Close()
	must(t, wardA.SetMemberRating(ctx, &domain.MemberRating{MemberID: f.inA.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelGood}}))
	steps, err := wardA.Steps(ctx, 1)
	if err != nil || len(steps) != 1 {
		t.Fatalf("ward A's step: %v, %v", steps, err)
	}
	step := steps[0]

	conn := f.bare(t, f.roleA)
	// Writes outside a step of its own are refused, whatever the row.
	for _, q := range []string{
		`UPDATE members SET note = 'sửa bằng psql' WHERE id = ` + itoa(f.inA.ID),
		`DELETE FROM awards WHERE member_id = ` + itoa(f.inA.ID),
	} {
		_, err := write(conn, q)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Hint != "xeploai_step" {
			t.Errorf("%s with no step: %v", q, err)
		}
	}
	// Nor by claiming a bulk load, which only the owner writes unlogged.
	if _, err := conn.Exec(`SET xeploai.bulk = 'on'`); err != nil {
		t.Fatal(err)
	}
	if _, err := write(conn, `UPDATE member_ratings SET level = 'KHTNV' WHERE member_id = `+itoa(f.inA.ID)); err == nil {
		t.Error("a write with no step, claiming a bulk load, was taken")
	}
	if _, err := conn.Exec(`SET xeploai.bulk = ''`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(`SELECT set_config('xeploai.step', $1, false)`, itoa(step.ID-1)); err != nil {
		t.Fatal(err)
	}
	if _, err := write(conn, `UPDATE members SET note = 'x' WHERE id = `+itoa(f.inA.ID)); err == nil {
		t.Error("a write under another role's step was taken")
	}
	// A step keeps its time, author and action.
	if _, err := write(conn, `UPDATE steps SET who = 'Bí thư quận ủy', at = '2020-01-01 00:00:00', action = 'import', role = 'postgres' WHERE id = $1`, step.ID); err != nil {
		t.Fatal(err)
	}
	after, _ := wardA.Steps(ctx, 1)
	if len(after) != 1 || after[0].At != step.At || after[0].Who != step.Who || after[0].Action != step.Action || after[0].Role != step.Role {
		t.Errorf("the step was rewritten: %+v, was %+v", after, step)
	}
	// Nor can it be removed.
	if n, err := write(conn, `DELETE FROM steps WHERE role = current_user`); err != nil || n != 0 {
		t.Errorf("ward A deleted %d of its steps: %v", n, err)
	}
	if rs, _ := f.db.MemberRatings(ctx, f.inA.ID); len(rs) != 2 {
		t.Errorf("ratings after the attempts: %v", rs)
	}

	// Settings: the district's readings stay the owner's; the office's own
	// are its own.
	err = wardA.SetSetting(ctx, SettingQuotaDenominator, "good")
	if err == nil || !strings.Contains(err.Error(), "thiết lập chung") {
		t.Errorf("ward A sets the quota's denominator: %v", err)
	}
	if err := wardA.SetReviewDate(ctx, 2025, domain.NewDate(2025, 12, 1)); err == nil {
		t.Error("ward A set the year's review date")
	}
	if _, err := write(conn, `INSERT INTO settings (key, value) VALUES ('quota_denominator', 'good')
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`); !refused(err, "row-level security") {
		t.Errorf("ward A writes the district's setting by SQL: %v", err)
	}
	must(t, f.db.SetSetting(ctx, "heading.issuer", "QUẬN ỦY SƠN TRÀ"))
	must(t, wardA.SetSetting(ctx, "heading.issuer", "ĐẢNG ỦY PHƯỜNG AN HẢI BẮC"))
	if v, _ := wardA.Setting(ctx, "heading.issuer", ""); v != "ĐẢNG ỦY PHƯỜNG AN HẢI BẮC" {
		t.Errorf("ward A's heading %q", v)
	}
	if v, _ := f.db.Setting(ctx, "heading.issuer", ""); v != "QUẬN ỦY SƠN TRÀ" {
		t.Errorf("the district's heading %q", v)
	}
	wardB, err := OpenPostgres(f.roleURL(f.roleB))
	if err != nil {
		t.Fatal(err)
	}
	defer wardB.Close()
	if v, _ := wardB.Setting(ctx, "heading.issuer", ""); v != "QUẬN ỦY SƠN TRÀ" {
		t.Errorf("ward B's heading %q: another office's, or none", v)
	}
	if v, _ := wardB.Setting(ctx, SettingQuotaDenominator, "excellent+good"); v != "excellent+good" {
		t.Errorf("the quota's denominator %q", v)
	}
	// A backup (the whole database) is the owner's; an office exports its part.
	backup := filepath.Join(t.TempDir(), "phuong.db")
	if err := wardA.Backup(ctx, backup); err == nil || !strings.Contains(err.Error(), "chỉ người dùng chủ sở hữu") {
		t.Errorf("ward A's backup: %v", err)
	}
	if _, err := os.Stat(backup); !os.IsNotExist(err) {
		t.Errorf("a refused backup left %s: %v", backup, err)
	}

	// An office's write in a step of its own is logged, even claiming a
	// bulk load.
	bulk := f.as(t, f.roleA)
	if _, err := bulk.Exec(`SET xeploai.bulk = 'on'`); err != nil {
		t.Fatal(err)
	}
	if n, err := write(bulk, `UPDATE member_ratings SET note = 'lô' WHERE member_id = `+itoa(f.inA.ID)+` AND year = 2025`); err != nil || n != 1 {
		t.Fatalf("a write in a step of its own: %d, %v", n, err)
	}
	if n := count(t, f.bare(t, "postgres"), `SELECT COUNT(*) FROM changes WHERE tbl = 'member_ratings' AND new LIKE '%"note":"lô"%'`); n != 1 {
		t.Errorf("an office's write claiming a bulk load was logged %d times, want once", n)
	}
}

// TestAnOfficeReportsItsOwnPart: an office's summary and check name its own
// part when no organisation is given, and refuse an organisation above it
// (whose figures it cannot see whole) rather than report its own part
// under the district's name.
func TestAnOfficeReportsItsOwnPart(t *testing.T) {
	f := newScopeFixture(t)
	wardA, err := OpenPostgres(f.roleURL(f.roleA))
	if err != nil {
		t.Fatal(err)
	}
	defer wardA.Close()
	s, err := wardA.Summary(ctx, 2024, 0)
	if err != nil || s.Org != f.ward.Name {
		t.Fatalf("ward A's summary: %+v, %v", s, err)
	}
	if _, err := wardA.Summary(ctx, 2024, f.top.ID); err == nil || !strings.Contains(err.Error(), "nằm trên phần được cấp") {
		t.Errorf("ward A's summary of the district: %v", err)
	}
	if _, err := wardA.CheckInput(ctx, 2024, f.top.ID); err == nil || !strings.Contains(err.Error(), "nằm trên phần được cấp") {
		t.Errorf("ward A's check of the district: %v", err)
	}
	if in, err := wardA.CheckInput(ctx, 2024, f.cell1.ID); err != nil || in.Scope != f.cell1.ID {
		t.Errorf("ward A's check of its cell: %v", err)
	}
	// The owner reports any organisation.
	if s, err := f.db.Summary(ctx, 2024, f.top.ID); err != nil || s.Org != f.top.Name {
		t.Errorf("the owner's summary of the district: %v", err)
	}
}

// TestAnOfficesDryRunSaysWhatTheServerWouldRefuse: an office's plan of an
// import that adds an organisation above its part, or changes a member of
// a part it may only see, lists the error at the file's row, as the real
// import would be refused — not a dry run that promises success.
func TestAnOfficesDryRunSaysWhatTheServerWouldRefuse(t *testing.T) {
	f := newScopeFixture(t)
	for _, c := range []struct {
		role string
		b    domain.Batch
		want string
	}{
		{f.roleA, domain.Batch{Orgs: []domain.OrgRow{{Src: domain.RowSource{Sheet: "Tổ chức", Row: 7},
			Org: domain.Org{Name: "Đảng bộ phường Mới", Kind: domain.KindGrassrootsCommittee}, Parent: f.top.Code}}},
			"Tổ chức, dòng 7, cột Tên tổ chức: tổ chức mới Đảng bộ phường Mới: tổ chức cấp trên của nó nằm ngoài phần người dùng này được sửa"},
		{f.roleRO, domain.Batch{Members: []domain.MemberRow{{Src: domain.RowSource{Sheet: "Đảng viên", Row: 3},
			Member: domain.Member{FullName: "Nguyễn Văn Mới", BirthDate: domain.NewDate(1990, 3, 2), AdmittedOn: domain.NewDate(2015, 5, 4)},
			Cell:   domain.OrgRef{Ref: f.cell1.Code}}}},
			"Đảng viên, dòng 3, cột Chi bộ: Nguyễn Văn Mới: chi bộ của đảng viên người dùng này chỉ được xem phần này"},
	} {
		db, err := OpenPostgres(f.roleURL(c.role))
		if err != nil {
			t.Fatal(err)
		}
		p, err := db.PlanImport(ctx, &c.b)
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range p.Report().Errors {
			got = append(got, e.Loc.String()+": "+e.Message)
		}
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, c.want) }) {
			t.Errorf("%s's plan: %q, want %q", c.role, got, c.want)
		}
	}
}

// TestAReadOnlyGrantOpensViewOnly: a role whose every grant is read-only
// opens the database view-only (the window says so); one that may write
// does not.
func TestAReadOnlyGrantOpensViewOnly(t *testing.T) {
	f := newScopeFixture(t)
	for role, want := range map[string]bool{f.roleRO: true, f.roleA: false} {
		db, err := OpenPostgres(f.roleURL(role))
		if err != nil {
			t.Fatal(err)
		}
		if got := db.ReadOnly(); got != want {
			t.Errorf("%s opens read-only: %v, want %v", role, got, want)
		}
		db.Close()
	}
	if f.db.ReadOnly() {
		t.Error("the owner opens read-only")
	}
}

// TestGrantsMadeBeforeTheScopeTableHold: a server whose offices were
// granted by an earlier version (before migration 0014 kept each grant's
// organisations in a table) gives each office the same part once the new
// version has opened it. The earlier server is made as that version made
// it, in plain SQL at schema 13.
func TestGrantsMadeBeforeTheScopeTableHold(t *testing.T) {
	c := pgCluster(t)
	roleA, roleB := fmt.Sprintf("up14_%d_a", os.Getpid()), fmt.Sprintf("up14_%d_b", os.Getpid())
	t.Cleanup(func() { // after the database is dropped (cleanups run last first)
		for _, r := range []string{roleA, roleB} {
			if err := c.Exec(`DROP ROLE IF EXISTS ` + r); err != nil {
				t.Error(err)
			}
		}
	})
	template, all := c.Template, pgMigrations
	c.Template, pgMigrations = "", pgMigrations[:13]
	old, u := func() (*DB, string) {
		defer func() { c.Template, pgMigrations = template, all }()
		return openPGAt(t)
	}()
	for _, r := range []string{roleA, roleB} {
		must(t, c.Exec(`CREATE ROLE `+r+` LOGIN`))
	}
	admin, err := sql.Open("pgx", u)
	must(t, err)
	defer admin.Close()
	id := func(q string, args ...any) int64 {
		var id int64
		if err := admin.QueryRow(q+` RETURNING id`, args...).Scan(&id); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return id
	}
	org := `INSERT INTO orgs (name, name_fold, kind, parent_id) VALUES ($1, $1, $2, $3)`
	top := id(`INSERT INTO orgs (name, name_fold, kind) VALUES ('quan', 'quan', 'superior')`)
	wardA := id(org, "phuong a", "grassroots_committee", top)
	wardB := id(org, "phuong b", "grassroots_committee", top)
	cellA := id(org, "chi bo a", "cell", wardA)
	id(org, "chi bo b", "cell", wardB)
	inA := id(`INSERT INTO members (full_name, name_fold, birth_date, admitted_on, cell_id) VALUES ('An', 'an', '1970-01-01', '2000-01-01', $1)`, cellA)
	if _, err := admin.Exec(`INSERT INTO member_ratings (member_id, year, org_id, level) VALUES ($1, 2024, $2, 'HTTNV')`, inA, cellA); err != nil {
		t.Fatal(err)
	}
	must(t, old.rawTx(ctx, func(tx *sql.Tx) error {
		for r, ward := range map[string]int64{roleA: wardA, roleB: wardB} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO scopes (role, org_id) VALUES (?, ?)`, r, ward); err != nil {
				return err
			}
			if err := postgres.GrantRights(ctx, tx, r); err != nil {
				return err
			}
		}
		return nil
	}))
	old.Close()

	// The new version opens it.
	db, err := OpenPostgres(u)
	must(t, err)
	db.Close()
	as := func(role string) *sql.DB {
		conn, err := sql.Open("pgx", strings.Replace(u, "postgres://postgres@", "postgres://"+role+"@", 1))
		must(t, err)
		conn.SetMaxOpenConns(1)
		t.Cleanup(func() { conn.Close() })
		withStep(t, conn)
		return conn
	}
	a, b := as(roleA), as(roleB)
	seen := `SELECT COUNT(*) FROM members WHERE id = $1`
	if n := count(t, a, seen, inA); n != 1 {
		t.Errorf("after the upgrade, ward A sees %d of its member", n)
	}
	if n := count(t, b, seen, inA); n != 0 {
		t.Errorf("after the upgrade, ward B sees %d of ward A's member", n)
	}
	if n, err := write(a, `UPDATE member_ratings SET note = 'x' WHERE member_id = $1`, inA); err != nil || n != 1 {
		t.Errorf("after the upgrade, ward A changes its member's rating: %d, %v", n, err)
	}
	if n, err := write(b, `UPDATE member_ratings SET note = 'y' WHERE member_id = $1`, inA); err != nil || n != 0 {
		t.Errorf("after the upgrade, ward B changes ward A's rating: %d, %v", n, err)
	}
	scopesAsGranted(t, admin)
}

// TestAnOfficesExportSaysWhatItLeavesOut: a member who came to ward A from
// ward B keeps the rating and the membership of ward B's cell, which ward
// A's role cannot see: its export (its own backup) says it leaves them out.
func TestAnOfficesExportSaysWhatItLeavesOut(t *testing.T) {
	f := newScopeFixture(t)
	must(t, f.db.TransferMember(ctx, f.inB.ID, f.cell1.ID, domain.NewDate(2025, 3, 1)))
	wardA, err := OpenPostgres(f.roleURL(f.roleA))
	must(t, err)
	defer wardA.Close()
	must(t, wardA.View(ctx, 0, func(s *Snapshot) error {
		r, ms, err := s.LeftOut()
		if r < 1 || ms < 1 {
			t.Errorf("ward A's export leaves out %d ratings and %d memberships of the member from ward B, want at least 1 each", r, ms)
		}
		return err
	}))
	must(t, f.db.View(ctx, 0, func(s *Snapshot) error {
		r, ms, err := s.LeftOut()
		if r != 0 || ms != 0 {
			t.Errorf("the owner's whole export leaves out %d ratings and %d memberships", r, ms)
		}
		return err
	}))
}

// TestAnOfficesPastReportSaysWhatLeftItsPart: a cell moved out of a ward
// and a member transferred out after 2024 took their 2024 ratings out of
// the ward's sight; the ward's report of 2024 says how many it cannot
// count (the owner's counts them, and says nothing), that of a single cell
// or of this year says nothing.
func TestAnOfficesPastReportSaysWhatLeftItsPart(t *testing.T) {
	f := newScopeFixture(t)
	wardA, err := OpenPostgres(f.roleURL(f.roleA))
	if err != nil {
		t.Fatal(err)
	}
	defer wardA.Close()
	before, err := wardA.Summary(ctx, 2024, 0)
	if err != nil || before.Left != (domain.PartLeft{Year: 2024}) || before.Left.Note() != "" {
		t.Fatalf("before anything left: %+v, %v", before.Left, err)
	}
	must(t, f.db.MoveOrg(ctx, f.cell2.ID, f.wardB.ID, domain.NewDate(2025, 3, 1)))
	must(t, f.db.TransferMember(ctx, f.inA.ID, f.cellB.ID, domain.NewDate(2025, 4, 1)))
	s, err := wardA.Summary(ctx, 2024, 0)
	if err != nil {
		t.Fatal(err)
	}
	if s.Left != (domain.PartLeft{Year: 2024, Orgs: 1, Ratings: 2}) {
		t.Errorf("the ward's report of 2024 leaves out %+v, want the cell moved and both members' ratings", s.Left)
	}
	if n := s.Left.Note(); !strings.Contains(n, "1 tổ chức đã chuyển sang nơi khác sau 31/12/2024") || !strings.Contains(n, "2 kết quả xếp loại đảng viên năm 2024") {
		t.Errorf("note %q", n)
	}
	if owner, err := f.db.Summary(ctx, 2024, 0); err != nil || owner.Left.Note() != "" {
		t.Errorf("the owner's report: %+v, %v", owner.Left, err)
	}
	if cell, err := wardA.Summary(ctx, 2024, f.cell1.ID); err != nil || cell.Left.Note() != "" {
		t.Errorf("a cell's report: %+v, %v", cell.Left, err)
	}
	this := domain.Today().Year
	if cur, err := wardA.Summary(ctx, this, 0); err != nil || cur.Left.Note() != "" {
		t.Errorf("this year's report: %+v, %v", cur.Left, err)
	}
}
