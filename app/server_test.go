package app

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"xeploai/domain"
	"xeploai/store"
	"xeploai/store/pgtest"
)

// TestMain stops the PostgreSQL cluster a test may have started.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestWindowOnASharedServer opens the window on a PostgreSQL database: the
// status bar says it is the shared server's, backups go to this PC's own
// folder, and restore (which overwrites a file) says what to do instead.
func TestWindowOnASharedServer(t *testing.T) {
	t.Setenv("LANG", "vi_VN.UTF-8")
	db, err := store.OpenPostgres(pgtest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ward := &domain.Org{Name: "Đảng bộ phường An Hải Bắc", Kind: domain.KindGrassrootsCommittee}
	if err := db.CreateOrg(ctx, ward); err != nil {
		t.Fatal(err)
	}
	ui := New(test.NewTempApp(t), db, Options{Version: "test"})
	ui.Window.Resize(fyne.NewSize(1200, 800))
	if got := ui.Status.Text; !strings.HasPrefix(got, "Dữ liệu dùng chung trên máy chủ: postgres://postgres@/") || !strings.Contains(got, "1 tổ chức") {
		t.Errorf("status %q", got)
	}
	ui.RestoreDialog()
	top := ui.Window.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "không dùng được với cơ sở dữ liệu dùng chung trên máy chủ") {
		t.Errorf("restore on a server shows %v", top)
	}
	if ui.backupDir() == "" || strings.Contains(ui.backupDir(), "postgres:") {
		t.Errorf("backups of a server go to %q", ui.backupDir())
	}
}
