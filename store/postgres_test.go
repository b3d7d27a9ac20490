package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	if _, err := SavePassword(c.Dir(), "5432", "kho_mk", "luu_mk", "cu"); err != nil {
		t.Fatal(err)
	}
	got, err := SavePassword(c.Dir(), "5432", "kho_mk", "luu_mk", `mat:khau\1`)
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
	u := ServerURL(c.Dir(), "5432", "kho_mk", "luu_mk", "disable")
	if strings.Contains(u, "mat") {
		t.Errorf("the address holds the password: %s", u)
	}
	db, err := OpenPostgres(u)
	if err != nil {
		t.Fatalf("connect with the kept password: %v", err)
	}
	db.Close()
}
