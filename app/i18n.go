package app

import (
	"errors"
	"fmt"
	"image/color"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"xeploai/assets"
	"xeploai/domain"
	"xeploai/store"
)

// Languages the interface speaks; Vietnamese is the default.
const (
	LangVietnamese = "vi"
	LangEnglish    = "en"
	// prefLanguage is the Fyne preference that mirrors the language kept
	// in the database, for the start window (shown before the database
	// opens); versions before the setting moved into the database kept the
	// language there alone.
	prefLanguage = "language"
)

// SetLanguage makes the interface, Fyne's own words included (OK, Cancel,
// day names), speak code, whatever the system's locale. Fyne picks the
// translation closest to the system's locale, so the chosen language is
// registered under that locale and under English (Fyne's fallback) too.
func SetLanguage(code string) {
	data, ok := assets.Translation(code)
	if !ok {
		code = LangVietnamese
		data, _ = assets.Translation(code)
	}
	language = code
	for _, loc := range []fyne.Locale{fyne.Locale(code), "en", lang.SystemLocale()} {
		if loc == "" {
			continue
		}
		_ = lang.AddTranslationsForLocale(data, fyne.Locale(loc.LanguageString()))
	}
}

// language is the interface's language, as SetLanguage set it.
var language = LangVietnamese

// T translates a UI string key, filling {{.Name}} templates from data.
func T(key string, data ...any) string {
	if len(data) > 0 {
		return lang.X(key, key, data[0])
	}
	return lang.X(key, key)
}

// kv builds template data for T.
func kv(pairs ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i].(string)] = pairs[i+1]
	}
	return m
}

// loadLanguage speaks the language kept in the database (the setting
// `xeploai config language` sets). A database without one takes the
// language chosen in this window before (the Fyne preference, where older
// versions kept it), and keeps it.
func (u *UI) loadLanguage() {
	code := store.SettingValue(u.personal(u.DB.Settings(u.ctx)), store.SettingLanguage)
	SetLanguage(code)
	u.App.Preferences().SetString(prefLanguage, code)
}

// personal reads the settings that belong to the person at the keyboard
// (language, typing) as a database holds them, or, where it holds none, as
// last chosen on this PC (Fyne's preferences): opening a database never
// writes them into it.
func (u *UI) personal(get func(key, def string) string) func(key, def string) string {
	server := u.DB.Server() // a shared database holds no one's own choices
	return func(key, def string) string {
		if !server || !store.PersonalSetting(key) {
			if v := get(key, ""); v != "" {
				return v
			}
		}
		if v := u.App.Preferences().String(key); v != "" {
			return v
		}
		return def
	}
}

// Label says one of the domain's words — a level, a kind, a status, a
// reason … which the domain keeps in Vietnamese — in the interface's
// language (translations keyed "dom:" + the Vietnamese).
func Label(s string) string {
	// Fyne reads a translation as a template, the fallback too: a text with
	// braces (a placeholder {{.Count}} quoted in a message) is kept as it is.
	if language == LangVietnamese || !hasLetters(s) || strings.Contains(s, "{{") {
		return s // a number, a share: nothing to translate
	}
	return lang.X("dom:"+s, s)
}

// Say says a message the domain made (a finding, a refusal) in the
// interface's language: in Vietnamese as made; otherwise through the
// translation of its format (keyed "fmt:" + the Vietnamese format), its
// words and phrases said the same way. A format with no translation and no
// Vietnamese in it ("%s; %s") is kept; one with Vietnamese but no
// translation falls back to the Vietnamese message rather than to nothing.
func Say(t domain.Text, vi string) string {
	if language == LangVietnamese || t.Format == "" {
		return vi
	}
	f, ok := sayFormat(t.Format)
	if !ok {
		return vi
	}
	args := make([]any, len(t.Args))
	for i, a := range t.Args {
		switch x := a.(type) {
		case domain.Text:
			args[i] = Say(x, x.String())
		case string:
			args[i] = Label(x)
		default:
			args[i] = a
		}
	}
	return fmt.Sprintf(f, args...)
}

func sayFormat(format string) (string, bool) {
	if !hasVietnamese(format) {
		return format, true // "%q", "%s; %s": nothing to translate
	}
	if f := lang.X("fmt:"+format, ""); f != "" {
		return f, true
	}
	return format, false
}

// hasLetters reports whether s has a letter at all.
func hasLetters(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// hasVietnamese reports letters only Vietnamese uses (those with marks, đ).
func hasVietnamese(s string) bool {
	for _, r := range s {
		if r > 0x7f && (unicode.IsLetter(r)) {
			return true
		}
	}
	return false
}

// SayError says an error in the interface's language: a user's error
// through its Text, anything else as it is.
func SayError(err error) string {
	var de *domain.Error
	if !errors.As(err, &de) {
		return err.Error()
	}
	msg := Say(de.Text, de.Message)
	if de.Field != "" {
		return Label(de.Field) + ": " + msg
	}
	return msg
}

// sourceWords are the parts of a citation said in English; the documents'
// own numbers (QĐ 366-QĐ/TW, HD 43-HD/BTCTW) are their names in any language.
var sourceWords = strings.NewReplacer("Điều ", "Article ", "Mục ", "Section ", "Khoản ", "Clause ", "điểm ", "point ")

// SaySource says where a finding comes from in the interface's language.
func SaySource(s string) string {
	if language == LangVietnamese {
		return s
	}
	return sourceWords.Replace(s)
}

// fitsText gives a choice box at least the width that shows text whole
// (Fyne sizes one by its placeholder and cuts the choice to it).
func fitsText(s *widget.Select, text string) fyne.CanvasObject {
	w := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + theme.IconInlineSize() + 6*theme.Padding()
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(w, 0))
	return container.NewStack(space, s)
}

// newSelect is a choice box whose empty state speaks the interface's
// language (Fyne's says "(Select one)" in English whatever the language).
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = T("select.one")
	return s
}
