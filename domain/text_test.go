package domain

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Nguyễn Văn Đức", "nguyen van duc"},
		{norm.NFD.String("Nguyễn Văn Đức"), "nguyen van duc"},
		{"  LÊ   ANH\tTUẤN ", "le anh tuan"},
		{"Đảng bộ phường An Hải Bắc", "dang bo phuong an hai bac"},
		{"đĐ", "dd"},
		{"Chi bộ Khu dân cư số 12", "chi bo khu dan cu so 12"},
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldKey(t *testing.T) {
	for _, in := range []string{"Đảng viên", "DANG VIEN", "dang_vien", " Đảng-viên. ", norm.NFD.String("ĐẢNG VIÊN")} {
		if got := FoldKey(in); got != "dangvien" {
			t.Errorf("FoldKey(%q) = %q, want dangvien", in, got)
		}
	}
}

func TestCleanText(t *testing.T) {
	decomposed := norm.NFD.String("Nguyễn  Thị   Hằng")
	got := CleanText("  " + decomposed + " ")
	if got != "Nguyễn Thị Hằng" || !norm.NFC.IsNormalString(got) {
		t.Errorf("CleanText = %q, want NFC %q", got, "Nguyễn Thị Hằng")
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Nguyễn Văn Đức", "ĐẢNG VIÊN", "a\u0301", "\xff", "  x  y "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) gave invalid UTF-8 %q", s, got)
		}
		if Fold(got) != got {
			t.Fatalf("Fold is not idempotent on %q: %q then %q", s, got, Fold(got))
		}
		if k := FoldKey(s); FoldKey(k) != k {
			t.Fatalf("FoldKey is not idempotent on %q", s)
		}
	})
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Chi bộ Khu dân cư số 3":    "chi-bo-khu-dan-cu-so-3",
		"Đảng bộ phường An Hải Bắc": "dang-bo-phuong-an-hai-bac",
		"  Tổ/Khối: 12 — (Đồng)  ":  "to-khoi-12-dong",
		"":                          "",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
