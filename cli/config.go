package cli

import (
	"context"
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
	// Settings may be made before anything is imported: a new database.
	db, _, err := openNew(g)
	if err != nil {
		return err
	}
	defer db.Close()
	switch len(args) {
	case 0:
		w := tabwriter.NewWriter(e.Stdout, 0, 0, 2, ' ', 0)
		for _, d := range defs {
			v, err := db.Setting(ctx, d.Key, "")
			if err != nil {
				return err
			}
			set, err := db.IsSet(ctx, d.Key)
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
	case 1:
		v, err := db.Setting(ctx, def.Key, def.Default)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, v)
		return nil
	}
	if err := db.SetSetting(ctx, def.Key, value); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "%s = %s\n", def.Key, value)
	return nil
}
