package domain

import (
	"strings"
	"testing"
)

// A district with two wards that each have a "Khu vực 1" cell, a sub-unit
// of that name in one of them, a dissolved namesake and a cell with a code.
func matchOrgs() *OrgIndex {
	return NewOrgIndex([]Org{
		{ID: 1, Name: "Đảng bộ quận Hải Châu", Kind: KindSuperior, Code: "HC"},
		{ID: 2, Name: "Đảng bộ phường Thạch Thang", Kind: KindGrassrootsCommittee, ParentID: 1},
		{ID: 3, Name: "Đảng bộ phường Hải Châu 1", Kind: KindGrassrootsCommittee, ParentID: 1},
		{ID: 4, Name: "Chi bộ Khu vực 1", Kind: KindCell, ParentID: 2},
		{ID: 5, Name: "Chi bộ Khu vực 1", Kind: KindCell, ParentID: 3},
		{ID: 6, Name: "Đảng bộ bộ phận Khu vực 2", Kind: KindSubCommittee, ParentID: 3},
		{ID: 7, Name: "Chi bộ Khu vực 3", Kind: KindCell, ParentID: 2, Code: "TT-KV3"},
		{ID: 8, Name: "Chi bộ Tổ 5", Kind: KindCell, ParentID: 2, DissolvedOn: MustDate("2020-01-01")},
		{ID: 9, Name: "Chi bộ Tổ 5", Kind: KindCell, ParentID: 2},
	})
}

func TestOrgIndexResolve(t *testing.T) {
	x := matchOrgs()
	for _, c := range []struct {
		ref       OrgRef
		cellsOnly bool
		want      int64
		why       string // in the reason when want is 0
	}{
		{OrgRef{Ref: "TT-KV3"}, true, 7, ""},
		{OrgRef{Ref: "tt-kv3"}, true, 7, ""},                              // codes ignore case
		{OrgRef{Ref: "HC"}, true, 0, "không trực tiếp quản lý đảng viên"}, // a code, not a cell
		{OrgRef{Ref: "chi bo khu vuc 3"}, true, 7, ""},                    // a name without diacritics
		{OrgRef{Ref: "Chi bộ Khu vực 1"}, true, 0, "có 2 tổ chức tên"},    // same-named cells in two wards
		{OrgRef{Ref: "Chi bộ Khu vực 1", Parent: "Đảng bộ phường Hải Châu 1"}, true, 5, ""},
		{OrgRef{Ref: "Chi bộ Khu vực 1", Parent: "Đảng bộ phường Thạch Thang"}, true, 4, ""},
		{OrgRef{Ref: "Chi bộ Khu vực 1", Parent: "Phường khác"}, true, 0, "tổ chức cấp trên"},
		{OrgRef{Ref: "Đảng bộ bộ phận Khu vực 2"}, true, 0, "không trực tiếp quản lý đảng viên"},
		{OrgRef{Ref: "Đảng bộ bộ phận Khu vực 2"}, false, 6, ""},
		{OrgRef{Ref: "Chi bộ Tổ 5"}, true, 9, ""}, // the namesake still active
		{OrgRef{Ref: "Chi bộ Tổ 9"}, true, 0, "không tìm thấy"},
		{OrgRef{Ref: "  "}, true, 0, "không được để trống"},
	} {
		id, reason := x.Resolve(c.ref, c.cellsOnly)
		why := ""
		if reason.Format != "" {
			why = reason.String()
		}
		if id != c.want || (c.want == 0 && !strings.Contains(why, c.why)) || (c.want != 0 && why != "") {
			t.Errorf("Resolve(%+v, %v) = %d %q, want %d %q", c.ref, c.cellsOnly, id, why, c.want, c.why)
		}
	}
}

func TestMemberIndexFind(t *testing.T) {
	x := NewMemberIndex()
	birth := MustDate("1970-03-12")
	for _, e := range []MemberEntry{
		{ID: 1, CardNo: "111", NameFold: Fold("Nguyễn Văn An"), BirthDate: birth, Cells: []int64{4}},
		{ID: 2, NameFold: Fold("Nguyễn Văn An"), BirthDate: birth, Cells: []int64{5, 7}}, // namesake, no numbers
		{ID: 3, HistoryNo: "LL-3", NameFold: Fold("Trần Thị Bình"), BirthDate: MustDate("1980-01-01"), Cells: []int64{4}},
		{ID: 4, NameFold: Fold("Lê Văn Cường"), BirthDate: MustDate("1965-05-05"), Cells: []int64{4}},
	} {
		x.Put(e)
	}
	for _, c := range []struct {
		name string
		ref  MemberRef
		cell int64
		want int64
		why  string
	}{
		{"by card", MemberRef{CardNo: "111", FullName: "Ai đó"}, 0, 1, ""},
		{"by history number", MemberRef{HistoryNo: "LL-3"}, 0, 3, ""},
		{"by name and birth, decomposed", MemberRef{FullName: "Le\u0302 Va\u0306n Cu\u031bo\u031b\u0300ng", BirthDate: MustDate("1965-05-05")}, 0, 4, ""},
		{"namesakes: ambiguous without a cell", MemberRef{FullName: "Nguyễn Văn An", BirthDate: birth}, 0, 0, "có nhiều đảng viên"},
		{"namesakes: a cell the member was in", MemberRef{FullName: "Nguyễn Văn An", BirthDate: birth}, 7, 2, ""},
		{"a first card number finds the one without", MemberRef{CardNo: "222", FullName: "Nguyễn Văn An", BirthDate: birth}, 0, 2, ""},
		{"a first history number, name and birth", MemberRef{HistoryNo: "LL-9", FullName: "Lê Văn Cường", BirthDate: MustDate("1965-05-05")}, 0, 4, ""},
		{"someone else", MemberRef{FullName: "Phạm Văn Dũng", BirthDate: birth}, 0, 0, ""},
		{"no birth date", MemberRef{FullName: "Lê Văn Cường"}, 0, 0, ""},
	} {
		id, why := x.Find(c.ref, c.cell)
		if id != c.want || !strings.Contains(why, c.why) || (c.why == "" && why != "") {
			t.Errorf("%s: Find = %d %q, want %d %q", c.name, id, why, c.want, c.why)
		}
	}
}

func TestMergeRating(t *testing.T) {
	score := 92.5
	old := Rating{Year: 2024, Level: LevelGood, Score: &score, Note: "ghi chú cũ", CivilService: LevelExcellent, MassOrgs: LevelGood}
	in := Rating{Year: 2024, Level: LevelExcellent}
	cols := func(cs ...string) func(string) bool {
		return func(c string) bool {
			for _, x := range cs {
				if x == c {
					return true
				}
			}
			return false
		}
	}
	for _, c := range []struct {
		name string
		has  func(string) bool
		want Rating
	}{
		{"a sheet with the level only keeps the rest", cols(ColLevel), Rating{Year: 2024, Level: LevelExcellent, Score: &score, Note: "ghi chú cũ", CivilService: LevelExcellent, MassOrgs: LevelGood}},
		{"empty columns clear what they hold", cols(ColLevel, ColScore, ColNote, ColCivilService, ColMassOrgs), in},
		{"a note column alone", cols(ColLevel, ColNote), Rating{Year: 2024, Level: LevelExcellent, Score: &score, CivilService: LevelExcellent, MassOrgs: LevelGood}},
	} {
		got := MergeRating(c.has, in, old)
		if got.Level != c.want.Level || got.Note != c.want.Note || got.CivilService != c.want.CivilService || got.MassOrgs != c.want.MassOrgs ||
			(got.Score == nil) != (c.want.Score == nil) || (got.Score != nil && *got.Score != *c.want.Score) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}
