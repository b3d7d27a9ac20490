package demo

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

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

var searchQueries = []string{
	"n", "ng", "t", "le", "nguyen van duc", "ngu van du", "tran thi h", "le anh tuan", "LÊ ANH TUẤN", "hoang",
	"pham minh", "duc", "hang", "vo van k", "1975", "4567", "dang thi thu", "bui", `chibo:"khu dan cu 12" sinh:1975`,
	"tran xeploai:htxs/2024", "nguyen trangthai:chuyen-di", "do quoc",
}

// BenchmarkSearch500k runs realistic queries (one- and two-letter prefixes
// and field filters among them) against the index and, for the same words, a
// plain LIKE scan of the folded names; it reports p50 and p95 of each. The
// scans run after all the index rounds, so that the garbage and page churn of
// reading 500,000 rows do not land on the index's measurements (in the
// window, searches follow keystrokes, not table scans). The first round, on
// cold connections, counts.
func BenchmarkSearch500k(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	var index, like []time.Duration
	slowest := map[string]time.Duration{}
	queries := make([]domain.SearchQuery, len(searchQueries))
	for i, text := range searchQueries {
		q, err := domain.ParseSearch(text)
		if err != nil {
			b.Fatal(err)
		}
		queries[i] = q
	}
	runtime.GC()
	rounds := 0
	for b.Loop() {
		rounds++
		for i, q := range queries {
			start := time.Now()
			if _, err := db.Search(ctx, q, 50); err != nil {
				b.Fatal(err)
			}
			d := time.Since(start)
			index = append(index, d)
			slowest[searchQueries[i]] = max(slowest[searchQueries[i]], d)
		}
	}
	for range rounds {
		for _, q := range queries {
			if len(q.Terms) > 0 {
				start := time.Now()
				if _, err := db.LikeSearch(ctx, q); err != nil {
					b.Fatal(err)
				}
				like = append(like, time.Since(start))
			}
		}
	}
	for text, d := range slowest {
		if d > 8*time.Millisecond {
			b.Logf("slowest %q: %v", text, d)
		}
	}
	p := func(ds []time.Duration, f float64) float64 {
		s := append([]time.Duration(nil), ds...)
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		return float64(s[int(f*float64(len(s)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(p(index, 0.5), "p50-ms")
	b.ReportMetric(p(index, 0.95), "p95-ms")
	b.ReportMetric(p(like, 0.5), "like-p50-ms")
	b.ReportMetric(p(like, 0.95), "like-p95-ms")
	b.ReportMetric(p(like, 0.5)/p(index, 0.5), "speedup-p50")
}
