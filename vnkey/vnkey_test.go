package vnkey

import (
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var methods = []Method{Telex, VNI}
var styles = []Style{NewStyle, OldStyle}

// variants are a word as written, in lower case, in capitals and with a
// capital first letter.
func variants(w string) []string {
	lower := strings.ToLower(w)
	title := []rune(lower)
	title[0] = unicode.ToUpper(title[0])
	out := []string{w}
	for _, v := range []string{lower, strings.ToUpper(w), string(title)} {
		dup := false
		for _, o := range out {
			dup = dup || o == v
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

func TestRealSyllablesInEveryOrderMethodStyleAndCase(t *testing.T) {
	words := realSyllables(t)
	// The corpus must be the repository's Vietnamese, not a handful of words.
	if len(words) < 600 {
		t.Fatalf("only %d distinct words read from the demo's lists, the translation and the install guide", len(words))
	}
	cases, failed := 0, 0
	for _, word := range words {
		for _, v := range variants(word) {
			for _, m := range methods {
				for order := 0; order < orders; order++ {
					keys := keysFor(m, v, order)
					for _, st := range styles {
						cases++
						want := restyle(v, st)
						// Then a space ends the word, which stays.
						if got := Compose(m, st, keys+" "); got != want+" " {
							failed++
							if failed <= 30 {
								t.Errorf("%v %v, %s: %q gives %q, want %q", m, st, orderNames[order], keys+" ", got, want+" ")
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d distinct words, %d cases, %d failed", len(words), cases, failed)
}

// dictionary is the Vietnamese spelling dictionary of Debian's hunspell-vi
// (installed by scripts/setup.sh; read here, not copied: it is GPL).
const dictionary = "/usr/share/hunspell/vi_VN.dic"

// TestDictionarySyllables types every syllable of a Vietnamese spelling
// dictionary (6 400 of them) in every order, method, style and case.
func TestDictionarySyllables(t *testing.T) {
	b, err := os.ReadFile(dictionary)
	if err != nil {
		t.Fatalf("the Vietnamese dictionary is missing (scripts/setup.sh installs it: apt-get install hunspell-vi): %v", err)
	}
	var words []string
	for _, line := range strings.Split(string(b), "\n")[1:] {
		w := norm.NFC.String(strings.TrimSpace(line))
		// Abbreviations (ABC, HCM) and loanwords outside the spelling are left out.
		if w == "" || strings.ToLower(w) != w {
			continue
		}
		gs, ok := glyphs(w)
		if !ok {
			t.Fatalf("%q is not Vietnamese letters", w)
		}
		groups := 0
		for i, g := range gs {
			if isVowelRune(g.base) && (i == 0 || !isVowelRune(gs[i-1].base)) {
				groups++
			}
		}
		if groups > 1 {
			continue // a loanword of two syllables: "palăng"
		}
		words = append(words, w)
	}
	if len(words) < 6000 {
		t.Fatalf("only %d words in %s", len(words), dictionary)
	}
	failed := 0
	for _, word := range words {
		for _, v := range []string{word, strings.ToUpper(word)} {
			for _, m := range methods {
				for order := 0; order < orders; order++ {
					keys := keysFor(m, v, order)
					for _, st := range styles {
						want := restyle(v, st)
						if got := Compose(m, st, keys+" "); got != want+" " {
							failed++
							if failed <= 30 {
								t.Errorf("%v %v, %s: %q gives %q, want %q", m, st, orderNames[order], keys+" ", got, want+" ")
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d words, %d failed", len(words), failed)
}

func TestEverySpellableSyllable(t *testing.T) {
	newStyle, oldStyle := allSyllables()
	if len(newStyle) < 10000 {
		t.Fatalf("only %d syllables generated", len(newStyle))
	}
	failed := 0
	for i, s := range newStyle {
		for _, m := range methods {
			for order := 0; order < orders; order++ {
				keys := keysFor(m, s, order)
				for _, st := range styles {
					want := s
					if st == OldStyle {
						want = oldStyle[i]
					}
					if got := Compose(m, st, keys+" "); got != want+" " {
						failed++
						if failed <= 30 {
							t.Errorf("%v %v, %s: %q gives %q, want %q", m, st, orderNames[order], keys+" ", got, want+" ")
						}
					}
					if got := Compose(m, st, keys); got != want {
						failed++
						if failed <= 30 {
							t.Errorf("%v %v, %s: %q gives %q, want %q (before the word ends)", m, st, orderNames[order], keys, got, want)
						}
					}
				}
			}
			up := strings.ToUpper(s)
			if got := Compose(m, NewStyle, keysFor(m, up, marksAtOnce)); got != up {
				failed++
				t.Errorf("%v: %q gives %q, want %q", m, keysFor(m, up, marksAtOnce), got, up)
			}
		}
	}
	t.Logf("%d syllables, %d failed", len(newStyle), failed)
}

// composeCase is keys typed with a method and what they must show.
type composeCase struct {
	m          Method
	keys, want string
}

func checkCompose(t *testing.T, st Style, cases []composeCase) {
	t.Helper()
	for _, c := range cases {
		if got := Compose(c.m, st, c.keys); got != c.want {
			t.Errorf("%v %v: %q gives %q, want %q", c.m, st, c.keys, got, c.want)
		}
	}
}

func TestTheIssuesExamples(t *testing.T) {
	checkCompose(t, NewStyle, []composeCase{
		{Telex, "aa aw ee oo ow uw w dd", "â ă ê ô ơ ư ư đ"},
		{Telex, "as af ar ax aj asz", "á à ả ã ạ a"},
		{Telex, "ass", "as"},
		{Telex, "ddd", "dd"},
		{Telex, "nguyeenx", "nguyễn"},
		{Telex, "nguyenxe", "nguyễn"},
		{Telex, "nguyexne", "nguyễn"},
		{Telex, "nguxyeen", "nguyễn"},
		{Telex, "NGUYEENX", "NGUYỄN"},
		{Telex, "Ddoongf", "Đồng"},
		{Telex, "Nguyeenx Vawn Ddoongf", "Nguyễn Văn Đồng"},
		{Telex, "Nguyeenx Thij Hoaf", "Nguyễn Thị Hoà"},
		{Telex, "dduowcj nguowif truwowngf", "được người trường"},
		{Telex, "Ddangr booj Phuwowngf An Hair Ddoong", "Đảng bộ Phường An Hải Đông"},
		{Telex, "QDD-TW HDDND UBND BCDD 100.000 dd", "QĐ-TƯ HĐND UBND BCĐ 100.000 đ"},
		{VNI, "a1 a2 a3 a4 a5 a10", "á à ả ã ạ a"},
		{VNI, "a6 e6 o6 o7 u7 a8 d9", "â ê ô ơ ư ă đ"},
		{VNI, "Nguye6n4 Va8n D9o6ng2", "Nguyễn Văn Đồng"},
		{VNI, "NGUYEN46", "NGUYỄN"},
		{VNI, "a11 d99 a66", "a1 d9 a6"},
		{VNI, "d9uo7c5 nguoi72", "được người"},
		{VNI, "QD9 HD9ND", "QĐ HĐND"},
	})
}

func TestToneStyles(t *testing.T) {
	for _, c := range []struct{ keys, newStyle, oldStyle string }{
		{"hoaf", "hoà", "hòa"}, {"thuys", "thuý", "thúy"}, {"khoer", "khoẻ", "khỏe"},
		{"Thuyf", "Thuỳ", "Thùy"}, {"HOAF", "HOÀ", "HÒA"},
		// Both styles agree where a final follows or the vowel is marked.
		{"hoanf", "hoàn", "hoàn"}, {"quys", "quý", "quý"}, {"thuyeenf", "thuyền", "thuyền"},
		{"ngoaif", "ngoài", "ngoài"}, {"khuyur", "khuỷu", "khuỷu"}, {"mias", "mía", "mía"},
		{"cuar", "của", "của"}, {"quas", "quá", "quá"}, {"gias", "giá", "giá"}, {"gif", "gì", "gì"},
	} {
		for _, st := range styles {
			want := c.newStyle
			if st == OldStyle {
				want = c.oldStyle
			}
			if got := Compose(Telex, st, c.keys); got != want {
				t.Errorf("%v: %q gives %q, want %q", st, c.keys, got, want)
			}
		}
	}
}

func TestARepeatedKeyUndoesItsChange(t *testing.T) {
	checkCompose(t, NewStyle, []composeCase{
		{Telex, "ass", "as"}, {Telex, "aff", "af"}, {Telex, "arr", "ar"}, {Telex, "axx", "ax"}, {Telex, "ajj", "aj"},
		{Telex, "aaa", "aa"}, {Telex, "eee", "ee"}, {Telex, "ooo", "oo"}, {Telex, "aww", "aw"}, {Telex, "oww", "ow"},
		{Telex, "uww", "uw"}, {Telex, "ww", "w"}, {Telex, "nhww", "nhw"}, {Telex, "ddd", "dd"}, {Telex, "DDD", "DD"},
		{Telex, "Ass", "As"}, {Telex, "ASS", "AS"}, {Telex, "tieengss", "tiêngs"}, {Telex, "booong", "boong"},
		{Telex, "uoww", "uow"}, {Telex, "dduowcjj", "đươcj"},
		{VNI, "a11", "a1"}, {VNI, "a66", "a6"}, {VNI, "a88", "a8"}, {VNI, "o77", "o7"}, {VNI, "d99", "d9"},
		{VNI, "tie6ng11", "tiêng1"},
		// Undone at the end of a word; a letter after it shows the keys as
		// typed, so English words with double letters come through.
		{Telex, "Office", "Office"}, {Telex, "coffee", "coffee"}, {Telex, "possible", "possible"}, {Telex, "www", "www"},
		// Another tone replaces the tone; z removes it.
		{Telex, "asf", "à"}, {Telex, "asfr", "ả"}, {Telex, "tieengsz", "tiêng"}, {VNI, "a120", "a"},
	})
}

func TestEnglishCodesAndNumbersPassThrough(t *testing.T) {
	english := []string{"Excel", "DNG-01", "Office", "Windows", "window", "Word", "Google", "Zalo", "Facebook",
		"email", "PowerPoint", "HTXSNV", "HTTNV", "HTNV", "KHTNV", "PDF", "CSV", "xlsx", "THCS", "THPT",
		"http://example.com/a?b=c", "Text", "Fax", "jpeg", "www.xeploai.vn", "C:\\Users\\can-bo\\Documents",
		"Website", "Online", "Internet", "Wifi", "Laptop", "Chrome", "USB", "file", "Scan", "Users ", "Ok"}
	numbers := []string{"12/03/1975", "2025", "0905 123 456", "1.5", "3,75", "60,7", "DNG-01", "01/01/2000", "-12", "1975-03-12"}
	for _, m := range methods {
		for _, s := range append(english, numbers...) {
			if m == VNI && s == "Text" {
				continue // a Telex tone key only
			}
			if got := Compose(m, NewStyle, s); got != s {
				t.Errorf("%v: %q gives %q, want it unchanged", m, s, got)
			}
		}
	}
	// In VNI a digit after a vowel is a tone, but not inside a number or a code.
	for keys, want := range map[string]string{"10A1": "10A1", "Lớp 10A1": "Lớp 10A1", "B52": "B52", "A1": "Á", "Lan2": "Làn"} {
		if got := Compose(VNI, NewStyle, keys); got != want {
			t.Errorf("VNI: %q gives %q, want %q", keys, got, want)
		}
	}
	// Off composes nothing.
	if got := Compose(Off, NewStyle, "Nguyeenx Vawn Ddoongf a1"); got != "Nguyeenx Vawn Ddoongf a1" {
		t.Errorf("Off changed the text: %q", got)
	}
}

func TestBackspaceDeletesTheLastLetterAsSeen(t *testing.T) {
	checkCompose(t, NewStyle, []composeCase{
		{Telex, "nguyeenx\b", "nguyễ"},
		{Telex, "nguyeenx\bn", "nguyễn"},
		{Telex, "nguyeenx\b\b", "nguy"},
		{Telex, "nguyeenx\bx", "nguyêx"},
		{Telex, "hoanf\b", "hoà"},
		{Telex, "Ddoongf\b\b\b", "Đ"},
		{Telex, "Ddoongf\b\b\b\b", ""},
		{Telex, "Ddoongf \b", "Đồng"},
		{Telex, "ass\bs", "á"},
		{Telex, "Excel\b", "Exce"},
		{Telex, "Excel\b\b\b", "Ex"},
		{VNI, "Nguye6n4\b", "Nguyễ"},
		{VNI, "a6\b", ""},
	})
	if got := Compose(Telex, OldStyle, "hoanf\b"); got != "hòa" {
		t.Errorf("old style: %q gives %q, want %q", "hoanf\b", got, "hòa")
	}
	// On every real word: a backspace after the word leaves it without its
	// last letter (the tone moving where the style puts it).
	for _, word := range realSyllables(t) {
		for _, m := range methods {
			for _, st := range styles {
				rs := []rune(restyle(word, st))
				want := restyle(string(rs[:len(rs)-1]), st)
				if len(rs) == 1 {
					want = ""
				}
				if got := Compose(m, st, keysFor(m, word, marksAtOnce)+"\b"); got != want {
					t.Errorf("%v %v: %q then backspace gives %q, want %q", m, st, word, got, want)
				}
			}
		}
	}
}

func TestWordEndsAtSpacesPunctuationAndDigits(t *testing.T) {
	w := Word{Method: Telex}
	for _, r := range "vieetj" {
		if !w.Type(r) {
			t.Fatalf("%q did not join the word", r)
		}
	}
	if got := w.String(); got != "việt" {
		t.Fatalf("word %q, want việt", got)
	}
	for _, r := range " .,-/1'\"()\n\t" {
		w.Begin("việt")
		if w.Type(r) {
			t.Errorf("%q joined the word", r)
		}
		if got := w.End(); got != "việt" || w.Len() != 0 {
			t.Errorf("%q: the word ended as %q, then is %q", r, got, w.String())
		}
	}
	v := Word{Method: VNI}
	if v.Type('1') {
		t.Error("VNI: a digit began a word")
	}
	v.Type('a')
	if !v.Type('1') || v.String() != "á" {
		t.Errorf("VNI: a1 gives %q", v.String())
	}
	off := Word{}
	if off.Type('a') {
		t.Error("Off: a letter joined a word")
	}
	// A word attached to a number is kept as typed.
	a := Word{Method: Telex}
	a.Attach()
	for _, r := range "as" {
		a.Type(r)
	}
	if a.String() != "as" {
		t.Errorf("attached word %q, want as", a.String())
	}
	// Vietnamese letters typed as such (an input method of the system) join
	// the word and take its keys.
	u := Word{Method: Telex}
	for _, r := range "viêt" + "j" {
		u.Type(r)
	}
	if u.String() != "việt" {
		t.Errorf("typed letters: %q, want việt", u.String())
	}
}

func TestParseNames(t *testing.T) {
	for _, m := range Methods {
		if got, ok := ParseMethod(" " + strings.ToUpper(m.String())); !ok || got != m {
			t.Errorf("ParseMethod(%q) = %v, %v", m.String(), got, ok)
		}
	}
	for _, s := range Styles {
		if got, ok := ParseStyle(s.String()); !ok || got != s {
			t.Errorf("ParseStyle(%q) = %v, %v", s.String(), got, ok)
		}
	}
	if _, ok := ParseMethod("unikey"); ok {
		t.Error("ParseMethod accepted unikey")
	}
	if _, ok := ParseStyle("mới"); ok {
		t.Error("ParseStyle accepted mới")
	}
}

func FuzzCompose(f *testing.F) {
	for _, s := range []string{"Nguyeenx Vawn Ddoongf", "Nguye6n4 Va8n D9o6ng2", "ass\b\bx", "Excel DNG-01", "12/03/1975",
		"uow\bw", "\b\b\ba", "gi\u0301a", "ươ1ư7", "Ω\u212bs", "\xff\xfeaa"} {
		f.Add(uint8(1), uint8(0), s)
	}
	f.Fuzz(func(t *testing.T, method, style uint8, text string) {
		m, st := Methods[int(method)%len(Methods)], Styles[int(style)%len(Styles)]
		got := Compose(m, st, text)
		if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) {
			t.Fatalf("%v %v: %q gives %q, not valid NFC", m, st, text, got)
		}
		if m == Off && !strings.ContainsRune(text, '\b') && got != norm.NFC.String(strings.ToValidUTF8(text, "\uFFFD")) {
			t.Fatalf("Off changed %q to %q", text, got)
		}
		// A word typed key by key and begun again from what it shows shows the same.
		var w Word
		w.Method, w.Style = m, st
		for _, r := range text {
			if r != '\b' && !w.Type(r) {
				continue
			}
			if r == '\b' {
				w.Backspace()
			}
			shown := w.String()
			var again Word
			again.Method, again.Style = m, st
			again.Begin(shown)
			if again.String() != shown {
				t.Fatalf("%v %v: %q begun again shows %q", m, st, shown, again.String())
			}
		}
	})
}
