package cli

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"xeploai/domain"
	"xeploai/report"
	"xeploai/store"
)

// configDefs are the settings `config` lists and sets: the database's
// settings, then the headings of printed documents.
func configDefs() []store.SettingDef {
	defs := append([]store.SettingDef(nil), store.SettingDefs...)
	for _, h := range report.HeadingKeys {
		defs = append(defs, store.SettingDef{Key: h.Key, Default: h.Default})
	}
	return defs
}

// runConfig lists the settings with their values (config), prints one
// (config KEY), or sets one (config KEY VALUE). Settings live in the
// database, where the window reads them too.
func runConfig(ctx context.Context, e *Env, g *globals, args []string) error {
	defs := configDefs()
	keys := make([]string, len(defs))
	for i, d := range defs {
		keys[i] = d.Key
	}
	if len(args) > 2 {
		return usagef("config: cần KHÓA [GIÁ-TRỊ] (giá trị có dấu cách đặt trong ngoặc kép), không phải %d tham số", len(args))
	}
	if len(args) > 0 && strings.HasPrefix(args[0], store.ReviewDatePrefix) {
		return configReviewDate(ctx, e, g, args)
	}
	var def store.SettingDef
	if len(args) > 0 {
		var ok bool
		if def, ok = store.LookupSetting(defs, args[0]); !ok {
			return usagef("config: không có thiết lập %q; các thiết lập: %s, %sNĂM", args[0], strings.Join(keys, ", "), store.ReviewDatePrefix)
		}
	}
	var value string
	if len(args) == 2 {
		var err error
		if value, err = def.Check(args[1]); err != nil {
			return usagef("config: %v", err)
		}
	}
	// Listing reads the database (where none is yet, every setting is its
	// default); setting a value may make it (a new PC is set up before
	// anything is imported).
	if len(args) < 2 {
		return listConfig(ctx, e, g, defs, def.Key)
	}
	db, _, err := openNew(g)
	if err != nil {
		return err
	}
	defer db.Close()
	if db.Server() && store.PersonalSetting(def.Key) {
		return domain.Errorf(domain.EINVALID, "", "config: trên máy chủ dùng chung, %s là thiết lập của từng máy, không của cơ sở dữ liệu chung; hãy đặt trong cửa sổ của máy đó (Cài đặt)", def.Key)
	}
	if err := db.SetSetting(ctx, def.Key, value); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "%s = %s\n", def.Key, value)
	return nil
}

// openIfAny opens the database to read its settings; nil when there is none
// yet (every setting is then its default).
func openIfAny(g *globals) (*store.DB, error) {
	db, err := openRead(g)
	if errors.Is(err, store.ErrMissing) {
		return nil, nil
	}
	return db, err
}

// listConfig prints every setting with its value, or only key's.
func listConfig(ctx context.Context, e *Env, g *globals, defs []store.SettingDef, key string) error {
	get := func(key string) (string, bool, error) { return "", false, nil }
	db, err := openIfAny(g)
	if err != nil {
		return err
	}
	if db != nil {
		defer db.Close()
		get = func(key string) (string, bool, error) {
			set, err := db.IsSet(ctx, key)
			if err != nil || !set {
				return "", false, err
			}
			v, err := db.Setting(ctx, key, "")
			return v, true, err
		}
	}
	if key != "" {
		for _, d := range defs {
			if d.Key == key {
				v, set, err := get(d.Key)
				if !set {
					v = d.Default
				}
				if err == nil {
					fmt.Fprintln(e.Stdout, v)
				}
				return err
			}
		}
	}
	w := tabwriter.NewWriter(e.Stdout, 0, 0, 2, ' ', 0)
	for _, d := range defs {
		v, set, err := get(d.Key)
		if err != nil {
			return err
		}
		shown := v
		if !set {
			shown = d.Default
		}
		if shown == "" {
			shown = `""`
		}
		if !set {
			shown += " (mặc định)"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", d.Key, shown, d.Describe())
	}
	// The review dates: those set, then the rule for the other years.
	if db != nil {
		set, err := db.ReviewDates(ctx)
		if err != nil {
			return err
		}
		for _, y := range slices.Sorted(maps.Keys(set)) {
			fmt.Fprintf(w, "%s%d\t%s\t%s\n", store.ReviewDatePrefix, y, set[y], reviewDateRange(y))
		}
	}
	fmt.Fprintf(w, "%sNĂM\t15/12 của năm (mặc định)\t%s\n", store.ReviewDatePrefix, reviewDateRange(0))
	return w.Flush()
}

// reviewDateRange says which days the review date of year may be.
func reviewDateRange(year int) string {
	if year == 0 {
		return "ngày từ 01/01 của năm đến 31/03 năm sau"
	}
	return fmt.Sprintf("ngày từ 01/01/%d đến 31/03/%d", year, year+1)
}

// configReviewDate prints (config review_date_2025) or sets (config
// review_date_2025 10/12/2025; "" goes back to 15 December) the day of a
// year's review, from which the six-month rule counts.
func configReviewDate(ctx context.Context, e *Env, g *globals, args []string) error {
	key := args[0]
	year, err := strconv.Atoi(strings.TrimPrefix(key, store.ReviewDatePrefix))
	if err != nil || year < domain.RuleSets[0].From || year > 9999 {
		return usagef("config: %q không phải ngày đánh giá của một năm: viết %sNĂM, năm từ %d (ví dụ %s2025)",
			key, store.ReviewDatePrefix, domain.RuleSets[0].From, store.ReviewDatePrefix)
	}
	if len(args) == 1 {
		d := domain.DefaultReviewDate(year)
		db, err := openIfAny(g)
		if err != nil {
			return err
		}
		if db != nil {
			defer db.Close()
			if d, err = db.ReviewDate(ctx, year); err != nil {
				return err
			}
		}
		fmt.Fprintln(e.Stdout, d)
		return nil
	}
	var d domain.Date // "" goes back to the default
	if v := strings.TrimSpace(args[1]); v != "" {
		if d, err = domain.ParseDate(v); err != nil {
			return usagef("config: %s: %v", key, err)
		}
		if err := domain.ValidReviewDate(year, d); err != nil {
			return usagef("config: %v", err)
		}
	}
	db, _, err := openNew(g)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.SetReviewDate(ctx, year, d); err != nil {
		return err
	}
	shown := d.String()
	if d.IsZero() {
		shown = domain.DefaultReviewDate(year).String() + " (mặc định)"
	}
	fmt.Fprintf(e.Stdout, "%s = %s\n", key, shown)
	return nil
}
