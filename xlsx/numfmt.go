package xlsx

import "strings"

// builtinDate reports whether a built-in number format (ECMA-376 §18.8.30,
// and the East Asian ones Excel adds) shows a date. Times alone (h:mm) are
// not dates.
func builtinDate(id int) bool {
	switch {
	case id >= 14 && id <= 17, id == 22:
		return true
	case id >= 27 && id <= 36, id >= 50 && id <= 58:
		return true
	}
	return false
}

// IsDateFormat reports whether a custom number format code shows a date:
// its first section, with quoted text, escaped characters and bracketed
// parts ([Red], [$-42A]) left out, has a day, a year, or a month without
// hours or seconds beside it ("mm:ss" is minutes).
func IsDateFormat(code string) bool {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i]
	}
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '\\', '_', '*':
			i++ // the next character is shown as it is (or is padding)
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				i = len(code)
				continue
			}
			if inner := strings.ToLower(code[i+1 : i+1+j]); inner != "" && strings.Trim(inner, "hms") == "" {
				return false // elapsed time: [h]:mm
			}
			i += j + 1
		default:
			b.WriteByte(c | 0x20)
		}
	}
	f := b.String()
	if strings.ContainsAny(f, "dyeg") && !strings.Contains(f, "general") {
		return strings.ContainsAny(f, "dy") || strings.Contains(f, "ee") || strings.Contains(f, "gg")
	}
	return strings.Contains(f, "m") && !strings.ContainsAny(f, "hs")
}
