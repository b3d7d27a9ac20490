package domain

import "testing"

// TestPathsNameTheCellAndItsGrassroots: Path reads down from the grassroots
// organisation, PathUp from the cell up (the form for a narrow column);
// above the grassroots level both are the name alone.
func TestPathsNameTheCellAndItsGrassroots(t *testing.T) {
	orgs := []Org{
		{ID: 1, Name: "Đảng bộ quận Sơn Trà", Kind: KindSuperior},
		{ID: 2, Name: "Đảng bộ phường An Hải Bắc", Kind: KindGrassrootsCommittee, ParentID: 1},
		{ID: 3, Name: "Đảng bộ bộ phận Khu vực 1", Kind: KindSubCommittee, ParentID: 2},
		{ID: 4, Name: "Chi bộ Tổ 5", Kind: KindCell, ParentID: 3},
		{ID: 5, Name: "Chi bộ Trường Mầm non", Kind: KindGrassrootsCell, ParentID: 1},
	}
	tree := TreeAt(orgs, nil, NewDate(2025, 12, 31))
	for _, c := range []struct {
		id       int64
		down, up string
	}{
		{4, "Đảng bộ phường An Hải Bắc › Đảng bộ bộ phận Khu vực 1 › Chi bộ Tổ 5", "Chi bộ Tổ 5, Đảng bộ bộ phận Khu vực 1, Đảng bộ phường An Hải Bắc"},
		{3, "Đảng bộ phường An Hải Bắc › Đảng bộ bộ phận Khu vực 1", "Đảng bộ bộ phận Khu vực 1, Đảng bộ phường An Hải Bắc"},
		{5, "Chi bộ Trường Mầm non", "Chi bộ Trường Mầm non"},
		{1, "Đảng bộ quận Sơn Trà", "Đảng bộ quận Sơn Trà"},
		{99, "", ""},
	} {
		if got := tree.Path(c.id); got != c.down {
			t.Errorf("Path(%d) = %q, want %q", c.id, got, c.down)
		}
		if got := tree.PathUp(c.id); got != c.up {
			t.Errorf("PathUp(%d) = %q, want %q", c.id, got, c.up)
		}
	}
}
