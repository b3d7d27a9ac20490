package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"xeploai/assets"
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
	get := u.DB.Settings(u.ctx)
	if get(store.SettingLanguage, "") == "" {
		if pref := u.App.Preferences().String(prefLanguage); pref == LangVietnamese || pref == LangEnglish {
			_ = u.DB.SetSetting(u.ctx, store.SettingLanguage, pref) // if it fails, the preference still speaks it
		}
	}
	code := store.SettingValue(get, store.SettingLanguage)
	SetLanguage(code)
	u.App.Preferences().SetString(prefLanguage, code)
}

// keepPersonalSettings carries the language and the typing settings into
// a database opened in place of the current one, when it has none of its
// own: they belong to the person at the keyboard.
func (u *UI) keepPersonalSettings(next store.Store) {
	get, nextGet := u.DB.Settings(u.ctx), next.Settings(u.ctx)
	for _, key := range []string{store.SettingLanguage, store.SettingTyping, store.SettingToneStyle} {
		if v := get(key, ""); v != "" && nextGet(key, "") == "" {
			_ = next.SetSetting(u.ctx, key, v) // a failure leaves the default: nothing is lost
		}
	}
}
