package vnkey

import (
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// realSyllables are the distinct words of Vietnamese text in this
// repository, as written (capitals kept): every string of the demo's name
// lists (demo/names.go) and every Vietnamese string of the demo's generator
// (organisation names, reasons, award contents), and the words with
// diacritics of the interface's Vietnamese translation and of the install
// guide.
func realSyllables(t testing.TB) []string {
	t.Helper()
	literal := regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
	seen := map[string]bool{}
	add := func(text string, onlyMarked bool) {
		for _, w := range strings.FieldsFunc(norm.NFC.String(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if _, ok := glyphs(w); !ok {
				continue
			}
			if onlyMarked && !strings.ContainsFunc(w, func(r rune) bool { return r > unicode.MaxASCII }) {
				continue
			}
			seen[w] = true
		}
	}
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("reading the corpus: %v", err)
		}
		return string(b)
	}
	unquote := func(q string) string {
		s, err := strconv.Unquote(q)
		if err != nil {
			t.Fatalf("reading the corpus: %s: %v", q, err)
		}
		return s
	}
	for _, q := range literal.FindAllString(read("../demo/names.go"), -1) {
		add(unquote(q), false)
	}
	for _, q := range literal.FindAllString(read("../demo/demo.go"), -1) {
		add(unquote(q), true)
	}
	var translation map[string]any
	if err := json.Unmarshal([]byte(read("../assets/translations/vi.json")), &translation); err != nil {
		t.Fatalf("reading the translation: %v", err)
	}
	for _, v := range translation {
		switch v := v.(type) {
		case string:
			add(v, true)
		case map[string]any: // plural forms
			for _, f := range v {
				if f, ok := f.(string); ok {
					add(f, true)
				}
			}
		}
	}
	add(read("../assets/install/HUONG-DAN-CAI-DAT.txt"), true)
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	sort.Strings(words)
	return words
}

// Rhymes of Vietnamese syllables. The vowel that carries the tone is
// followed by '_' (in the new style; in the old style oa, oe and uy at the
// end of a syllable carry it on their first letter).
var rhymes = strings.Fields(`
a_ a_i a_o a_u a_y â_u â_y e_ e_o ê_ ê_u i_ i_a i_u iê_u o_ oa_ oa_i oa_o oa_y oe_ oe_o o_i ô_ ô_i ơ_ ơ_i
u_ u_a uâ_y uê_ u_i uô_i uơ_ uy_ uy_a uy_u ư_ ư_a ư_i ư_u ươ_i ươ_u y_ yê_u
a_c a_ch a_m a_n a_ng a_nh a_p a_t ă_c ă_m ă_n ă_ng ă_p ă_t â_c â_m â_n â_ng â_p â_t
e_c e_m e_n e_ng e_p e_t ê_ch ê_m ê_n ê_nh ê_p ê_t i_ch i_m i_n i_nh i_p i_t
iê_c iê_m iê_n iê_ng iê_p iê_t o_c o_m o_n o_ng o_p o_t oo_c oo_ng
oa_c oa_ch oa_m oa_n oa_ng oa_nh oa_p oa_t oă_c oă_m oă_n oă_ng oă_t oe_n oe_t
ô_c ô_m ô_n ô_ng ô_p ô_t ơ_m ơ_n ơ_p ơ_t u_c u_m u_n u_ng u_p u_t
uâ_n uâ_t uê_ch uê_nh uô_c uô_m uô_n uô_ng uô_t uy_ch uy_n uy_nh uy_p uy_t uyê_n uyê_t
ư_c ư_ng ư_t ươ_c ươ_m ươ_n ươ_ng ươ_p ươ_t yê_m yê_n yê_t
`)

var syllableOnsets = strings.Fields("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x")

// spellable reports whether onset may stand before rhyme in Vietnamese
// spelling (c/k, g/gh, ng/ngh, qu, gi).
func spellable(onset, rhyme string) bool {
	front := strings.ContainsAny(rhyme[:1], "ie") || strings.HasPrefix(rhyme, "ê")
	switch onset {
	case "c", "g", "ng":
		return !front && !strings.HasPrefix(rhyme, "y")
	case "k", "gh", "ngh":
		return front
	case "qu":
		return !strings.HasPrefix(rhyme, "u") && !strings.HasPrefix(rhyme, "o") && !strings.HasPrefix(rhyme, "ư") &&
			!strings.HasPrefix(rhyme, "ơ") && !strings.HasPrefix(rhyme, "ô")
	case "gi":
		return !strings.HasPrefix(rhyme, "i") && !strings.HasPrefix(rhyme, "y")
	}
	return !strings.HasPrefix(rhyme, "y") || onset == ""
}

// allSyllables builds every syllable the spelling allows: onset (or none)
// + rhyme + tone (sắc and nặng only after c, ch, p, t), in the new style,
// with the old-style spelling beside it.
func allSyllables() (newStyle, oldStyle []string) {
	stop := func(r string) bool {
		return strings.HasSuffix(r, "c") || strings.HasSuffix(r, "ch") || strings.HasSuffix(r, "p") || strings.HasSuffix(r, "t")
	}
	for _, onset := range append([]string{""}, syllableOnsets...) {
		for _, rh := range rhymes {
			plain := strings.Replace(rh, "_", "", 1)
			if !spellable(onset, plain) {
				continue
			}
			if onset == "qu" && strings.HasPrefix(plain, "y") && !strings.HasPrefix(plain, "yê") {
				// qu + y…: "quy", "quýt", "quỳnh"
			} else if onset == "qu" && strings.HasPrefix(plain, "y") {
				continue
			}
			for _, t := range []string{"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"} {
				if stop(plain) && t != "" && t != "\u0301" && t != "\u0323" {
					continue
				}
				s := norm.NFC.String(onset + strings.Replace(rh, "_", t, 1))
				newStyle = append(newStyle, s)
				oldStyle = append(oldStyle, restyle(s, OldStyle))
			}
		}
	}
	return newStyle, oldStyle
}
