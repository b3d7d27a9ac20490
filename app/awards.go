package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/paperwork"
	"xeploai/report"
	"xeploai/store"
)

// AwardView lists award records, filtered by year and form, and adds new ones.
type AwardView struct {
	u       *UI
	Content fyne.CanvasObject
	Year    *widget.Select
	Form    *widget.Select
	Table   *widget.Table
	Rows    []domain.Award
	names   map[int64]string
}

var awardForms = []domain.AwardForm{domain.FormCertificate, domain.FormMerit, domain.FormBadge}

func newAwardView(u *UI) *AwardView {
	v := &AwardView{u: u}
	years := []string{T("award.all")}
	this := domain.Today().Year
	for y := this; y >= this-20; y-- {
		years = append(years, strconv.Itoa(y))
	}
	forms := []string{T("award.all")}
	for _, f := range awardForms {
		forms = append(forms, Label(f.Label()))
	}
	v.Year = newSelect(years, nil)
	v.Form = newSelect(forms, nil)
	v.Year.SetSelectedIndex(0)
	v.Form.SetSelectedIndex(0)
	v.Year.OnChanged = func(string) { v.Refresh() }
	v.Form.OnChanged = func(string) { v.Refresh() }
	v.Table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.Rows), 5 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Huy hiệu 30 năm tuổi Đảng")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			a := v.Rows[id.Row]
			o.(*widget.Label).SetText([]string{strconv.Itoa(a.Year), v.recipient(&a), a.FormText(), a.Content, decisionText(&a)}[id.Col])
		},
	)
	v.Table.OnSelected = func(id widget.TableCellID) {
		v.Table.UnselectAll()
		if id.Row >= 0 && id.Row < len(v.Rows) {
			v.ShowAward(v.Rows[id.Row])
		}
	}
	v.Table.ShowHeaderColumn = false
	v.Table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	v.Table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(T([]string{"col.year", "col.name", "col.form", "col.content", "col.decision"}[id.Col]))
		}
	}
	for i, w := range []float32{60, 220, 190, 360, 200} {
		v.Table.SetColumnWidth(i, w)
	}
	bar := container.NewHBox(widget.NewLabel(T("col.year")), v.Year, widget.NewLabel(T("col.form")), v.Form,
		u.keptWriter(widget.NewButtonWithIcon(T("award.add"), theme.ContentAddIcon(), func() { v.AddDialog(nil) })),
		widget.NewButtonWithIcon(T("doc.print"), theme.DocumentPrintIcon(), v.ChooseDecision))
	v.Content = container.NewBorder(bar, nil, nil, nil, v.Table)
	return v
}

// ChooseDecision asks which recorded decision to print the documents of
// (those of the year chosen above, or all): a list of decisions, narrowed
// by what is typed above it.
func (v *AwardView) ChooseDecision() {
	year, _ := strconv.Atoi(v.Year.Selected)
	all, err := v.u.DB.Decisions(v.u.ctx, year)
	if err != nil {
		v.u.showError(err)
		return
	}
	if len(all) == 0 {
		v.u.inform(T("doc.print"), T("doc.noDecision"))
		return
	}
	shown := all
	filter := newEntry()
	filter.SetPlaceHolder(T("doc.findDecision"))
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(shown) },
		func() fyne.CanvasObject {
			return widget.NewLabel("127-QĐ/QU — 20/01/2026 — Ban Thường vụ Quận ủy — 54")
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			x := shown[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s — %s — %s — %d", x.No, x.Date, x.Issuer, x.Count))
		})
	list.OnSelected = func(i widget.ListItemID) {
		x := shown[i]
		d.Hide()
		if _, err := v.PrintDecision(x.No, x.Date); err != nil {
			v.u.showError(err)
		}
	}
	filter.OnChanged = func(s string) {
		want := domain.Fold(s)
		shown = shown[:0:0]
		for _, x := range all {
			if strings.Contains(domain.Fold(x.No), want) {
				shown = append(shown, x)
			}
		}
		list.UnselectAll()
		list.Refresh()
	}
	d = dialog.NewCustom(T("doc.chooseDecision"), T("Cancel"), container.NewBorder(filter, nil, nil, nil, list), v.u.Window)
	d.Resize(fyne.NewSize(640, 480))
	d.Show()
	v.u.Window.Canvas().Focus(filter)
}

// PrintDecision opens the documents of the awards recorded under decision
// no of date on.
func (v *AwardView) PrintDecision(no string, on domain.Date) (*DocumentsForm, error) {
	b, dec, err := paperwork.Recorded(v.u.ctx, v.u.DB, no, report.HeadingFrom(v.u.DB.Settings(v.u.ctx)).Abbr, on)
	if err != nil {
		return nil, err
	}
	return v.u.DocumentsDialog(T("doc.title"), b, dec), nil
}

func decisionText(a *domain.Award) string {
	if a.DecisionNo == "" {
		return a.DecisionDate.String()
	}
	return fmt.Sprintf("%s, %s", a.DecisionNo, a.DecisionDate)
}

func (v *AwardView) recipient(a *domain.Award) string {
	if a.MemberID != 0 {
		return v.names[-a.MemberID]
	}
	return v.names[a.OrgID]
}

// Refresh reads the awards matching the filters.
func (v *AwardView) Refresh() {
	if v.Table == nil {
		return
	}
	q := store.AwardQuery{Limit: 5000}
	q.Year, _ = strconv.Atoi(v.Year.Selected)
	for _, f := range awardForms {
		if Label(f.Label()) == v.Form.Selected {
			q.Form = f
		}
	}
	rows, err := v.u.DB.AwardRows(v.u.ctx, q)
	if err != nil {
		v.u.showError(err)
		return
	}
	tree, err := v.u.DB.Tree(v.u.ctx, domain.Date{})
	if err != nil {
		v.u.showError(err)
		return
	}
	v.names = map[int64]string{}
	v.Rows = v.Rows[:0]
	for _, r := range rows {
		at := r.OrgID
		if r.MemberID != 0 {
			at = r.CellID
			v.names[-r.MemberID] = r.MemberName
		} else if o := tree.Org(r.OrgID); o != nil {
			v.names[r.OrgID] = o.Name
		}
		if v.u.selected != 0 && !tree.IsUnder(at, v.u.selected) {
			continue
		}
		v.Rows = append(v.Rows, r.Award)
	}
	v.Table.Refresh()
}

// ShowAward shows one award record with buttons to edit or delete it.
func (v *AwardView) ShowAward(a domain.Award) {
	var d dialog.Dialog
	info := widget.NewLabel(fmt.Sprintf("%s\n%s, %d\n%s %s", v.recipient(&a), a.Line(), a.Year, T("col.decision"), decisionText(&a)))
	info.Wrapping = fyne.TextWrapWord
	edit := widget.NewButtonWithIcon(T("award.edit"), theme.DocumentCreateIcon(), func() {
		d.Hide()
		v.awardDialog(&a, nil)
	})
	v.u.writer(edit)
	del := widget.NewButtonWithIcon(T("award.delete"), theme.DeleteIcon(), func() {
		dialog.ShowConfirm(T("award.delete"), T("award.deleteConfirm", kv("Content", a.Content, "Name", v.recipient(&a))), func(yes bool) {
			if !yes {
				return
			}
			if err := v.u.DB.DeleteAward(v.u.ctx, a.ID); err != nil {
				v.u.showError(err)
				return
			}
			d.Hide()
			v.Refresh()
			v.u.refreshMenu()
			v.u.sayUndoable(T("award.deleted"))
		}, v.u.Window)
	})
	v.u.writer(del)
	d = dialog.NewCustom(T("award.title"), T("OK"), container.NewVBox(info, container.NewHBox(edit, del)), v.u.Window)
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}

// AddDialog opens the form for a new award; member pre-fills the recipient.
func (v *AwardView) AddDialog(member *domain.Member) { v.awardDialog(nil, member) }

// awardDialog is the form for a new award (old nil) or for changing one.
func (v *AwardView) awardDialog(old *domain.Award, member *domain.Member) {
	v.awardForm(old, old, member)
}

// awardForm adds an award (old nil) or edits the one loaded (old), its
// fields showing shown (what was typed, when a save was refused).
func (v *AwardView) awardForm(old, shown *domain.Award, member *domain.Member) {
	if v.u.viewOnly() {
		return
	}
	who := newEntry()
	who.SetPlaceHolder(T("award.recipient"))
	if member != nil {
		who.SetText(member.CardNo)
	}
	if old != nil {
		// The recipient stays: a wrong one is deleted and added again.
		who.SetText(v.recipient(old))
		who.Disable()
	}
	var forms []string
	for _, f := range awardForms {
		forms = append(forms, Label(f.Label()))
	}
	form := newSelect(forms, nil)
	form.SetSelectedIndex(0)
	var ms []string
	for _, m := range domain.BadgeMilestones {
		ms = append(ms, strconv.Itoa(m))
	}
	milestone := newSelect(ms, nil)
	content := newEntry()
	year := newEntry()
	year.SetText(strconv.Itoa(domain.Today().Year))
	decision := newEntry()
	date := dateEntry(domain.Date{})
	issuer := newEntry()
	title := T("award.add")
	if old != nil {
		title = T("award.edit") + " — " + v.recipient(old)
	}
	if shown != nil {
		form.SetSelected(Label(shown.Form.Label()))
		if shown.Milestone != 0 {
			milestone.SetSelected(strconv.Itoa(shown.Milestone))
		}
		content.SetText(shown.Content)
		year.SetText(strconv.Itoa(shown.Year))
		decision.SetText(shown.DecisionNo)
		date.SetText(shown.DecisionDate.String())
		issuer.SetText(shown.Issuer)
	}
	d := dialog.NewForm(title, T("Save"), T("Cancel"), []*widget.FormItem{
		widget.NewFormItem(T("award.recipient"), who), widget.NewFormItem(T("col.form"), form),
		widget.NewFormItem(T("award.milestone"), milestone), widget.NewFormItem(T("col.content"), content),
		widget.NewFormItem(T("col.year"), year), widget.NewFormItem(T("cand.decisionNo"), decision),
		widget.NewFormItem(T("award.decisionDate"), date), widget.NewFormItem(T("cand.issuer"), issuer),
	}, func(ok bool) {
		if !ok {
			return
		}
		var a domain.Award
		if old != nil {
			a = *old
		} else {
			m, err := v.findMember(who.Text)
			if err != nil {
				v.u.showError(err)
				return
			}
			a.MemberID = m.ID
		}
		a.Content, a.DecisionNo, a.Issuer = content.Text, decision.Text, issuer.Text
		a.Milestone = 0
		a.Year, _ = strconv.Atoi(year.Text)
		a.DecisionDate, _ = domain.ParseDate(date.Text)
		for _, f := range awardForms {
			if Label(f.Label()) == form.Selected {
				a.Form = f
			}
		}
		if a.Form == domain.FormBadge {
			a.Milestone, _ = strconv.Atoi(milestone.Selected)
		}
		var err error
		if old == nil {
			err = v.u.DB.CreateAward(v.u.ctx, &a)
		} else {
			// Saved only over the award as the form loaded it.
			err = v.u.DB.UpdateAwardFrom(v.u.ctx, old, &a)
		}
		var changed *store.ChangedError
		if errors.As(err, &changed) {
			// The form again, over the award as it now is: what was typed
			// in the fields changed here, theirs in the others.
			cur := changed.Current.(*domain.Award)
			mine := mergeAward(cur, old, &a)
			v.Refresh()
			v.awardForm(cur, &mine, nil)
			v.u.inform(T("changed.title"), v.u.changedText(changed, "changed.again"))
			return
		}
		if err != nil {
			v.u.showError(err)
			return
		}
		v.Refresh()
		v.u.refreshMenu()
	}, v.u.Window)
	d.Resize(fyne.NewSize(600, 520))
	d.Show()
}

func (v *AwardView) findMember(s string) (*domain.Member, error) {
	if domain.IsDigits(s) {
		m, err := v.u.DB.MemberByCard(v.u.ctx, s)
		if err != nil || m != nil {
			return m, err
		}
		return nil, domain.Errorf(domain.ENOTFOUND, T("award.recipient"), "không có đảng viên số thẻ %s", s)
	}
	ms, err := v.u.DB.Members(v.u.ctx, store.MemberQuery{Name: s, Limit: 3, OrgID: v.u.selected})
	if err != nil {
		return nil, err
	}
	switch len(ms) {
	case 0:
		return nil, domain.Errorf(domain.ENOTFOUND, T("award.recipient"), "không tìm thấy đảng viên %q", s)
	case 1:
		return &ms[0], nil
	}
	return nil, domain.Errorf(domain.EINVALID, T("award.recipient"), "có nhiều đảng viên tên %q; hãy nhập số thẻ", s)
}

// mergeAward is the award stored now (cur) with the fields of mine that
// differ from what the form loaded (was): a form refused over another's
// save keeps what was typed, and takes theirs in the fields left alone.
func mergeAward(cur, was, mine *domain.Award) domain.Award {
	out := *cur
	if mine.Form != was.Form {
		out.Form = mine.Form
	}
	if mine.Milestone != was.Milestone {
		out.Milestone = mine.Milestone
	}
	if mine.Content != was.Content {
		out.Content = mine.Content
	}
	if mine.Year != was.Year {
		out.Year = mine.Year
	}
	if mine.DecisionNo != was.DecisionNo {
		out.DecisionNo = mine.DecisionNo
	}
	if mine.DecisionDate != was.DecisionDate {
		out.DecisionDate = mine.DecisionDate
	}
	if mine.Issuer != was.Issuer {
		out.Issuer = mine.Issuer
	}
	return out
}
