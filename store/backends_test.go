package store

import (
	"os"
	"strings"
	"sync"
	"testing"

	"xeploai/store/pgtest"
)

// The conformance suite: every test of what the store does (not of how an
// SQLite file is opened, backed up or restored) runs on both databases, as
// the subtests sqlite and postgres, through onBoth; openTemp gives each a
// fresh database of the subtest's backend (a PostgreSQL one cloned from a
// migrated template on a throwaway cluster, see pgtest).

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// onBoth runs test on SQLite and on PostgreSQL.
func onBoth(t *testing.T, test func(t *testing.T)) {
	t.Helper()
	t.Run("sqlite", test)
	t.Run("postgres", test)
}

// onPostgres reports whether t runs under onBoth's postgres subtest.
func onPostgres(t *testing.T) bool {
	parts := strings.Split(t.Name(), "/")
	return len(parts) > 1 && parts[1] == "postgres"
}

var (
	templateOnce sync.Once
	templateErr  error
)

// pgCluster is the test process's cluster, its template database migrated.
func pgCluster(t *testing.T) *pgtest.Cluster {
	t.Helper()
	c, err := pgtest.Shared()
	if err != nil {
		t.Fatalf("the PostgreSQL tests need a server and none could be started: %v", err)
	}
	templateOnce.Do(func() {
		if templateErr = c.Exec(`CREATE DATABASE xeploai_template`); templateErr != nil {
			return
		}
		db, err := OpenPostgres(c.URL("xeploai_template"))
		if err != nil {
			templateErr = err
			return
		}
		templateErr = db.Close()
		c.Template = "xeploai_template"
	})
	if templateErr != nil {
		t.Fatalf("the PostgreSQL template database: %v", templateErr)
	}
	return c
}

// openPG opens a fresh database on the test cluster, dropped after the test.
func openPG(t *testing.T) *DB {
	t.Helper()
	db, _ := openPGAt(t)
	return db
}

// openPGAt is openPG, with the database's address.
func openPGAt(t *testing.T) (*DB, string) {
	t.Helper()
	c := pgCluster(t)
	u, err := c.NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	db, err := OpenPostgres(u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		if err := c.DropDatabase(u); err != nil {
			t.Error(err)
		}
	})
	return db, u
}
