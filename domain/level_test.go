package domain

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestParseLevel(t *testing.T) {
	tests := []struct {
		in      string
		want    Level
		wantErr bool
	}{
		{"Hoàn thành xuất sắc nhiệm vụ", LevelExcellent, false},
		{"HTXSNV", LevelExcellent, false},
		{"htxsnv", LevelExcellent, false},
		{"Xuất sắc", LevelExcellent, false},
		{"XUAT SAC", LevelExcellent, false},
		{norm.NFD.String("xuất sắc"), LevelExcellent, false},
		{"Hoàn thành tốt nhiệm vụ", LevelGood, false},
		{"HTTNV", LevelGood, false},
		{"Tốt", LevelGood, false},
		{"tot", LevelGood, false},
		{"Hoàn thành nhiệm vụ", LevelCompleted, false},
		{"HTNV", LevelCompleted, false},
		{"Hoàn thành", LevelCompleted, false},
		{"Không hoàn thành nhiệm vụ", LevelNotCompleted, false},
		{"KHTNV", LevelNotCompleted, false},
		{"Không hoàn thành", LevelNotCompleted, false},
		{"  ", LevelNone, false},
		{"Giỏi", LevelNone, true},
		{"1", LevelNone, true},
	}
	for _, tt := range tests {
		got, err := ParseLevel(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseLevel(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestLevelRoundTrip(t *testing.T) {
	for _, l := range Levels {
		for _, s := range []string{l.Code(), l.Name(), l.Short()} {
			if got, err := ParseLevel(s); err != nil || got != l {
				t.Errorf("ParseLevel(%q) = %v, %v; want %v", s, got, err, l)
			}
		}
		if got, err := LevelFromCode(l.Code()); err != nil || got != l {
			t.Errorf("LevelFromCode(%q) = %v, %v", l.Code(), got, err)
		}
	}
}

func FuzzParseLevel(f *testing.F) {
	for _, s := range []string{"HTXSNV", "Xuất sắc", "Không hoàn thành", "tốt", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLevel(s)
		if err != nil {
			if l != LevelNone {
				t.Fatalf("ParseLevel(%q) returned %v with an error", s, l)
			}
			return
		}
		if l == LevelNone {
			if FoldKey(s) != "" {
				t.Fatalf("ParseLevel(%q) returned no level and no error", s)
			}
			return
		}
		if back, err := ParseLevel(l.Name()); err != nil || back != l {
			t.Fatalf("level %v does not read back from its name", l)
		}
	})
}
