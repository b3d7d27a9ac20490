package vnkey

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file turns target text into the keys a person would type for it,
// reading the text's diacritics through Unicode decomposition (not through
// the engine's own tables), and moves tone marks between the two styles.

// glyph is one letter of a target word: its ASCII base as written (case
// kept) and its diacritics.
type glyph struct {
	base rune
	mark mark
	tone tone
}

var combiningTones = map[rune]tone{'\u0301': 1, '\u0300': 2, '\u0309': 3, '\u0303': 4, '\u0323': 5}
var combiningMarks = map[rune]mark{'\u0302': hat, '\u0306': breve, '\u031B': horn}

// glyphs decomposes a word; false if it has a letter outside Vietnamese.
func glyphs(word string) ([]glyph, bool) {
	var gs []glyph
	for _, r := range norm.NFC.String(word) {
		switch r {
		case 'đ':
			gs = append(gs, glyph{base: 'd', mark: bar})
			continue
		case 'Đ':
			gs = append(gs, glyph{base: 'D', mark: bar})
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		if d[0] > unicode.MaxASCII || !unicode.IsLetter(d[0]) {
			return nil, false
		}
		g := glyph{base: d[0]}
		for _, c := range d[1:] {
			if t, ok := combiningTones[c]; ok {
				g.tone = t
			} else if m, ok := combiningMarks[c]; ok {
				g.mark = m
			} else {
				return nil, false
			}
		}
		gs = append(gs, g)
	}
	return gs, len(gs) > 0
}

func isVowelRune(r rune) bool { return strings.ContainsRune("aeiouyAEIOUY", r) }

// Key orders in which a word is typed.
const (
	marksAtOnce  = iota // each mark right after its letter, the tone at the end: "nguyeenx"
	toneAfterVow        // the tone right after the last vowel: "nguyeexn"
	toneFirst           // the tone right after the first vowel: "nguxyeen"
	marksLate           // the plain letters, then the marks, then the tone: "nguyenex"
	orders
)

var orderNames = [...]string{"marks at once", "tone after vowel", "tone first", "marks late"}

// keysFor is what a person types for word with method m in the given order.
func keysFor(m Method, word string, order int) string {
	gs, ok := glyphs(word)
	if !ok {
		panic("not a Vietnamese word: " + word)
	}
	upperWord := strings.ToUpper(word) == word && strings.ToLower(word) != word
	key := func(telex, vni rune, upper bool) rune {
		k := telex
		if m == VNI {
			k = vni
		}
		if upper {
			return unicode.ToUpper(k)
		}
		return k
	}
	markKey := func(g glyph) rune {
		up := unicode.IsUpper(g.base)
		switch g.mark {
		case hat:
			return key(unicode.ToLower(g.base), '6', up)
		case breve:
			return key('w', '8', up)
		case horn:
			return key('w', '7', up)
		case bar:
			return key('d', '9', up)
		}
		return 0
	}
	var t tone
	first, last := -1, -1
	for i, g := range gs {
		if g.tone != 0 {
			t = g.tone
		}
		if isVowelRune(g.base) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	toneKey := key(rune("_sfrxj"[t]), rune("_12345"[t]), upperWord)
	// In Telex oo is ô: a plain "oo" (boong, xoong) is typed "ooo", marks
	// at once.
	ooo := func(i int) bool {
		return m == Telex && i > 0 && gs[i].mark == noMark && gs[i-1].mark == noMark &&
			unicode.ToLower(gs[i].base) == 'o' && unicode.ToLower(gs[i-1].base) == 'o'
	}
	for i := range gs {
		if ooo(i) && (order == toneFirst || order == marksLate) {
			order = marksAtOnce
		}
	}
	var b []rune
	if order == marksLate {
		for _, g := range gs {
			b = append(b, g.base)
		}
		for i, g := range gs {
			// One w (7) marks both letters of ươ.
			if g.mark != noMark && !(g.mark == horn && i+1 < len(gs) && gs[i+1].mark == horn) {
				b = append(b, markKey(g))
			}
		}
		if t != 0 {
			b = append(b, toneKey)
		}
		return string(b)
	}
	at := len(gs) - 1
	switch order {
	case toneAfterVow:
		at = last
	case toneFirst:
		at = first
	}
	for i, g := range gs {
		b = append(b, g.base)
		if ooo(i) {
			b = append(b, g.base)
		}
		if g.mark != noMark {
			b = append(b, markKey(g))
		}
		if i == at && t != 0 {
			b = append(b, toneKey)
		}
	}
	return string(b)
}

// restyle moves the tone of a word ending in oa, oe or uy (not after q) to
// where style puts it: the second vowel in the new style, the first in the
// old.
func restyle(word string, s Style) string {
	rs := []rune(norm.NFD.String(word))
	// Find the last two base letters (with their combining marks).
	type at struct{ i, j int } // letter spans in rs
	var spans []at
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && unicode.Is(unicode.Mn, rs[j]) {
			j++
		}
		spans = append(spans, at{i, j})
		i = j
	}
	n := len(spans)
	if n < 2 {
		return word
	}
	a, b := spans[n-2], spans[n-1]
	pair := strings.ToLower(string([]rune{rs[a.i], rs[b.i]}))
	if pair != "oa" && pair != "oe" && pair != "uy" {
		return word
	}
	if n >= 3 && strings.ToLower(string(rs[spans[n-3].i])) == "q" {
		return word
	}
	if n >= 3 && isVowelRune(rs[spans[n-3].i]) {
		gi := n == 4 && strings.EqualFold(string(rs[spans[0].i]), "g") && strings.EqualFold(string(rs[spans[1].i]), "i")
		if !gi {
			return word // three vowels: the middle one carries it
		}
	}
	// Only letters a and b may hold extra marks here (oa, oe, uy have none).
	var toneMark rune
	strip := func(sp at) []rune {
		var out []rune
		for _, r := range rs[sp.i:sp.j] {
			if _, ok := combiningTones[r]; ok {
				toneMark = r
				continue
			}
			out = append(out, r)
		}
		return out
	}
	first, second := strip(a), strip(b)
	if toneMark == 0 || len(first) != 1 || len(second) != 1 {
		return word // no tone, or oă, uơ …: not a pair whose tone moves
	}
	if s == NewStyle {
		second = append(second, toneMark)
	} else {
		first = append(first, toneMark)
	}
	out := append(append(append([]rune{}, rs[:a.i]...), first...), second...)
	return norm.NFC.String(string(out))
}
