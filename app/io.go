package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/exchange"
	"xeploai/interchange"
	"xeploai/paths"
)

// prefImportFolder remembers the folder a file was last imported from.
const prefImportFolder = "import.folder"

// ImportDialog asks for a workbook or CSV file (in the folder of the last
// import, else the Documents folder) and imports it.
func (u *UI) ImportDialog() {
	if u.viewOnly() {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.App.Preferences().SetString(prefImportFolder, filepath.Dir(path))
		u.ImportFiles([]string{path}, false, nil)
	}, u.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv"}))
	// The folder of the last import, else the Documents folder.
	dir := u.App.Preferences().StringWithFallback(prefImportFolder, paths.DocumentsDir())
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// ImportFiles imports files off the UI goroutine behind a progress bar:
// they are read and checked against the database once; what the import
// would do is shown (per sheet: what is added, what changes field by field,
// what stays) and, when the user confirms, the database is backed up and
// the import written. Then the result is shown: what was done, or every
// error by sheet, row and column. done, if set, gets the report when all is
// shown.
func (u *UI) ImportFiles(paths []string, dryRun bool, done func(*domain.ImportReport, error)) {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	step := widget.NewLabel(T("import.running", kv("File", strings.Join(names, ", "))))
	progress := dialog.NewCustomWithoutButtons(T("import.title"), container.NewVBox(step, widget.NewProgressBarInfinite()), u.Window)
	progress.Show()
	opt := exchange.ImportOptions{DryRun: dryRun,
		Columns: func(ls []interchange.Layout) (map[string]string, bool) {
			fyne.Do(progress.Hide)
			m, ok := u.mapColumns(paths, ls)
			if ok {
				fyne.Do(progress.Show)
			}
			return m, ok
		},
		Progress: func(s domain.Text) { fyne.Do(func() { step.SetText(Say(s, s.String())) }) },
		Confirm: func(rep *domain.ImportReport) bool {
			// exchange.Import backs up all but an empty database.
			empty, _ := u.DB.IsEmpty(u.ctx)
			answer := make(chan bool, 1)
			fyne.Do(func() {
				progress.Hide()
				u.reviewImport(rep, !empty, func(ok bool) {
					if ok {
						progress.Show()
					}
					answer <- ok
				})
			})
			return <-answer
		}}
	background(func() {
		rep, err := exchange.Import(u.ctx, u.DB, paths, opt)
		fyne.Do(func() {
			progress.Hide()
			if errors.Is(err, exchange.ErrCancelled) {
				u.Status.SetText(T("import.cancelled"))
			} else {
				u.showImportResult(rep, err)
			}
			if rep != nil && rep.Written() {
				u.Reload()
			}
			if done != nil {
				done(rep, err)
			}
		})
	})
}

// ImportReview is the dialog that shows what an import would do before it
// is written.
type ImportReview struct {
	Head   string   // what the dialog says above the list
	Lines  []string // what the dialog lists
	Import *widget.Button
	Cancel *widget.Button
	dialog dialog.Dialog
}

// Review is the import review shown last, for tests.
func (u *UI) Review() *ImportReview { return u.review }

// reviewLines describes what an import would do.
func reviewLines(rep *domain.ImportReport) []string {
	var lines []string
	if rep.Scope != "" {
		lines = append(lines, T("import.scope", kv("Scope", rep.Scope)))
	}
	for _, c := range rep.Sheets() {
		if c.Added+c.Changed+c.Unchanged == 0 {
			continue
		}
		lines = append(lines, T("import.counts", kv("Sheet", c.Sheet.Name(), "Added", c.Added, "Changed", c.Changed, "Unchanged", c.Unchanged)))
		for i, a := range c.AddedList {
			if i == 50 {
				lines = append(lines, "    + "+T("import.more", kv("Count", c.Added-50)))
				break
			}
			lines = append(lines, "    + "+a)
		}
		for _, ch := range c.Changes {
			lines = append(lines, "    ~ "+ch.String())
		}
		if more := c.Changed - len(c.Changes); more > 0 {
			lines = append(lines, "    ~ "+T("import.more", kv("Count", more)))
		}
	}
	if len(rep.Transfers) > 0 {
		lines = append(lines, T("import.transfers"))
		for _, t := range rep.Transfers {
			lines = append(lines, "    "+t.String())
		}
	}
	for _, c := range rep.Conversions {
		lines = append(lines, T("import.converted")+": "+c.String())
	}
	for _, w := range rep.Warnings {
		lines = append(lines, T("import.note")+": "+w)
	}
	return lines
}

// reviewImport shows what an import would do, and whether the data is
// backed up first, and calls answer with the user's choice: true to write
// it.
func (u *UI) reviewImport(rep *domain.ImportReport, backup bool, answer func(bool)) {
	r := &ImportReview{Lines: reviewLines(rep)}
	list := newLineList(func() int { return len(r.Lines) }, func(i int) string { return r.Lines[i] }, nil)
	once := false
	reply := func(ok bool) {
		if once {
			return
		}
		once = true
		r.dialog.Hide()
		answer(ok)
	}
	r.Import = widget.NewButton(T("import.confirm"), func() { reply(true) })
	r.Import.Importance = widget.HighImportance
	r.Cancel = widget.NewButton(T("Cancel"), func() { reply(false) })
	text := T("import.review.empty")
	if backup {
		text = T("import.review.text")
	}
	r.Head = text
	head := widget.NewLabel(text)
	head.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(head, container.NewHBox(r.Cancel, r.Import), nil, nil, list)
	r.dialog = dialog.NewCustomWithoutButtons(T("import.review"), content, u.Window)
	r.dialog.Resize(fyne.NewSize(900, 560))
	u.review = r
	r.dialog.Show()
	if u.asking != nil {
		u.asking(r)
	}
}

// backupFirst writes a backup to go back to before a bulk change (a merge,
// an award decision, emptying the trash); an empty database needs none.
func (u *UI) backupFirst() error {
	db := u.DB
	if db.Server() {
		// A shared server keeps its own backups; copying all of it to this
		// PC before each change would take long. The change can be undone.
		return nil
	}
	if empty, _ := db.IsEmpty(u.ctx); empty {
		return nil
	}
	_, err := db.BackupTo(u.ctx, paths.BackupDir(db.Path()))
	return err
}

// LastResult is the text of the last import result dialog, for tests.
func (u *UI) LastResult() string { return u.lastResult }

func (u *UI) showImportResult(rep *domain.ImportReport, err error) {
	var lines []string
	title := T("import.done")
	switch {
	case rep == nil:
		title = T("Error")
		lines = append(lines, err.Error())
	case len(rep.Errors) > 0:
		title = T("import.failed", kv("Count", len(rep.Errors)))
		for _, e := range rep.Errors {
			lines = append(lines, Say(e.Said(), e.Error()))
		}
	case err != nil:
		title = T("Error")
		lines = append(lines, err.Error())
	default:
		if rep.DryRun {
			title = T("import.dry")
			lines = reviewLines(rep)
			break
		}
		for _, c := range rep.Sheets() {
			if c.Added+c.Changed+c.Unchanged > 0 {
				lines = append(lines, T("import.counts", kv("Sheet", c.Sheet.Name(), "Added", c.Added, "Changed", c.Changed, "Unchanged", c.Unchanged)))
			}
		}
		for _, t := range rep.Transfers {
			lines = append(lines, t.String())
		}
		for _, c := range rep.Conversions {
			lines = append(lines, T("import.converted")+": "+c.String())
		}
	}
	if rep != nil && !rep.DryRun {
		for _, w := range rep.Warnings {
			lines = append(lines, T("import.note")+": "+w)
		}
	}
	u.lastResult = title + "\n" + strings.Join(lines, "\n")
	list := newLineList(func() int { return len(lines) }, func(i int) string { return lines[i] }, nil)
	d := dialog.NewCustom(title, T("OK"), container.NewStack(list), u.Window)
	d.Resize(fyne.NewSize(820, 480))
	u.showNotice(d)
}

// ExportDialog asks where to save the whole database as a workbook and
// writes it.
func (u *UI) ExportDialog() { u.exportDialog(0) }

// ExportOrgDialog writes the organisation chosen in the tree and all under
// it, for sending to the superior committee (or to a ward).
func (u *UI) ExportOrgDialog() {
	o := u.Orgs.selectedOrg()
	if o == nil {
		return
	}
	u.exportDialog(o.ID)
}

func (u *UI) exportDialog(scope int64) {
	slug, title := u.scopeSlug(), T("export.title")
	if scope != 0 {
		if o, err := u.DB.Org(u.ctx, scope); err == nil {
			slug, title = domain.Slug(o.Name), T("export.orgTitle", kv("Org", o.Name))
		}
	}
	name := fmt.Sprintf("xeploai-%s-%s.xlsx", slug, time.Now().Format("2006-01-02"))
	u.askSave(title, name, []saveFormat{formatXLSX}, false, func(path, _ string) {
		u.Export(scope, path, nil)
	})
}

// Export writes the database (scope 0) or one organisation's subtree to
// path behind a progress bar that counts the rows written; done, if set, is
// called when the file is written.
func (u *UI) Export(scope int64, path string, done func(error)) {
	step := widget.NewLabel(T("working"))
	progress := dialog.NewCustomWithoutButtons(T("menu.export"), container.NewVBox(step, widget.NewProgressBarInfinite()), u.Window)
	progress.Show()
	opt := interchange.ExportOptions{Program: "xeploai " + u.Opts.Version, Progress: func(sheet string, rows int) {
		fyne.Do(func() { step.SetText(T("export.progress", kv("Sheet", sheet, "Rows", fmt.Sprint(rows)))) })
	}}
	background(func() {
		left, err := exchange.Export(u.ctx, u.DB, scope, path, false, opt)
		fyne.Do(func() {
			progress.Hide()
			if err != nil {
				u.showError(err)
			} else {
				u.written(path, left.Note())
			}
			if done != nil {
				done(err)
			}
		})
	})
}
