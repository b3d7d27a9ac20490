package cli

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"xeploai/store"
)

var ctx = context.Background()

func TestConfigListsAndSetsSettings(t *testing.T) {
	db := filepath.Join(t.TempDir(), "config.db")
	code, out, errOut := run(t, "--db", db, "config")
	if code != 0 {
		t.Fatalf("config: %d %q", code, errOut)
	}
	want := [][3]string{
		{"typing", "off (mặc định)", "off | telex | vni"},
		{"tone_style", "new (mặc định)", "new | old"},
		{"language", "vi (mặc định)", "vi | en"},
		{"quota_denominator", "excellent+good (mặc định)", "excellent+good | good"},
		{"backup_keep", "30 (mặc định)", "số từ 1 đến 1000"},
		{"user_name", `"" (mặc định)`, "văn bản"},
		{"heading.superior", "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG (mặc định)", "văn bản"},
	}
	if got := configLines(out); len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Errorf("config lists\n%q\nwant first\n%q", got, want)
	}
	for _, c := range []struct{ key, value, stored string }{
		{"typing", "Telex", "telex"}, {"typing", "vni", "vni"}, {"typing", "off", "off"},
		{"tone_style", "old", "old"}, {"language", "en", "en"},
		{"quota_denominator", "good", "good"}, {"backup_keep", " 12 ", "12"}, {"backup_keep", "1000", "1000"},
		{"user_name", "  Chị   Hoa ", "Chị Hoa"}, {"heading.place", "Hòa Vang", "Hòa Vang"},
	} {
		code, out, errOut := run(t, "--db", db, "config", c.key, c.value)
		if code != 0 || out != c.key+" = "+c.stored+"\n" {
			t.Errorf("config %s %q: %d %q %q", c.key, c.value, code, out, errOut)
		}
		if code, out, _ := run(t, "--db", db, "config", c.key); code != 0 || out != c.stored+"\n" {
			t.Errorf("config %s reads %d %q, want %q", c.key, code, out, c.stored)
		}
	}
	// The window reads the same place.
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if got := store.SettingValue(s.Settings(ctx), store.SettingTyping); got != "off" {
		t.Errorf("the database holds typing %q", got)
	}
	if got := s.Settings(ctx)(store.SettingLanguage, ""); got != "en" {
		t.Errorf("the database holds language %q", got)
	}
	s.Close()
	_, out, _ = run(t, "--db", db, "config")
	if got := configLines(out); !slices.Contains(got, [3]string{"backup_keep", "1000", "số từ 1 đến 1000"}) ||
		!slices.Contains(got, [3]string{"heading.place", "Hòa Vang", "văn bản"}) {
		t.Errorf("the list does not show the values set:\n%s", out)
	}
}

// configLines reads config's list: key, value, allowed values, in columns
// two spaces or more apart.
func configLines(out string) [][3]string {
	var lines [][3]string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var f [3]string
		copy(f[:], regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(l), 3))
		lines = append(lines, f)
	}
	return lines
}

func TestConfigRefusesUnknownKeysAndValues(t *testing.T) {
	db := filepath.Join(t.TempDir(), "config.db")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"config", "colour", "red"}, `không có thiết lập "colour"; các thiết lập: typing, tone_style, language, quota_denominator, backup_keep, user_name, heading.superior`},
		{[]string{"config", "typing", "unikey"}, `typing phải là một trong: off, telex, vni (không phải "unikey")`},
		{[]string{"config", "tone_style", "mới"}, `tone_style phải là một trong: new, old (không phải "mới")`},
		{[]string{"config", "language", "fr"}, `language phải là một trong: vi, en (không phải "fr")`},
		{[]string{"config", "quota_denominator", "all"}, `quota_denominator phải là một trong: excellent+good, good (không phải "all")`},
		{[]string{"config", "backup_keep", "0"}, `backup_keep phải là một số từ 1 đến 1000 (không phải "0")`},
		{[]string{"config", "backup_keep", "1001"}, `backup_keep phải là một số từ 1 đến 1000`},
		{[]string{"config", "backup_keep", "ba"}, `backup_keep phải là một số từ 1 đến 1000`},
		{[]string{"config", "typing", "telex", "vni"}, `config: cần KHÓA [GIÁ-TRỊ]`},
	} {
		code, out, errOut := run(t, append([]string{"--db", db}, c.args...)...)
		if code != ExitUser || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: %d %q %q, want exit 1 with %q", c.args, code, out, errOut, c.want)
		}
	}
	// Nothing was written.
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, d := range store.SettingDefs {
		if set, _ := s.IsSet(ctx, d.Key); set {
			t.Errorf("%s was written", d.Key)
		}
	}
}
