package paths

import (
	"os"
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

func TestDocumentsDirFollowsUserDirs(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	docs := filepath.Join(home, "Tài liệu")
	os.MkdirAll(filepath.Join(home, ".config"), 0o700)
	os.Mkdir(docs, 0o700)
	os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"), []byte("# written by xdg-user-dirs-update\nXDG_DOCUMENTS_DIR=\"$HOME/Tài liệu\"\n"), 0o600)
	if got := DocumentsDir(); got != docs {
		t.Errorf("DocumentsDir = %q, want %q", got, docs)
	}
	os.Remove(filepath.Join(home, ".config", "user-dirs.dirs"))
	os.Remove(docs)
	if got := DocumentsDir(); got != home {
		t.Errorf("without a Documents folder: %q, want the home %q", got, home)
	}
}
