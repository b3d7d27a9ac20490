package exchange_test

import (
	"fmt"
	"testing"

	"xeploai/store"
	"xeploai/store/pgtest"
)

// BenchmarkImportDistrictPG is BenchmarkImportDistrict on a PostgreSQL
// server on the same machine (make bench-pg): the district workbook imported
// into an empty server database, then again into the same one (nothing
// changes), against excelize's reading of the same file; the target is at
// most 3× the read. The cluster is the benchmark's own (store/pgtest), set
// as a stock server: fsync, synchronous commits and full page writes on, a
// 128 MB cache. No silent skip: when no server can start, it fails saying
// why.
func BenchmarkImportDistrictPG(b *testing.B) {
	path := districtWorkbook(b)
	c, err := pgtest.StartWith(pgtest.Options{Settings: []string{"fsync=on", "synchronous_commit=on", "full_page_writes=on", "shared_buffers=128MB"}})
	if err != nil {
		b.Fatalf("the server benchmark needs a PostgreSQL server: %v", err)
	}
	b.Cleanup(func() {
		if err := c.Stop(); err != nil {
			b.Error(err)
		}
	})
	benchImport(b, path, func(round int) *store.DB {
		name := fmt.Sprint("import", round)
		if err := c.Exec(`CREATE DATABASE ` + name); err != nil {
			b.Fatal(err)
		}
		db, err := store.OpenPostgres(c.URL(name))
		if err != nil {
			b.Fatal(err)
		}
		return db
	})
}
