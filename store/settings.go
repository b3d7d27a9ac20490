package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"xeploai/domain"
	"xeploai/vnkey"
)

// Setting returns the stored value of key, or def when it is not set. An
// office's role on a server reads its office's own value (key@office)
// before the district's.
func (db *DB) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	var err error
	if db.office != "" {
		own := key + "@" + db.office
		err = db.read.QueryRowContext(ctx, `SELECT value FROM settings WHERE key IN (?1, ?2) ORDER BY key = ?1 DESC LIMIT 1`, own, key).Scan(&v)
	} else {
		err = db.read.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	return v, err
}

// SetSetting stores value under key; an empty value goes back to the
// default. An office's role on a server stores
// its office's own value (key@office, which the server holds it to); the
// readings of the texts and the review dates are the district's, which
// only the tables' owner sets.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	if db.office != "" {
		if DistrictSetting(key) {
			return domain.Errorf(domain.EINVALID, key, "%s là thiết lập chung của cả cơ sở dữ liệu (cách đọc quy định, ngày đánh giá), áp dụng cho mọi cơ quan; chỉ người dùng chủ sở hữu đặt được — không có gì được ghi", key)
		}
		key += "@" + db.office
	}
	return db.rawTx(ctx, func(tx *sql.Tx) error {
		if value == "" {
			// Empty goes back to the default (an office's to the district's).
			_, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, key)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}

// DistrictSetting reports whether a setting is one the whole database
// follows (how the texts are read, the years' review dates), which on a
// server only the tables' owner sets; an office's own (headings, templates,
// certificate layout, column mappings) each office sets for itself.
func DistrictSetting(key string) bool {
	switch key {
	case SettingQuotaDenominator, SettingShares, SettingQuotaGroups, SettingLinks:
		return true
	}
	return strings.HasPrefix(key, ReviewDatePrefix)
}

// Settings returns a lookup of stored settings with defaults, for code that
// must not depend on the store (a read error gives the default).
func (db *DB) Settings(ctx context.Context) func(key, def string) string {
	return func(key, def string) string {
		v, err := db.Setting(ctx, key, def)
		if err != nil {
			return def
		}
		return v
	}
}

// Setting keys of the window's typing and language.
const (
	SettingTyping    = "typing"     // the built-in Vietnamese input: off, telex, vni
	SettingToneStyle = "tone_style" // new (hoà, thuý) or old (hòa, thúy)
	SettingLanguage  = "language"   // the interface's language: vi or en
	SettingUserName  = "user_name"  // who the history records (empty: the OS user)
)

// SettingDef describes a setting that `xeploai config` lists and sets and
// the window edits: its default and the values it may take.
type SettingDef struct {
	Key     string
	Default string
	// Allowed are the values it may take; empty with Max > 0 for a whole
	// number from Min to Max; empty otherwise for any text.
	Allowed  []string
	Min, Max int
}

// SettingDefs are the settings kept in the database, other than the
// headings of printed documents (report.HeadingKeys).
var SettingDefs = []SettingDef{
	{Key: SettingTyping, Default: vnkey.Off.String(), Allowed: stringsOf(vnkey.Methods)},
	{Key: SettingToneStyle, Default: vnkey.NewStyle.String(), Allowed: stringsOf(vnkey.Styles)},
	{Key: SettingLanguage, Default: "vi", Allowed: []string{"vi", "en"}},
	readingDef(SettingQuotaDenominator),
	readingDef(SettingShares),
	readingDef(SettingQuotaGroups),
	readingDef(SettingLinks),
	{Key: SettingBackupKeep, Default: "30", Min: 1, Max: 1000},
	{Key: SettingUserName},
}

// readingDef is the setting of a reading of the texts: its values, the
// default first.
func readingDef(key string) SettingDef {
	return SettingDef{Key: key, Default: readingValues[key][0], Allowed: readingValues[key]}
}

func stringsOf[T fmt.Stringer](xs []T) []string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = x.String()
	}
	return s
}

// Describe says in Vietnamese what values the setting takes.
func (d SettingDef) Describe() string {
	switch {
	case len(d.Allowed) > 0:
		return strings.Join(d.Allowed, " | ")
	case d.Max > 0:
		return fmt.Sprintf("số từ %d đến %d", d.Min, d.Max)
	}
	return "văn bản"
}

// Check returns value as the setting stores it (trimmed; text in NFC), or
// an EINVALID error naming the values it may take.
func (d SettingDef) Check(value string) (string, error) {
	v := strings.TrimSpace(value)
	switch {
	case len(d.Allowed) > 0:
		for _, a := range d.Allowed {
			if strings.EqualFold(v, a) {
				return a, nil
			}
		}
		return "", domain.Errorf(domain.EINVALID, d.Key, "%s phải là một trong: %s (không phải %q)", d.Key, strings.Join(d.Allowed, ", "), value)
	case d.Max > 0:
		n, err := strconv.Atoi(v)
		if err != nil || n < d.Min || n > d.Max {
			return "", domain.Errorf(domain.EINVALID, d.Key, "%s phải là một số từ %d đến %d (không phải %q)", d.Key, d.Min, d.Max, value)
		}
		return strconv.Itoa(n), nil
	}
	return domain.CleanText(value), nil
}

// LookupSetting finds the definition of key among defs.
func LookupSetting(defs []SettingDef, key string) (SettingDef, bool) {
	for _, d := range defs {
		if d.Key == key {
			return d, true
		}
	}
	return SettingDef{}, false
}

// SettingValue reads a setting of SettingDefs through get (Store.Settings):
// the stored value when it is one the setting may take, else its default —
// a value written into the table by hand does not reach the program.
func SettingValue(get func(key, def string) string, key string) string {
	d, _ := LookupSetting(SettingDefs, key)
	if v, err := d.Check(get(key, d.Default)); err == nil {
		return v
	}
	return d.Default
}

// IsSet reports whether key has a stored value (not its default).
func (db *DB) IsSet(ctx context.Context, key string) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM settings WHERE key = ?`, key).Scan(&n)
	return n > 0, err
}

// PersonalSetting reports whether a setting is the user's own (language,
// typing, the name the history records), not the office's: on a shared
// server each PC keeps it itself.
func PersonalSetting(key string) bool {
	return key == SettingLanguage || key == SettingTyping || key == SettingToneStyle || key == SettingUserName
}
