package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date without time or zone. The zero Date means "not set".
type Date struct {
	Year  int
	Month int
	Day   int
}

// NewDate returns the date y-m-d; it does not validate.
func NewDate(y, m, d int) Date { return Date{y, m, d} }

// DateOf returns the calendar date of t.
func DateOf(t time.Time) Date { return Date{t.Year(), int(t.Month()), t.Day()} }

// Today returns the local calendar date.
func Today() Date { return DateOf(time.Now()) }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String formats the date as users read it: dd/mm/yyyy, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}

// ISO formats the date as yyyy-mm-dd, the stored form, or "" when unset.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Time returns the date at midnight UTC.
func (d Date) Time() time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or 1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(d.Month, e.Month)
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// AddDate adds years, months and days, normalising like time.Time.AddDate.
func (d Date) AddDate(years, months, days int) Date {
	return DateOf(d.Time().AddDate(years, months, days))
}

func validDate(y, m, d int) bool {
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ParseDate is the one date parser. It accepts dd/mm/yyyy, d/m/yyyy,
// dd-mm-yyyy, dd.mm.yyyy and yyyy-mm-dd (optionally followed by a time, as
// spreadsheets write it). An empty string gives the zero Date and no error.
// Excel date cells are converted with DateFromExcelSerial before they get here.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	if i := strings.IndexAny(s, " T"); i > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' && strings.Contains(s[i:], ":") {
		// "1975-03-12 00:00:00" or "1975-03-12T00:00:00Z": keep the date part.
		s = s[:i]
	}
	sep := strings.IndexAny(s, "/-.")
	if sep < 0 {
		return Date{}, Errorf(EINVALID, "", "%q không phải là ngày (cần dạng dd/mm/yyyy)", s)
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 || strings.Count(s, string(s[sep])) != 2 {
		return Date{}, Errorf(EINVALID, "", "%q không phải là ngày (cần dạng dd/mm/yyyy)", s)
	}
	nums := make([]int, 3)
	for i, p := range parts {
		if !IsDigits(p) || len(p) > 4 {
			return Date{}, Errorf(EINVALID, "", "%q không phải là ngày (cần dạng dd/mm/yyyy)", s)
		}
		nums[i], _ = strconv.Atoi(p)
	}
	var y, m, d int
	switch {
	case len(parts[0]) == 4 && s[sep] == '-' && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		y, m, d = nums[0], nums[1], nums[2]
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		d, m, y = nums[0], nums[1], nums[2]
	default:
		return Date{}, Errorf(EINVALID, "", "%q không phải là ngày (cần dạng dd/mm/yyyy, năm đủ 4 chữ số)", s)
	}
	if !validDate(y, m, d) {
		return Date{}, Errorf(EINVALID, "", "ngày %q không tồn tại", s)
	}
	return Date{y, m, d}, nil
}

// MustDate parses s with ParseDate and panics on error; for tests and literals.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateFromExcelSerial converts an Excel serial day number (1900 date system,
// with Excel's phantom 29/02/1900) to a Date.
func DateFromExcelSerial(serial float64) (Date, error) {
	if serial < 1 || serial >= 2958466 { // 31/12/9999
		return Date{}, Errorf(EINVALID, "", "số ngày Excel %v nằm ngoài khoảng hợp lệ", serial)
	}
	days := int(serial)
	if days >= 60 {
		days-- // Excel counts 29/02/1900, which never existed.
	}
	base := time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	d := DateOf(base.AddDate(0, 0, days))
	if !validDate(d.Year, d.Month, d.Day) {
		return Date{}, Errorf(EINVALID, "", "số ngày Excel %v nằm ngoài khoảng hợp lệ", serial)
	}
	return d, nil
}

// ExcelSerial returns the Excel serial day number of d.
func (d Date) ExcelSerial() float64 {
	base := time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	days := int(d.Time().Sub(base).Hours() / 24)
	if days >= 60 {
		days++
	}
	return float64(days)
}

// YearEnd returns 31/12 of the year y.
func YearEnd(y int) Date { return Date{y, 12, 31} }

// AddMonths adds n months, keeping the day but not past the end of the
// month: 31/08 + 6 months is 28/02 (29/02 in a leap year), where AddDate
// would run into March.
func (d Date) AddMonths(n int) Date {
	m := d.Year*12 + (d.Month - 1) + n
	y, mo := m/12, m%12+1
	last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return Date{y, mo, min(d.Day, last)}
}
