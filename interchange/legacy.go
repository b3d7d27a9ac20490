package interchange

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"xeploai/domain"
)

// Old Vietnamese encodings. Office workbooks typed before Unicode hold
// text in TCVN3 (ABC; fonts .VnTime, .VnArial …, capitals in the "H"
// fonts such as .VnTimeH) or VNI-Windows (fonts VNI-Times …): Excel keeps
// the bytes as Latin-1 letters, so that "Nguyễn Văn Đức" reads "NguyÔn V¨n
// §øc" (TCVN3) or "Nguyeãn Vaên Ñöùc" (VNI). A column is converted when its
// cells' fonts say so, or when its text shows the encoding's letters and
// reads as Vietnamese syllables once converted; text with any letter
// beyond Latin-1 (Unicode Vietnamese) and plain English are never
// converted.

// Encodings.
const (
	encTCVN3 = "TCVN3 (ABC)"
	encVNI   = "VNI-Windows"
)

// tcvn3 maps the Latin-1 letters TCVN3 text shows to Vietnamese letters.
var tcvn3 = func() map[rune]rune {
	pairs := []string{
		"µà", "¸á", "¶ả", "·ã", "¹ạ",
		"¨ă", "»ằ", "¾ắ", "¼ẳ", "½ẵ", "Æặ",
		"©â", "Çầ", "Êấ", "Èẩ", "Éẫ", "Ëậ",
		"®đ", "Ìè", "Ðé", "Îẻ", "Ïẽ", "Ñẹ",
		"ªê", "Òề", "Õế", "Óể", "Ôễ", "Öệ",
		"×ì", "Ýí", "Øỉ", "Üĩ", "Þị",
		"ßò", "ãó", "áỏ", "âõ", "äọ",
		"«ô", "åồ", "èố", "æổ", "çỗ", "éộ",
		"¬ơ", "êờ", "íớ", "ëở", "ìỡ", "îợ",
		"ïù", "óú", "ñủ", "òũ", "ôụ",
		"\u00adư", "õừ", "øứ", "öử", "÷ữ", "ùự",
		"úỳ", "ýý", "ûỷ", "üỹ", "þỵ",
		"¡Ă", "¢Â", "§Đ", "£Ê", "¤Ô", "¥Ơ", "¦Ư",
	}
	m := map[rune]rune{}
	for _, p := range pairs {
		r := []rune(p)
		m[r[0]] = r[1]
	}
	return m
}()

// vniMarks are the VNI letters that put diacritics on the vowel before
// them, as combining marks.
var vniMarks = map[rune]string{
	'ù': "\u0301", 'ø': "\u0300", 'û': "\u0309", 'õ': "\u0303", 'ï': "\u0323",
	'â': "\u0302", 'á': "\u0302\u0301", 'à': "\u0302\u0300", 'å': "\u0302\u0309", 'ã': "\u0302\u0303", 'ä': "\u0302\u0323",
	'ê': "\u0306", 'é': "\u0306\u0301", 'è': "\u0306\u0300", 'ú': "\u0306\u0309", 'ü': "\u0306\u0303", 'ë': "\u0306\u0323",
}

// vniLetters are the VNI letters that stand for a letter of their own.
var vniLetters = map[rune]rune{
	'ñ': 'đ', 'ô': 'ơ', 'ö': 'ư', 'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ',
	'Ñ': 'Đ', 'Ô': 'Ơ', 'Ö': 'Ư', 'Í': 'Í', 'Ì': 'Ì', 'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị', 'Î': 'Ỵ',
}

func init() {
	for r, m := range vniMarks {
		vniMarks[unicode.ToUpper(r)] = m
	}
}

// onlyIn are the letters a text in each encoding shows that Vietnamese in
// Unicode never holds.
var onlyIn = map[string]string{
	encTCVN3: "¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾ÆÇËÎÏÐÑÖ×ØÜÞßäåæçëîïñö÷øûüþ",
	encVNI:   "ñÑöÖøØûÛïÏåÅäÄëËüÜæÆîÎ",
}

// decodeTCVN3 converts TCVN3 text; upper makes it capitals (an "H" font).
// ok is false when a letter is none of TCVN3's.
func decodeTCVN3(s string, upper bool) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case tcvn3[r] != 0:
			b.WriteRune(tcvn3[r])
		default:
			return s, false
		}
	}
	out := b.String()
	if upper {
		return strings.ToUpper(out), true
	}
	return tcvn3Capitals(out), true
}

// tcvn3Capitals restores the capitals TCVN3 has no code for: a toned
// vowel is typed lowercase in a font that is not an "H" one ("NGUYÔN"
// reads "NGUYễN"). In a word whose other letters are all capitals, it is a
// capital ("NGUYỄN", "ĐỨC"; not "Đà": one capital is the word's first); at the start of a word in text whose words
// all begin with a capital (a name: "Lª ThÞ Ên" → "Lê Thị Ấn"), so is it.
func tcvn3Capitals(s string) string {
	words := strings.Fields(s)
	title := len(words) > 1
	for _, w := range words {
		if r := []rune(w)[0]; unicode.IsLower(r) && !noCapital(r) {
			title = false
		}
	}
	var b strings.Builder
	for _, w := range strings.SplitAfter(s, " ") {
		r := []rune(w)
		upper, lower := 0, 0
		for _, x := range r {
			switch {
			case unicode.IsUpper(x):
				upper++
			case unicode.IsLower(x) && !noCapital(x):
				lower++
			}
		}
		for j, x := range r {
			if noCapital(x) && (upper > 1 && lower == 0 || j == 0 && title) {
				r[j] = unicode.ToUpper(x)
			}
		}
		b.WriteString(string(r))
	}
	return b.String()
}

// noCapital reports whether r is a toned vowel, which TCVN3 writes only
// in lowercase outside its "H" fonts.
func noCapital(r rune) bool {
	d := []rune(norm.NFD.String(string(r)))
	return unicode.IsLower(r) && len(d) > 1 && strings.ContainsRune(tones, d[len(d)-1])
}

// isVowel reports whether r takes a tone mark (a base letter of a vowel).
func isVowel(r rune) bool {
	return strings.ContainsRune("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY", r)
}

// decodeVNI converts VNI-Windows text; ok is false when a mark stands where
// no vowel can take it.
func decodeVNI(s string) (string, bool) {
	var out []rune
	for _, r := range s {
		if r < 0x80 {
			out = append(out, r)
			continue
		}
		if m, isMark := vniMarks[r]; isMark && len(out) > 0 {
			d := []rune(norm.NFD.String(string(out[len(out)-1])))
			if !isVowel(d[0]) {
				return s, false
			}
			shaped, toned := false, false
			for _, x := range d[1:] {
				shaped = shaped || strings.ContainsRune("\u0302\u0306\u031B", x)
				toned = toned || strings.ContainsRune(tones, x)
			}
			for _, x := range m {
				switch {
				case x == '\u0302' && !shaped && strings.ContainsRune("aeoAEO", d[0]),
					x == '\u0306' && !shaped && unicode.ToLower(d[0]) == 'a':
					shaped = true
				case strings.ContainsRune(tones, x) && !toned:
					toned = true
				default:
					return s, false
				}
			}
			combined := []rune(norm.NFC.String(string(d) + m))
			if len(combined) != 1 {
				return s, false
			}
			out[len(out)-1] = combined[0]
			continue
		}
		if l, ok := vniLetters[r]; ok {
			out = append(out, l)
			continue
		}
		return s, false
	}
	return string(out), true
}

// tones are the combining marks of the five tones.
const tones = "\u0300\u0301\u0303\u0309\u0323"

// vietnameseWords reports whether every word of s that holds a Vietnamese
// letter beyond ASCII is a plausible Vietnamese syllable: an initial
// consonant, a vowel group with at most one tone, a final consonant.
func vietnameseWords(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if strings.IndexFunc(w, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 && !syllable(w) {
			return false
		}
	}
	return true
}

var (
	initials = []string{"ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
		"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", ""}
	finals = []string{"ch", "ng", "nh", "c", "m", "n", "p", "t", ""}
)

func syllable(w string) bool {
	w = strings.ToLower(norm.NFC.String(w))
	toneCount := 0
	var base []rune
	for _, r := range w {
		d := []rune(norm.NFD.String(string(r)))
		b := []rune{d[0]}
		for _, m := range d[1:] {
			if strings.ContainsRune(tones, m) {
				toneCount++
			} else {
				b = append(b, m)
			}
		}
		base = append(base, []rune(norm.NFC.String(string(b)))...)
	}
	if toneCount > 1 {
		return false
	}
	rest := string(base)
	for _, in := range initials {
		if !strings.HasPrefix(rest, in) {
			continue
		}
		mid := rest[len(in):]
		for _, fi := range finals {
			if !strings.HasSuffix(mid, fi) {
				continue
			}
			v := []rune(mid[:len(mid)-len(fi)])
			if len(v) == 0 || len(v) > 3 {
				continue
			}
			all := true
			for _, r := range v {
				all = all && isVowel(r)
			}
			if all {
				return true
			}
		}
	}
	return false
}

// fontEncoding tells the encoding of a font by its name, and whether it is
// a capitals ("H") font.
func fontEncoding(font string) (enc string, upper bool) {
	f := strings.ToLower(strings.TrimSpace(font))
	switch {
	case strings.HasPrefix(f, ".vn"):
		return encTCVN3, strings.HasSuffix(f, "h")
	case strings.HasPrefix(f, "vni-") || strings.HasPrefix(f, "vni "):
		return encVNI, false
	}
	return "", false
}

// legacyCandidate reports whether a cell's text could be in an old
// encoding: beyond ASCII, within Latin-1.
func legacyCandidate(s string) bool {
	beyond := false
	for _, r := range s {
		if r > 0xFF {
			return false
		}
		beyond = beyond || r > unicode.MaxASCII
	}
	return beyond
}

// decodeAs converts text from enc.
func decodeAs(enc, s string, upper bool) (string, bool) {
	var out string
	var ok bool
	if enc == encTCVN3 {
		out, ok = decodeTCVN3(s, upper)
	} else {
		out, ok = decodeVNI(s)
	}
	return out, ok && vietnameseWords(out)
}

// legacySample is how many rows of a sheet are held back to tell the
// encoding of its columns.
const legacySample = 200

// legacyColumns holds back a sheet's first rows, tells column by column
// whether its text is in an old encoding, then converts each row as it
// comes, counting what it converts for the report.
type legacyColumns struct {
	t        *tableReader
	held     []heldRow
	decided  bool
	enc      map[int]string // column → encoding its text is in
	mixed    map[int]bool   // columns of Unicode cells and others: told cell by cell
	convs    map[convKey]*domain.Conversion
	reported bool // the conversions are in the reading's list
}

// convKey is a column's conversions from one encoding.
type convKey struct {
	col int
	enc string
}

type heldRow struct {
	n     int
	cells []cell
}

func newLegacyColumns(t *tableReader) *legacyColumns {
	return &legacyColumns{t: t, enc: map[int]string{}, mixed: map[int]bool{}, convs: map[convKey]*domain.Conversion{}}
}

func (l *legacyColumns) add(n int, cells []cell) error {
	if l.decided {
		l.convert(cells)
		l.t.parseRow(n, cells)
		return nil
	}
	l.held = append(l.held, heldRow{n, append([]cell(nil), cells...)})
	if len(l.held) >= legacySample {
		l.flush()
	}
	return nil
}

// flush decides the columns' encodings and parses the rows held back.
func (l *legacyColumns) flush() {
	if l.decided {
		return
	}
	l.decided = true
	l.decide()
	for _, h := range l.held {
		l.convert(h.cells)
		l.t.parseRow(h.n, h.cells)
	}
	l.held = nil
	keys := slices.SortedFunc(maps.Keys(l.convs), func(a, b convKey) int {
		if a.col != b.col {
			return a.col - b.col
		}
		return strings.Compare(a.enc, b.enc)
	})
	for _, k := range keys {
		l.t.rd.conversions = append(l.t.rd.conversions, l.convs[k])
	}
	l.reported = true
}

// decide looks at each column of the rows held back: a column whose text
// is all within Latin-1 and shows letters only one encoding has, and reads
// as Vietnamese once converted, is in that encoding.
func (l *legacyColumns) decide() {
	// others: the columns not told by letters of their own, whose every
	// candidate reads as Vietnamese in encoding (key)
	others := map[string][]int{}
	for _, idx := range l.t.cols {
		score, decodable := map[string]int{}, map[string]int{}
		candidates, unicodeCells := 0, 0
		for _, h := range l.held {
			if idx >= len(h.cells) {
				continue
			}
			s := h.cells[idx].Value
			if strings.IndexFunc(s, func(r rune) bool { return r > 0xFF }) >= 0 {
				unicodeCells++
				continue
			}
			if !legacyCandidate(s) {
				continue
			}
			candidates++
			for enc, letters := range onlyIn {
				if _, ok := decodeAs(enc, s, false); ok {
					decodable[enc]++
					if strings.ContainsAny(s, letters) {
						score[enc]++
					}
				}
			}
		}
		if candidates > 0 && unicodeCells > 0 {
			l.mixed[idx] = true
		}
		if candidates == 0 || unicodeCells > 0 {
			continue
		}
		t, v := score[encTCVN3], score[encVNI]
		switch {
		case t > v && t*3 >= candidates:
			l.enc[idx] = encTCVN3
		case v > t && v*3 >= candidates:
			l.enc[idx] = encVNI
		default:
			for enc, n := range decodable {
				if n == candidates {
					others[enc] = append(others[enc], idx)
				}
			}
		}
	}
	// A column whose letters are common to Latin-1 ("Chi bé Khèi phè 5",
	// TCVN3 for "Chi bộ Khối phố 5") is in the encoding the sheet's other
	// columns are found in, when it reads as Vietnamese in it.
	found := map[string]bool{}
	for _, enc := range l.enc {
		found[enc] = true
	}
	if len(found) != 1 {
		return
	}
	for enc := range found {
		for _, idx := range others[enc] {
			l.enc[idx] = enc
		}
	}
}

// convert converts the cells of a row that are in an old encoding: those
// of a column found to be, and any whose font says so.
func (l *legacyColumns) convert(cells []cell) {
	for canon, idx := range l.t.cols {
		if idx >= len(cells) {
			continue
		}
		c := &cells[idx]
		if !legacyCandidate(c.Value) {
			continue
		}
		enc, upper := fontEncoding(c.Font)
		if enc == "" {
			enc = l.enc[idx]
		}
		if enc == "" && l.mixed[idx] {
			enc = cellEncoding(c.Value)
		}
		if enc == "" {
			continue
		}
		out, ok := decodeAs(enc, c.Value, upper)
		if !ok || out == c.Value {
			continue
		}
		conv := l.convs[convKey{idx, enc}]
		if conv == nil {
			conv = &domain.Conversion{Sheet: l.t.name, Column: l.t.letters[canon], Field: canon, Encoding: enc}
			l.convs[convKey{idx, enc}] = conv
			if l.reported {
				l.t.rd.conversions = append(l.t.rd.conversions, conv)
			}
		}
		conv.Cells++
		if sample := [2]string{c.Value, out}; len(conv.Samples) < 3 && !slices.Contains(conv.Samples, sample) {
			conv.Samples = append(conv.Samples, sample)
		}
		c.Value = out
	}
}

// cellEncoding tells the encoding of one cell of a column that mixes
// Unicode text with an old encoding's (rows pasted from an old workbook):
// the one whose letters it shows, and in which it reads as Vietnamese; ""
// when it is not exactly one.
func cellEncoding(s string) string {
	var found []string
	for _, enc := range []string{encTCVN3, encVNI} {
		if strings.ContainsAny(s, onlyIn[enc]) {
			if _, ok := decodeAs(enc, s, false); ok {
				found = append(found, enc)
			}
		}
	}
	switch {
	case len(found) == 1:
		return found[0]
	case len(found) == 2 && marksFollowVowels(s):
		// "Phaïm Quoác": VNI's marks come after the vowel they go on,
		// where TCVN3's letters are the vowels themselves.
		return encVNI
	}
	return ""
}

// marksFollowVowels reports whether each VNI mark of s follows a vowel.
func marksFollowVowels(s string) bool {
	prev := ' '
	for _, r := range s {
		if _, mark := vniMarks[r]; mark && !isVowel(unicode.ToLower(prev)) && !isVowel(prev) {
			return false
		}
		prev = r
	}
	return true
}

// oldFontText tells whether text that is not UTF-8 is the Latin-1 letters
// of an old encoding's font — a CSV file saved from a workbook typed in
// .VnTime or VNI-Times — rather than Windows-1258: more of its words read
// as Vietnamese in TCVN3 or VNI than in Windows-1258. It returns the text
// read as Latin-1, for the columns to be converted as a workbook's are.
func oldFontText(data []byte) (string, bool) {
	runes := make([]rune, len(data))
	for i, b := range data {
		runes[i] = rune(b)
	}
	latin := string(runes)
	cp, err := charmap.Windows1258.NewDecoder().Bytes(data)
	if err != nil {
		return "", false
	}
	split := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`,;"'()/.-:`, r) && r != '\u00ad' })
	}
	nonASCII := func(w string) bool {
		return strings.IndexFunc(w, func(r rune) bool { return r > unicode.MaxASCII }) >= 0
	}
	best := 0
	for _, enc := range []string{encTCVN3, encVNI} {
		n := 0
		for _, w := range split(latin) {
			if nonASCII(w) && strings.ContainsAny(w, onlyIn[enc]) {
				if _, ok := decodeAs(enc, w, false); ok {
					n++
				}
			}
		}
		best = max(best, n)
	}
	windows := 0
	for _, w := range split(norm.NFC.String(string(cp))) {
		if nonASCII(w) && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 && syllable(w) {
			windows++
		}
	}
	return latin, best > windows
}
