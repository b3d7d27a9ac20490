package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

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
	var def store.SettingDef
	if len(args) > 0 {
		var ok bool
		if def, ok = store.LookupSetting(defs, args[0]); !ok {
			return usagef("config: không có thiết lập %q; các thiết lập: %s", args[0], strings.Join(keys, ", "))
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
	if err := db.SetSetting(ctx, def.Key, value); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "%s = %s\n", def.Key, value)
	return nil
}

// listConfig prints every setting with its value, or only key's.
func listConfig(ctx context.Context, e *Env, g *globals, defs []store.SettingDef, key string) error {
	get := func(key string) (string, bool, error) { return "", false, nil }
	db, err := openRead(g)
	switch {
	case errors.Is(err, store.ErrMissing):
	case err != nil:
		return err
	default:
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
	return w.Flush()
}
