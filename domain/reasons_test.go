package domain

import (
	"testing"
	"unicode/utf8"
)

func TestParseReason(t *testing.T) {
	tests := map[string]Reason{
		"Miễn sinh hoạt đảng":                    ReasonExempted,
		"MIỄN SINH HOẠT":                         ReasonExempted,
		"mien cong tac va sinh hoat dang":        ReasonExempted,
		"Miễn sinh hoạt (từ 01/03/2021)":         ReasonExempted,
		"Đình chỉ sinh hoạt đảng":                ReasonSuspended,
		"Bị đình chỉ sinh hoạt Đảng - QĐ số 12":  ReasonSuspended,
		"Kết nạp chưa đủ 6 tháng":                ReasonAdmittedRecently,
		"Mới kết nạp chưa đủ 06 tháng":           ReasonAdmittedRecently,
		"Đảng viên mới kết nạp chưa đủ 6 tháng.": ReasonAdmittedRecently,
		"Thành lập chưa đủ 6 tháng":              ReasonFoundedRecently,
		"founded-recently":                       ReasonFoundedRecently,
	}
	for text, want := range tests {
		if got, ok := ParseReason(text); !ok || got != want {
			t.Errorf("ParseReason(%q) = %q %v, want %q", text, got, ok, want)
		}
	}
	for _, text := range []string{"", "Nghỉ thai sản", "Thai sản", "Đình chỉ sinh hoạt cấp ủy", "Ốm đau dài ngày", "Đi học tập trung",
		"Miễn sinh hoạt cấp ủy", "Chuyển sinh hoạt"} {
		if got, ok := ParseReason(text); ok {
			t.Errorf("ParseReason(%q) = %q, want not on the list", text, got)
		}
	}
	if CanonicalReason(" mien  sinh hoat ") != "Miễn sinh hoạt đảng" || CanonicalReason("Đi  học") != "Đi học" {
		t.Errorf("canonical %q %q", CanonicalReason(" mien  sinh hoat "), CanonicalReason("Đi  học"))
	}
}

func TestParseDisciplineForm(t *testing.T) {
	for text, want := range map[string]DisciplineForm{"Khiển trách": DisciplineReprimand, "CẢNH CÁO": DisciplineWarning, "cach chuc": DisciplineRemoval,
		"Khai trừ": DisciplineExpulsion, "Giải tán": DisciplineDissolved} {
		if got, err := ParseDisciplineForm(text); err != nil || got != want {
			t.Errorf("%q: %q %v", text, got, err)
		}
	}
	if _, err := ParseDisciplineForm("Phê bình"); err == nil {
		t.Error("an unknown form was accepted")
	}
}

// FuzzParseReason: reasons and discipline forms come from users' files; no
// input panics, a reason's label reads back as the same reason, and mapping
// twice changes nothing.
func FuzzParseReason(f *testing.F) {
	for _, s := range []string{"Miễn sinh hoạt (từ 1/3)", "Đình chỉ sinh hoạt cấp ủy", "Nghỉ thai sản", "Khiển trách", ":", "(", " - ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, ok := ParseReason(s)
		if ok {
			if back, ok2 := ParseReason(r.Label()); !ok2 || back != r {
				t.Fatalf("%q → %q, whose label reads %q %v", s, r, back, ok2)
			}
		}
		c := CanonicalReason(s)
		if CanonicalReason(c) != c {
			t.Fatalf("CanonicalReason not stable: %q → %q → %q", s, c, CanonicalReason(c))
		}
		if utf8.ValidString(s) && !utf8.ValidString(c) {
			t.Fatalf("invalid text from %q", s)
		}
		_, _ = ParseDisciplineForm(s)
		_ = reasonHint(s)
	})
}
