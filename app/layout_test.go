package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"xeploai/report"
)

// TestFitsSmallScreens: whatever tab is shown, the window's content needs
// at most 1000×650 (a 1024×768 laptop with a taskbar, or 1024×700), and the
// window opens inside a small screen.
func TestFitsSmallScreens(t *testing.T) {
	g := newGiven(t)
	for i, tab := range g.ui.Tabs.Items {
		g.ui.Tabs.SelectIndex(i)
		if got := g.ui.Window.Content().MinSize(); got.Width > minimumSize.Width || got.Height > minimumSize.Height {
			t.Errorf("tab %s needs %v, more than %v", tab.Text, got, minimumSize)
		}
	}
	fitWindow(g.ui.Window, fyne.NewSize(1024, 700))
	if got := g.ui.Window.Canvas().Size(); got.Width > 1024 || got.Height > 700 {
		t.Errorf("on a 1024×700 screen the window is %v", got)
	}
}

// TestPaperworkDialogsFitSmallScreens: the documents form and the editors of
// texts and certificate places need no more than the window's 1000×650.
func TestPaperworkDialogsFitSmallScreens(t *testing.T) {
	g := newGiven(t)
	for name, content := range map[string]fyne.CanvasObject{
		"documents":    newDocumentsForm(g.ui, report.Batch{}, report.Decision{}).Content,
		"texts":        newTemplatesView(g.ui).Content,
		"certificates": newCertificateEditor(g.ui).Content,
	} {
		t.Logf("%s needs %v", name, content.MinSize())
		// A dialog adds its title and buttons (about 100 px) and padding.
		if got := content.MinSize(); got.Width > minimumSize.Width-40 || got.Height > minimumSize.Height-110 {
			t.Errorf("%s needs %v, more than fits in %v", name, got, minimumSize)
		}
	}
}
