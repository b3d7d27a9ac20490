package domain

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Thousands writes n the Vietnamese way, with a dot between thousands:
// 3891 → "3.891", -1234567 → "-1.234.567".
func Thousands(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	if len(s) <= 3 {
		return sign + s
	}
	var b strings.Builder
	b.WriteString(sign)
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > len(sign) {
			b.WriteByte('.')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// Percent writes a share (0.184) as a percentage with one decimal and a
// decimal comma: "18,4%".
func Percent(f float64) string {
	if math.IsNaN(f) {
		return "—" // of nothing: cannot be computed
	}
	return strings.Replace(fmt.Sprintf("%.1f%%", f*100), ".", ",", 1)
}

// PartyDate writes d as party documents date things (HD 36-HD/VPTW): the
// day with two digits, the month with two only when below 3: "20/01/2026",
// "02/9/2026".
func PartyDate(d Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%s/%d", d.Day, partyMonth(d.Month), d.Year)
}

// PartyDateLine is the place and date line of a party document: "Sơn Trà,
// ngày 20 tháng 01 năm 2026", "…, ngày 02 tháng 9 năm 2026".
func PartyDateLine(place string, d Date) string {
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", place, d.Day, partyMonth(d.Month), d.Year)
}

func partyMonth(m int) string {
	if m < 3 {
		return fmt.Sprintf("%02d", m)
	}
	return strconv.Itoa(m)
}

// ParseDecimal reads a number typed the Vietnamese way ("12,5") or the
// English way ("12.5"); thousands dots are not allowed here (a dot or a
// comma is the decimal point).
func ParseDecimal(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if strings.Count(t, ",")+strings.Count(t, ".") > 1 {
		return 0, Errorf(EINVALID, "", "%q không phải là một số (ví dụ 12,5)", s)
	}
	f, err := strconv.ParseFloat(strings.Replace(t, ",", ".", 1), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || strings.ContainsAny(t, "eEpPxX_") {
		return 0, Errorf(EINVALID, "", "%q không phải là một số (ví dụ 12,5)", s)
	}
	// What is measured here (months, millimetres, points) is never near the
	// limits of a float, where writing it back would overflow.
	if math.Abs(f) > maxDecimal {
		return 0, Errorf(EINVALID, "", "%q lớn quá (tối đa %s)", s, Decimal(maxDecimal))
	}
	return f, nil
}

// maxDecimal bounds what ParseDecimal reads.
const maxDecimal = 1e12

// Decimal writes f with a decimal comma and no more decimals than it needs
// (at most two): 12.5 → "12,5", 30 → "30".
func Decimal(f float64) string {
	s := strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
	return strings.Replace(s, ".", ",", 1)
}
