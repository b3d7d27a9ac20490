package domain

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold is the one text-folding function: NFC-insensitive, lower case,
// diacritics stripped, đ/Đ mapped to d, and runs of white space folded to one
// space. "Nguyễn Văn Đức" folds to "nguyen van duc".
func Fold(s string) string {
	s = norm.NFD.String(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if unicode.IsSpace(r) {
			pendingSpace = b.Len() > 0
			continue
		}
		switch r {
		case 'đ', 'Đ', 'ð', 'Ð':
			r = 'd'
		}
		if pendingSpace {
			b.WriteByte(' ')
			pendingSpace = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// FoldKey folds s and keeps only letters and digits, for matching sheet and
// column names: "Đảng viên", "DANG VIEN" and "dang_vien" all give "dangvien".
func FoldKey(s string) string {
	f := Fold(s)
	var b strings.Builder
	b.Grow(len(f))
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CleanText trims s, folds inner runs of white space to one space and returns
// it in Unicode NFC, the form in which all text is stored.
func CleanText(s string) string {
	if isClean(s) {
		return s // most text already is: no copy
	}
	s = norm.NFC.String(s)
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isClean reports whether s is already as CleanText makes it: printable
// ASCII with single inner spaces, or text in NFC with the same spaces.
func isClean(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if s[i+1] == ' ' {
				return false
			}
		case c < 0x20 || c == 0x7f:
			return false
		case c >= 0x80:
			ascii = false
		}
	}
	if ascii {
		return true
	}
	return !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) && norm.NFC.IsNormalString(s)
}

// IsDigits reports whether s is a non-empty run of ASCII digits.
func IsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// NeutralizeFormula prefixes text that begins like a formula (=, +, -, @,
// tab or carriage return) with an apostrophe, so that a spreadsheet shows it
// as text instead of running it (CSV injection).
func NeutralizeFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Slug turns a name into a file name part: folded (no diacritics, đ → d),
// words joined by '-', only letters and digits kept. "Chi bộ Khu dân cư
// số 3" → "chi-bo-khu-dan-cu-so-3".
func Slug(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	return b.String()
}
