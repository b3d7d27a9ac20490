package demo

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"xeploai/domain"
	"xeploai/store"
)

// benchDB opens (building it the first time, which takes a minute or two) a
// demo database of 500,000 members rated over ten years, kept in the temp
// folder between runs.
func benchDB(b *testing.B) *store.DB {
	b.Helper()
	path := filepath.Join(os.TempDir(), "xeploai-bench-500k-10y.db")
	if _, err := os.Stat(path); err != nil {
		db, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Fill(context.Background(), db, Options{Members: 500_000, From: 2016, To: 2025, Seed: 1}); err != nil {
			os.Remove(path)
			b.Fatal(err)
		}
		db.Close()
	}
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkCandidates500k times each candidate list at 500,000 members × 10
// years; the target is under a second each.
func BenchmarkCandidates500k(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	b.Run("consecutive", func(b *testing.B) {
		for b.Loop() {
			if cs, err := db.ConsecutiveCandidates(ctx, 2025, 5, domain.GroupMembers); err != nil || len(cs) == 0 {
				b.Fatal(err, len(cs))
			}
		}
	})
	b.Run("year", func(b *testing.B) {
		for b.Loop() {
			if cs, err := db.ConsecutiveCandidates(ctx, 2025, 1, domain.GroupMembers); err != nil || len(cs) == 0 {
				b.Fatal(err, len(cs))
			}
		}
	})
	b.Run("cells", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.ConsecutiveCandidates(ctx, 2025, 5, domain.GroupCells); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("badge", func(b *testing.B) {
		for b.Loop() {
			if cs, err := db.BadgeCandidates(ctx, domain.NewDate(2026, 2, 3)); err != nil || len(cs) == 0 {
				b.Fatal(err, len(cs))
			}
		}
	})
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			in, err := db.CheckInput(ctx, 2025, 0)
			if err != nil {
				b.Fatal(err)
			}
			domain.Check(in)
		}
	})
}
