package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
)

// Undo reverses the last change (a whole import, rating-entry session or
// transfer is one) and says what was undone in the status bar.
func (u *UI) Undo() { u.undoRedo(u.DB.Undo, "undo") }

// Redo applies again what was undone last.
func (u *UI) Redo() { u.undoRedo(u.DB.Redo, "redo") }

func (u *UI) undoRedo(do func(ctx context.Context) (*store.Step, error), which string) {
	if u.viewOnly() {
		return
	}
	next, err := u.nextStep(which)
	if err != nil {
		u.showError(err)
		return
	}
	if next != nil && next.Elsewhere {
		// Another window or process wrote it (two people on one file, an
		// import from the command line): said, and done only if wanted.
		u.confirm(T(which+".elsewhereTitle"), T(which+".elsewhere", kv("Step", stepLabel(next), "Who", next.Who, "At", domain.StampText(next.At))),
			func() {
				// Still the one named? (Another may have written since.)
				now, err := u.nextStep(which)
				if err != nil || now == nil || now.ID != next.ID {
					u.Status.SetText(T(which + ".moved"))
					u.refreshMenu()
					return
				}
				u.doUndoRedo(do, which, next)
			})
		return
	}
	u.doUndoRedo(do, which, next)
}

// nextStep is the step Undo (which "undo") or Redo ("redo") would take now.
func (u *UI) nextStep(which string) (*store.Step, error) {
	undo, redo, err := u.DB.UndoRedo(u.ctx)
	if which == "redo" {
		return redo, err
	}
	return undo, err
}

// doUndoRedo takes back (or redoes) next, the step the menu names.
func (u *UI) doUndoRedo(do func(ctx context.Context) (*store.Step, error), which string, next *store.Step) {
	if next != nil && next.Changes >= store.BulkStep {
		// Taking back (or redoing) an import is a bulk change too.
		if err := u.backupFirst(); err != nil {
			u.showError(err)
			return
		}
	}
	s, err := do(u.ctx)
	if err != nil {
		u.showError(err)
		return
	}
	u.Reload()
	if s == nil {
		u.lastResult = T(which + ".nothing")
	} else {
		u.lastResult = T(which+".done", kv("Step", stepLabel(s)))
	}
	u.Status.SetText(u.lastResult)
}

// undoable is a result the status line says Ctrl+Z takes back.
type undoable struct {
	step        int64  // the step Undo would take for it
	text, plain string // the status with the hint, and without
}

// sayUndoable puts what was just done on the status line with the hint
// that Ctrl+Z takes it back; once another step is the one Undo would take,
// the hint goes (dropStaleUndoHint) and what was done stays said. The
// menus are refreshed after the write first (undoNow is its step).
func (u *UI) sayUndoable(plain string) {
	u.undoable = undoable{step: u.undoNow, text: T("undo.hint", kv("Text", plain)), plain: plain}
	u.lastResult = u.undoable.text
	u.Status.SetText(u.lastResult)
}

// dropStaleUndoHint takes "Ctrl+Z to undo" off the status line when Ctrl+Z
// would now take back another step (a later change, or that one undone).
func (u *UI) dropStaleUndoHint() {
	h := u.undoable
	if h.text == "" || u.undoNow == h.step {
		return
	}
	if u.Status != nil && u.Status.Text == h.text {
		u.Status.SetText(h.plain)
	}
	if u.lastResult == h.text {
		u.lastResult = h.plain
	}
	u.undoable = undoable{}
}

// stepLabel names a step in the interface's language (the store names them
// in Vietnamese).
func stepLabel(s *store.Step) string {
	if language != LangEnglish {
		return Label(s.Label())
	}
	label := T("action." + s.Action)
	switch {
	case (s.Action == "undo" || s.Action == "redo") && s.Subject != "":
		label += ": " + s.Subject
	case s.Subject != "":
		label += " " + s.Subject
	}
	return label
}

// undoMenuLabels names the Edit menu's undo and redo after what they would
// do, and notes the step Undo would take (undoNow).
func (u *UI) undoMenuLabels() (string, string) {
	undo, redo, err := u.DB.UndoRedo(u.ctx)
	ul, rl := T("menu.undo"), T("menu.redo")
	u.undoNow = 0
	if err == nil && undo != nil {
		ul += ": " + stepLabel(undo)
		u.undoNow = undo.ID
	}
	if err == nil && redo != nil {
		rl += ": " + stepLabel(redo)
	}
	return ul, rl
}

// historyLines renders changes for reading: one block per change, newest
// first, each field as "Field: old → new".
func (u *UI) historyLines(changes []store.Change) []fyne.CanvasObject {
	tree, _ := u.DB.Tree(u.ctx, domain.Date{})
	var out []fyne.CanvasObject
	for i, c := range changes {
		if i == 0 || changes[i-1].Step.ID != c.Step.ID {
			head := fmt.Sprintf("%s — %s — %s", domain.StampText(c.Step.At), c.Step.By(), stepLabel(&c.Step))
			if c.Step.Undone {
				head += " " + T("history.undone")
			}
			out = append(out, widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		}
		var lines []string
		what := T("table." + c.Table)
		if c.Year != 0 {
			what += " " + T("history.year", kv("Year", c.Year))
		}
		switch c.Op {
		case "insert":
			lines = append(lines, T("history.added", kv("What", what)))
		case "delete":
			lines = append(lines, T("history.removed", kv("What", what)))
		default:
			lines = append(lines, T("history.changed", kv("What", what)))
		}
		for _, f := range c.Fields {
			if !domain.FieldShown(c.Op, f.Field, f.Old, f.New) {
				continue
			}
			lines = append(lines, fmt.Sprintf("  %s: %s → %s", fieldName(f.Field), fieldValue(tree, f.Field, f.Old), fieldValue(tree, f.Field, f.New)))
		}
		l := widget.NewLabel(strings.Join(lines, "\n"))
		l.Wrapping = fyne.TextWrapWord
		out = append(out, l)
	}
	if len(out) == 0 {
		out = append(out, widget.NewLabel(T("history.empty")))
	}
	return out
}

func fieldName(col string) string {
	if l := T("field." + col); l != "field."+col {
		return l
	}
	return col
}

// fieldValue shows a stored value as the rest of the interface does: dates
// dd/mm/yyyy, levels and statuses by name, organisations by name, "—" for
// nothing.
func fieldValue(tree *domain.Tree, col, v string) string {
	if v == "" {
		return "—"
	}
	s := domain.StoredValue(tree, col, v)
	switch col {
	case "level", "civil_level", "mass_level", "status":
		return Label(s) // a level's or status's name, in the window's language
	}
	return s
}

// HistoryDialog shows one member's or organisation's history.
func (u *UI) HistoryDialog(title string, q store.HistoryQuery) {
	changes, err := u.DB.History(u.ctx, q)
	if err != nil {
		u.showError(err)
		return
	}
	d := dialog.NewCustom(T("history.title")+" — "+title, T("OK"), container.NewVScroll(container.NewVBox(u.historyLines(changes)...)), u.Window)
	d.Resize(fyne.NewSize(760, 600))
	d.Show()
}

// StepsDialog shows the newest steps of the whole database's history.
func (u *UI) StepsDialog() {
	steps, err := u.DB.Steps(u.ctx, 500)
	if err != nil {
		u.showError(err)
		return
	}
	var lines []string
	for i := range steps {
		s := &steps[i]
		line := fmt.Sprintf("%s — %s — %s", domain.StampText(s.At), s.By(), stepLabel(s))
		if s.Changes > 0 {
			line += " " + T("history.rows", kv("N", s.Changes))
		}
		if s.Undone {
			line += " " + T("history.undone")
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = []string{T("history.empty")}
	}
	list := newLineList(func() int { return len(lines) }, func(i int) string { return lines[i] }, nil)
	d := dialog.NewCustom(T("history.all"), T("OK"), list, u.Window)
	d.Resize(fyne.NewSize(860, 600))
	d.Show()
	u.lastResult = strings.Join(lines, "\n")
}

// TrashDialog lists deleted members and organisations with a button to
// restore each, and one to empty the trash.
func (u *UI) TrashDialog() {
	items, err := u.DB.Trash(u.ctx)
	if err != nil {
		u.showError(err)
		return
	}
	var d dialog.Dialog
	rows := container.NewVBox()
	for _, it := range items {
		kind := T("trash." + it.Kind)
		text := fmt.Sprintf("%s %s — %s\n%s %s, %s", kind, it.Name, it.Detail, T("trash.deleted"), domain.StampText(it.At), it.Who)
		restore := widget.NewButtonWithIcon(T("trash.restore"), theme.ContentUndoIcon(), func() {
			if err := u.DB.RestoreTrash(u.ctx, it.ID); err != nil {
				u.showError(err)
				return
			}
			d.Hide()
			u.Reload()
			u.lastResult = T("trash.restored", kv("Name", it.Name))
			u.Status.SetText(u.lastResult)
		})
		u.writer(restore)
		rows.Add(container.NewBorder(nil, nil, nil, restore, widget.NewLabel(text)))
	}
	if len(items) == 0 {
		rows.Add(widget.NewLabel(T("trash.emptyText")))
	}
	empty := widget.NewButtonWithIcon(T("trash.empty"), theme.DeleteIcon(), func() {
		dialog.ShowConfirm(T("trash.empty"), T("trash.emptyConfirm", kv("N", len(items))), func(yes bool) {
			if !yes {
				return
			}
			if err := u.backupFirst(); err != nil {
				u.showError(err)
				return
			}
			if err := u.DB.EmptyTrash(u.ctx); err != nil {
				u.showError(err)
				return
			}
			d.Hide()
		}, u.Window)
	})
	empty.Importance = widget.DangerImportance
	u.writer(empty)
	if len(items) == 0 {
		empty.Disable()
	}
	d = dialog.NewCustom(T("trash.title"), T("OK"), container.NewBorder(nil, empty, nil, nil, container.NewVScroll(rows)), u.Window)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// DataSettingsDialog sets the name the history records for changes made here
// (empty: the computer's user name) and how many automatic backups are kept.
func (u *UI) DataSettingsDialog() {
	get := u.personal(u.DB.Settings(u.ctx))
	name := newEntry()
	name.SetText(get(store.SettingUserName, ""))
	name.SetPlaceHolder(T("username.placeholder"))
	keep := newEntry()
	keepDef, _ := store.LookupSetting(store.SettingDefs, store.SettingBackupKeep)
	keep.SetText(get(store.SettingBackupKeep, "30"))
	keep.Validator = func(s string) error {
		if _, err := keepDef.Check(s); err != nil {
			return domain.Errorf(domain.EINVALID, T("settings.keep"), "%s", T("settings.keepRange"))
		}
		return nil
	}
	folder := widget.NewLabel("")
	folder.SetText(u.backupDir())
	folder.Wrapping = fyne.TextWrapBreak
	d := dialog.NewForm(T("settings.dataTitle"), T("Save"), T("Cancel"), []*widget.FormItem{
		widget.NewFormItem(T("username.label"), name),
		widget.NewFormItem(T("settings.keep"), keep),
		widget.NewFormItem(T("settings.folder"), folder),
	}, func(ok bool) {
		if !ok {
			return
		}
		who := domain.CleanText(name.Text)
		if u.DB.Server() {
			// On a shared server, this PC's own name: every office writes
			// the same database.
			u.App.Preferences().SetString(store.SettingUserName, who)
			u.DB.SetUserName(who)
		} else if err := u.DB.SetSetting(u.ctx, store.SettingUserName, who); err != nil {
			u.showError(err)
			return
		}
		u.showError(u.DB.SetSetting(u.ctx, store.SettingBackupKeep, strings.TrimSpace(keep.Text)))
	}, u.Window)
	d.Resize(fyne.NewSize(640, 280))
	d.Show()
}
