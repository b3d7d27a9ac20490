package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
)

// recordsSection is the member page's list of the records the rules read
// beside ratings: disciplines, absences, gaps in party age, committee seats;
// each can be deleted, and buttons add new ones. changed is called after a
// write.
func (u *UI) recordsSection(m *domain.Member, changed func()) fyne.CanvasObject {
	box := container.NewVBox()
	rs, err := u.DB.MemberRecords(u.ctx, m.ID)
	if err != nil {
		box.Add(widget.NewLabel(err.Error()))
	}
	for _, r := range rs {
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			if err := u.DB.DeleteMemberRecord(u.ctx, r.Table, r.ID); err != nil {
				u.showError(err)
				return
			}
			u.refreshMenu()
			u.sayUndoable(T("record.deleted", kv("Text", r.Text)))
			changed()
		})
		u.writer(del)
		l := widget.NewLabel(r.Text)
		l.Wrapping = fyne.TextWrapWord
		box.Add(container.NewBorder(nil, nil, nil, del, l))
	}
	if len(rs) == 0 {
		box.Add(widget.NewLabel("—"))
	}
	add := func(label string, open func()) *widget.Button {
		return u.writerButton(widget.NewButtonWithIcon(label, theme.ContentAddIcon(), open))
	}
	box.Add(container.NewHBox(
		add(T("record.discipline"), func() { u.disciplineDialog(m.FullName, store.Discipline{MemberID: m.ID}, changed) }),
		add(T("record.absence"), func() { u.absenceDialog(m, changed) }),
		add(T("record.gap"), func() { u.gapDialog(m, changed) }),
		add(T("record.leader"), func() { u.leaderDialog(m, changed) }),
	))
	return box
}

// recordForm shows a form whose save runs write; on success changed runs.
func (u *UI) recordForm(title string, items []*widget.FormItem, write func() error, changed func()) {
	d := dialog.NewForm(title, T("Save"), T("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		if err := write(); err != nil {
			u.showError(err)
			return
		}
		u.refreshMenu()
		changed()
	}, u.Window)
	d.Resize(fyne.NewSize(560, 100+float32(len(items))*50))
	d.Show()
}

// disciplineDialog records a discipline of the member or the organisation
// of who (its MemberID or OrgID), named name: a form of the Statute's list
// for a member or for an organisation, and whether the collective found and
// corrected the violation itself (QĐ 124-QĐ/TW, Điều 12).
func (u *UI) disciplineDialog(name string, who store.Discipline, changed func()) {
	on := dateEntry(domain.Today())
	forms := domain.MemberDisciplineForms
	if who.OrgID != 0 {
		forms = domain.OrgDisciplineForms
	}
	form := newSelect(labelsOf(forms), nil)
	form.SetSelectedIndex(0)
	reason := newEntry()
	no := newEntry()
	self := widget.NewCheck(T("record.selfcorrected"), nil)
	u.recordForm(T("record.discipline")+" — "+name, []*widget.FormItem{
		widget.NewFormItem(T("record.form"), form), widget.NewFormItem(T("record.date"), on),
		widget.NewFormItem(T("record.decision"), no), widget.NewFormItem(T("record.reason"), reason),
		widget.NewFormItem("", self),
	}, func() error {
		d, err := parseDateField(T("record.date"), on.Text)
		if err != nil {
			return err
		}
		// Stored as the Statute writes the form, whatever language it is shown in.
		who.On, who.Form, who.Reason, who.DecisionNo, who.SelfCorrected = d, forms[max(0, form.SelectedIndex())].Label(), reason.Text, no.Text, self.Checked
		return u.DB.AddDiscipline(u.ctx, who)
	}, changed)
}

func (u *UI) absenceDialog(m *domain.Member, changed func()) {
	var labels []string
	for _, k := range store.AbsenceKinds() {
		labels = append(labels, store.AbsenceLabel(k))
	}
	kind := newSelect(labels, nil)
	kind.SetSelectedIndex(0)
	year := newEntry()
	year.SetText(strconv.Itoa(domain.Today().Year))
	months := newEntry()
	months.SetPlaceHolder("0")
	u.recordForm(T("record.absence")+" — "+m.FullName, []*widget.FormItem{
		widget.NewFormItem(T("record.kind"), kind), widget.NewFormItem(T("col.year"), year), widget.NewFormItem(T("record.months"), months),
	}, func() error {
		y, err := strconv.Atoi(strings.TrimSpace(year.Text))
		if err != nil {
			return domain.Errorf(domain.EINVALID, T("col.year"), "%q không phải là năm", year.Text)
		}
		n := 0.0
		if s := strings.TrimSpace(strings.ReplaceAll(months.Text, ",", ".")); s != "" {
			if n, err = strconv.ParseFloat(s, 64); err != nil {
				return domain.Errorf(domain.EINVALID, T("record.months"), "%q không phải là số", months.Text)
			}
		}
		return u.DB.AddAbsence(u.ctx, m.ID, y, store.AbsenceKinds()[kind.SelectedIndex()], n)
	}, changed)
}

func (u *UI) gapDialog(m *domain.Member, changed func()) {
	from, to := dateEntry(domain.Date{}), dateEntry(domain.Date{})
	reason := newEntry()
	u.recordForm(T("record.gap")+" — "+m.FullName, []*widget.FormItem{
		widget.NewFormItem(T("record.from"), from), widget.NewFormItem(T("record.until"), to), widget.NewFormItem(T("record.reason"), reason),
	}, func() error {
		f, err := parseDateField(T("record.from"), from.Text)
		if err != nil {
			return err
		}
		t, err := parseDateField(T("record.until"), to.Text)
		if err != nil {
			return err
		}
		return u.DB.AddPartyAgeGap(u.ctx, m.ID, f, t, reason.Text)
	}, changed)
}

func (u *UI) leaderDialog(m *domain.Member, changed func()) {
	// A member sits on the committee of its cell or of one above it.
	tree, err := u.DB.Tree(u.ctx, domain.Date{})
	if err != nil {
		u.showError(err)
		return
	}
	ids := []int64{m.CellID}
	for _, a := range tree.Ancestors(m.CellID) {
		ids = append(ids, a.ID)
	}
	var names []string
	for _, id := range ids {
		names = append(names, tree.Org(id).Name)
	}
	org := newSelect(names, nil)
	org.SetSelectedIndex(0)
	role := newSelectEntry([]string{"Bí thư", "Phó Bí thư", "Cấp ủy viên", "Ủy viên Ban Thường vụ"}) // what is written in the records, in Vietnamese
	from, to := dateEntry(domain.Today()), dateEntry(domain.Date{})
	u.recordForm(T("record.leader")+" — "+m.FullName, []*widget.FormItem{
		widget.NewFormItem(T("record.org"), org), widget.NewFormItem(T("record.role"), role),
		widget.NewFormItem(T("record.from"), from), widget.NewFormItem(T("record.to"), to),
	}, func() error {
		f, err := parseOptionalDate(T("record.from"), from.Text)
		if err != nil {
			return err
		}
		t, err := parseOptionalDate(T("record.to"), to.Text)
		if err != nil {
			return err
		}
		return u.DB.AddLeader(u.ctx, m.ID, ids[org.SelectedIndex()], role.Text, f, t)
	}, changed)
}

// parseDateField reads a required dd/mm/yyyy field.
func parseDateField(field, s string) (domain.Date, error) {
	d, err := domain.ParseDate(s)
	switch {
	case err != nil:
		return d, domain.Errorf(domain.EINVALID, field, "%v", err) // what is wrong: "31/02/2025" does not exist
	case d.IsZero():
		return d, domain.Errorf(domain.EINVALID, field, "cần ngày dạng dd/mm/yyyy")
	}
	return d, nil
}

// parseOptionalDate reads a dd/mm/yyyy field that may stay empty.
func parseOptionalDate(field, s string) (domain.Date, error) {
	if strings.TrimSpace(s) == "" {
		return domain.Date{}, nil
	}
	return parseDateField(field, s)
}
