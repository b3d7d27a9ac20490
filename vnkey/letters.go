package vnkey

import "unicode"

// mark is what a Vietnamese letter carries besides its tone.
type mark uint8

const (
	noMark mark = iota
	hat         // â ê ô
	breve       // ă
	horn        // ơ ư
	bar         // đ
)

// tone is a syllable's tone, numbered as VNI numbers them: 1 sắc, 2 huyền,
// 3 hỏi, 4 ngã, 5 nặng (Telex: s f r x j).
type tone uint8

// letter is one letter of the word being composed: an ASCII base letter in
// lower case with its mark. The tone belongs to the word.
type letter struct {
	base  byte
	mark  mark
	upper bool
	// fromW: an ư typed as a lone w (Telex); undoing it gives the w back.
	fromW bool
}

// forms lists each vowel with its mark under the five tones, in tone order.
var forms = [...]struct {
	base  byte
	mark  mark
	forms string
}{
	{'a', noMark, "aáàảãạ"}, {'a', breve, "ăắằẳẵặ"}, {'a', hat, "âấầẩẫậ"},
	{'e', noMark, "eéèẻẽẹ"}, {'e', hat, "êếềểễệ"},
	{'i', noMark, "iíìỉĩị"},
	{'o', noMark, "oóòỏõọ"}, {'o', hat, "ôốồổỗộ"}, {'o', horn, "ơớờởỡợ"},
	{'u', noMark, "uúùủũụ"}, {'u', horn, "ưứừửữự"},
	{'y', noMark, "yýỳỷỹỵ"},
}

type shape struct {
	base byte
	mark mark
}

type decoded struct {
	shape
	tone  tone
	upper bool
}

// toned gives each vowel shape its six forms; decodes reads any of them
// (and đ) back.
var toned, decodes = tables()

func tables() (map[shape][6]rune, map[rune]decoded) {
	toned, decodes := map[shape][6]rune{}, map[rune]decoded{}
	for _, f := range forms {
		var rs [6]rune
		copy(rs[:], []rune(f.forms))
		toned[shape{f.base, f.mark}] = rs
		for t, r := range rs {
			decodes[r] = decoded{shape{f.base, f.mark}, tone(t), false}
			decodes[unicode.ToUpper(r)] = decoded{shape{f.base, f.mark}, tone(t), true}
		}
	}
	decodes['đ'] = decoded{shape{'d', bar}, 0, false}
	decodes['Đ'] = decoded{shape{'d', bar}, 0, true}
	return toned, decodes
}

// decode reads a letter as typed or shown: an ASCII letter or a Vietnamese
// letter with its mark and tone.
func decode(r rune) (decoded, bool) {
	switch {
	case r >= 'a' && r <= 'z':
		return decoded{shape: shape{byte(r), noMark}}, true
	case r >= 'A' && r <= 'Z':
		return decoded{shape: shape{byte(r - 'A' + 'a'), noMark}, upper: true}, true
	}
	d, ok := decodes[r]
	return d, ok
}

func isVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// rune is how the letter shows with tone t.
func (l letter) rune(t tone) rune {
	var r rune
	if l.base == 'd' && l.mark == bar {
		r = 'đ'
	} else if rs, ok := toned[shape{l.base, l.mark}]; ok {
		r = rs[t]
	} else {
		r = rune(l.base)
	}
	if l.upper {
		return unicode.ToUpper(r)
	}
	return r
}
