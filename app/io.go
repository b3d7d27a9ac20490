package app

import (
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
	"xeploai/interchange"
	"xeploai/paths"
	"xeploai/store"
)

// ImportDialog asks for a workbook or CSV file and imports it.
func (u *UI) ImportDialog() {
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
		u.ImportFiles([]string{path}, false, nil)
	}, u.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// ImportFiles reads and imports files off the UI goroutine behind a progress
// bar, then shows the result: what was added and changed, or every error by
// sheet, row and column. done, if set, gets the report when all is shown.
func (u *UI) ImportFiles(paths []string, dryRun bool, done func(*domain.ImportReport, error)) {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	bar := widget.NewProgressBarInfinite()
	progress := dialog.NewCustomWithoutButtons(T("import.running", kv("File", strings.Join(names, ", "))), bar, u.Window)
	progress.Show()
	background(func() {
		rep, err := u.importFiles(paths, dryRun)
		fyne.Do(func() {
			progress.Hide()
			u.showImportResult(rep, err)
			if rep != nil && rep.Written() {
				u.Reload()
			}
			if done != nil {
				done(rep, err)
			}
		})
	})
}

func (u *UI) importFiles(files []string, dryRun bool) (*domain.ImportReport, error) {
	b := &domain.Batch{}
	for _, p := range files {
		fb, err := interchange.ReadFile(p, interchange.Options{})
		if err != nil {
			return nil, err
		}
		b.Append(fb)
	}
	// Checked first (a dry run is cheap), so that a file with errors costs
	// no backup; then a backup to go back to, and the import.
	rep, err := u.DB.Import(u.ctx, b, true)
	if err != nil || dryRun {
		return rep, err
	}
	if err := u.backupFirst(); err != nil {
		return nil, err
	}
	return u.DB.Import(u.ctx, b, false)
}

// backupFirst writes a backup to go back to before an import or a bulk
// change (a merge, an award decision, emptying the trash); an empty database
// needs none.
func (u *UI) backupFirst() error {
	db, ok := u.DB.(*store.DB)
	if !ok {
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
			lines = append(lines, e.Error())
		}
	default:
		if rep.DryRun {
			title = T("import.dry")
		}
		for _, c := range []struct {
			name string
			c    domain.ImportCounts
		}{{"Tổ chức", rep.Orgs}, {"Đảng viên", rep.Members}, {"Xếp loại đảng viên", rep.MemberRatings},
			{"Xếp loại tổ chức", rep.OrgRatings}, {"Khen thưởng", rep.Awards}} {
			lines = append(lines, fmt.Sprintf("%s: thêm %d, sửa %d, giữ nguyên %d", c.name, c.c.Added, c.c.Changed, c.c.Unchanged))
		}
	}
	if rep != nil {
		for _, w := range rep.Warnings {
			lines = append(lines, "Chú ý: "+w)
		}
	}
	u.lastResult = title + "\n" + strings.Join(lines, "\n")
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Wrapping = fyne.TextWrapWord; return l },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) })
	d := dialog.NewCustom(title, T("OK"), container.NewStack(list), u.Window)
	d.Resize(fyne.NewSize(820, 480))
	d.Show()
}

// ExportDialog asks where to save the workbook and writes it.
func (u *UI) ExportDialog() {
	name := fmt.Sprintf("xeploai-%s-%s.xlsx", u.scopeSlug(), time.Now().Format("2006-01-02"))
	u.askSave(T("export.title"), name, []saveFormat{formatXLSX}, false, func(path, _ string) {
		u.runLong(T("working"), func() error {
			return u.DB.View(u.ctx, func(s *store.Snapshot) error { return interchange.WriteXLSXFile(path, s) })
		}, func() { u.written(path) })
	})
}
