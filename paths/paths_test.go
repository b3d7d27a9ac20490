package paths

import (
	"path/filepath"
	"runtime"
	"testing"
)

func TestDataDirFollowsXDG(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG applies on Linux")
	}
	t.Setenv("XDG_DATA_HOME", "/data/home")
	if got := DefaultDB(); got != "/data/home/xeploai/xeploai.db" {
		t.Errorf("DefaultDB = %q", got)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/u")
	if got := DataDir(); got != "/home/u/.local/share/xeploai" {
		t.Errorf("DataDir = %q", got)
	}
	if got := BackupDir("/x/y.db"); got != filepath.Join("/x", "backups") {
		t.Errorf("BackupDir = %q", got)
	}
}
