package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/report"
)

// DocumentsForm chooses and writes one of the award documents of a batch:
// the decision with its annex, the proposal, the certificates or the list,
// with the decision's number and date and the signer (from the settings,
// changeable here).
type DocumentsForm struct {
	u           *UI
	Content     fyne.CanvasObject
	Document    *widget.Select
	DecisionNo  *Entry
	Date        *Entry
	Signer      *Entry
	SignerTitle *Entry
	Blank       *widget.Check // certificates on blank paper

	batch report.Batch
	docs  []string
}

func newDocumentsForm(u *UI, b report.Batch, dec report.Decision) *DocumentsForm {
	f := &DocumentsForm{u: u, batch: b}
	get := u.DB.Settings(u.ctx)
	h := report.HeadingFrom(get)
	var labels []string
	for _, d := range report.AwardDocuments {
		if d == report.DocCertificates && b.Form == domain.FormBadge {
			continue // badges have their own certificates, from the Central Committee
		}
		f.docs = append(f.docs, d)
		labels = append(labels, T("doc."+d))
	}
	f.Document = newSelect(labels, nil)
	f.Document.PlaceHolder = T("select.one")
	f.DecisionNo = newEntry()
	f.DecisionNo.SetPlaceHolder(report.FullNumber("127", report.KindDecision, h.Abbr))
	f.DecisionNo.SetText(dec.No)
	date := dec.Date
	if date.IsZero() {
		date = domain.Today()
	}
	f.Date = dateEntry(date)
	f.Signer = newEntry()
	f.Signer.SetText(h.SignerName)
	f.SignerTitle = newEntry()
	f.SignerTitle.SetText(h.SignerTitle)
	f.SignerTitle.SetPlaceHolder("K/T BÍ THƯ / PHÓ BÍ THƯ")
	l, _ := report.LayoutFrom(get)
	f.Blank = widget.NewCheck(T("doc.blank"), nil)
	f.Blank.SetChecked(l.Blank)
	// Blank paper is a matter of certificates only.
	f.Document.OnChanged = func(string) {
		if f.Chosen() == report.DocCertificates {
			f.Blank.Enable()
		} else {
			f.Blank.Disable()
		}
	}
	f.Document.SetSelectedIndex(0)
	group := b.Group
	if group == "" || b.Form == domain.FormBadge {
		group = domain.GroupMembers
	}
	count := widget.NewLabel(T("doc.count."+string(group), kv("Count", domain.Thousands(len(b.People)))))
	f.Content = container.NewVBox(count, widget.NewForm(
		widget.NewFormItem(T("doc.document"), f.Document),
		widget.NewFormItem(T("doc.no"), f.DecisionNo),
		widget.NewFormItem(T("doc.date"), f.Date),
		widget.NewFormItem(T("doc.signer"), f.Signer),
		widget.NewFormItem(T("doc.signerTitle"), f.SignerTitle),
		widget.NewFormItem("", f.Blank),
	))
	return f
}

// Chosen is the document chosen (decision, proposal, certificates, list).
func (f *DocumentsForm) Chosen() string { return f.docs[max(0, f.Document.SelectedIndex())] }

// Write writes the chosen document to path in format (pdf or xlsx); nothing
// is written when a field is wrong. The signer and the title, once
// written, are kept in the settings for the next documents.
func (f *DocumentsForm) Write(path, format string) error {
	s, dec, err := f.settings()
	if err != nil {
		return err
	}
	if err := report.WriteAwardFile(path, format, f.Chosen(), f.batch, dec, s); err != nil {
		return err
	}
	h := report.HeadingFrom(f.u.DB.Settings(f.u.ctx))
	for _, x := range []struct{ key, was, now string }{
		{report.KeySignerName, h.SignerName, s.Heading.SignerName},
		{report.KeySignerTitle, h.SignerTitle, s.Heading.SignerTitle},
	} {
		if x.now != x.was {
			if err := f.u.DB.SetSetting(f.u.ctx, x.key, x.now); err != nil {
				return err
			}
		}
	}
	return nil
}

func (f *DocumentsForm) settings() (report.Settings, report.Decision, error) {
	s, err := report.SettingsFrom(f.u.DB.Settings(f.u.ctx))
	if err != nil {
		return s, report.Decision{}, err
	}
	date, err := domain.ParseDate(f.Date.Text)
	if err != nil {
		return s, report.Decision{}, domain.Errorf(domain.EINVALID, T("doc.date"), "%v", err)
	}
	s.Heading.SignerName = strings.TrimSpace(f.Signer.Text)
	s.Heading.SignerTitle = strings.TrimSpace(f.SignerTitle.Text)
	s.Layout.Blank = f.Blank.Checked
	return s, report.Decision{No: strings.TrimSpace(f.DecisionNo.Text), Date: date}, nil
}

// fileName is the name offered for the document: its kind and number
// ("quyet-dinh-127-qd-qu.pdf"), or its kind and organisation when it has
// no number yet.
func (f *DocumentsForm) fileName() string {
	base := map[string]string{report.DocDecision: "quyet-dinh", report.DocProposal: "to-trinh",
		report.DocCertificates: "giay-khen", report.DocList: "danh-sach"}[f.Chosen()]
	if no := domain.Slug(f.DecisionNo.Text); no != "" {
		return base + "-" + no + ".pdf"
	}
	return base + "-" + f.u.scopeSlug() + ".pdf"
}

// DocumentsDialog shows the form for a batch and, on "Ghi tệp…", asks where
// and in which format (PDF or Excel) to write, writes off the UI goroutine
// and offers to open the file.
func (u *UI) DocumentsDialog(title string, b report.Batch, dec report.Decision) *DocumentsForm {
	f := newDocumentsForm(u, b, dec)
	var d dialog.Dialog
	write := widget.NewButton(T("doc.write"), func() {
		if _, _, err := f.settings(); err != nil {
			u.showError(err)
			return
		}
		u.askSave(T("doc.title"), f.fileName(), []saveFormat{formatPDF, formatXLSX}, false, func(path, format string) {
			u.runLong(T("working"), func() error { return f.Write(path, format) }, func() {
				d.Hide()
				u.written(path)
			})
		})
	})
	write.Importance = widget.HighImportance
	d = dialog.NewCustom(title, T("Cancel"), container.NewVBox(f.Content, write), u.Window)
	d.Resize(fyne.NewSize(min(560, u.Window.Canvas().Size().Width-24), 0))
	d.Show()
	return f
}
