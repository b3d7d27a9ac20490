package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"xeploai/assets"
)

// Languages the interface speaks; Vietnamese is the default.
const (
	LangVietnamese = "vi"
	LangEnglish    = "en"
	prefLanguage   = "language"
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
