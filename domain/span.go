package domain

import (
	"fmt"
	"strings"
)

// Span is a length of calendar time: years, months and days.
type Span struct{ Years, Months, Days int }

// SpanBetween is the calendar time from from to to (zero when to is not
// after from): whole months first, then days. A gap's "Đến ngày" is the
// day the member is back (readmitted, found again), so 01/01/2000 to
// 01/07/2000 is six months, and puts each milestone six months later.
func SpanBetween(from, to Date) Span {
	if from.IsZero() || to.IsZero() || !to.After(from) {
		return Span{}
	}
	months := (to.Year-from.Year)*12 + to.Month - from.Month
	if from.AddMonths(months).After(to) {
		months--
	}
	days := int(to.Time().Sub(from.AddMonths(months).Time()).Hours() / 24)
	return Span{Years: months / 12, Months: months % 12, Days: days}
}

// Plus is the two spans together, months carried into years.
func (s Span) Plus(o Span) Span {
	m := (s.Years+o.Years)*12 + s.Months + o.Months
	return Span{Years: m / 12, Months: m % 12, Days: s.Days + o.Days}
}

// IsZero reports whether the span is empty.
func (s Span) IsZero() bool { return s == Span{} }

// String is the span as the lists print it: "1 năm 2 tháng 3 ngày".
func (s Span) String() string {
	var parts []string
	for _, p := range []struct {
		n    int
		unit string
	}{{s.Years, "năm"}, {s.Months, "tháng"}, {s.Days, "ngày"}} {
		if p.n != 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.unit))
		}
	}
	return strings.Join(parts, " ")
}
