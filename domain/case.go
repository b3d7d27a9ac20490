package domain

import (
	"unicode"
	"unicode/utf8"
)

// UpperFirst capitalises the first letter: "truy tặng" → "Truy tặng".
func UpperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// LowerFirst puts the first letter in small: "Hoàn thành …" → "hoàn thành …",
// to read inside a sentence.
func LowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
