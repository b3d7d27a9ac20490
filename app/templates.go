package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"xeploai/report"
)

// TemplatesView edits the texts of the award documents (Cài đặt › Văn
// bản): for the document chosen, each text with its placeholders; a text is
// checked when saved, and the standard wording can be put back.
type TemplatesView struct {
	u       *UI
	Content fyne.CanvasObject
	Doc     *widget.Select
	Entries map[string]*Entry // by template key, for the document shown
	Help    *widget.Label
	form    *fyne.Container
}

func newTemplatesView(u *UI) *TemplatesView {
	v := &TemplatesView{u: u, Help: widget.NewLabel(""), form: container.NewVBox()}
	v.Help.Wrapping = fyne.TextWrapWord
	v.Doc = newSelect(report.TemplateDocs, func(string) { v.show() })
	save := widget.NewButton(T("Save"), func() {
		if err := v.Save(); err != nil {
			u.showError(err)
			return
		}
		u.Status.SetText(T("templates.saved", kv("Doc", v.Doc.Selected)))
	})
	save.Importance = widget.HighImportance
	u.writer(save)
	reset := u.writerButton(widget.NewButton(T("templates.reset"), v.Reset))
	// The texts on the left, the placeholders they may use on the right.
	split := container.NewHSplit(container.NewVScroll(v.form), container.NewVScroll(v.Help))
	split.Offset = 0.66
	v.Content = container.NewBorder(
		container.NewBorder(nil, nil, widget.NewLabel(T("templates.doc")), nil, v.Doc),
		container.NewHBox(reset, save), nil, nil, split)
	v.Doc.SetSelectedIndex(0)
	return v
}

// show fills the form with the stored texts of the chosen document.
func (v *TemplatesView) show() {
	get := v.u.DB.Settings(v.u.ctx)
	v.Entries = map[string]*Entry{}
	v.form.RemoveAll()
	names := map[string]bool{}
	for _, s := range report.TemplateSpecs {
		if s.Doc != v.Doc.Selected {
			continue
		}
		e := newEntry()
		e.MultiLine, e.Wrapping = true, fyne.TextWrapWord
		e.SetText(get(report.SettingKey(s.Key), s.Default))
		e.SetMinRowsVisible(max(2, min(5, strings.Count(s.Default, "\n")+2)))
		v.Entries[s.Key] = e
		v.form.Add(widget.NewLabelWithStyle(s.Label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		v.form.Add(e)
		for _, n := range s.Placeholders() {
			names[n] = true
		}
	}
	var help []string
	for n := range names {
		help = append(help, fmt.Sprintf("{{.%s}} — %s", n, report.Placeholders[n]))
	}
	sort.Strings(help)
	v.Help.SetText(T("templates.help") + "\n" + strings.Join(help, "\n"))
}

// Save checks every text of the document and stores them all, or none.
func (v *TemplatesView) Save() error {
	for _, s := range report.TemplateSpecs {
		if e, ok := v.Entries[s.Key]; ok {
			if err := report.CheckTemplate(s.Key, e.Text); err != nil {
				return err
			}
		}
	}
	for key, e := range v.Entries {
		if err := v.u.DB.SetSetting(v.u.ctx, report.SettingKey(key), e.Text); err != nil {
			return err
		}
	}
	return nil
}

// Reset puts the standard wording back in the form; Save stores it.
func (v *TemplatesView) Reset() {
	for _, s := range report.TemplateSpecs {
		if e, ok := v.Entries[s.Key]; ok {
			e.SetText(s.Default)
		}
	}
}

// TemplatesDialog opens the texts of the documents.
func (u *UI) TemplatesDialog() *TemplatesView {
	v := newTemplatesView(u)
	d := dialog.NewCustom(T("templates.title"), T("Close"), v.Content, u.Window)
	u.resizeWithin(d, 1100, 680)
	d.Show()
	return v
}
