package domain

import "testing"

func TestStoredValue(t *testing.T) {
	for _, c := range []struct{ col, v, want string }{
		{"birth_date", "1974-02-12", "12/02/1974"},
		{"level", "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"},
		{"civil_level", "KHTNV", "Không hoàn thành nhiệm vụ"},
		{"status", "transferred", MemberStatus("transferred").Label()},
		{"note", "1974-02-12 là ngày", "1974-02-12 là ngày"},
		{"full_name", "Nguyễn Văn An", "Nguyễn Văn An"},
		{"level", "", ""},
		{"level", "lạ", "lạ"},
		{"admitted_on", "2025-13-01", "2025-13-01"},
		{"cell_id", "7", "7"}, // no tree to name it
		{"kind", string(EventRename), EventRename.Label()},
		{"kind", string(KindCell), KindCell.Label()},
		{"form", string(FormCertificate), "Giấy khen"},
		{"sex", string(SexFemale), "Nữ"},
		{"kind", "lạ", "lạ"},
	} {
		if got := StoredValue(nil, c.col, c.v); got != c.want {
			t.Errorf("StoredValue(%q, %q) = %q, want %q", c.col, c.v, got, c.want)
		}
	}
}

func TestStampText(t *testing.T) {
	for in, want := range map[string]string{
		"2026-11-26 21:02:33": "26/11/2026 21:02",
		"2026-11-26":          "2026-11-26",
		"":                    "",
		"hôm qua lúc 9 giờ":   "hôm qua lúc 9 giờ",
	} {
		if got := StampText(in); got != want {
			t.Errorf("StampText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStoredValueNamesOrganisations(t *testing.T) {
	tree := TreeAt([]Org{{ID: 7, Name: "Chi bộ Khu dân cư số 1", Kind: KindCell}}, nil, Date{})
	for col, want := range map[string]string{"cell_id": "Chi bộ Khu dân cư số 1", "org_id": "Chi bộ Khu dân cư số 1", "parent_id": "Chi bộ Khu dân cư số 1", "merged_into": "Chi bộ Khu dân cư số 1", "card_no": "7"} {
		if got := StoredValue(tree, col, "7"); got != want {
			t.Errorf("StoredValue(tree, %q, 7) = %q, want %q", col, got, want)
		}
	}
	if got := StoredValue(tree, "cell_id", "8"); got != "8" {
		t.Errorf("an organisation not in the tree: %q", got)
	}
}
