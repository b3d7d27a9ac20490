package exchange_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"xeploai/domain"
	"xeploai/store"
	"xeploai/store/pgtest"
)

// TestMain stops the PostgreSQL cluster a test may have started.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestRoundTripThroughAServer is TestRoundTripOfEveryRecord with a shared
// server's database as the copy: a demo that holds every kind of record,
// exported, imported into an empty server database, exported again, gives
// the same workbook and the same CSV files, byte for byte, and every year's
// figures; importing it again changes nothing; one ward's part exported from
// the server is the file's.
func TestRoundTripThroughAServer(t *testing.T) {
	orig := fill(t, 3000, 11)
	want := figures(t, orig)
	first := exportXLSX(t, orig, 0)
	everyKind(t, first)
	srv, err := store.OpenPostgres(pgtest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	importInto(t, srv, first)
	if !bytes.Equal(read(t, first), read(t, exportXLSX(t, srv, 0))) {
		t.Error("the workbook exported from the server differs from the original's")
	}
	sameFigures(t, want, figures(t, srv))
	if rep := importInto(t, srv, first); rep.Writes() {
		t.Errorf("re-import into the server writes: %+v", counts(rep))
	}
	orig2, again := exportCSV(t, orig), exportCSV(t, srv)
	for _, f := range csvFiles(orig2) {
		if !bytes.Equal(read(t, f), read(t, filepath.Join(again, filepath.Base(f)))) {
			t.Errorf("%s exported from the server differs", filepath.Base(f))
		}
	}
	// One ward's part, named by its code on each side.
	tree, err := orig.Tree(ctx, domain.Date{})
	if err != nil {
		t.Fatal(err)
	}
	var ward string
	for _, r := range tree.Roots() {
		for _, c := range tree.Children(r) {
			if o := tree.Org(c); len(tree.Children(c)) > 0 && ward == "" {
				ward = o.Code
			}
		}
	}
	a, err := orig.ResolveOrg(ctx, ward)
	if err != nil {
		t.Fatal(err)
	}
	b, err := srv.ResolveOrg(ctx, ward)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(read(t, exportXLSX(t, orig, a.ID)), read(t, exportXLSX(t, srv, b.ID))) {
		t.Errorf("the part of %s exported from the server differs from the file's", ward)
	}
}
