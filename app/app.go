// Package app is xeploai's desktop GUI, built with Fyne. It takes the
// fyne.App it runs in as a parameter, so that tests drive it with
// fyne.io/fyne/v2/test on a real database.
package app

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"xeploai/assets"
	"xeploai/domain"
	"xeploai/paths"
	"xeploai/store"
)

// Options configure the GUI.
type Options struct {
	Version string
	// Demo fills an empty database with demo data (the first-run offer).
	Demo func(ctx context.Context, db store.Store) error
	// Trace, when set, receives one line per user-visible action (see
	// trace.go); XEPLOAI_TRACE=1 sets it to stderr.
	Trace io.Writer
	// Screen, when set, says how large the screen's usable area is (in
	// Fyne's units), so that the window opens inside it.
	Screen func() fyne.Size
	screen fyne.Size
	// Local, when set, opens this PC's own database file: offered when the
	// shared server the window opened last cannot be reached.
	Local func() (store.Store, error)
}

// Window sizes: what the window opens at when the screen has room, and
// what its content needs at least (a 1024×768 laptop, a taskbar, borders).
var (
	preferredSize = fyne.NewSize(1280, 780)
	minimumSize   = fyne.NewSize(1000, 650)
)

// fitWindow sizes w to the preferred size, or to the screen's usable area
// when that is smaller, and centres it.
func fitWindow(w fyne.Window, screen fyne.Size) {
	size := preferredSize
	if screen.Width > 0 && screen.Height > 0 {
		size = fyne.NewSize(min(size.Width, screen.Width-16), min(size.Height, screen.Height-40))
	}
	w.Resize(size)
	w.CenterOnScreen()
}

// UI is the main window and the views in it. Widgets that tests drive are
// fields.
type UI struct {
	App    fyne.App
	Window fyne.Window
	DB     store.Store
	Opts   Options
	// serverTried: the shared server last typed in the connect dialog
	// (without its password), offered again when a try failed
	serverTried string

	Search  *SearchBox
	Status  *widget.Label
	Tabs    *container.AppTabs
	Orgs    *OrgView
	Members *MemberView
	Ratings *RatingView
	Awards  *AwardView
	Check   *CheckView
	Cands   *CandidateView
	Report  *ReportView

	// TypingButton switches Vietnamese typing (VI) and English (EN).
	TypingButton *widget.Button

	ctx context.Context
	// selected is the organisation chosen in the tree; 0 for the whole tree.
	selected int64
	// writers are the controls on screen for good that write (see writer).
	writers []fyne.Disableable
	// memberPage is the member's page on screen, if one is.
	memberPage *memberPage
	// lastMemberForm is the member form opened last, for tests.
	lastMemberForm *MemberForm
	tabShown       time.Time // when the shown tab was chosen, for the trace
	lastResult     string
	// undoable is what the status line says can be undone with Ctrl+Z, and
	// the step that would undo it; undoNow is the step Undo would take now.
	undoable undoable
	undoNow  int64
	// notices are the dialogs shown with only an OK (errors, results,
	// information) by their overlay: Enter closes the one on top, as Esc.
	notices map[fyne.CanvasObject]dialog.Dialog
	// questions are the yes-or-no dialogs shown, with their yes (Enter).
	questions map[fyne.CanvasObject]func()
	review    *ImportReview
	mapping   *ColumnMapping
	// asking, if set, is told of each dialog an import waits on (the
	// review, the column mapping) once it is shown: tests answer it there,
	// since they run the import at once on their own goroutine.
	asking func(dialog any)
	// errorsShown are the error messages on screen: the same one is not
	// stacked again while it is shown.
	errorsShown map[string]bool
}

// New builds the main window on db; call Window.ShowAndRun to start.
func New(a fyne.App, db store.Store, opts Options) *UI {
	SetLanguage(a.Preferences().StringWithFallback(prefLanguage, LangVietnamese))
	a.SetIcon(assets.Icon)
	return build(a, a.NewWindow(T("app.title")), db, opts)
}

// build fills window w with the main window's content.
func build(a fyne.App, w fyne.Window, db store.Store, opts Options) *UI {
	u := &UI{App: a, DB: db, Opts: opts, ctx: context.Background()}
	u.Window = w
	u.loadLanguage()
	u.loadTyping()
	u.nameThisPC()
	u.Status = widget.NewLabel("")
	u.Status.Truncation = fyne.TextTruncateEllipsis
	u.Search = newSearchBox(u)

	u.Orgs = newOrgView(u)
	u.Members = newMemberView(u)
	u.Ratings = newRatingView(u)
	u.Awards = newAwardView(u)
	u.Check = newCheckView(u)
	u.Cands = newCandidateView(u)
	u.Report = newReportView(u)
	u.Tabs = container.NewAppTabs(
		container.NewTabItem(T("nav.members"), u.Members.Content),
		container.NewTabItem(T("nav.ratings"), u.Ratings.Content),
		container.NewTabItem(T("nav.check"), u.Check.Content),
		container.NewTabItem(T("nav.awards"), u.Awards.Content),
		container.NewTabItem(T("nav.candidates"), u.Cands.Content),
		container.NewTabItem(T("nav.report"), u.Report.Content),
	)
	u.Tabs.OnSelected = func(*container.TabItem) { u.refreshCurrent() }
	split := container.NewHSplit(u.Orgs.Content, u.Tabs)
	split.Offset = 0.28
	top := container.NewBorder(nil, nil, widget.NewLabelWithStyle("xeploai", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, u.Search)
	// The search results float over the tabs in a layer of the window (not
	// a pop-up, which would take the keyboard from the search box).
	u.Window.SetContent(container.NewBorder(top, u.typingBar(), nil, nil, container.NewStack(split, u.Search.Layer)))
	u.watchDialogs()
	u.Window.SetMainMenu(u.menu())
	u.shortcuts()
	fitWindow(u.Window, opts.screen)
	u.refreshStatus()
	u.refreshCurrent() // the first tab, traced as any other
	return u
}

// WarnIfRemote says, when the database is on a network share, why that is
// a risk and what to do instead.
func (u *UI) WarnIfRemote() {
	if remote, kind := paths.Remote(u.DB.Path()); remote {
		l := widget.NewLabel(T("remote.warning", kv("File", u.DB.Path(), "Kind", kind)))
		l.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustom(T("remote.title"), T("OK"), l, u.Window)
		d.Resize(fyne.NewSize(min(620, u.Window.Canvas().Size().Width-40), 0))
		d.Show()
	}
}

// ShowFirstRun offers to import or fill demo data when the database is empty.
func (u *UI) ShowFirstRun() {
	defer u.offerTyping()
	empty, err := u.DB.IsEmpty(u.ctx)
	if err != nil || !empty {
		return
	}
	var d dialog.Dialog
	importBtn := widget.NewButton(T("welcome.import"), func() { d.Hide(); u.ImportDialog() })
	importBtn.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{importBtn}
	if u.Opts.Demo != nil {
		buttons = append(buttons, widget.NewButton(T("welcome.demo"), func() {
			d.Hide()
			u.runLong(T("working"), func() error { return u.Opts.Demo(u.ctx, u.DB) }, func() { u.Reload() })
		}))
	}
	text := widget.NewLabel(T("welcome.text"))
	text.Wrapping = fyne.TextWrapWord
	// Cancel on the same row as the offers, not alone under them.
	buttons = append(buttons, widget.NewButton(T("Cancel"), func() { d.Hide() }))
	d = dialog.NewCustomWithoutButtons(T("welcome.title"), container.NewVBox(text, container.NewCenter(container.NewHBox(buttons...))), u.Window)
	d.Resize(fyne.NewSize(520, 200))
	d.Show()
}

func (u *UI) menu() *fyne.MainMenu {
	importItem := fyne.NewMenuItem(T("menu.import"), u.ImportDialog)
	restoreItem := fyne.NewMenuItem(T("menu.restore"), u.RestoreDialog)
	file := fyne.NewMenu(T("menu.file"),
		fyne.NewMenuItem(T("menu.new"), func() { u.chooseDatabase(true) }),
		fyne.NewMenuItem(T("menu.open"), func() { u.chooseDatabase(false) }),
		fyne.NewMenuItem(T("menu.openServer"), u.OpenServerDialog),
		fyne.NewMenuItemSeparator(),
		importItem,
		fyne.NewMenuItem(T("menu.export"), u.ExportDialog),
		fyne.NewMenuItem(T("menu.export.org"), u.ExportOrgDialog),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(T("menu.backup"), u.BackupNow),
		restoreItem,
	)
	languages := fyne.NewMenuItem(T("menu.language"), nil)
	vi := fyne.NewMenuItem(T("lang.vi"), func() { u.chooseLanguage(LangVietnamese) })
	en := fyne.NewMenuItem(T("lang.en"), func() { u.chooseLanguage(LangEnglish) })
	vi.Checked, en.Checked = language == LangVietnamese, language == LangEnglish // the one in use is marked
	languages.ChildMenu = fyne.NewMenu("", vi, en)
	settings := fyne.NewMenu(T("menu.settings"), languages, fyne.NewMenuItem(T("menu.typing"), u.TypingDialog), fyne.NewMenuItem(T("menu.heading"), u.HeadingDialog),
		fyne.NewMenuItem(T("menu.templates"), func() { u.TemplatesDialog() }),
		fyne.NewMenuItem(T("menu.certificate"), func() { u.CertificateDialog() }))
	undoLabel, redoLabel := u.undoMenuLabels()
	// The menu shows the keys; the keys themselves are the canvas's (see
	// shortcuts): a menu item holding fyne.ShortcutUndo would take Ctrl+Z
	// from a text field being typed in.
	undo := fyne.NewMenuItem(undoLabel, u.Undo)
	undo.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}
	redo := fyne.NewMenuItem(redoLabel, u.Redo)
	redo.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyY, Modifier: fyne.KeyModifierShortcutDefault}
	if u.DB != nil && u.DB.ReadOnly() {
		for _, w := range []*fyne.MenuItem{importItem, restoreItem, undo, redo} {
			w.Disabled = true
		}
	}
	reload := fyne.NewMenuItem(T("menu.reload"), u.Reload)
	edit := fyne.NewMenu(T("menu.edit"), undo, redo, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(T("menu.history"), u.StepsDialog), fyne.NewMenuItem(T("menu.trash"), u.TrashDialog),
		fyne.NewMenuItemSeparator(), reload)
	settings.Items = append(settings.Items, fyne.NewMenuItem(T("menu.username"), u.DataSettingsDialog))
	help := fyne.NewMenu(T("menu.help"), fyne.NewMenuItem(T("menu.searchhelp"), u.SearchHelp), fyne.NewMenuItem(T("menu.about"), u.about))
	return fyne.NewMainMenu(file, edit, settings, help)
}

// writer marks a control that writes (a button, a choice) made for a
// dialog: disabled while the database open is read-only — a file this
// user cannot write, an office granted view-only — so that the window
// offers only what it can do. It returns w.
func (u *UI) writer(w fyne.Disableable) fyne.Disableable {
	if u.DB != nil && u.DB.ReadOnly() {
		w.Disable()
	}
	return w
}

// writerButton is writer for a button.
func (u *UI) writerButton(b *widget.Button) *widget.Button {
	u.writer(b)
	return b
}

// keptWriter is writer for a control that stays on screen: it follows
// the database opened later too (applyReadOnly).
func (u *UI) keptWriter(b *widget.Button) *widget.Button {
	u.writers = append(u.writers, b)
	return u.writerButton(b)
}

// applyReadOnly enables the kept controls that write, or disables them
// while the database open is read-only.
func (u *UI) applyReadOnly() {
	ro := u.DB.ReadOnly()
	for _, w := range u.writers {
		if ro {
			w.Disable()
		} else {
			w.Enable()
		}
	}
}

// viewOnly says, on the status line, that nothing can be changed here
// when the database open is read-only, and reports whether it is.
func (u *UI) viewOnly() bool {
	if !u.DB.ReadOnly() {
		return false
	}
	u.Status.SetText(T("readonly.write"))
	return true
}

// BackupNow writes a backup into the backup folder and says where.
func (u *UI) BackupNow() {
	db := u.DB
	var path string
	u.runLong(T("working"), func() error {
		var err error
		path, err = db.BackupTo(u.ctx, u.backupDir())
		return err
	}, func() { u.inform(T("menu.backup"), T("backup.done", kv("File", path))) })
}

// backupDir is where backups of the open database go: beside its file, or
// for a shared server in this PC's own data folder (a backup of a server is
// an SQLite file of its whole dataset).
func (u *UI) backupDir() string {
	if u.DB.Server() {
		return paths.BackupDir(paths.DefaultDB())
	}
	return paths.BackupDir(u.DB.Path())
}

// RestoreDialog asks for a backup and restores it over the open database,
// which is backed up first; the window then shows the restored data.
func (u *UI) RestoreDialog() {
	db := u.DB
	if db.Server() {
		u.inform(T("menu.restore"), T("restore.server"))
		return
	}
	if u.viewOnly() {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			u.showError(err)
			return
		}
		from := r.URI().Path()
		r.Close()
		dialog.ShowConfirm(T("menu.restore"), T("restore.confirm", kv("File", filepath.Base(from))), func(yes bool) {
			if yes {
				u.Restore(db.Path(), from)
			}
		}, u.Window)
	}, u.Window)
	if dir, err := storage.ListerForURI(storage.NewFileURI(u.backupDir())); err == nil {
		d.SetLocation(dir)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// Restore closes the database, restores the backup from over it (after
// backing it up) and opens it again.
func (u *UI) Restore(dbPath, from string) error {
	u.DB.Close()
	saved, err := store.Restore(u.ctx, dbPath, from, paths.BackupDir(dbPath))
	db, openErr := store.Open(dbPath)
	if openErr != nil {
		u.showError(openErr)
		return openErr
	}
	u.DB = db
	u.selected = 0
	u.loadTyping()
	u.Reload()
	if err != nil {
		u.showError(err)
		return err
	}
	u.inform(T("menu.restore"), T("restore.done", kv("File", filepath.Base(from), "Saved", saved)))
	return nil
}

// useDatabase shows db in place of the database open now, which is closed.
func (u *UI) useDatabase(db store.Store) {
	u.DB.Close()
	u.DB = db
	u.selected = 0
	u.loadTyping()
	u.nameThisPC()
	u.Reload()
	u.ShowFirstRun()
}

// nameThisPC tells a shared server's database whom its history names for
// this PC's changes: the name set on this PC (a file's history names whom
// the file's settings name).
func (u *UI) nameThisPC() {
	if u.DB.Server() {
		u.DB.SetUserName(u.personal(u.DB.Settings(u.ctx))(store.SettingUserName, ""))
	}
}

// chooseDatabase opens another database file, or creates a new one, in place
// of the current one.
func (u *UI) chooseDatabase(create bool) {
	open := func(path string) {
		db, err := store.Open(path)
		if err != nil {
			u.showError(err)
			return
		}
		u.useDatabase(db)
	}
	if create {
		u.askSave(T("newdb.title"), "xeploai.db", []saveFormat{formatDB}, true, func(path, _ string) { open(path) })
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			u.showError(err)
			return
		}
		path := r.URI().Path()
		r.Close()
		open(path)
	}, u.Window)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (u *UI) chooseLanguage(code string) {
	if !u.DB.Server() { // on a shared server, this PC's own choice only
		u.showError(u.DB.SetSetting(u.ctx, store.SettingLanguage, code))
	}
	u.App.Preferences().SetString(prefLanguage, code)
	SetLanguage(code)
	u.inform(T("menu.language"), T("lang.restart"))
}

// SearchHelp explains the search box: matching and the field filters.
func (u *UI) SearchHelp() {
	text := widget.NewRichTextFromMarkdown(T("searchhelp.text"))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(T("searchhelp.title"), T("OK"), container.NewVScroll(text), u.Window)
	d.Resize(fyne.NewSize(760, 560))
	d.Show()
}

func (u *UI) about() {
	u.inform(T("menu.about"), T("about.text", kv("Version", u.Opts.Version, "DB", u.DB.Path(), "Backups", u.backupDir())))
}

func (u *UI) shortcuts() {
	c := u.Window.Canvas()
	// The window's shortcuts act on the window, not through a dialog on
	// top of it (Ctrl+I over an open import opened a second one under
	// which the first came back).
	onWindow := func(fn func()) func(fyne.Shortcut) {
		return func(fyne.Shortcut) {
			if c.Overlays().Top() == nil {
				fn()
			}
		}
	}
	add := func(key fyne.KeyName, fn func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, onWindow(fn))
	}
	// Esc closes the dialog on top (Fyne's dialogs do not listen for it).
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyF5 {
			u.Reload()
		}
		// Enter closes a notice (its OK), as Esc does, and says yes to a
		// question.
		if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
			if d, ok := u.notices[c.Overlays().Top()]; ok {
				d.Hide()
			} else if yes, ok := u.questions[c.Overlays().Top()]; ok {
				yes()
			}
		}
		if e.Name == fyne.KeyEscape {
			if top := c.Overlays().Top(); top != nil {
				top.Hide()
				c.Overlays().Remove(top)
			}
		}
	})
	add(fyne.KeyF, u.FocusSearch)
	add(fyne.KeyN, func() { u.Members.NewMember() })
	add(fyne.KeyI, u.ImportDialog)
	add(fyne.KeyP, u.PrintCurrent)
	// Ctrl+1 … Ctrl+6 show the tabs in order.
	for i, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6} {
		i := i
		add(k, func() {
			if u.Tabs.SelectedIndex() == i {
				u.refreshCurrent() // shown again: read again
				return
			}
			u.Tabs.SelectIndex(i)
		})
	}
	// The driver turns Ctrl+Z and Ctrl+Y into fyne.ShortcutUndo and
	// ShortcutRedo; a text field with the focus keeps them for its text.
	c.AddShortcut(&fyne.ShortcutUndo{}, onWindow(u.Undo))
	c.AddShortcut(&fyne.ShortcutRedo{}, onWindow(u.Redo))
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}, onWindow(u.Redo))
}

// FocusSearch puts the keyboard in the search box with its text selected,
// so that typing replaces it (Ctrl+F).
func (u *UI) FocusSearch() {
	u.Window.Canvas().Focus(u.Search)
	u.Search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// SelectOrg scopes the views to an organisation's tree (0: everything).
func (u *UI) SelectOrg(id int64) {
	u.selected = id
	u.refreshCurrent()
}

func (u *UI) refreshCurrent() {
	refresh := []func(){u.Members.Refresh, u.Ratings.Refresh, u.Check.Refresh, u.Awards.Refresh, u.Cands.Refresh, u.Report.Refresh}
	if i := u.Tabs.SelectedIndex(); i >= 0 && i < len(refresh) {
		ready := u.traceTab(u.Tabs.Items[i].Text)
		if a, ok := []any{u.Members, u.Ratings, u.Check, u.Awards, u.Cands, u.Report}[i].(asyncView); ok {
			a.RefreshAsync(ready)
		} else {
			refresh[i]()
			ready()
		}
		if i == 1 && len(u.Ratings.Rows) > 0 {
			// The rating keys work at once — also after a click in the tree,
			// which takes the keyboard itself once its selection is made.
			background(func() {
				fyne.Do(func() {
					if u.Window.Canvas().Overlays().Top() == nil {
						u.Window.Canvas().Focus(u.Ratings.Grid)
					}
				})
			})
		}
	}
}

// Reload reads everything again, after an import, an undo or another
// process's writes (F5).
func (u *UI) Reload() {
	u.refreshMenu()
	u.Orgs.Refresh()
	u.refreshStatus()
	u.refreshCurrent()
}

// refreshMenu rebuilds the menus, so that Sửa › Hoàn tác names the step it
// would undo now.
func (u *UI) refreshMenu() {
	u.Window.SetMainMenu(u.menu())
	u.dropStaleUndoHint()
}

func (u *UI) refreshStatus() {
	n, err := u.DB.CountMembers(u.ctx, store.MemberQuery{})
	if err != nil {
		// In words: a grant taken back while the window was open…
		u.Status.SetText(SayError(store.Explain(u.DB.Path(), err)))
		return
	}
	orgs, _ := u.DB.Orgs(u.ctx)
	key := "status.db"
	if u.DB.Server() {
		key = "status.server"
	}
	u.applyReadOnly()
	status := T(key, kv("Path", u.DB.Path(), "Members", n, "Orgs", len(orgs)))
	switch {
	case u.DB.ReadOnly() && u.DB.Server():
		status += " — " + T("status.viewonly")
	case u.DB.ReadOnly():
		status += " — " + T("status.readonly")
	}
	u.Status.SetText(status)
}

// showError shows err in a dialog: a user error's Vietnamese message as is.
func (u *UI) showError(err error) {
	if err == nil {
		return
	}
	if u.DB != nil {
		err = store.Explain(u.DB.Path(), err) // a full disk, a read-only file… in words
	}
	msg := SayError(err)
	if domain.ErrorCode(err) == domain.EINTERNAL {
		msg = fmt.Sprintf("%s: %v", T("save.failed"), err)
	}
	if u.errorsShown[msg] {
		return // the same message is on screen already (a refusal repeated by each refresh)
	}
	if u.errorsShown == nil {
		u.errorsShown = map[string]bool{}
	}
	u.errorsShown[msg] = true
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(T("Error"), T("OK"), l, u.Window)
	d.Resize(fyne.NewSize(480, 160))
	u.showNotice(d)
	d.SetOnClosed(func() {
		delete(u.errorsShown, msg)
		for top, n := range u.notices {
			if n == d {
				delete(u.notices, top)
			}
		}
	})
}

// showNotice shows a dialog whose only button is OK; Enter closes it too.
func (u *UI) showNotice(d dialog.Dialog) {
	d.Show()
	top := u.Window.Canvas().Overlays().Top()
	if u.notices == nil {
		u.notices = map[fyne.CanvasObject]dialog.Dialog{}
	}
	u.notices[top] = d
	d.SetOnClosed(func() { delete(u.notices, top) })
}

// confirm asks a yes-or-no question (Enter says yes, Esc no) and runs yes
// on yes.
func (u *UI) confirm(title, message string, yes func()) {
	d := dialog.NewConfirm(title, message, func(ok bool) {
		if ok {
			yes()
		}
	}, u.Window)
	d.Show()
	top := u.Window.Canvas().Overlays().Top()
	if u.questions == nil {
		u.questions = map[fyne.CanvasObject]func(){}
	}
	u.questions[top] = d.Confirm
	d.SetOnClosed(func() { delete(u.questions, top) })
}

// inform shows a message with an OK button (Enter closes it).
func (u *UI) inform(title, message string) {
	u.showNotice(dialog.NewInformation(title, message, u.Window))
}

// runLong runs work off the UI goroutine behind a progress dialog, then done
// (on the UI goroutine) if it succeeded.
func (u *UI) runLong(title string, work func() error, done func()) {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(title, bar, u.Window)
	d.Show()
	background(func() {
		err := work()
		fyne.Do(func() {
			d.Hide()
			if err != nil {
				u.showError(err)
				return
			}
			if done != nil {
				done()
			}
		})
	})
}

// resizeWithin gives a dialog the size asked for, or less where the window
// is smaller, keeping a margin around it.
func (u *UI) resizeWithin(d dialog.Dialog, w, h float32) {
	size := u.Window.Canvas().Size()
	d.Resize(fyne.NewSize(min(w, size.Width-24), min(h, size.Height-24)))
}
