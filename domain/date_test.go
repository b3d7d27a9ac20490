package domain

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"12/03/1975", NewDate(1975, 3, 12), false},
		{"2/3/1975", NewDate(1975, 3, 2), false},
		{"12-03-1975", NewDate(1975, 3, 12), false},
		{"12.03.1975", NewDate(1975, 3, 12), false},
		{"1975-03-12", NewDate(1975, 3, 12), false},
		{"1975-03-12 00:00:00", NewDate(1975, 3, 12), false},
		{" 29/02/2024 ", NewDate(2024, 2, 29), false},
		{"", Date{}, false},
		{"29/02/2023", Date{}, true},
		{"31/04/2020", Date{}, true},
		{"12/13/1975", Date{}, true},
		{"1975/03/12", Date{}, true},
		{"12/03/75", Date{}, true},
		{"12/03-1975", Date{}, true},
		{"1975", Date{}, true},
		{"27394", Date{}, true},
		{"ngày 12 tháng 3", Date{}, true},
		{"0/1/2000", Date{}, true},
		{"12/03/1975 rõ", Date{}, true},
		{"1975-03-12T08:00:00Z", NewDate(1975, 3, 12), false},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestDateString(t *testing.T) {
	d := NewDate(2022, 1, 6)
	if d.String() != "06/01/2022" || d.ISO() != "2022-01-06" {
		t.Errorf("got %q and %q", d.String(), d.ISO())
	}
	if (Date{}).String() != "" {
		t.Error("zero date should print empty")
	}
}

func TestExcelSerial(t *testing.T) {
	tests := []struct {
		serial float64
		want   Date
	}{
		{1, NewDate(1900, 1, 1)},
		{59, NewDate(1900, 2, 28)},
		{61, NewDate(1900, 3, 1)},
		{27465, NewDate(1975, 3, 12)},
		{27465.75, NewDate(1975, 3, 12)},
		{44562, NewDate(2022, 1, 1)},
	}
	for _, tt := range tests {
		got, err := DateFromExcelSerial(tt.serial)
		if err != nil || got != tt.want {
			t.Errorf("DateFromExcelSerial(%v) = %v, %v; want %v", tt.serial, got, err, tt.want)
		}
		if s := tt.want.ExcelSerial(); s != float64(int(tt.serial)) {
			t.Errorf("%v.ExcelSerial() = %v, want %v", tt.want, s, int(tt.serial))
		}
	}
	if _, err := DateFromExcelSerial(0); err == nil {
		t.Error("serial 0 should be refused")
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"12/03/1975", "2/3/1975", "1975-03-12", "12-03-1975", "29/02/2023", "", "1/1/1", "9999-99-99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.IsZero() {
			return
		}
		if !validDate(d.Year, d.Month, d.Day) {
			t.Fatalf("ParseDate(%q) accepted impossible date %+v", s, d)
		}
		// What we print, we read back.
		for _, out := range []string{d.String(), d.ISO()} {
			back, err := ParseDate(out)
			if err != nil || back != d {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", out, back, err, d)
			}
		}
	})
}
