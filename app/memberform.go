package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
)

// MemberForm adds or edits a member. Each field shows its validation message
// under it as the user types, and Save stays disabled until all are right.
type MemberForm struct {
	Name, Birth, Admitted, Official, Card, History, HomeTown, Ethnicity, Religion, Occupation, Note *widget.Entry
	Sex, Status                                                                                     *widget.Select
	Cell                                                                                            *widget.SelectEntry
	Form                                                                                            *widget.Form
	Dialog                                                                                          dialog.Dialog

	u       *UI
	m       domain.Member
	cellIDs map[string]int64
	cells   map[int64]*domain.Org
	saved   func()
}

func (u *UI) memberForm(m *domain.Member, saved func()) *MemberForm {
	f := &MemberForm{u: u, m: *m, saved: saved, cellIDs: map[string]int64{}, cells: map[int64]*domain.Org{}}
	entry := func(text string) *widget.Entry { e := widget.NewEntry(); e.SetText(text); return e }
	f.Name = entry(m.FullName)
	f.Birth, f.Admitted, f.Official = dateEntry(m.BirthDate), dateEntry(m.AdmittedOn), dateEntry(m.OfficialOn)
	f.Card, f.History = entry(m.CardNo), entry(m.HistoryNo)
	f.HomeTown, f.Ethnicity, f.Religion, f.Occupation, f.Note = entry(m.HomeTown), entry(m.Ethnicity), entry(m.Religion), entry(m.Occupation), entry(m.Note)
	f.Sex = widget.NewSelect([]string{"Nam", "Nữ"}, nil)
	f.Sex.SetSelected(m.Sex.Label())
	var statuses []string
	for _, s := range domain.MemberStatuses {
		statuses = append(statuses, s.Label())
	}
	f.Status = widget.NewSelect(statuses, nil)
	f.Status.SetSelected(m.Status.Label())
	tree, _ := u.DB.Tree(u.ctx, domain.Date{})
	var labels []string
	current := ""
	for _, r := range tree.Roots() {
		tree.Walk(r, func(o *domain.Org) {
			if !o.Kind.HoldsMembers() || (!o.DissolvedOn.IsZero() && o.ID != m.CellID) {
				return
			}
			l := tree.Path(o.ID)
			labels = append(labels, l)
			f.cellIDs[l] = o.ID
			f.cells[o.ID] = o
			if o.ID == m.CellID {
				current = l
			}
		})
	}
	f.Cell = widget.NewSelectEntry(labels)
	f.Cell.SetText(current)

	fields := []struct {
		label string
		w     fyne.CanvasObject
		e     *widget.Entry
	}{
		{"Họ và tên", f.Name, f.Name}, {"Ngày sinh", f.Birth, f.Birth}, {"Giới tính", f.Sex, nil},
		{"Ngày vào Đảng", f.Admitted, f.Admitted}, {"Ngày chính thức", f.Official, f.Official},
		{"Số thẻ đảng viên", f.Card, f.Card}, {"Số lý lịch", f.History, f.History},
		{"Chi bộ", f.Cell, &f.Cell.Entry}, {"Quê quán", f.HomeTown, nil}, {"Dân tộc", f.Ethnicity, nil},
		{"Tôn giáo", f.Religion, nil}, {"Nghề nghiệp", f.Occupation, nil}, {"Trạng thái", f.Status, nil}, {"Ghi chú", f.Note, nil},
	}
	var items []*widget.FormItem
	for _, fl := range fields {
		items = append(items, widget.NewFormItem(fl.label, fl.w))
		if fl.e != nil {
			field := fl.label
			fl.e.Validator = func(string) error { return f.FieldError(field) }
		}
	}
	// A change in one date can make another right or wrong: validate all.
	for _, fl := range fields {
		if fl.e != nil {
			e := fl.e
			prev := e.OnChanged
			e.OnChanged = func(s string) {
				if prev != nil {
					prev(s)
				}
				for _, other := range fields {
					if other.e != nil && other.e != e {
						other.e.Validate()
					}
				}
			}
		}
	}
	title := T("member.add")
	if m.ID != 0 {
		title = T("member.edit") + " — " + m.FullName
	}
	f.Dialog = dialog.NewForm(title, T("Save"), T("Cancel"), items, func(ok bool) {
		if ok {
			f.Save()
		}
	}, u.Window)
	f.Dialog.Resize(fyne.NewSize(640, 700))
	f.Dialog.Show()
	u.lastMemberForm = f
	return f
}

// Member builds the member from what the fields hold now.
func (f *MemberForm) Member() (domain.Member, map[string]error) {
	m := f.m
	bad := map[string]error{}
	m.FullName = f.Name.Text
	date := func(field, s string) domain.Date {
		d, err := domain.ParseDate(s)
		if err != nil {
			bad[field] = err
		}
		return d
	}
	m.BirthDate = date("Ngày sinh", f.Birth.Text)
	m.AdmittedOn = date("Ngày vào Đảng", f.Admitted.Text)
	m.OfficialOn = date("Ngày chính thức", f.Official.Text)
	m.CardNo, m.HistoryNo = f.Card.Text, f.History.Text
	m.HomeTown, m.Ethnicity, m.Religion, m.Occupation, m.Note = f.HomeTown.Text, f.Ethnicity.Text, f.Religion.Text, f.Occupation.Text, f.Note.Text
	m.Sex, _ = domain.ParseSex(f.Sex.Selected)
	m.Status, _ = domain.ParseMemberStatus(f.Status.Selected)
	m.CellID = f.cellIDs[f.Cell.Text]
	if m.CellID == 0 && f.Cell.Text != "" {
		bad["Chi bộ"] = errors.New("hãy chọn một chi bộ trong danh sách")
	}
	m.Normalize()
	return m, bad
}

// FieldError is the message the field shows: its own parse error, or what
// validating the whole member says of it.
func (f *MemberForm) FieldError(field string) error {
	m, bad := f.Member()
	if err := bad[field]; err != nil {
		return err
	}
	err := m.Validate(f.cells[m.CellID], domain.Today())
	var es domain.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			if e.Field == field {
				return errors.New(e.Message)
			}
		}
	}
	return nil
}

// Save stores the member; a refusal from the store (a duplicate card
// number, say) is shown and the form stays open.
func (f *MemberForm) Save() error {
	m, bad := f.Member()
	for _, err := range bad {
		f.u.showError(err)
		return err
	}
	if m.Status != f.m.Status {
		m.StatusOn = domain.Today() // the status changes today
		if m.Status == domain.StatusActive {
			m.StatusOn = domain.Date{}
		}
	}
	var err error
	if m.ID == 0 {
		err = f.u.DB.CreateMember(f.u.ctx, &m)
	} else {
		err = f.u.DB.UpdateMember(f.u.ctx, &m, domain.Date{})
	}
	if err != nil {
		f.u.showError(err)
		f.Dialog.Show()
		return err
	}
	f.m = m
	f.u.trace("save member %s", cardOr(m.CardNo, m.ID))
	f.Dialog.Hide()
	f.u.refreshMenu()
	if f.saved != nil {
		f.saved()
	}
	return nil
}
