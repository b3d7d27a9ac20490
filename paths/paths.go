// Package paths says where xeploai keeps its files on each operating system.
package paths

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// AppName is the folder name under the user's data directory.
const AppName = "xeploai"

// DataDir is where the database lives: %APPDATA%\xeploai on Windows,
// ~/Library/Application Support/xeploai on macOS, $XDG_DATA_HOME/xeploai
// (default ~/.local/share/xeploai) elsewhere.
func DataDir() string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("APPDATA"); d != "" {
			return filepath.Join(d, AppName)
		}
		return filepath.Join(home, "AppData", "Roaming", AppName)
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", AppName)
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, AppName)
	}
	return filepath.Join(home, ".local", "share", AppName)
}

// DefaultDB is the database opened when no --db is given.
func DefaultDB() string { return filepath.Join(DataDir(), AppName+".db") }

// BackupDir is where backups of the database at dbPath go: beside it.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// EnsureDir creates the folder that will hold path, readable by the owner only.
func EnsureDir(path string) error { return os.MkdirAll(filepath.Dir(path), 0o700) }

// DocumentsDir is where documents are saved by default: the user's
// Documents folder (XDG_DOCUMENTS_DIR on Linux, %USERPROFILE%\Documents on
// Windows), else the home folder.
func DocumentsDir() string {
	home, _ := os.UserHomeDir()
	candidates := []string{}
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" {
		if d := xdgUserDir(home, "XDG_DOCUMENTS_DIR"); d != "" {
			candidates = append(candidates, d)
		}
	}
	if runtime.GOOS == "windows" {
		if p := os.Getenv("USERPROFILE"); p != "" {
			candidates = append(candidates, filepath.Join(p, "Documents"))
		}
	}
	candidates = append(candidates, filepath.Join(home, "Documents"), filepath.Join(home, "Tài liệu"), home)
	for _, d := range candidates {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return home
}

// xdgUserDir reads one folder from ~/.config/user-dirs.dirs
// (XDG_DOCUMENTS_DIR="$HOME/Tài liệu").
func xdgUserDir(home, key string) string {
	config := os.Getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	b, err := os.ReadFile(filepath.Join(config, "user-dirs.dirs"))
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		v, ok := strings.CutPrefix(strings.TrimSpace(line), key+"=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		v = strings.Replace(v, "$HOME", home, 1)
		if filepath.IsAbs(v) {
			return v
		}
	}
	return ""
}
