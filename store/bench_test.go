package store

import (
	"fmt"
	"testing"

	"xeploai/domain"
)

// BenchmarkImport2000 imports 2,000 members with a rating each, in one
// transaction with the history logged, into a database that grows by that
// much every round (so the cost must not grow with it).
func BenchmarkImport2000(b *testing.B) {
	db, err := Open(b.TempDir() + "/bench.db")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	cell := &domain.Org{Name: "Chi bộ 1", Kind: domain.KindGrassrootsCell}
	if err := db.CreateOrg(ctx, cell); err != nil {
		b.Fatal(err)
	}
	k := 0
	for b.Loop() {
		k++
		batch := &domain.Batch{Source: fmt.Sprint("lô ", k)}
		for i := 0; i < 2000; i++ {
			src := domain.RowSource{Sheet: "Đảng viên", Row: i + 2, Cols: map[string]string{}}
			card := fmt.Sprintf("%d%05d", k, i)
			batch.Members = append(batch.Members, domain.MemberRow{Src: src,
				Member: domain.Member{FullName: fmt.Sprintf("Người %d %d", k, i), BirthDate: domain.NewDate(1960, 1, 1+i%28),
					AdmittedOn: domain.NewDate(2005, 1, 1), CardNo: card},
				Cell: domain.OrgRef{Ref: cell.Name}})
			batch.MemberRatings = append(batch.MemberRatings, domain.MemberRatingRow{Src: src, Member: domain.MemberRef{CardNo: card},
				Rating: domain.Rating{Year: 2024, Level: domain.LevelGood}})
		}
		if _, err := db.Import(ctx, batch, false); err != nil {
			b.Fatal(err)
		}
	}
}
