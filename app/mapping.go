package app

import (
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/exchange"
	"xeploai/interchange"
)

// ColumnMapping is the dialog that asks what a file's columns are, when a
// sheet lacks a required column or has columns the format does not know:
// each column with a few values under it, assigned to a field or ignored.
type ColumnMapping struct {
	Sheets   []*SheetMapping
	Remember *widget.Check
	Continue *widget.Button
	Cancel   *widget.Button
	dialog   dialog.Dialog
}

// SheetMapping is one sheet of the dialog.
type SheetMapping struct {
	Layout  interchange.Layout
	Choices []*widget.Select // one a column, in the layout's order
	Missing *widget.Label
}

// Mapping is the column mapping shown last, for tests.
func (u *UI) Mapping() *ColumnMapping { return u.mapping }

// mapColumns is the import's question about the columns, asked off the UI
// goroutine: a mapping remembered for files laid out the same way answers
// it; otherwise the dialog does, and its answer is remembered.
func (u *UI) mapColumns(files []string, ls []interchange.Layout) (map[string]string, bool) {
	get := u.DB.Settings(u.ctx)
	if m, _ := exchange.Remembered(get, files, ls, interchange.Options{}); m != nil {
		return m, true
	}
	m := exchange.RememberedMapping(get, ls)
	if len(m) > 0 {
		// Partly known: the dialog shows what the mapping remembered makes
		// of the columns.
		if again, err := interchange.Inspect(files, interchange.Options{Map: m}); err == nil {
			ls = again
		}
	}
	type reply struct {
		m  map[string]string
		ok bool
	}
	answer := make(chan reply, 1)
	fyne.Do(func() {
		u.showMapping(ls, m, func(m map[string]string, ok bool) { answer <- reply{m, ok} })
	})
	r := <-answer
	return r.m, r.ok
}

func (u *UI) showMapping(ls []interchange.Layout, base map[string]string, answer func(map[string]string, bool)) {
	ignore := T("mapping.ignore")
	cm := &ColumnMapping{Remember: widget.NewCheck(T("mapping.remember"), nil)}
	cm.Remember.SetChecked(true)
	var cards []fyne.CanvasObject
	for _, l := range ls {
		if !l.NeedsMapping() {
			continue
		}
		sm := &SheetMapping{Layout: l, Missing: widget.NewLabel("")}
		sm.Missing.Importance = widget.DangerImportance
		sm.Missing.Wrapping = fyne.TextWrapWord
		grid := container.NewGridWithColumns(3,
			widget.NewLabelWithStyle(T("mapping.column"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			widget.NewLabelWithStyle(T("mapping.samples"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			widget.NewLabelWithStyle(T("mapping.field"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		options := append([]string{ignore}, l.Choices()...)
		for _, c := range l.Columns {
			sel := widget.NewSelect(options, nil)
			switch {
			case c.Column == interchange.ColSTT:
				sel.SetSelected(ignore)
			case c.Column != "":
				sel.SetSelected(c.Column)
			default:
				sel.SetSelected(ignore)
			}
			sel.OnChanged = func(string) { cm.refresh(ignore) }
			sm.Choices = append(sm.Choices, sel)
			samples := widget.NewLabel(strings.Join(c.Samples, "; "))
			samples.Truncation = fyne.TextTruncateEllipsis
			grid.Add(widget.NewLabel(fmt.Sprintf("%s · %s", c.Letter, c.Header)))
			grid.Add(samples)
			grid.Add(sel)
		}
		sm.refresh(ignore)
		heading := T("mapping.sheet", kv("File", l.File, "Sheet", l.Sheet, "Row", l.Row))
		if l.Sheet != l.Kind.Name() {
			// A sheet or file told by its header.
			heading = T("mapping.sheet.as", kv("File", l.File, "Sheet", l.Sheet, "Kind", l.Kind.Name(), "Row", l.Row))
		}
		title := widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		cards = append(cards, title, sm.Missing, grid, widget.NewSeparator())
		cm.Sheets = append(cm.Sheets, sm)
	}
	done := false
	reply := func(ok bool) {
		if done {
			return
		}
		done = true
		cm.dialog.Hide()
		if !ok {
			answer(nil, false)
			return
		}
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for _, sm := range cm.Sheets {
			mine := map[string]string{}
			for i, c := range sm.Layout.Columns {
				col := sm.Choices[i].Selected
				if col == ignore {
					col = ""
				}
				mine[domain.FoldKey(c.Header)] = col
				m[domain.FoldKey(c.Header)] = col
			}
			if cm.Remember.Checked {
				if b, err := json.Marshal(mine); err == nil {
					if err := u.DB.SetSetting(u.ctx, exchange.MappingSetting(&sm.Layout), string(b)); err != nil {
						u.trace("mapping not remembered: %v", err)
					}
				}
			}
		}
		answer(m, true)
	}
	cm.Continue = widget.NewButton(T("mapping.continue"), func() { reply(true) })
	cm.Continue.Importance = widget.HighImportance
	cm.Cancel = widget.NewButton(T("Cancel"), func() { reply(false) })
	cm.refresh(ignore)
	head := widget.NewLabel(T("mapping.text"))
	head.Wrapping = fyne.TextWrapWord
	body := container.NewVScroll(container.NewVBox(cards...))
	content := container.NewBorder(head, container.NewHBox(cm.Remember, layoutSpacer(), cm.Cancel, cm.Continue), nil, nil, body)
	cm.dialog = dialog.NewCustomWithoutButtons(T("mapping.title"), content, u.Window)
	cm.dialog.Resize(fyne.NewSize(960, 600))
	u.mapping = cm
	cm.dialog.Show()
	if u.asking != nil {
		u.asking(cm)
	}
}

func layoutSpacer() fyne.CanvasObject { return widget.NewLabel("") }

// refresh says which required columns no column is assigned to yet, and
// which fields two columns are assigned to; it reports whether the sheet
// can be read as assigned.
func (sm *SheetMapping) refresh(ignore string) bool {
	chosen := map[string][]string{} // field → the letters of its columns
	for i, s := range sm.Choices {
		if s.Selected != "" && s.Selected != ignore {
			chosen[s.Selected] = append(chosen[s.Selected], sm.Layout.Columns[i].Letter)
		}
	}
	var problems, missing []string
	for _, c := range sm.Layout.Missing {
		if len(chosen[c]) == 0 {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		problems = append(problems, T("mapping.missing", kv("Columns", strings.Join(missing, ", "))))
	}
	for i, s := range sm.Choices {
		if cols := chosen[s.Selected]; len(cols) > 1 && cols[0] == sm.Layout.Columns[i].Letter {
			problems = append(problems, T("mapping.twice", kv("Columns", strings.Join(cols, ", "), "Field", s.Selected)))
		}
	}
	if len(problems) == 0 {
		sm.Missing.SetText("")
		sm.Missing.Hide()
		return true
	}
	sm.Missing.SetText(strings.Join(problems, "\n"))
	sm.Missing.Show()
	return false
}

// refresh lets the user continue only when every sheet can be read as
// assigned.
func (cm *ColumnMapping) refresh(ignore string) {
	ok := true
	for _, sm := range cm.Sheets {
		ok = sm.refresh(ignore) && ok
	}
	if cm.Continue == nil {
		return
	}
	if ok {
		cm.Continue.Enable()
	} else {
		cm.Continue.Disable()
	}
}
