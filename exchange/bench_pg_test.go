package exchange_test

import (
	"fmt"
	"testing"
	"time"

	"xeploai/exchange"
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
	var floor, first, again []time.Duration
	rows := 0
	for b.Loop() {
		d, n := readWithExcelize(b, path)
		floor, rows = append(floor, d), n
		name := fmt.Sprint("import", len(first))
		if err := c.Exec(`CREATE DATABASE ` + name); err != nil {
			b.Fatal(err)
		}
		db, err := store.OpenPostgres(c.URL(name))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := exchange.Import(ctx, db, []string{path}, exchange.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		first = append(first, time.Since(start))
		start = time.Now()
		rep, err := exchange.Import(ctx, db, []string{path}, exchange.ImportOptions{})
		if err != nil || rep.Writes() {
			b.Fatalf("re-import: %v, writes %v", err, rep.Writes())
		}
		again = append(again, time.Since(start))
		db.Close()
	}
	f, i, a := median(floor), median(first), median(again)
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(f.Seconds(), "excelize-read-s")
	b.ReportMetric(i.Seconds(), "import-s")
	b.ReportMetric(a.Seconds(), "reimport-s")
	b.ReportMetric(i.Seconds()/f.Seconds(), "import/read")
	b.ReportMetric(a.Seconds()/f.Seconds(), "reimport/read")
}
