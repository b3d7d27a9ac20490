package exchange_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"xeploai/demo"
	"xeploai/domain"
	"xeploai/exchange"
	"xeploai/store"
)

// districtWorkbook writes a workbook shaped like the district's of issue 13
// (5,128 members, 24,845 member ratings, 1,555 organisation ratings, 10,235
// awards): the demo's 5,000 members over five years, with a certificate or
// a merit for about every other member in each of the last four years.
func districtWorkbook(b *testing.B) string {
	b.Helper()
	db := openDB(b, "district.db")
	if _, err := demo.Fill(ctx, db, demo.Options{Members: 5000, From: from, To: to, Seed: 13}); err != nil {
		b.Fatal(err)
	}
	ms, err := db.Members(ctx, store.MemberQuery{Limit: 10_000})
	if err != nil {
		b.Fatal(err)
	}
	err = db.BulkLoad(ctx, func(bl *store.Bulk) error {
		for i, m := range ms {
			for y := to - 3; y <= to; y++ {
				if (i+y)%2 != 0 || m.AdmittedOn.Year >= y {
					continue
				}
				a := domain.Award{MemberID: m.ID, Form: domain.FormCertificate, Year: y + 1, Content: fmt.Sprintf("Hoàn thành tốt nhiệm vụ năm %d", y),
					DecisionNo: fmt.Sprintf("%d-QĐ/ĐU", 10+i%90), DecisionDate: domain.NewDate(y+1, 1, 15), Issuer: "Đảng ủy phường"}
				if i%7 == 0 {
					a.Form = domain.FormMerit
				}
				if err := bl.Award(&a); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return exportXLSX(b, db, 0)
}

// readWithExcelize reads every row of every sheet with excelize, as issue
// 13 measured the floor: the time a good library takes just to read the
// file.
func readWithExcelize(b *testing.B, path string) (time.Duration, int) {
	start := time.Now()
	f, err := excelize.OpenFile(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	n := 0
	for _, s := range f.GetSheetList() {
		rows, err := f.Rows(s)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			if _, err := rows.Columns(); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
	}
	return time.Since(start), n
}

func median(ds []time.Duration) time.Duration {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

// BenchmarkImportDistrict imports the district workbook into an empty
// database, then again into the same one (nothing changes), and reports
// both against excelize's reading of the same file: the import's target is
// at most twice the read, a re-import at most one and a half times.
func BenchmarkImportDistrict(b *testing.B) {
	path := districtWorkbook(b)
	benchImport(b, path, func(round int) *store.DB {
		db, err := store.Open(filepath.Join(b.TempDir(), fmt.Sprint("import", round, ".db")))
		if err != nil {
			b.Fatal(err)
		}
		return db
	})
}

// benchImport imports the workbook at path into an empty database from
// open each round, then again into the same one, and reports both against
// excelize's reading of the file (median of the rounds).
func benchImport(b *testing.B, path string, open func(round int) *store.DB) {
	var floor, first, again []time.Duration
	rows := 0
	for b.Loop() {
		d, n := readWithExcelize(b, path)
		floor, rows = append(floor, d), n
		db := open(len(first))
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

// BenchmarkRoundTrip100k is the round-trip property at 100,000 members:
// export, import into an empty database, export again gives the same
// workbook and CSV files, and every year's summary, findings and candidate
// lists are the original's. It reports each step's time.
func BenchmarkRoundTrip100k(b *testing.B) {
	orig := openDB(b, "orig.db")
	if _, err := demo.Fill(ctx, orig, demo.Options{Members: 100_000, From: from, To: to, Seed: 21}); err != nil {
		b.Fatal(err)
	}
	want := figures(b, orig)
	var exp, imp, csvImp []time.Duration
	for b.Loop() {
		start := time.Now()
		first := exportXLSX(b, orig, 0)
		exp = append(exp, time.Since(start))
		copy1 := openDB(b, "copy.db")
		start = time.Now()
		importInto(b, copy1, first)
		imp = append(imp, time.Since(start))
		if !bytes.Equal(read(b, first), read(b, exportXLSX(b, copy1, 0))) {
			b.Error("the workbook exported from the copy differs from the original's")
		}
		sameFigures(b, want, figures(b, copy1))
		dir := exportCSV(b, orig)
		copy2 := openDB(b, "copy2.db")
		start = time.Now()
		importInto(b, copy2, csvFiles(dir)...)
		csvImp = append(csvImp, time.Since(start))
		again := exportCSV(b, copy2)
		for _, f := range csvFiles(dir) {
			if !bytes.Equal(read(b, f), read(b, filepath.Join(again, filepath.Base(f)))) {
				b.Errorf("%s exported from the CSV copy differs", filepath.Base(f))
			}
		}
		sameFigures(b, want, figures(b, copy2))
	}
	b.ReportMetric(median(exp).Seconds(), "export-xlsx-s")
	b.ReportMetric(median(imp).Seconds(), "import-xlsx-s")
	b.ReportMetric(median(csvImp).Seconds(), "import-csv-s")
}
