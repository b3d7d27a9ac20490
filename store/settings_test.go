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

// TestAnEmptySettingGoesBackToItsDefault: a heading set empty is the
// standard heading again, not an empty one.
func TestAnEmptySettingGoesBackToItsDefault(t *testing.T) {
	onBoth(t, testAnEmptySettingGoesBackToItsDefault)
}

func testAnEmptySettingGoesBackToItsDefault(t *testing.T) {
	db := newFixture(t).db
	if err := db.SetSetting(ctx, "heading.issuer", "ĐẢNG ỦY PHƯỜNG HÒA HẢI"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, "heading.issuer", ""); err != nil {
		t.Fatal(err)
	}
	if v, err := db.Setting(ctx, "heading.issuer", "QUẬN ỦY SƠN TRÀ"); err != nil || v != "QUẬN ỦY SƠN TRÀ" {
		t.Errorf("after setting it empty: %q, %v", v, err)
	}
	if set, _ := db.IsSet(ctx, "heading.issuer"); set {
		t.Error("an empty heading is still stored")
	}
}
