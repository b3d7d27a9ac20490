package postgres

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRebind: the store's queries, written with SQLite's placeholders, reach
// the server numbered as SQLite numbers them, and text that only looks like
// a placeholder is left alone.
func TestRebind(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT * FROM members WHERE id = ?`, `SELECT * FROM members WHERE id = $1`},
		{`UPDATE m SET a = ?, b = ? WHERE id = ?`, `UPDATE m SET a = $1, b = $2 WHERE id = $3`},
		// ?N as SQLite reads it, and a bare ? after it is one above the highest.
		{`SELECT ?2, ?1, ?`, `SELECT $2, $1, $3`},
		{`SELECT name FROM orgs WHERE name = '?' AND code = ?`, `SELECT name FROM orgs WHERE name = '?' AND code = $1`},
		{`SELECT 'it''s ?' || ?`, `SELECT 'it''s ?' || $1`},
		{`SELECT "odd?col" FROM t WHERE x = ?`, `SELECT "odd?col" FROM t WHERE x = $1`},
		{"SELECT 1 -- why?\nWHERE x = ?", "SELECT 1 -- why?\nWHERE x = $1"},
		{`CREATE FUNCTION f() RETURNS int AS $$ SELECT ? $$ LANGUAGE sql; SELECT ?`, `CREATE FUNCTION f() RETURNS int AS $$ SELECT ? $$ LANGUAGE sql; SELECT $1`},
		{`SELECT $fn$ a ? b $fn$, ?`, `SELECT $fn$ a ? b $fn$, $1`},
		{`PRAGMA defer_foreign_keys = ON`, `SET CONSTRAINTS ALL DEFERRED`},
		{`SELECT 'unclosed ?`, `SELECT 'unclosed ?`},
	} {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestAddresses: a server's address is told from a file's path, and shown
// without its password.
func TestAddresses(t *testing.T) {
	for _, c := range []struct {
		in     string
		server bool
		shown  string
	}{
		{"postgres://quan@may-chu:5432/xeploai?sslmode=require", true, "postgres://quan@may-chu:5432/xeploai?sslmode=require"},
		{"  PostgreSQL://quan:bi-mat@may-chu/xeploai", true, "postgresql://quan@may-chu/xeploai"},
		{"/home/quan/xeploai.db", false, "/home/quan/xeploai.db"},
		{`C:\Users\quan\xeploai.db`, false, `C:\Users\quan\xeploai.db`},
		{"postgres.db", false, "postgres.db"},
	} {
		if got := IsURL(c.in); got != c.server {
			t.Errorf("IsURL(%q) = %v, want %v", c.in, got, c.server)
		}
		if got := Redact(c.in); got != c.shown {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.shown)
		}
	}
}

// TestAnExposedPasswordFileIsSaid: a password file others may read is
// named with how to close it; one only its owner reads is not.
func TestAnExposedPasswordFileIsSaid(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pgpass")
	t.Setenv("PGPASSFILE", p)
	if w := PasswordFileExposed(); w != "" {
		t.Errorf("no file: %q", w)
	}
	os.WriteFile(p, []byte("may-chu:5432:xeploai:phuong_a:mk\n"), 0o600)
	if w := PasswordFileExposed(); w != "" {
		t.Errorf("0600: %q", w)
	}
	os.Chmod(p, 0o644)
	if w := PasswordFileExposed(); !strings.Contains(w, p) || !strings.Contains(w, "chmod 600") {
		t.Errorf("0644: %q", w)
	}
}
