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
	} {
		if got := StoredValue(c.col, c.v); got != c.want {
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
