package domain

import (
	"math"
	"strings"
	"testing"
)

func TestThousands(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1.000"}, {3891, "3.891"}, {94432, "94.432"}, {473218, "473.218"},
		{1234567, "1.234.567"}, {-1234, "-1.234"}, {-999, "-999"}} {
		if got := Thousands(c.n); got != c.want {
			t.Errorf("Thousands(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestPercentAndPartyDates(t *testing.T) {
	if got := Percent(878.0 / (878 + 3891)); got != "18,4%" {
		t.Errorf("Percent = %q", got)
	}
	for _, c := range []struct {
		d          Date
		date, line string
	}{
		{NewDate(2026, 1, 20), "20/01/2026", "Sơn Trà, ngày 20 tháng 01 năm 2026"},
		{NewDate(2026, 9, 2), "02/9/2026", "Sơn Trà, ngày 02 tháng 9 năm 2026"},
		{NewDate(2025, 2, 3), "03/02/2025", "Sơn Trà, ngày 03 tháng 02 năm 2025"},
		{NewDate(2025, 12, 31), "31/12/2025", "Sơn Trà, ngày 31 tháng 12 năm 2025"},
	} {
		if got := PartyDate(c.d); got != c.date {
			t.Errorf("PartyDate(%v) = %q, want %q", c.d, got, c.date)
		}
		if got := PartyDateLine("Sơn Trà", c.d); got != c.line {
			t.Errorf("PartyDateLine(%v) = %q, want %q", c.d, got, c.line)
		}
	}
	if PartyDate(Date{}) != "" {
		t.Error("zero date not empty")
	}
}

func TestPartyAge(t *testing.T) {
	for _, c := range []struct {
		s            BadgeSubject
		on           Date
		years, month int
	}{
		{BadgeSubject{AdmittedOn: NewDate(1996, 9, 2)}, NewDate(2026, 9, 2), 30, 0},
		{BadgeSubject{AdmittedOn: NewDate(1996, 9, 3)}, NewDate(2026, 9, 2), 29, 11},
		{BadgeSubject{AdmittedOn: NewDate(1997, 1, 10)}, NewDate(2026, 9, 2), 29, 7},
		{BadgeSubject{AdmittedOn: NewDate(1996, 9, 2), Gaps: Span{Days: 31}}, NewDate(2026, 9, 2), 29, 11},
		{BadgeSubject{AdmittedOn: NewDate(1996, 9, 2), Gaps: Span{Months: 6}}, NewDate(2027, 3, 1), 29, 11},
		{BadgeSubject{AdmittedOn: NewDate(1996, 9, 2), Gaps: Span{Months: 6}}, NewDate(2027, 3, 2), 30, 0},
		{BadgeSubject{AdmittedOn: NewDate(2026, 9, 3)}, NewDate(2026, 9, 2), 0, 0},
		{BadgeSubject{}, NewDate(2026, 9, 2), 0, 0},
	} {
		if y, m := c.s.PartyAge(c.on); y != c.years || m != c.month {
			t.Errorf("%+v on %v: %d years %d months, want %d, %d", c.s, c.on, y, m, c.years, c.month)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		ok   bool
	}{{"12,5", 12.5, true}, {"12.5", 12.5, true}, {" 30 ", 30, true}, {"-2,25", -2.25, true}, {"0", 0, true},
		{"", 0, false}, {"abc", 0, false}, {"1.234,5", 0, false}, {"1e3", 0, false}, {"NaN", 0, false}, {"Inf", 0, false}, {"0x10", 0, false},
		{"1" + strings.Repeat("9", 310), 0, false}, // found by the fuzzer: read, but written back as +Inf
	} {
		got, err := ParseDecimal(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %v, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
	for f, want := range map[float64]string{12.5: "12,5", 30: "30", -2.25: "-2,25", 0.333: "0,33"} {
		if got := Decimal(f); got != want {
			t.Errorf("Decimal(%v) = %q, want %q", f, got, want)
		}
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"12,5", "12.5", "-3", "1.234,5", "1e3", " 7 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseDecimal(s)
		if err != nil {
			return
		}
		// What is read is written back and read again as the same number
		// (to two decimals, as Decimal writes).
		again, err := ParseDecimal(Decimal(v))
		if err != nil || math.Abs(again-math.Round(v*100)/100) > 1e-9*math.Max(1, math.Abs(v)) {
			t.Fatalf("%q read as %v, written %q, read again %v (%v)", s, v, Decimal(v), again, err)
		}
	})
}

func TestFirstLetter(t *testing.T) {
	if got := UpperFirst("đề nghị sớm"); got != "Đề nghị sớm" {
		t.Errorf("UpperFirst = %q", got)
	}
	if got := LowerFirst("Hoàn thành xuất sắc"); got != "hoàn thành xuất sắc" {
		t.Errorf("LowerFirst = %q", got)
	}
	if UpperFirst("") != "" || LowerFirst("") != "" {
		t.Error("empty text changed")
	}
}

func TestSpanBetween(t *testing.T) {
	for _, c := range []struct {
		from, to Date
		want     Span
		text     string
	}{
		{NewDate(2000, 1, 1), NewDate(2000, 7, 1), Span{Months: 6}, "6 tháng"},
		{NewDate(2000, 1, 1), NewDate(2001, 1, 1), Span{Years: 1}, "1 năm"},
		{NewDate(2000, 1, 31), NewDate(2000, 3, 1), Span{Months: 1, Days: 1}, "1 tháng 1 ngày"},
		{NewDate(1959, 3, 17), NewDate(1961, 9, 20), Span{Years: 2, Months: 6, Days: 3}, "2 năm 6 tháng 3 ngày"},
		{NewDate(2000, 1, 1), NewDate(2000, 1, 1), Span{}, ""},
		{NewDate(2000, 2, 1), NewDate(2000, 1, 1), Span{}, ""},
		{Date{}, NewDate(2000, 1, 1), Span{}, ""},
	} {
		got := SpanBetween(c.from, c.to)
		if got != c.want || got.String() != c.text {
			t.Errorf("SpanBetween(%v, %v) = %+v %q, want %+v %q", c.from, c.to, got, got.String(), c.want, c.text)
		}
	}
	if got := (Span{Years: 1, Months: 7}).Plus(Span{Months: 6, Days: 3}); got != (Span{Years: 2, Months: 1, Days: 3}) {
		t.Errorf("Plus: %+v", got)
	}
	// A milestone after a gap: admitted 02/06/1995, out 01/01/2000 to
	// 01/01/2001: 30 years on 02/06/2026, not a day later.
	s := BadgeSubject{AdmittedOn: NewDate(1995, 6, 2), Gaps: SpanBetween(NewDate(2000, 1, 1), NewDate(2001, 1, 1))}
	if got := s.MilestoneDate(30); got != NewDate(2026, 6, 2) {
		t.Errorf("30 years after a year's gap: %v, want 02/06/2026", got)
	}
}

// TestAShareOfNothingIsNotZero: two excellent and none good is not "0%" of
// good: it cannot be computed, and is said "—".
func TestAShareOfNothingIsNotZero(t *testing.T) {
	var c LevelCounts
	c.Add(LevelExcellent, "", 2)
	a, b := c.QuotaRatios()
	if Percent(a) != "100,0%" || Percent(b) != "—" {
		t.Errorf("2 excellent, 0 good: %s of excellent + good, %s of good; want 100,0%%, —", Percent(a), Percent(b))
	}
	var none LevelCounts
	if a, b := none.QuotaRatios(); Percent(a) != "—" || Percent(b) != "—" {
		t.Errorf("nobody rated: %s, %s", Percent(a), Percent(b))
	}
	if got := ratioText(c).String(); !strings.Contains(got, "—") {
		t.Errorf("the check's figures: %q", got)
	}
}

// TestAGapHasALengthAndIsOver: a gap's "Đến ngày" is the day back, after
// its first day and not after today.
func TestAGapHasALengthAndIsOver(t *testing.T) {
	today := NewDate(2026, 11, 27)
	for _, c := range []struct {
		from, to Date
		want     string // in the error; "" for none
	}{
		{NewDate(2000, 1, 1), NewDate(2000, 7, 1), ""},
		{NewDate(2026, 1, 1), today, ""},
		{NewDate(2001, 3, 10), NewDate(2001, 3, 10), "không có ngày nào"},
		{NewDate(2030, 1, 1), NewDate(2030, 2, 1), "ở tương lai"},
		{NewDate(2001, 3, 10), NewDate(2001, 3, 9), "trước ngày bắt đầu"},
		{Date{}, NewDate(2001, 3, 9), "không được để trống"},
	} {
		g := PartyAgeGap{From: c.from, To: c.to}
		err := g.Validate(today)
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%v – %v: %v, want %q", c.from, c.to, err, c.want)
		}
	}
}
