package demo

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"xeploai/domain"
	"xeploai/store"
)

func openDB(t testing.TB) *store.DB {
	db, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestFillMakesValidRealisticData(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	res, err := Fill(ctx, db, Options{Members: 3000, From: 2020, To: 2025, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if res.Members != 3000 || res.Orgs < 100 || res.MemberRatings < 3000*5 || res.Awards == 0 {
		t.Errorf("result %+v", res)
	}
	// Every member passes the same validation as a hand-entered one.
	ms, err := db.Members(ctx, store.MemberQuery{Limit: 5000})
	if err != nil {
		t.Fatal(err)
	}
	tree, _ := db.Tree(ctx, domain.Date{})
	surnames := map[string]int{}
	withDiacritics := 0
	for i := range ms {
		m := ms[i]
		if err := m.Validate(tree.Org(m.CellID), domain.Today()); err != nil {
			t.Fatalf("member %+v invalid: %v", m, err)
		}
		surnames[strings.Fields(m.FullName)[0]]++
		if domain.Fold(m.FullName) != strings.ToLower(m.FullName) {
			withDiacritics++
		}
	}
	if share := float64(surnames["Nguyễn"]) / float64(len(ms)); share < 0.3 || share > 0.46 {
		t.Errorf("Nguyễn is %.0f%% of names, want about 38%%", share*100)
	}
	if withDiacritics < len(ms)*9/10 {
		t.Errorf("only %d of %d names carry diacritics", withDiacritics, len(ms))
	}
	// The year's figures look like a real report: mostly good, about 15%
	// excellent, few not completed, some not rated.
	s, err := db.Summary(ctx, 2025, 0)
	if err != nil {
		t.Fatal(err)
	}
	mg := s.Group(domain.GroupMembers)
	if a, _ := mg.QuotaRatios(); a < 0.1 || a > 0.2 {
		t.Errorf("members excellent/(excellent+good) = %.2f", a)
	}
	if mg.NotRated == 0 || mg.Levels[domain.LevelNotCompleted] == 0 || mg.Share(domain.LevelGood) < 0.6 {
		t.Errorf("member levels %+v", mg.LevelCounts)
	}
	if g := s.Group(domain.GroupGrassroots); g.Total == 0 || s.Group(domain.GroupCells).Total < 100 {
		t.Errorf("groups %+v", s.Groups)
	}
	// Same seed, same data; a second fill into a non-empty database is refused.
	if _, err := Fill(ctx, db, Options{Members: 10}); err == nil || !strings.Contains(err.Error(), "đã có dữ liệu") {
		t.Errorf("fill into a full database: %v", err)
	}
	db2 := openDB(t)
	if _, err := Fill(ctx, db2, Options{Members: 3000, From: 2020, To: 2025, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	ms2, _ := db2.Members(ctx, store.MemberQuery{Limit: 5})
	ms1, _ := db.Members(ctx, store.MemberQuery{Limit: 5})
	for i := range ms1 {
		if ms1[i].FullName != ms2[i].FullName || ms1[i].CardNo != ms2[i].CardNo {
			t.Errorf("same seed gave %q and %q", ms1[i].FullName, ms2[i].FullName)
		}
	}
}

func BenchmarkFill100k(b *testing.B) {
	for b.Loop() {
		db := openDB(b)
		if _, err := Fill(context.Background(), db, Options{Members: 100_000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

func TestFilledDatabaseIsSearchable(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	if _, err := Fill(ctx, db, Options{Members: 500, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	ms, _ := db.Members(ctx, store.MemberQuery{Limit: 500})
	tree, _ := db.Tree(ctx, domain.Date{})
	for _, m := range ms[:40] {
		cell := tree.Org(m.CellID).Name
		for _, text := range []string{m.FullName, domain.Fold(m.FullName) + " " + m.BirthDate.ISO()[:4], m.FullName + " " + cell} {
			q, _ := domain.ParseSearch(text)
			q.Kind = "member"
			rs, err := db.Search(ctx, q, 500)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, r := range rs {
				found = found || r.ID == m.ID
			}
			if !found {
				t.Fatalf("%q does not find member %d %s", text, m.ID, m.FullName)
			}
		}
	}
	awards, _ := db.Awards(ctx, store.AwardQuery{Limit: 1})
	q, _ := domain.ParseSearch(awards[0].Content + " loai:khenthuong")
	if rs, _ := db.Search(ctx, q, 5000); len(rs) == 0 {
		t.Errorf("award %q not found", awards[0].Content)
	}
}
