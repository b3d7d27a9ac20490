package domain

import "fmt"

// Level is one of the four rating levels, or LevelNone (not rated).
type Level int8 // a million rating rows hold three each

// The four rating levels, best first; unchanged since 2018.
const (
	LevelNone         Level = iota // not rated
	LevelExcellent                 // Hoàn thành xuất sắc nhiệm vụ
	LevelGood                      // Hoàn thành tốt nhiệm vụ
	LevelCompleted                 // Hoàn thành nhiệm vụ
	LevelNotCompleted              // Không hoàn thành nhiệm vụ
)

// Levels lists the four levels, best first.
var Levels = []Level{LevelExcellent, LevelGood, LevelCompleted, LevelNotCompleted}

var levelText = [...]struct{ code, name, short string }{
	{"", "Không xếp loại", "Không xếp loại"},
	{"HTXSNV", "Hoàn thành xuất sắc nhiệm vụ", "Xuất sắc"},
	{"HTTNV", "Hoàn thành tốt nhiệm vụ", "Tốt"},
	{"HTNV", "Hoàn thành nhiệm vụ", "Hoàn thành"},
	{"KHTNV", "Không hoàn thành nhiệm vụ", "Không hoàn thành"},
}

func (l Level) valid() bool { return l >= LevelNone && l <= LevelNotCompleted }

// Code is the abbreviation used in reports and JSON: HTXSNV, HTTNV, HTNV, KHTNV.
func (l Level) Code() string {
	if !l.valid() {
		return ""
	}
	return levelText[l].code
}

// Name is the full Vietnamese name of the level.
func (l Level) Name() string {
	if !l.valid() {
		return ""
	}
	return levelText[l].name
}

// Short is the short form seen in spreadsheets ("Xuất sắc", "Tốt" …).
func (l Level) Short() string {
	if !l.valid() {
		return ""
	}
	return levelText[l].short
}

// String returns the code.
func (l Level) String() string { return l.Code() }

// AtLeast reports whether l is rated and at least as good as m.
func (l Level) AtLeast(m Level) bool { return l != LevelNone && l <= m }

var levelKeys = map[string]Level{}

func init() {
	for _, l := range Levels {
		t := levelText[l]
		for _, s := range []string{t.code, t.name, t.short} {
			levelKeys[FoldKey(s)] = l
		}
	}
	// Spellings seen in users' sheets.
	for s, l := range map[string]Level{
		"HTXS": LevelExcellent, "Hoàn thành xuất sắc": LevelExcellent,
		"HTT": LevelGood, "Hoàn thành tốt": LevelGood,
		"HT": LevelCompleted, "Hoàn thành NV": LevelCompleted,
		"KHT": LevelNotCompleted, "Không hoàn thành NV": LevelNotCompleted,
	} {
		levelKeys[FoldKey(s)] = l
	}
}

// notRatedKeys are the ways sheets write "not rated" in the level column.
var notRatedKeys = map[string]bool{"khongxeploai": true, "chuaxeploai": true, "kxl": true, "khongdanhgiaxeploai": true, "khongdanhgia": true}

// ParseLevel is the one level parser: the full Vietnamese name, the
// abbreviation (HTXSNV, HTTNV, HTNV, KHTNV) or the short form (Xuất sắc, Tốt,
// Hoàn thành, Không hoàn thành), ignoring case, diacritics, spaces and
// punctuation. An empty string, or "Không xếp loại", gives LevelNone and no
// error.
func ParseLevel(s string) (Level, error) {
	k := FoldKey(s)
	if k == "" || notRatedKeys[k] {
		return LevelNone, nil
	}
	if l, ok := levelKeys[k]; ok {
		return l, nil
	}
	return LevelNone, Errorf(EINVALID, "", "%q không phải là mức xếp loại (Xuất sắc, Tốt, Hoàn thành, Không hoàn thành hoặc HTXSNV, HTTNV, HTNV, KHTNV)", CleanText(s))
}

// LevelFromCode returns the level of a stored code; "" gives LevelNone.
func LevelFromCode(code string) (Level, error) {
	if code == "" {
		return LevelNone, nil
	}
	for _, l := range Levels {
		if levelText[l].code == code {
			return l, nil
		}
	}
	return LevelNone, fmt.Errorf("unknown level code %q", code)
}
