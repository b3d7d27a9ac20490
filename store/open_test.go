package store

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sqliteFile makes an SQLite file by running stmts with a plain connection,
// as another program would.
func sqliteFile(t *testing.T, stmts string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "other.db")
	c, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(stmts); err != nil {
		t.Fatal(err)
	}
	c.Close()
	return p
}

// TestAnotherProgramsDatabaseIsRefusedUntouched: an SQLite file without
// xeploai's mark is refused, byte for byte untouched, with nothing made
// beside it (no WAL switch, no schema) — also when its tables clash with ours.
func TestAnotherProgramsDatabaseIsRefusedUntouched(t *testing.T) {
	for _, c := range []struct{ name, stmts string }{
		{"a table of its own", `CREATE TABLE t(a); INSERT INTO t VALUES (1)`},
		{"a table named like ours", `CREATE TABLE members(x)`},
		{"another program's mark", `PRAGMA application_id = 1234; CREATE TABLE t(a)`},
		{"another program in WAL mode", `PRAGMA journal_mode = WAL; CREATE TABLE t(a)`},
		{"a migrations table like ours", `CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT);
			INSERT INTO schema_migrations(version, name) VALUES (1, 'migrations/0001_init.sql'); CREATE TABLE notes(x); INSERT INTO notes VALUES ('quý')`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := sqliteFile(t, c.stmts)
			before, _ := os.ReadFile(p)
			entries, _ := os.ReadDir(filepath.Dir(p))
			db, err := Open(p)
			if err == nil {
				db.Close()
				t.Fatal("opened another program's database")
			}
			if !errors.Is(err, ErrForeign) || !strings.Contains(err.Error(), "chương trình khác") || !strings.Contains(err.Error(), p) {
				t.Errorf("message: %v", err)
			}
			if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
				t.Error("the file changed")
			}
			if now, _ := os.ReadDir(filepath.Dir(p)); len(now) != len(entries) {
				t.Errorf("files made beside it: %d before, %d after", len(entries), len(now))
			}
		})
	}
}

// TestDatabasesAreMarked: a new database carries the mark; one made before
// the mark (no application_id, our migrations) is opened and marked; an
// SQLite file with no schema at all is taken as new.
func TestDatabasesAreMarked(t *testing.T) {
	appID := func(p string) uint32 {
		b, _ := os.ReadFile(p)
		return binary.BigEndian.Uint32(b[68:72])
	}
	db := openTemp(t)
	p := db.Path()
	db.Close()
	if got := appID(p); got != AppID {
		t.Fatalf("new database's application_id %x", got)
	}
	// As a version before the mark left it.
	c, _ := sql.Open("sqlite", p)
	c.Exec(`PRAGMA application_id = 0`)
	c.Close()
	if appID(p) != 0 {
		t.Fatal("could not clear the mark")
	}
	db, err := Open(p)
	if err != nil {
		t.Fatalf("a database from before the mark: %v", err)
	}
	db.Close()
	if got := appID(p); got != AppID {
		t.Errorf("not marked on open: %x", got)
	}
	empty := sqliteFile(t, `CREATE TABLE t(a); DROP TABLE t`)
	db, err = Open(empty)
	if err != nil {
		t.Fatalf("an SQLite file with no schema: %v", err)
	}
	db.Close()
}

// TestOpenWithoutCreating: where no database is, a caller that must not
// create one gets ErrMissing and nothing is made; devices and folders are
// refused (no /dev/null-journal either).
func TestOpenWithoutCreating(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sub", "x.db")
	if _, err := OpenWith(p, Options{ReadOnly: true}); !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), p) {
		t.Errorf("missing: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(p)); !errors.Is(err, os.ErrNotExist) {
		t.Error("its folder was made")
	}
	for _, p := range []string{"/dev/null", t.TempDir(), ""} {
		if db, err := Open(p); err == nil {
			db.Close()
			t.Errorf("opened %q", p)
		}
	}
	if _, err := os.Stat("/dev/null-journal"); err == nil {
		t.Error("/dev/null-journal exists")
	}
}
