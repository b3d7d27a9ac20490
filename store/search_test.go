package store

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"xeploai/domain"
)

func search(t *testing.T, db *DB, text string) []SearchResult {
	t.Helper()
	q, err := domain.ParseSearch(text)
	if err != nil {
		t.Fatalf("ParseSearch(%q): %v", text, err)
	}
	rs, err := db.Search(ctx, q, 50)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func names(rs []SearchResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

func TestSearchMatching(t *testing.T) { onBoth(t, testSearchMatching) }

func testSearchMatching(t *testing.T) {
	f := newFixture(t)
	add := func(name, card string, birth domain.Date, cell *domain.Org) *domain.Member {
		m := &domain.Member{FullName: name, BirthDate: birth, AdmittedOn: domain.NewDate(2015, 1, 1), CardNo: card, CellID: cell.ID, HomeTown: "Hòa Vang, Đà Nẵng"}
		if err := f.db.CreateMember(ctx, m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	duc := add("Nguyễn Văn Đức", "12345678", domain.NewDate(1975, 3, 12), f.cell1)
	add("Nguyễn Văn Dũng", "87654321", domain.NewDate(1980, 1, 1), f.cell2)
	add("Lê Anh Tuấn", "", domain.NewDate(1990, 1, 1), f.cell1)
	add("Lê Tuấn Anh", "", domain.NewDate(1991, 1, 1), f.cell1)
	add("Lê Anh Tuấn Kiệt", "", domain.NewDate(1992, 1, 1), f.cell1)
	add("Le Anh Tuan", "", domain.NewDate(1993, 1, 1), f.gc)
	f.db.CreateAward(ctx, &domain.Award{MemberID: duc.ID, Form: domain.FormCertificate, Content: "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)", Year: 2022, DecisionNo: "125-QĐ/QU"})

	tests := []struct {
		query string
		want  []string // in order, first results
		kind  string
	}{
		{"nguyen van duc", []string{"Nguyễn Văn Đức"}, "member"},
		{"duc", []string{"Nguyễn Văn Đức"}, "member"},
		{"ĐỨC NGUYỄN", []string{"Nguyễn Văn Đức"}, "member"},
		{"ngu van du", []string{"Nguyễn Văn Dũng", "Nguyễn Văn Đức"}, "member"},
		{"1234", []string{"Nguyễn Văn Đức"}, "member"},
		{"1975", []string{"Nguyễn Văn Đức"}, "member"},
		{"le anh tuan", []string{"Le Anh Tuan", "Lê Anh Tuấn", "Lê Tuấn Anh", "Lê Anh Tuấn Kiệt"}, "member"},
		{"LÊ ANH TUẤN", []string{"Lê Anh Tuấn", "Le Anh Tuan", "Lê Tuấn Anh", "Lê Anh Tuấn Kiệt"}, "member"},
		{"khu dan cu so 2", []string{"Chi bộ Khu dân cư số 2", "Nguyễn Văn Dũng"}, "org"},
		{"125-QĐ", []string{"Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)"}, "award"},
		{"hoa vang", nil, "member"},
	}
	for _, tt := range tests {
		rs := search(t, f.db, tt.query)
		got := names(rs)
		if tt.want == nil {
			if len(got) != 6 {
				t.Errorf("%q found %v, want all six by home town", tt.query, got)
			}
			continue
		}
		switch tt.query {
		case "ngu van du", "le anh tuan", "LÊ ANH TUẤN":
			sortedGot := append([]string(nil), got...)
			sortedWant := append([]string(nil), tt.want...)
			sort.Strings(sortedGot)
			sort.Strings(sortedWant)
			if fmt.Sprint(sortedGot) != fmt.Sprint(sortedWant) {
				t.Errorf("%q found %v, want %v", tt.query, got, tt.want)
			}
		default:
			if len(got) < len(tt.want) {
				t.Errorf("%q found %v, want %v", tt.query, got, tt.want)
				continue
			}
		}
		switch {
		case tt.query == "ngu van du": // equally good
		case tt.query == "le anh tuan" && (got[0] == "Lê Anh Tuấn" || got[0] == "Le Anh Tuan") && got[1] != "Lê Tuấn Anh":
			// Typed without diacritics, both exact names are equally good.
		case got[0] != tt.want[0]:
			t.Errorf("%q ranks %q first, want %q (all: %v)", tt.query, got[0], tt.want[0], got)
		}
		if tt.kind != "" && rs[0].Kind != tt.kind {
			t.Errorf("%q first result is a %s", tt.query, rs[0].Kind)
		}
	}
	// With no name holding every word, names holding more of them come
	// first ("Nguyễn Văn" before a "Nguyễn" found through its home town).
	add("Nguyễn Thị Lan", "", domain.NewDate(1985, 1, 1), f.cell1)
	if got := names(search(t, f.db, "nguyen van hoa")); len(got) < 3 || got[len(got)-1] != "Nguyễn Thị Lan" {
		t.Errorf("\"nguyen van hoa\" ranks %v", got)
	}
	// Found through its own name ranks above found through its cell's
	// name: the organisation typed comes first, then its members.
	rs := search(t, f.db, "chi bo khu dan cu so 1")
	if len(rs) < 2 || rs[0].Kind != "org" || rs[0].Name != "Chi bộ Khu dân cư số 1" || rs[1].Kind != "member" {
		t.Fatalf("results %v", names(rs))
	}
	// A member's name typed: members first, though an organisation (its
	// cell, its home town) holds some of the words.
	if rs := search(t, f.db, "nguyen van duc"); rs[0].Kind != "member" {
		t.Errorf("\"nguyen van duc\" shows a %s first: %v", rs[0].Kind, names(rs))
	}
	// Details carry the cell path, date of birth and card.
	if rs := search(t, f.db, "12345678"); len(rs) == 0 || rs[0].Detail != "Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số 1, sinh 12/03/1975, thẻ 12345678" {
		t.Errorf("detail %+v", rs)
	}
}

func TestSearchFilters(t *testing.T) { onBoth(t, testSearchFilters) }

func testSearchFilters(t *testing.T) {
	f := newFixture(t)
	cell12 := &domain.Org{Name: "Chi bộ Khu dân cư số 12", Kind: domain.KindCell, ParentID: f.ward.ID}
	cell120 := &domain.Org{Name: "Chi bộ Khu dân cư số 120", Kind: domain.KindCell, ParentID: f.ward.ID}
	f.db.CreateOrg(ctx, cell12)
	f.db.CreateOrg(ctx, cell120)
	mk := func(name string, cell *domain.Org, birth int) *domain.Member {
		m := &domain.Member{FullName: name, BirthDate: domain.NewDate(birth, 5, 5), AdmittedOn: domain.NewDate(2000, 1, 1), CellID: cell.ID}
		if err := f.db.CreateMember(ctx, m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	a := mk("Trần Văn An", cell12, 1975)
	mk("Trần Văn Bình", cell12, 1976)
	mk("Trần Văn Cường", cell120, 1975)
	f.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: a.ID, Rating: domain.Rating{Year: 2021, Level: domain.LevelExcellent}})
	moved := mk("Trần Văn Dũng", cell12, 1975)
	f.db.SetMemberStatus(ctx, moved.ID, domain.StatusTransferred, domain.NewDate(2022, 1, 1), "")
	for q, want := range map[string]string{
		`chibo:"khu dan cu 12" sinh:1975`:         "[Trần Văn An Trần Văn Dũng]",
		`chibo:"khu dan cu 12" xeploai:htxs/2021`: "[Trần Văn An]",
		`xeploai:htxs/2020`:                       "[]",
		`tran trangthai:chuyen-di`:                "[Trần Văn Dũng]",
		`sinh:05/05/1976`:                         "[Trần Văn Bình]",
		`loai:tochuc khu dan cu`:                  "[Chi bộ Khu dân cư số 1 Chi bộ Khu dân cư số 12 Chi bộ Khu dân cư số 120 Chi bộ Khu dân cư số 2]",
	} {
		got := names(search(t, f.db, q))
		sort.Strings(got)
		if fmt.Sprint(got) != want {
			t.Errorf("%s: %v, want %s", q, got, want)
		}
	}
	for _, bad := range []string{"foo:bar", "sinh:abc", "xeploai:gioi", "trangthai:nghi", "loai:x", "chibo:"} {
		if _, err := domain.ParseSearch(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestSearchIndexStaysRight edits random data at random and compares what
// the index finds with a brute-force scan of the same rule.
func TestSearchIndexStaysRight(t *testing.T) { onBoth(t, testSearchIndexStaysRight) }

func testSearchIndexStaysRight(t *testing.T) {
	f := newFixture(t)
	r := rand.New(rand.NewPCG(7, 7))
	first := []string{"Nguyễn", "Trần", "Lê", "Đỗ", "Đặng", "Hồ"}
	mid := []string{"Văn", "Thị", "Đức", "Minh"}
	last := []string{"An", "Đức", "Dũng", "Hằng", "Tuấn", "Anh"}
	cells := []*domain.Org{f.cell1, f.cell2, f.gc}
	var ids []int64
	name := func() string { return first[r.IntN(6)] + " " + mid[r.IntN(4)] + " " + last[r.IntN(6)] }
	for i := 0; i < 60; i++ {
		m := &domain.Member{FullName: name(), BirthDate: domain.NewDate(1950+r.IntN(30), 1, 1), AdmittedOn: domain.NewDate(2001, 1, 1), CellID: cells[r.IntN(3)].ID}
		if err := f.db.CreateMember(ctx, m); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ID)
	}
	did := map[string]int{}
	for step := 0; step < 120; step++ {
		id := ids[r.IntN(len(ids))]
		switch r.IntN(8) {
		case 0: // rename
			m, err := f.db.Member(ctx, id)
			if err != nil {
				continue // deleted or undone
			}
			m.FullName = name()
			f.db.UpdateMember(ctx, m, domain.Date{})
		case 1: // transfer
			f.db.TransferMember(ctx, id, cells[r.IntN(3)].ID, domain.Today())
		case 2: // rename a cell
			c := cells[r.IntN(3)]
			f.db.RenameOrg(ctx, c.ID, fmt.Sprintf("Chi bộ Tổ %d", r.IntN(30)), domain.Today())
		case 3: // an import that adds a member
			b := &domain.Batch{Members: []domain.MemberRow{{Src: domain.RowSource{Sheet: "x", Row: step, Cols: map[string]string{}},
				Member: domain.Member{FullName: name(), BirthDate: domain.NewDate(1960, 1, 1+step%28), AdmittedOn: domain.NewDate(2001, 1, 1)},
				Cell:   domain.OrgRef{Ref: "Đảng bộ phường An Hải Bắc"}}}}
			b.Members[0].Cell = domain.OrgRef{Ref: fmt.Sprint(mustName(t, f.db, f.cell1.ID))}
			if rep, err := f.db.Import(ctx, b, false); err == nil {
				_ = rep
			}
		case 4, 5: // undo (twice as likely, so that undo runs deep)
			if s, err := f.db.Undo(ctx); err != nil {
				t.Fatalf("undo: %v", err)
			} else if s != nil {
				did["undo"]++
			}
		case 6: // redo
			if s, err := f.db.Redo(ctx); err != nil {
				t.Fatalf("redo: %v", err)
			} else if s != nil {
				did["redo"]++
			}
		case 7: // delete to the trash, or restore from it
			items, _ := f.db.Trash(ctx)
			if len(items) > 0 && r.IntN(2) == 0 {
				if err := f.db.RestoreTrash(ctx, items[r.IntN(len(items))].ID); err != nil {
					t.Fatalf("restore: %v", err)
				}
				did["restore"]++
			} else if _, err := f.db.Member(ctx, id); err == nil {
				if err := f.db.DeleteMember(ctx, id); err != nil {
					t.Fatalf("delete: %v", err)
				}
				did["delete"]++
			}
		}
	}
	for _, k := range []string{"undo", "redo", "delete", "restore"} {
		if did[k] < 3 {
			t.Errorf("only %d of %s among the random edits: %v", did[k], k, did)
		}
	}
	all, _ := f.db.Members(ctx, MemberQuery{Limit: 1000})
	if len(all) < 20 {
		t.Errorf("only %d members left to search", len(all))
	}
	tree, _ := f.db.Tree(ctx, domain.Date{})
	for _, text := range []string{"ngu", "nguyen van", "duc", "d", "le anh", "to", "chi bo to 1", "tran thi hang", "an"} {
		q, _ := domain.ParseSearch(text)
		want := map[int64]bool{}
		for _, m := range all {
			hay := m.FullName + " " + m.BirthDate.ISO()[:4] + " " + m.HomeTown + " " + tree.Org(m.CellID).Name
			if q.MatchesWords(hay) {
				want[m.ID] = true
			}
		}
		q.Kind = "member"
		rs, err := f.db.Search(ctx, q, 1000)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int64]bool{}
		for _, r := range rs {
			got[r.ID] = true
		}
		if len(got) != len(want) {
			t.Errorf("%q: index finds %d, scan finds %d", text, len(got), len(want))
			continue
		}
		for id := range want {
			if !got[id] {
				t.Errorf("%q: index misses member %d", text, id)
			}
		}
	}
}

func mustName(t *testing.T, db *DB, id int64) string {
	o, err := db.Org(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return o.Name
}

func TestAnOrganisationIsNotCrowdedOutByItsMembers(t *testing.T) {
	onBoth(t, testAnOrganisationIsNotCrowdedOutByItsMembers)
}

// testAnOrganisationIsNotCrowdedOutByItsMembers: a cell's name typed, on a
// page of 10, shows the cell though 30 members are found through it.
func testAnOrganisationIsNotCrowdedOutByItsMembers(t *testing.T) {
	f := newFixture(t)
	for i := range 30 {
		m := &domain.Member{FullName: fmt.Sprintf("Trần Văn Số %d", i), BirthDate: domain.NewDate(1980, 1, 1), AdmittedOn: domain.NewDate(2015, 1, 1), CellID: f.cell1.ID}
		if err := f.db.CreateMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	q, _ := domain.ParseSearch("chi bo khu dan cu so 1")
	rs, err := f.db.Search(ctx, q, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 10 || rs[0].Kind != "org" || rs[0].Name != "Chi bộ Khu dân cư số 1" || rs[1].Kind != "member" {
		t.Errorf("a page of 10 for the cell's name: %v", names(rs))
	}
}
