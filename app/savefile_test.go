package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestSaveDialogNeverTouchesADatabase: the save dialog writes nothing
// itself; a database, even under a document's name, is refused in the
// dialog and stays byte for byte the same; an existing document is
// replaced only after a confirmation; the format sets the extension.
func TestSaveDialogNeverTouchesADatabase(t *testing.T) {
	g := newGiven(t)
	dir := t.TempDir()
	g.ui.App.Preferences().SetString(prefSaveFolder, dir)
	dbCopy := filepath.Join(dir, "bao-cao.pdf")
	live, _ := os.ReadFile(g.db.Path())
	os.WriteFile(dbCopy, live, 0o600)
	old := filepath.Join(dir, "cu.pdf")
	os.WriteFile(old, []byte("%PDF old"), 0o600)

	var got []string
	s := g.ui.askSave("In", "bao-cao.pdf", []saveFormat{formatPDF, formatXLSX, formatCSV}, false, func(path, format string) {
		got = append(got, path+" "+format)
	})
	if s.Folder.Text != dir {
		t.Errorf("folder %q, want the one used last %q", s.Folder.Text, dir)
	}
	test.Tap(s.Save)
	if len(got) != 0 || !strings.Contains(s.Message.Text, "cơ sở dữ liệu") {
		t.Fatalf("a database as the target: done %v, message %q", got, s.Message.Text)
	}
	if b, _ := os.ReadFile(dbCopy); !bytes.Equal(b, live) {
		t.Fatal("the database changed")
	}
	s.Format.SetSelected(formatXLSX.Label)
	if s.Name.Text != "bao-cao.xlsx" {
		t.Errorf("Excel chosen: name %q", s.Name.Text)
	}
	s.Name.SetText("cu.pdf")
	test.Tap(s.Save)
	if len(got) != 0 {
		t.Fatal("replaced an existing file without asking")
	}
	confirm := g.ui.Window.Canvas().Overlays().Top()
	if !strings.Contains(texts(confirm), "cu.pdf") {
		t.Fatalf("no confirmation naming cu.pdf: %q", texts(confirm))
	}
	s.Name.SetText("moi")
	s.Format.SetSelected(formatCSV.Label)
	test.Tap(s.Save)
	if len(got) != 1 || got[0] != filepath.Join(dir, "moi.csv")+" csv" {
		t.Errorf("saved %v", got)
	}
	// A new database never replaces a file.
	var made []string
	os.WriteFile(filepath.Join(dir, "co-san.db"), nil, 0o600)
	n := g.ui.askSave("Mới", "co-san.db", []saveFormat{formatDB}, true, func(path, _ string) { made = append(made, path) })
	test.Tap(n.Save)
	if len(made) != 0 || !strings.Contains(n.Message.Text, "Đã có tệp") {
		t.Errorf("new database over a file: %v %q", made, n.Message.Text)
	}
	n.Name.SetText("so-moi")
	test.Tap(n.Save)
	if len(made) != 1 || made[0] != filepath.Join(dir, "so-moi.db") {
		t.Errorf("new database %v", made)
	}
	if _, err := os.Stat(made[0]); err == nil {
		t.Error("the dialog itself created the file")
	}
}

// TestSaveDialogTakesAFullPath: a full path typed in the name field is
// split into its folder and its name, and checked like any other; a
// folder that does not exist is said so, and nothing is written.
func TestSaveDialogTakesAFullPath(t *testing.T) {
	g := newGiven(t)
	dir, other := t.TempDir(), t.TempDir()
	g.ui.App.Preferences().SetString(prefSaveFolder, dir)
	var got []string
	s := g.ui.askSave("In", "bao-cao.pdf", []saveFormat{formatPDF, formatXLSX}, false, func(path, format string) { got = append(got, path+" "+format) })
	s.Name.SetText(filepath.Join(other, "khong-co", "x.pdf"))
	test.Tap(s.Save)
	if len(got) != 0 || !strings.Contains(s.Message.Text, "khong-co") {
		t.Errorf("a folder that does not exist: done %v, message %q", got, s.Message.Text)
	}
	s.Name.SetText(filepath.Join(other, "bao-cao.xlsx"))
	test.Tap(s.Save)
	if want := filepath.Join(other, "bao-cao.xlsx") + " xlsx"; len(got) != 1 || got[0] != want {
		t.Errorf("saved %v, want %q", got, want)
	}
	if s.Folder.Text != other || s.Name.Text != "bao-cao.xlsx" {
		t.Errorf("folder %q name %q", s.Folder.Text, s.Name.Text)
	}
	// Still checked: a database under a document's name is refused.
	got = nil
	live, _ := os.ReadFile(g.db.Path())
	dbCopy := filepath.Join(other, "so-lieu.pdf")
	os.WriteFile(dbCopy, live, 0o600)
	s = g.ui.askSave("In", "x.pdf", []saveFormat{formatPDF}, false, func(path, format string) { got = append(got, path) })
	s.Name.SetText(dbCopy)
	test.Tap(s.Save)
	if len(got) != 0 || !strings.Contains(s.Message.Text, "cơ sở dữ liệu") {
		t.Errorf("the database typed as a full path: done %v, message %q", got, s.Message.Text)
	}
}
