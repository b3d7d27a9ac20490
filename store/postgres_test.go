package store

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"xeploai/domain"
	"xeploai/store/postgres"
)

// TestPasswordFileConnects keeps a password as the connect dialog does and
// connects with it: the line replaced, not added again, other lines kept,
// the file readable by its owner only, and ':' and '\' in a password kept.
func TestPasswordFileConnects(t *testing.T) {
	c := pgCluster(t)
	pass := filepath.Join(t.TempDir(), "pgpass")
	t.Setenv("PGPASSFILE", pass)
	t.Setenv("PGPASSWORD", "")
	os.WriteFile(pass, []byte("may-khac:5432:*:ai_do:bi-mat\n"), 0o600)
	if err := c.RequirePassword("luu_mk", `mat:khau\1`); err != nil {
		t.Fatal(err)
	}
	if err := c.Exec(`CREATE DATABASE kho_mk OWNER luu_mk`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Exec(`DROP DATABASE kho_mk WITH (FORCE)`)
		c.Exec(`DROP ROLE luu_mk`)
	})
	if _, err := postgres.SavePassword(c.Dir(), "5432", "kho_mk", "luu_mk", "cu"); err != nil {
		t.Fatal(err)
	}
	got, err := postgres.SavePassword(c.Dir(), "5432", "kho_mk", "luu_mk", `mat:khau\1`)
	if err != nil || got != pass {
		t.Fatalf("SavePassword = %q, %v", got, err)
	}
	b, _ := os.ReadFile(pass)
	if want := "may-khac:5432:*:ai_do:bi-mat\nlocalhost:5432:kho_mk:luu_mk:mat\\:khau\\\\1\n"; string(b) != want {
		t.Errorf("password file:\n%s\nwant\n%s", b, want)
	}
	if st, _ := os.Stat(pass); st.Mode().Perm() != 0o600 {
		t.Errorf("password file mode %v", st.Mode().Perm())
	}
	u := postgres.ServerURL(c.Dir(), "5432", "kho_mk", "luu_mk", "disable")
	if strings.Contains(u, "mat") {
		t.Errorf("the address holds the password: %s", u)
	}
	db, err := OpenPostgres(u)
	if err != nil {
		t.Fatalf("connect with the kept password: %v", err)
	}
	db.Close()
}

// TestLostConnectionsAreMadeAgain: the server drops every connection (it
// restarted); the window's next reads work — the tree, the members, a
// rating — without starting the program again.
func TestLostConnectionsAreMadeAgain(t *testing.T) {
	c := pgCluster(t)
	db := openPG(t)
	org := &domain.Org{Name: "Đảng bộ phường Mân Thái", Kind: domain.KindGrassrootsCommittee}
	if err := db.CreateOrg(ctx, org); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Tree(ctx, domain.Date{}); err != nil {
		t.Fatal(err)
	}
	var name string
	if err := db.read.QueryRowContext(ctx, `SELECT current_database()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	if err := c.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '` + name + `'`); err != nil {
		t.Fatal(err)
	}
	// The user's next click comes a moment later (the pool checks an idle
	// connection that has waited over a second before using it again).
	time.Sleep(1100 * time.Millisecond)
	for i := 0; i < 3; i++ {
		if _, err := db.Tree(ctx, domain.Date{}); err != nil {
			t.Fatalf("the tree after the connections were lost (%d): %v", i, err)
		}
		if _, err := db.Orgs(ctx); err != nil {
			t.Fatalf("the organisations after the connections were lost (%d): %v", i, err)
		}
	}
}

// TestServerErrorsSaidInVietnamese: a connection lost, a database needing
// an upgrade only its owner may make, and a socket refusing a role not
// named as this PC's user each say what happened and what to do.
func TestServerErrorsSaidInVietnamese(t *testing.T) {
	cfg, err := pgx.ParseConfig("postgres://phuong_a@may-chu:5432/xeploai")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		err  error
		want string
	}{
		{driver.ErrBadConn, "mất kết nối tới máy chủ may-chu:5432 (máy chủ khởi động lại hoặc mạng bị ngắt); chưa có gì được ghi — hãy thử lại"},
		{fmt.Errorf("migration migrations/0006_search_words.sql: %w", &pgconn.PgError{Code: "42501", Message: "must be owner of table members"}),
			`cơ sở dữ liệu "xeploai" trên máy chủ may-chu:5432 cần được nâng cấp cho phiên bản xeploai này`},
		{&pgconn.PgError{Code: "28000", Message: `Peer authentication failed for user "phuong_a"`}, "(xác thực peer)"},
	} {
		if got := postgres.Explain("", cfg, c.err); got == nil || !strings.Contains(got.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.err, got, c.want)
		}
	}
}

// TestAWriteWaitingForAnotherOfficeGivesUp: while another office holds the
// server's write lock (a long import), a write waits a while, then is
// refused as busy in Vietnamese, having written nothing — a window does not
// hang for the length of the other's import; once the lock is free, it
// goes through.
func TestAWriteWaitingForAnotherOfficeGivesUp(t *testing.T) {
	defer func(w time.Duration) { postgres.LockWait = w }(postgres.LockWait)
	postgres.LockWait = 300 * time.Millisecond
	a, u := openPGAt(t)
	b, err := OpenPostgres(u)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	org := &domain.Org{Name: "Đảng bộ phường Mân Thái", Kind: domain.KindGrassrootsCommittee}
	must(t, a.CreateOrg(ctx, org))
	holding, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- a.rawTx(ctx, func(tx *sql.Tx) error {
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	start := time.Now()
	err = b.RenameOrg(ctx, org.ID, "Đảng bộ phường Mân Thái (mới)", domain.Date{})
	if domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(err.Error(), "đang bận") || time.Since(start) > 5*time.Second {
		t.Errorf("a write behind another's lock: %v after %v", err, time.Since(start))
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if o, _ := b.Org(ctx, org.ID); o == nil || o.Name != "Đảng bộ phường Mân Thái" {
		t.Errorf("the refused rename wrote: %+v", o)
	}
	must(t, b.RenameOrg(ctx, org.ID, "Đảng bộ phường Mân Thái (mới)", domain.Date{}))
}
