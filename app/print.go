package app

import (
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"xeploai/report"
)

// PrintDocument asks where to write d (PDF, or .xlsx / .csv by the name
// given), writes it off the UI goroutine and opens it in the system viewer:
// Fyne has no print API, the viewer prints.
func (u *UI) PrintDocument(d report.Document, name string) {
	dlg := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			u.showError(err)
			return
		}
		path := w.URI().Path()
		w.Close()
		format := report.FormatOf(path)
		if format != "xlsx" && format != "csv" {
			format = "pdf"
			if filepath.Ext(path) == "" {
				path += ".pdf"
			}
		}
		u.WriteDocument(d, path, format, func() {
			u.App.OpenURL(&url.URL{Scheme: "file", Path: path})
		})
	}, u.Window)
	dlg.SetFileName(name + ".pdf")
	dlg.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".xlsx", ".csv"}))
	dlg.Resize(fyne.NewSize(900, 600))
	dlg.Show()
}

// WriteDocument writes d to path with the heading kept in the settings,
// behind a progress bar, then calls done.
func (u *UI) WriteDocument(d report.Document, path, format string, done func()) {
	h := report.HeadingFrom(u.DB.Settings(u.ctx))
	u.runLong(T("working"), func() error { return report.WriteFile(path, format, d, h) }, done)
}

// HeadingDialog edits the texts around printed documents (stored in the
// database).
func (u *UI) HeadingDialog() {
	get := u.DB.Settings(u.ctx)
	var items []*widget.FormItem
	entries := map[string]*widget.Entry{}
	for _, k := range report.HeadingKeys {
		e := widget.NewEntry()
		e.SetText(get(k.Key, k.Default))
		entries[k.Key] = e
		items = append(items, widget.NewFormItem(k.Label, e))
	}
	d := dialog.NewForm(T("menu.heading"), T("Save"), T("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		for key, e := range entries {
			if err := u.DB.SetSetting(u.ctx, key, e.Text); err != nil {
				u.showError(err)
				return
			}
		}
	}, u.Window)
	d.Resize(fyne.NewSize(600, 380))
	d.Show()
}
