package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/report"
)

// PrintDocument asks where to write d and in which format (PDF, Excel or
// CSV; the Documents folder, a name from the document, its organisation and
// year), writes it off the UI goroutine and offers to open it: Fyne has no
// print API, the system's viewer prints.
func (u *UI) PrintDocument(d report.Document, name string) {
	u.askSave(T("print.title"), name+".pdf", []saveFormat{formatPDF, formatXLSX, formatCSV}, false, func(path, format string) {
		u.WriteDocument(d, path, format, func() { u.written(path) })
	})
}

// PrintCurrent prints what the shown tab has to print (Ctrl+P): the year
// report, or the candidate list; other tabs say where printing is.
func (u *UI) PrintCurrent() {
	switch u.Tabs.Selected() {
	case u.Tabs.Items[5]:
		u.Report.Print()
	case u.Tabs.Items[4]:
		u.Cands.Print()
	default:
		u.Status.SetText(T("print.where"))
	}
}

// scopeSlug names the organisation the views are scoped to, for file
// names: the chosen one, else the top of the tree.
func (u *UI) scopeSlug() string {
	id := u.selected
	if id == 0 {
		if orgs, err := u.DB.Orgs(u.ctx); err == nil {
			for _, o := range orgs {
				if o.ParentID == 0 {
					id = o.ID
					break
				}
			}
		}
	}
	if o, err := u.DB.Org(u.ctx, id); err == nil && o != nil {
		return domain.Slug(o.Name)
	}
	return "xeploai"
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
	entries := map[string]*Entry{}
	for _, k := range report.HeadingKeys {
		e := newEntry()
		e.SetText(get(k.Key, k.Default))
		entries[k.Key] = e
		u.writer(e)
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
