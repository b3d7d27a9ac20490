package exchange

import (
	"encoding/json"

	"xeploai/interchange"
)

// MappingSetting is the setting that remembers the column mapping of files
// laid out as l is: the window's mapping dialog writes it, the window and
// the command line read it.
func MappingSetting(l *interchange.Layout) string { return "import_map_" + l.Key() }

// RememberedMapping merges the mappings remembered for the layouts; get
// reads a setting.
func RememberedMapping(get func(key, def string) string, ls []interchange.Layout) map[string]string {
	out := map[string]string{}
	for i := range ls {
		var m map[string]string
		if v := get(MappingSetting(&ls[i]), ""); v != "" && json.Unmarshal([]byte(v), &m) == nil {
			for k, c := range m {
				out[k] = c
			}
		}
	}
	return out
}

// Remembered is the mapping remembered for files laid out as ls, when it
// maps every sheet that needs it (then with the layouts it gives); nil when
// there is none or it does not.
func Remembered(get func(key, def string) string, files []string, ls []interchange.Layout, opt interchange.Options) (map[string]string, []interchange.Layout) {
	m := RememberedMapping(get, ls)
	if len(m) == 0 {
		return nil, nil
	}
	opt.Map = m
	again, err := interchange.Inspect(files, opt)
	if err != nil {
		return nil, nil
	}
	for i := range again {
		if again[i].NeedsMapping() {
			return nil, nil
		}
	}
	return m, again
}
