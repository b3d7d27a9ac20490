package store

import "testing"

// TestSettingValueFallsBackToTheDefault: a value written into the table by
// hand (or by an older version) that the setting may not take is read as
// its default, so the window never runs on it.
func TestSettingValueFallsBackToTheDefault(t *testing.T) {
	onBoth(t, testSettingValueFallsBackToTheDefault)
}

func testSettingValueFallsBackToTheDefault(t *testing.T) {
	db := openTemp(t)
	get := db.Settings(ctx)
	if got := SettingValue(get, SettingTyping); got != "off" {
		t.Errorf("unset typing reads %q, want off", got)
	}
	for key, c := range map[string][2]string{
		SettingTyping:     {"unikey", "off"},
		SettingToneStyle:  {"OLD", "old"},
		SettingBackupKeep: {"5000", "30"},
		SettingLanguage:   {"en", "en"},
	} {
		if err := db.SetSetting(ctx, key, c[0]); err != nil {
			t.Fatal(err)
		}
		if got := SettingValue(get, key); got != c[1] {
			t.Errorf("%s stored %q reads %q, want %q", key, c[0], got, c[1])
		}
	}
}
