// Package vnkey composes Vietnamese text from plain key presses, as the
// Telex and VNI input methods do, so that a program can offer Vietnamese
// typing wherever plain keys reach it. It holds no I/O and no GUI: feed a
// Word the keys of the word being typed and show what it returns.
//
// Telex: aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, w alone ư, dd đ; s f r x j the
// five tones, z removes the tone. VNI: 1–5 the tones, 6 circumflex, 7 horn,
// 8 breve, 9 đ, 0 removes the tone. Tone and shape keys may come anywhere in
// the word ("nguyeenx", "nguyenxe" → nguyễn); a key repeated undoes what it
// did ("ass" → as, "ddd" → dd); capitals are kept. A word that cannot be
// Vietnamese is left as typed ("Excel"), and numbers are never changed.
package vnkey

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Method is an input method.
type Method uint8

// Input methods.
const (
	Off Method = iota // no composing: keys are text as they are
	Telex
	VNI
)

// Methods are the input methods by their names in settings.
var Methods = []Method{Off, Telex, VNI}

func (m Method) String() string {
	switch m {
	case Telex:
		return "telex"
	case VNI:
		return "vni"
	}
	return "off"
}

// ParseMethod reads a method's name ("off", "telex", "vni").
func ParseMethod(s string) (Method, bool) { return byName(Methods, s) }

// Style is where the tone mark goes in oa, oe and uy at the end of a word.
type Style uint8

// Tone styles.
const (
	NewStyle Style = iota // hoà, hoè, thuý
	OldStyle              // hòa, hòe, thúy
)

// Styles are the tone styles by their names in settings.
var Styles = []Style{NewStyle, OldStyle}

func (s Style) String() string {
	if s == OldStyle {
		return "old"
	}
	return "new"
}

// ParseStyle reads a style's name ("new", "old").
func ParseStyle(s string) (Style, bool) { return byName(Styles, s) }

// byName finds the one of all named s (in any case), else the first.
func byName[T fmt.Stringer](all []T, s string) (T, bool) {
	for _, x := range all {
		if strings.EqualFold(strings.TrimSpace(s), x.String()) {
			return x, true
		}
	}
	return all[0], false
}

// Compose types text key by key with method m and style s, as a text field
// would show it; '\b' is a backspace. The result is NFC.
func Compose(m Method, s Style, text string) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	var done []rune
	w := Word{Method: m, Style: s}
	for _, r := range text {
		if w.empty() && len(done) > 0 && r != '\b' && (unicode.IsLetter(done[len(done)-1]) || unicode.IsDigit(done[len(done)-1])) {
			w.Attach()
		}
		if r == '\b' {
			if !w.Backspace() && len(done) > 0 {
				done = done[:len(done)-1]
			}
			continue
		}
		if !w.Type(r) {
			done = append(append(done, []rune(w.End())...), r)
		}
	}
	return norm.NFC.String(string(done) + w.String())
}

// Word is the word being typed. The zero value composes nothing (Off).
type Word struct {
	Method Method
	Style  Style

	ls   []letter
	tone tone
	// keys are the keys typed for the word (after the text it was begun
	// from): what is shown if it turns out not to be Vietnamese.
	keys []rune
	// dead: the word is no longer composed; text is shown as it is, and
	// more keys are added as they are.
	dead bool
	text []rune
	// undone: a repeated key has just taken back its change ("ass" → as).
	undone bool
	// attached: the word continues a number or a word it is not part of, so
	// it is not composed ("10A1" in VNI).
	attached bool
}

// Len is the word's length in runes as shown; 0 when no word is begun.
func (w *Word) Len() int { return utf8.RuneCountInString(w.String()) }

func (w *Word) empty() bool { return len(w.ls) == 0 && len(w.text) == 0 }

// Reset ends the word.
func (w *Word) Reset() {
	w.ls, w.tone, w.keys, w.dead, w.text = w.ls[:0], 0, w.keys[:0], false, w.text[:0]
	w.undone, w.attached = false, false
}

// Attach says that the word about to be typed continues text that is not
// a word of its own — a number, a code, a word the cursor was moved into —
// so its keys are kept as typed until the word ends.
func (w *Word) Attach() {
	w.Reset()
	w.attached, w.dead = true, true
}

// String is the word as the user sees it, in NFC.
func (w *Word) String() string {
	if w.dead {
		return norm.NFC.String(string(w.text))
	}
	pos := -1
	if w.tone != 0 {
		pos = tonePos(w.ls, w.Style)
	}
	b := make([]rune, len(w.ls))
	for i, l := range w.ls {
		t := tone(0)
		if i == pos {
			t = w.tone
		}
		b[i] = l.rune(t)
	}
	return string(b)
}

// Type adds the key r to the word and reports whether r belongs to it;
// false means r ends the word (a space, a punctuation mark, a digit that
// cannot be a VNI key): call End, then insert r as it is.
func (w *Word) Type(r rune) bool {
	if w.Method == Off || !w.takes(r) {
		return false
	}
	if w.undone {
		// After an undo, the word goes on from what it shows if that is
		// Vietnamese ("booo" → boo, then "ng" → boong); else the keys show
		// as typed ("Office", "coffee").
		keys := append(append([]rune(nil), w.keys...), r)
		w.Begin(string(w.text))
		if w.dead {
			w.keys = keys
			w.text = append(w.text[:0], keys...)
			return true
		}
	}
	w.keys = append(w.keys, r)
	if w.dead {
		w.text = append(w.text, r)
		return true
	}
	d, ok := decode(r)
	switch {
	case r >= '0' && r <= '9':
		if !w.transform(byte(r), r) {
			w.kill() // a number is not a Vietnamese word
		}
	case !ok: // a letter of another language
		w.kill()
	case r >= 0x80: // a Vietnamese letter typed as such
		if d.tone != 0 && w.tone != 0 {
			w.kill()
			return true
		}
		if d.tone != 0 {
			w.tone = d.tone
		}
		w.add(letter{base: d.base, mark: d.mark, upper: d.upper})
	case !w.transform(d.base, r):
		w.add(letter{base: d.base, upper: d.upper})
	}
	return true
}

// takes reports whether r is part of a word: a letter, or in VNI a digit
// after a word is begun.
func (w *Word) takes(r rune) bool {
	if r >= '0' && r <= '9' {
		return w.Method == VNI && !w.empty()
	}
	return unicode.IsLetter(r)
}

// End ends the word and returns how it stays: as shown, or as typed when it
// was composed but is not a whole Vietnamese syllable ("Users" would show
// "Úe"; "tiee" shows tiê).
func (w *Word) End() string {
	s := w.String()
	if !w.dead && !complete(w.ls, w.tone) {
		s = norm.NFC.String(string(w.keys))
	}
	w.Reset()
	return s
}

// Backspace deletes the last letter as the user sees it; false when there
// is no word.
func (w *Word) Backspace() bool {
	s := []rune(w.String())
	if len(s) == 0 {
		return false
	}
	w.Begin(string(s[:len(s)-1]))
	return true
}

// Begin starts the word from text already shown (after a backspace): its
// Vietnamese letters and tone are read, so that keys typed next act on it.
func (w *Word) Begin(text string) {
	attached := w.attached
	w.Reset()
	if attached {
		w.Attach()
	}
	for _, r := range text {
		w.keys = append(w.keys, r)
		if w.dead {
			w.text = append(w.text, r)
			continue
		}
		d, ok := decode(r)
		if !ok || d.tone != 0 && w.tone != 0 {
			w.kill()
			continue
		}
		if d.tone != 0 {
			w.tone = d.tone
		}
		w.add(letter{base: d.base, mark: d.mark, upper: d.upper})
	}
}

// longest is more letters than any syllable or abbreviation has.
const longest = 12

// add appends l; a word that can no longer be Vietnamese is shown as typed.
func (w *Word) add(l letter) {
	w.ls = append(w.ls, l)
	if len(w.ls) > longest {
		w.kill()
		return
	}
	normalize(w.ls)
	if !valid(w.ls, w.tone) {
		w.kill()
	}
}

// kill stops composing: the word shows the keys as typed.
func (w *Word) kill() {
	w.dead = true
	w.text = append(w.text[:0], w.keys...)
}

// undo ends composing after a repeated key took back its change: the word
// shows what it shows now followed by the key.
func (w *Word) undo(r rune) {
	text := []rune(w.String())
	w.dead, w.undone = true, true
	w.text = append(append(w.text[:0], text...), r)
}

// transform applies key (lower case base k, typed as r) as a tone or shape
// key of the method; false when it is just a letter here.
func (w *Word) transform(k byte, r rune) bool {
	if w.Method == Telex {
		if t := strings.IndexByte("zsfrxj", k); t >= 0 { // z removes; s f r x j: tones 1–5
			return w.setTone(tone(t), r)
		}
		switch k {
		case 'a', 'e', 'o':
			return w.setMark(hatOn(string(k)), r)
		case 'w':
			return w.setMark(hornOrBreve, r) || w.loneW(r)
		case 'd':
			return w.setBar(r)
		}
		return false
	}
	switch k {
	case '0', '1', '2', '3', '4', '5': // 0 removes; 1–5: the tones
		return w.setTone(tone(k-'0'), r)
	case '6':
		return w.setMark(hatOn("aeo"), r)
	case '7':
		return w.setMark(hornOnly, r)
	case '8':
		return w.setMark(breveOnly, r)
	case '9':
		return w.setBar(r)
	}
	return false
}

// setTone gives the word tone t (0 removes it); the same tone again undoes it.
func (w *Word) setTone(t tone, r rune) bool {
	if t == 0 {
		if w.tone == 0 {
			return false
		}
		w.tone = 0
		return true
	}
	if tonePos(w.ls, w.Style) < 0 {
		return false
	}
	if w.tone == t {
		w.tone = 0
		w.undo(r)
		return true
	}
	old := w.tone
	w.tone = t
	if !valid(w.ls, w.tone) {
		w.tone = old
		return false
	}
	return true
}

// A change is a shape key's effect: the mark m on the letters at idx.
type change struct {
	idx []int
	m   mark
}

// changes lists what a shape key could do to the vowels ls[v:f], best first.
type changes func(ls []letter, v, f int) []change

// marking lists, last vowel first, the changes that give each vowel of the
// word the mark markOf names for its letter (noMark: none from this key);
// with uo, the horn of ươ comes first.
func marking(markOf func(base byte) mark, uo bool) changes {
	return func(ls []letter, v, f int) []change {
		var cs []change
		if uo {
			cs = uoHorn(ls, v, f)
		}
		for i := f - 1; i >= v; i-- {
			if m := markOf(ls[i].base); m != noMark {
				cs = append(cs, change{[]int{i}, m})
			}
		}
		return cs
	}
}

// Shape keys: a hat on the given letters; Telex's w (ư, ơ, ă); VNI's 7 (ư,
// ơ) and 8 (ă).
var (
	hatOn = func(bases string) changes {
		return marking(func(b byte) mark {
			if strings.IndexByte(bases, b) >= 0 {
				return hat
			}
			return noMark
		}, false)
	}
	hornOrBreve = marking(func(b byte) mark {
		switch b {
		case 'u', 'o':
			return horn
		case 'a':
			return breve
		}
		return noMark
	}, true)
	hornOnly = marking(func(b byte) mark {
		if b == 'u' || b == 'o' {
			return horn
		}
		return noMark
	}, true)
	breveOnly = marking(func(b byte) mark {
		if b == 'a' {
			return breve
		}
		return noMark
	}, false)
)

func uoHorn(ls []letter, v, f int) []change {
	for i := v; i+1 < f; i++ {
		if ls[i].base == 'u' && ls[i+1].base == 'o' {
			if i+2 < len(ls) || ls[i].mark == horn {
				return []change{{[]int{i, i + 1}, horn}}
			}
			return []change{{[]int{i + 1}, horn}}
		}
	}
	return nil
}

// setMark applies the first of the key's changes that is already there
// (undoing it) or that leaves a Vietnamese word.
func (w *Word) setMark(key changes, r rune) bool {
	p, ok := split(w.ls)
	if !ok {
		return false
	}
	for _, c := range key(w.ls, p.v, p.f) {
		applied := true
		for _, i := range c.idx {
			applied = applied && w.ls[i].mark == c.m
		}
		if applied {
			w.unmark(c.idx, r)
			return true
		}
		saved := append([]letter(nil), w.ls...)
		for _, i := range c.idx {
			w.ls[i].mark = c.m
		}
		normalize(w.ls)
		if valid(w.ls, w.tone) {
			return true
		}
		w.ls = saved
	}
	return false
}

// unmark takes the marks at idx back after their key came again: "aaa" → aa,
// "ww" → w.
func (w *Word) unmark(idx []int, r rune) {
	for _, i := range idx {
		w.ls[i].mark = noMark
	}
	for _, i := range idx {
		if w.ls[i].fromW {
			w.ls = append(w.ls[:i], w.ls[i+1:]...)
			break
		}
	}
	w.undo(r)
}

// loneW types ư for a w that marks no vowel: "w" → ư, "nhw" → như.
func (w *Word) loneW(r rune) bool {
	w.ls = append(w.ls, letter{base: 'u', mark: horn, upper: unicode.IsUpper(r), fromW: true})
	normalize(w.ls)
	if valid(w.ls, w.tone) {
		return true
	}
	w.ls = w.ls[:len(w.ls)-1]
	return false
}

// setBar makes đ of the d just typed ("dd", "HDDND" → HĐND), else of the
// word's first letter ("dongd" → đong); again, it undoes it.
func (w *Word) setBar(r rune) bool {
	i := len(w.ls) - 1
	if i < 0 {
		return false
	}
	if w.ls[i].base != 'd' {
		i = 0
	}
	if w.ls[i].base != 'd' {
		return false
	}
	if w.ls[i].mark == bar {
		w.unmark([]int{i}, r)
		return true
	}
	w.ls[i].mark = bar
	if !valid(w.ls, w.tone) {
		w.ls[i].mark = noMark
		return false
	}
	return true
}
