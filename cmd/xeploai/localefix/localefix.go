// Package localefix runs before Fyne's packages are initialised (its import
// path sorts first, and Go initialises packages in import-path order) and
// gives a process started with the C or POSIX locale a UTF-8 one that Fyne's
// locale lookup can parse. Without it, every command prints "Fyne error:
// Error parsing user locale C" on stderr before main even starts.
package localefix

import "os"

func init() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		switch val := os.Getenv(v); {
		case val == "":
			continue
		case val == "C" || val == "POSIX" || len(val) > 2 && val[:2] == "C.":
			os.Setenv(v, "vi_VN.UTF-8")
		}
	}
	if os.Getenv("LC_ALL") == "" && os.Getenv("LC_MESSAGES") == "" && os.Getenv("LANG") == "" {
		os.Setenv("LANG", "vi_VN.UTF-8")
	}
}
