package vnkey

import "strings"

// A syllable is written onset + vowels + final: "ngh" + "uyê" + "n". The
// rules here say which spellings can be (or can still become, as more keys
// come) a Vietnamese syllable, and where its tone mark goes.

// parts splits a word's letters: onset ls[:v], vowels ls[v:f], final ls[f:].
type parts struct{ v, f int }

// split finds the onset, the vowels and the final of ls; false when a vowel
// follows the final (not one syllable). In "qu" and in "gi" before another
// vowel the u and the i belong to the onset: "quý", "giá".
func split(ls []letter) (parts, bool) {
	v := 0
	for v < len(ls) && !isVowel(ls[v].base) {
		v++
	}
	switch {
	case v == 1 && ls[0].base == 'q' && len(ls) > 1 && ls[1].base == 'u' && ls[1].mark == noMark:
		v = 2
	case v == 1 && ls[0].base == 'g' && len(ls) > 2 && ls[1].base == 'i' && isVowel(ls[2].base):
		v = 2
	}
	f := v
	for f < len(ls) && isVowel(ls[f].base) {
		f++
	}
	for _, l := range ls[f:] {
		if isVowel(l.base) {
			return parts{}, false
		}
	}
	return parts{v, f}, true
}

// onsets are the consonants a syllable may begin with, and the beginnings
// of them that typing passes through ("q" before "qu").
var onsets = map[string]bool{
	"": true, "b": true, "c": true, "ch": true, "d": true, "đ": true, "g": true, "gh": true, "gi": true,
	"h": true, "k": true, "kh": true, "l": true, "m": true, "n": true, "ng": true, "ngh": true, "nh": true,
	"p": true, "ph": true, "q": true, "qu": true, "r": true, "s": true, "t": true, "th": true, "tr": true,
	"v": true, "x": true,
}

// finals are the consonants a syllable may end with.
var finals = map[string]bool{"c": true, "ch": true, "m": true, "n": true, "ng": true, "nh": true, "p": true, "t": true}

// finalRule says whether a final consonant may follow a vowel group.
type finalRule uint8

const (
	finalMay finalRule = iota
	finalMust
	finalNever
)

// clusters are the vowel groups of Vietnamese syllables, each with whether
// a final consonant may follow (ă, â, iê, uô, ươ … need one; ai, ao, ưu …
// end the syllable).
var clusters = map[string]finalRule{
	"a": finalMay, "ă": finalMust, "â": finalMust, "e": finalMay, "ê": finalMay, "i": finalMay,
	"o": finalMay, "ô": finalMay, "ơ": finalMay, "u": finalMay, "ư": finalMay, "y": finalMay,
	"ai": finalNever, "ao": finalNever, "au": finalNever, "ay": finalNever, "âu": finalNever, "ây": finalNever,
	"eo": finalNever, "êu": finalNever, "ia": finalNever, "iê": finalMust, "iu": finalNever, "oa": finalMay,
	"oă": finalMust, "oe": finalMay, "oi": finalNever, "oo": finalMust, "ôi": finalNever, "ơi": finalNever,
	"ua": finalNever, "uâ": finalMust, "uê": finalMay, "ui": finalNever, "uô": finalMust, "uơ": finalNever,
	"uy": finalMay, "ưa": finalNever, "ưi": finalNever, "ưu": finalNever, "ươ": finalMust, "yê": finalMust,
	"iêu": finalNever, "oai": finalNever, "oao": finalNever, "oay": finalNever, "oeo": finalNever,
	"uây": finalNever, "uôi": finalNever, "uya": finalNever, "uyê": finalMust, "uyu": finalNever,
	"ươi": finalNever, "ươu": finalNever, "yêu": finalNever,
}

// clusterShapes is clusters as letter shapes, for matching.
var clusterShapes = func() map[string][]shape {
	m := map[string][]shape{}
	for c := range clusters {
		var s []shape
		for _, r := range c {
			d, _ := decode(r)
			s = append(s, d.shape)
		}
		m[c] = s
	}
	return m
}()

// fits reports whether the typed vowels vs can be, or can become by adding
// marks (and, if open, more vowels), a cluster that may take a final when
// withFinal is set.
func fits(vs []letter, open, withFinal bool) bool {
	for c, s := range clusterShapes {
		if len(s) < len(vs) || (!open && len(s) != len(vs)) || (withFinal && clusters[c] == finalNever) {
			continue
		}
		ok := true
		for i, l := range vs {
			if l.base != s[i].base || (l.mark != noMark && l.mark != s[i].mark) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func spell(ls []letter) string {
	b := make([]rune, len(ls))
	for i, l := range ls {
		l.upper = false
		b[i] = l.rune(0)
	}
	return string(b)
}

// valid reports whether ls with tone t is a Vietnamese syllable or the
// beginning of one. Consonants alone are let be: abbreviations such as
// "HĐND" and "QĐ" are typed too.
func valid(ls []letter, t tone) bool {
	p, ok := split(ls)
	if !ok {
		return false
	}
	for _, l := range ls[:p.v] {
		if l.mark != noMark && l.mark != bar {
			return false
		}
	}
	if p.f == len(ls) && p.v == p.f && consonants(ls) {
		return true // no vowel (yet), or an abbreviation
	}
	onset := spell(ls[:p.v])
	if !onsets[onset] || onset == "q" {
		return false
	}
	vs, fin := ls[p.v:p.f], spell(ls[p.f:])
	if fin == "" {
		return len(vs) == 0 || fits(vs, true, false)
	}
	if len(vs) == 0 || !finals[fin] || !fits(vs, false, true) {
		return false
	}
	if fin == "ch" || fin == "nh" {
		switch last := vs[len(vs)-1]; last.base {
		case 'e', 'i', 'y':
		case 'a':
			if last.mark != noMark {
				return false
			}
		default:
			return false
		}
	}
	// A syllable ending in a stop (c, ch, p, t) takes only sắc or nặng.
	if (fin == "c" || fin == "ch" || fin == "p" || fin == "t") && t != 0 && t != 1 && t != 5 {
		return false
	}
	return true
}

// consonants reports whether ls are all Vietnamese consonant letters.
func consonants(ls []letter) bool {
	for _, l := range ls {
		if !strings.ContainsRune("bcdghklmnpqrstvx", rune(l.base)) {
			return false
		}
	}
	return true
}

// complete reports whether ls with tone t is a whole syllable (or has no
// vowel): its vowel group written out with all its marks, and the final
// consonant a group such as ă or iê needs.
func complete(ls []letter, t tone) bool {
	p, ok := split(ls)
	if !ok || !valid(ls, t) {
		return false
	}
	if consonants(ls) || len(ls) == 1 {
		return true // an abbreviation, or a letter: "HĐND", "â"
	}
	if p.v == p.f {
		return false // "qu"
	}
	rule, ok := clusters[spell(ls[p.v:p.f])]
	if !ok {
		return false
	}
	hasFinal := p.f < len(ls)
	return rule == finalMay || rule == finalMust && hasFinal || rule == finalNever && !hasFinal
}

// tonePos is the index of the letter that carries the tone: the vowel with
// a mark (the ơ of ươ), else the last vowel before a final, else the middle
// of three vowels, else the first of two — except oa, oe, uy, whose second
// takes it in the new style (hoà, thuý) and the first in the old (hòa, thúy).
// -1 when there is no vowel to carry it.
func tonePos(ls []letter, style Style) int {
	p, ok := split(ls)
	if !ok {
		return -1
	}
	n := p.f - p.v
	if n == 0 {
		if p.v == 2 && ls[0].base == 'q' { // "qú" on the way to "quá"
			return 1
		}
		return -1
	}
	for i := p.f - 1; i >= p.v; i-- {
		if ls[i].mark != noMark {
			return i
		}
	}
	switch {
	case p.f < len(ls):
		return p.f - 1
	case n == 3:
		return p.v + 1
	case n == 2:
		if c := spell(ls[p.v:p.f]); style == NewStyle && (c == "oa" || c == "oe" || c == "uy") {
			return p.v + 1
		}
	}
	return p.v
}

// normalize writes ươ for ưo and uơ when more letters follow the o
// ("dduowcs" → được, "thuowr" → thuở), and uô for ưô.
func normalize(ls []letter) {
	p, ok := split(ls)
	if !ok {
		return
	}
	for i := p.v; i+1 < p.f; i++ {
		u, o := &ls[i], &ls[i+1]
		if u.base != 'u' || o.base != 'o' {
			continue
		}
		switch {
		case o.mark == hat && u.mark == horn:
			u.mark, u.fromW = noMark, false
		case i+2 < len(ls) && u.mark == horn && o.mark == noMark:
			o.mark = horn
		case i+2 < len(ls) && u.mark == noMark && o.mark == horn:
			u.mark = horn
		}
	}
}
