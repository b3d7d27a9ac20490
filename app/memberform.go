package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
)

// MemberForm adds or edits a member. Each field shows its validation message
// under it as the user types, in a line kept for it so that nothing moves
// when a message comes or goes; Save stays disabled until all are right. The
// fields scroll inside the dialog, whose buttons stay in view, so the form
// works on a 1024×700 screen.
type MemberForm struct {
	Name, Birth, Admitted, Official, Card, History, HomeTown, Ethnicity, Religion, Occupation, Note *Entry
	Sex, Status                                                                                     *widget.Select
	Cell                                                                                            *Entry
	SaveButton                                                                                      *widget.Button
	Dialog                                                                                          dialog.Dialog
	// Messages holds each checked field's message line, by field.
	Messages map[string]*widget.Label

	u       *UI
	m       domain.Member
	cellIDs map[string]int64
	cells   map[int64]*domain.Org
	saved   func()
	checked []checkedField
}

// checkedField is an entry whose message the form keeps up to date; field
// is its name in the domain's messages.
type checkedField struct {
	field string
	e     *Entry
}

func (u *UI) memberForm(m *domain.Member, saved func()) *MemberForm {
	f := &MemberForm{u: u, m: *m, saved: saved, cellIDs: map[string]int64{}, cells: map[int64]*domain.Org{}, Messages: map[string]*widget.Label{}}
	entry := func(text string) *Entry { e := newEntry(); e.SetText(text); return e }
	f.Name = entry(m.FullName)
	f.Birth, f.Admitted, f.Official = dateEntry(m.BirthDate), dateEntry(m.AdmittedOn), dateEntry(m.OfficialOn)
	f.Card, f.History = entry(m.CardNo), entry(m.HistoryNo)
	f.HomeTown, f.Ethnicity, f.Religion, f.Occupation, f.Note = entry(m.HomeTown), entry(m.Ethnicity), entry(m.Religion), entry(m.Occupation), entry(m.Note)
	for _, e := range []*Entry{f.Birth, f.Admitted, f.Official} {
		e.Validator = nil // the form says what is wrong, under the field
	}
	f.Sex = newSelect([]string{Label(domain.SexMale.Label()), Label(domain.SexFemale.Label())}, nil)
	f.Sex.PlaceHolder = T("select.one")
	f.Sex.SetSelected(Label(m.Sex.Label()))
	var statuses []string
	for _, s := range domain.MemberStatuses {
		statuses = append(statuses, Label(s.Label()))
	}
	f.Status = newSelect(statuses, nil)
	f.Status.PlaceHolder = T("select.one")
	f.Status.SetSelected(Label(m.Status.Label()))
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
	f.Cell = newSelectEntry(labels)
	f.Cell.SetText(current)

	// field is the name the domain's messages use; label what the user reads.
	fields := []struct {
		field, label string
		w            fyne.CanvasObject
		e            *Entry
	}{
		{"Họ và tên", T("col.name"), f.Name, f.Name}, {"Ngày sinh", T("col.birth"), f.Birth, f.Birth}, {"", T("col.sex"), f.Sex, nil},
		{"Ngày vào Đảng", T("col.admitted"), f.Admitted, f.Admitted}, {"Ngày chính thức", T("col.official"), f.Official, f.Official},
		{"Số thẻ đảng viên", T("col.cardNo"), f.Card, f.Card}, {"Số lý lịch", T("col.historyNo"), f.History, f.History},
		{"Chi bộ", T("col.cell"), f.Cell, f.Cell}, {"", T("col.homeTown"), f.HomeTown, nil}, {"", T("field.ethnicity"), f.Ethnicity, nil},
		{"", T("field.religion"), f.Religion, nil}, {"", T("field.occupation"), f.Occupation, nil}, {"", T("col.status"), f.Status, nil}, {"", T("field.note"), f.Note, nil},
	}
	grid := container.New(layout.NewFormLayout())
	for _, fl := range fields {
		label := widget.NewLabelWithStyle(fl.label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		cell := fl.w
		if fl.e != nil {
			msg := widget.NewLabel(" ") // the line is kept, empty or not
			msg.Importance = widget.DangerImportance
			msg.Wrapping = fyne.TextWrapWord
			msg.SizeName = theme.SizeNameCaptionText
			f.Messages[fl.field] = msg
			f.checked = append(f.checked, checkedField{fl.field, fl.e})
			cell = container.NewVBox(fl.w, msg)
			e := fl.e
			e.OnSubmitted = func(string) { f.submit() } // Enter saves, as in Fyne's forms
			prev := e.OnChanged
			e.OnChanged = func(s string) {
				if prev != nil {
					prev(s)
				}
				f.check() // a change in one date can make another right or wrong
			}
		}
		grid.Add(label)
		grid.Add(cell)
	}
	title := T("member.add")
	if m.ID != 0 {
		title = T("member.edit") + " — " + m.FullName
	}
	for _, e := range []*Entry{f.HomeTown, f.Ethnicity, f.Religion, f.Occupation, f.Note} {
		e.OnSubmitted = func(string) { f.submit() }
	}
	f.SaveButton = widget.NewButton(T("Save"), func() { f.Save() })
	f.SaveButton.Importance = widget.HighImportance
	buttons := container.NewCenter(container.NewHBox(widget.NewButton(T("Cancel"), func() { f.Dialog.Hide() }), f.SaveButton))
	f.Dialog = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(grid)), u.Window)
	win := u.Window.Canvas().Size()
	f.Dialog.Resize(fyne.NewSize(min(680, win.Width-40), min(720, win.Height-40)))
	f.check()
	f.Dialog.Show()
	u.Window.Canvas().Focus(f.Name)
	u.lastMemberForm = f
	return f
}

// submit saves when every field is right (Enter in a field).
func (f *MemberForm) submit() {
	if !f.SaveButton.Disabled() {
		f.Save()
	}
}

// check shows each field's message and enables Save when there is none.
// A field left empty is not reproached before Save (a new form starts
// empty), but Save stays disabled.
func (f *MemberForm) check() {
	ok := true
	for _, c := range f.checked {
		err := f.FieldError(c.field)
		text := " "
		if err != nil {
			ok = false
			if strings.TrimSpace(c.e.Text) != "" || f.m.ID != 0 {
				text = err.Error()
			}
		}
		if msg := f.Messages[c.field]; msg.Text != text {
			msg.SetText(text)
		}
	}
	if ok {
		f.SaveButton.Enable()
	} else {
		f.SaveButton.Disable()
	}
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
	m.Sex = ""
	if i := f.Sex.SelectedIndex(); i >= 0 {
		m.Sex = []domain.Sex{domain.SexMale, domain.SexFemale}[i]
	}
	if i := f.Status.SelectedIndex(); i >= 0 {
		m.Status = domain.MemberStatuses[i]
	}
	m.CellID = f.cellIDs[f.Cell.Text]
	if m.CellID == 0 && f.Cell.Text != "" {
		bad["Chi bộ"] = errors.New(T("member.pickCell"))
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
				return errors.New(Say(e.Text, e.Message))
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
		// Saved only over the member as the form loaded it.
		err = f.u.DB.UpdateMemberFrom(f.u.ctx, &f.m, &m, domain.Date{})
	}
	var changed *store.ChangedError
	if errors.As(err, &changed) {
		// Someone saved this member since: say who, when, and both values;
		// nothing is written. The form keeps what was typed and takes their
		// values in the fields it did not change; Save again saves it over
		// the member as it now is.
		cur := changed.Current.(*domain.Member)
		for _, fl := range f.fields() {
			if fl.get() == fl.of(&f.m) {
				fl.set(fl.of(cur))
			}
		}
		f.m = *cur
		f.check()
		f.u.inform(T("changed.title"), f.u.changedText(changed, "changed.again"))
		return err
	}
	if err != nil {
		f.u.showError(err)
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

// formField is one field of the member form: its text for a member, and
// the widget's text now.
type formField struct {
	of  func(m *domain.Member) string
	get func() string
	set func(string)
}

// fields are the form's fields, as the form shows a member.
func (f *MemberForm) fields() []formField {
	entry := func(e *Entry, of func(m *domain.Member) string) formField {
		return formField{of, func() string { return e.Text }, e.SetText}
	}
	choice := func(s *widget.Select, of func(m *domain.Member) string) formField {
		return formField{of, func() string { return s.Selected }, s.SetSelected}
	}
	return []formField{
		entry(f.Name, func(m *domain.Member) string { return m.FullName }),
		entry(f.Birth, func(m *domain.Member) string { return m.BirthDate.String() }),
		entry(f.Admitted, func(m *domain.Member) string { return m.AdmittedOn.String() }),
		entry(f.Official, func(m *domain.Member) string { return m.OfficialOn.String() }),
		entry(f.Card, func(m *domain.Member) string { return m.CardNo }),
		entry(f.History, func(m *domain.Member) string { return m.HistoryNo }),
		entry(f.HomeTown, func(m *domain.Member) string { return m.HomeTown }),
		entry(f.Ethnicity, func(m *domain.Member) string { return m.Ethnicity }),
		entry(f.Religion, func(m *domain.Member) string { return m.Religion }),
		entry(f.Occupation, func(m *domain.Member) string { return m.Occupation }),
		entry(f.Note, func(m *domain.Member) string { return m.Note }),
		choice(f.Sex, func(m *domain.Member) string { return Label(m.Sex.Label()) }),
		choice(f.Status, func(m *domain.Member) string { return Label(m.Status.Label()) }),
		entry(f.Cell, func(m *domain.Member) string {
			for label, id := range f.cellIDs {
				if id == m.CellID {
					return label
				}
			}
			return ""
		}),
	}
}

// changedText explains a save refused because another saved the record
// since the form opened: who, when, and each field as stored now and as
// typed.
func (u *UI) changedText(e *store.ChangedError, then string) string {
	tree, _ := u.DB.Tree(u.ctx, domain.Date{})
	lines := []string{T("changed.who", kv("Name", e.Name, "Who", e.Who, "At", domain.StampText(e.At)))}
	for _, f := range e.Fields {
		key := "changed.field"
		if f.Kept {
			key = "changed.fieldKept" // theirs, and the form takes it
		}
		lines = append(lines, T(key, kv("Field", fieldName(f.Field), "Now", fieldValue(tree, f.Field, f.Old), "Yours", fieldValue(tree, f.Field, f.New))))
	}
	if len(e.Fields) == 0 {
		lines = append(lines, T("changed.back")) // changed and changed back
	}
	return strings.Join(append(lines, T(then)), "\n")
}
