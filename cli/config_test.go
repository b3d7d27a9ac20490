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
		{"shares_after_2022", "apply (mặc định)", "apply | none"},
		{"collective_quota_groups", "parent (mặc định)", "parent | kind"},
		{"links_after_2022", "apply (mặc định)", "apply | none"},
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
		{"quota_denominator", "good", "good"}, {"shares_after_2022", "NONE", "none"}, {"collective_quota_groups", "kind", "kind"}, {"links_after_2022", "None", "none"},
		{"backup_keep", " 12 ", "12"}, {"backup_keep", "1000", "1000"},
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
		{[]string{"config", "colour", "red"}, `không có thiết lập "colour"; các thiết lập: typing, tone_style, language, quota_denominator, shares_after_2022, collective_quota_groups, links_after_2022, backup_keep, user_name, heading.superior`},
		{[]string{"config", "shares_after_2022", "maybe"}, `shares_after_2022 phải là một trong: apply, none (không phải "maybe")`},
		{[]string{"config", "review_date_2025", "01/04/2026"}, `Ngày đánh giá năm 2025: phải từ 01/01/2025 đến 31/03/2026, không phải 01/04/2026`},
		{[]string{"config", "review_date_2025", "31/02/2025"}, `review_date_2025: ngày "31/02/2025" không tồn tại`},
		{[]string{"config", "review_date_2017", "15/12/2017"}, `"review_date_2017" không phải ngày đánh giá của một năm: viết review_date_NĂM, năm từ 2018`},
		{[]string{"config", "review_date_", "15/12/2025"}, `"review_date_" không phải ngày đánh giá của một năm`},
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
	if set, _ := s.ReviewDates(ctx); len(set) != 0 {
		t.Errorf("review dates were written: %v", set)
	}
}

// TestConfigSetsTheReviewDates: a year's review date (from which the
// six-month rule counts) is read, set, listed and set back to 15 December
// from the command line, in the place the checks read it.
func TestConfigSetsTheReviewDates(t *testing.T) {
	db := filepath.Join(t.TempDir(), "config.db")
	if code, out, errOut := run(t, "--db", db, "config", "review_date_2025"); code != 0 || out != "15/12/2025\n" {
		t.Errorf("the default review date: %d %q %q", code, out, errOut)
	}
	for _, c := range []struct{ value, said, read string }{
		{"10/12/2025", "10/12/2025", "10/12/2025"},
		{"2026-03-31", "31/03/2026", "31/03/2026"},
		{"", "15/12/2025 (mặc định)", "15/12/2025"},
		{"01/01/2025", "01/01/2025", "01/01/2025"},
	} {
		code, out, errOut := run(t, "--db", db, "config", "review_date_2025", c.value)
		if code != 0 || out != "review_date_2025 = "+c.said+"\n" {
			t.Errorf("config review_date_2025 %q: %d %q %q", c.value, code, out, errOut)
		}
		if _, out, _ := run(t, "--db", db, "config", "review_date_2025"); out != c.read+"\n" {
			t.Errorf("after %q it reads %q, want %s", c.value, out, c.read)
		}
	}
	run(t, "--db", db, "config", "review_date_2023", "05/12/2023")
	_, out, _ := run(t, "--db", db, "config")
	got := configLines(out)
	want := [][3]string{
		{"review_date_2023", "05/12/2023", "ngày từ 01/01/2023 đến 31/03/2024"},
		{"review_date_2025", "01/01/2025", "ngày từ 01/01/2025 đến 31/03/2026"},
		{"review_date_NĂM", "15/12 của năm (mặc định)", "ngày từ 01/01 của năm đến 31/03 năm sau"},
	}
	if len(got) < 3 || !slices.Equal(got[len(got)-3:], want) {
		t.Errorf("config lists\n%q\nwant last\n%q", got, want)
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if d, _ := s.ReviewDate(ctx, 2023); d.String() != "05/12/2023" {
		t.Errorf("the checks read the 2023 review on %s", d)
	}
}

// TestPersonalSettingsStayOnEachPC: on a shared server, an office's
// language and typing are its PC's own: `config` refuses to write them into
// the shared database (another office would get them), and says where.
func TestPersonalSettingsStayOnEachPC(t *testing.T) {
	u := pgDatabase(t)
	for _, kv := range [][2]string{{"language", "en"}, {"typing", "telex"}, {"tone_style", "old"}} {
		code, _, errOut := run(t, "--db", u, "config", kv[0], kv[1])
		if code != ExitUser || !strings.Contains(errOut, "là thiết lập của từng máy") {
			t.Errorf("config %s %s on a server: %d %q", kv[0], kv[1], code, errOut)
		}
	}
	if code, _, errOut := run(t, "--db", u, "config", "quota_denominator", "good"); code != 0 {
		t.Errorf("an office's setting on a server: %d %q", code, errOut)
	}
}
