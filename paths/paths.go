// Package paths says where xeploai keeps its files on each operating system.
package paths

import (
	"os"
	"path/filepath"
	"runtime"
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
