package app

import (
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/paths"
	"xeploai/safefile"
)

// prefSaveFolder remembers the folder a file was last saved in.
const prefSaveFolder = "save.folder"

// saveFormat is one format a file may be saved in.
type saveFormat struct{ Ext, Label string }

var (
	formatPDF  = saveFormat{"pdf", "PDF (.pdf)"}
	formatXLSX = saveFormat{"xlsx", "Excel (.xlsx)"}
	formatCSV  = saveFormat{"csv", "CSV (.csv)"}
	formatDB   = saveFormat{"db", "xeploai (.db)"}
)

// SaveDialog asks where to write a file: a folder (the Documents folder
// first, then the one used last), a file name and, for documents, the
// format. It creates nothing itself — Fyne's own save dialog opens, and so
// empties, the chosen file before the program can look at it, which would
// destroy a database picked by mistake. The path is checked
// (safefile.CheckTarget) before Done is called: a database, folder, device
// or link is refused in the dialog, and an existing document is replaced
// only after the user confirms. With New, an existing file of any kind is
// refused (a new database never replaces anything).
type SaveDialog struct {
	Folder  *widget.Label
	Name    *Entry
	Format  *widget.RadioGroup
	Message *widget.Label
	Save    *widget.Button

	u       *UI
	d       dialog.Dialog
	folder  string
	formats []saveFormat
	new     bool
	done    func(path, format string)
}

// askSave shows a SaveDialog; done receives the checked path and format.
func (u *UI) askSave(title, name string, formats []saveFormat, new bool, done func(path, format string)) *SaveDialog {
	s := &SaveDialog{u: u, formats: formats, new: new, done: done,
		Folder: widget.NewLabel(""), Name: newEntry(), Message: widget.NewLabel("")}
	s.Folder.Truncation = fyne.TextTruncateEllipsis
	s.Message.Wrapping = fyne.TextWrapWord
	s.Message.Importance = widget.DangerImportance
	s.setFolder(u.App.Preferences().StringWithFallback(prefSaveFolder, paths.DocumentsDir()))
	s.Name.SetText(name)
	s.Name.OnChanged = func(string) { s.Message.SetText("") }
	s.Name.OnSubmitted = func(string) { s.submit() }
	choose := widget.NewButton(T("save.chooseFolder"), s.chooseFolder)
	items := []*widget.FormItem{
		widget.NewFormItem(T("save.folder"), container.NewBorder(nil, nil, nil, choose, s.Folder)),
		widget.NewFormItem(T("save.name"), s.Name),
	}
	if len(formats) > 1 {
		var labels []string
		for _, f := range formats {
			labels = append(labels, f.Label)
		}
		s.Format = widget.NewRadioGroup(labels, func(label string) { s.setExt(s.formatOf(label).Ext) })
		s.Format.Horizontal = true
		s.Format.Required = true
		s.Format.SetSelected(s.formatFor(filepath.Ext(name)).Label)
		items = append(items, widget.NewFormItem(T("save.format"), s.Format))
	}
	s.Save = widget.NewButton(T("Save"), s.submit)
	s.Save.Importance = widget.HighImportance
	buttons := container.NewHBox(widget.NewButton(T("Cancel"), func() { s.d.Hide() }), s.Save)
	content := container.NewVBox(widget.NewForm(items...), s.Message, container.NewCenter(buttons))
	s.d = dialog.NewCustomWithoutButtons(title, content, u.Window)
	s.d.Resize(fyne.NewSize(min(720, u.Window.Canvas().Size().Width-40), 0))
	s.d.Show()
	u.Window.Canvas().Focus(s.Name)
	return s
}

func (s *SaveDialog) setFolder(dir string) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		dir = paths.DocumentsDir()
	}
	s.folder = dir
	s.Folder.SetText(dir)
}

func (s *SaveDialog) chooseFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		if l != nil {
			s.setFolder(l.Path())
		}
	}, s.u.Window)
	if l, err := storage.ListerForURI(storage.NewFileURI(s.folder)); err == nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (s *SaveDialog) formatOf(label string) saveFormat {
	for _, f := range s.formats {
		if f.Label == label {
			return f
		}
	}
	return s.formats[0]
}

// formatFor is the format of an extension, or the first one.
func (s *SaveDialog) formatFor(ext string) saveFormat {
	ext = strings.ToLower(strings.TrimPrefix(ext, "."))
	for _, f := range s.formats {
		if f.Ext == ext {
			return f
		}
	}
	return s.formats[0]
}

// setExt gives the file name the extension of the chosen format.
func (s *SaveDialog) setExt(ext string) {
	name := strings.TrimSpace(s.Name.Text)
	if old := filepath.Ext(name); old != "" && s.knownExt(old) {
		name = strings.TrimSuffix(name, old)
	}
	s.Name.SetText(name + "." + ext)
}

func (s *SaveDialog) knownExt(ext string) bool {
	ext = strings.ToLower(strings.TrimPrefix(ext, "."))
	for _, f := range s.formats {
		if f.Ext == ext {
			return true
		}
	}
	return false
}

// Path is the file the dialog would write, and its format.
func (s *SaveDialog) Path() (string, saveFormat) {
	name := strings.TrimSpace(s.Name.Text)
	f := s.formats[0]
	if s.Format != nil {
		f = s.formatOf(s.Format.Selected)
	}
	if ext := filepath.Ext(name); s.knownExt(ext) {
		f = s.formatFor(ext) // the name's extension wins over the choice
	} else if name != "" {
		name += "." + f.Ext
	}
	return filepath.Join(s.folder, name), f
}

func (s *SaveDialog) submit() {
	name := strings.TrimSpace(s.Name.Text)
	// A full path typed in the name: its folder becomes the folder, if
	// there is such a folder (the path is checked below all the same).
	if filepath.IsAbs(name) {
		dir, base := filepath.Split(name)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			s.Message.SetText(T("save.noFolder", kv("Folder", dir)))
			return
		}
		s.setFolder(filepath.Clean(dir))
		s.Name.SetText(base)
		name = base
	}
	if name == "" || strings.ContainsAny(name, `/\`) {
		s.Message.SetText(T("save.badName"))
		return
	}
	path, f := s.Path()
	if err := safefile.CheckTarget(path); err != nil {
		s.Message.SetText(err.Error())
		return
	}
	_, statErr := os.Stat(path)
	exists := !errors.Is(statErr, os.ErrNotExist)
	if exists && s.new {
		s.Message.SetText(T("save.exists", kv("File", path)))
		return
	}
	finish := func() {
		s.d.Hide()
		s.u.App.Preferences().SetString(prefSaveFolder, s.folder)
		s.done(path, f.Ext)
	}
	if exists {
		dialog.ShowConfirm(T("save.replaceTitle"), T("save.replace", kv("File", filepath.Base(path))), func(yes bool) {
			if yes {
				finish()
			}
		}, s.u.Window)
		return
	}
	finish()
}

// written says a file was written, where, and offers to open it or its
// folder; a viewer that cannot be started is reported.
func (u *UI) written(path string, notes ...domain.Text) {
	u.trace("written %s", path)
	text := T("save.written", kv("File", path))
	for _, n := range notes {
		if n.Format != "" {
			text += "\n\n" + Say(n, n.String())
		}
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	open := func(target string) {
		if err := u.App.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(target)}); err != nil {
			// Written all the same: say so, and why nothing opened it.
			why := err.Error()
			if errors.Is(err, exec.ErrNotFound) {
				why = T("save.noViewer")
			}
			d.Hide()
			u.inform(T("save.writtenTitle"), T("save.cannotOpen", kv("File", target, "Err", why)))
			return
		}
		d.Hide()
	}
	openFile := widget.NewButton(T("save.openFile"), func() { open(path) })
	openFile.Importance = widget.HighImportance
	buttons := container.NewHBox(openFile, widget.NewButton(T("save.openFolder"), func() { open(filepath.Dir(path)) }),
		widget.NewButton(T("Close"), func() { d.Hide() }))
	d = dialog.NewCustomWithoutButtons(T("save.writtenTitle"), container.NewVBox(msg, container.NewCenter(buttons)), u.Window)
	d.Resize(fyne.NewSize(min(640, u.Window.Canvas().Size().Width-40), 0))
	d.Show()
}
