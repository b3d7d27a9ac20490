package app

import (
	"errors"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
)

// OrgView is the organisation tree with member counts and its actions.
type OrgView struct {
	u       *UI
	Content fyne.CanvasObject
	Tree    *widget.Tree
	Title   *widget.Label

	tree   *domain.Tree
	counts map[int64]int // members on the roll in each subtree
}

func uid(id int64) widget.TreeNodeID { return strconv.FormatInt(id, 10) }

func idOf(n widget.TreeNodeID) int64 { id, _ := strconv.ParseInt(n, 10, 64); return id }

func newOrgView(u *UI) *OrgView {
	v := &OrgView{u: u, Title: widget.NewLabelWithStyle(T("nav.orgs"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	v.Tree = widget.NewTree(
		func(n widget.TreeNodeID) []widget.TreeNodeID {
			if v.tree == nil {
				return nil
			}
			var ids []int64
			if n == "" {
				ids = v.tree.Roots()
			} else {
				ids = v.tree.Children(idOf(n))
			}
			out := make([]widget.TreeNodeID, len(ids))
			for i, id := range ids {
				out[i] = uid(id)
			}
			return out
		},
		func(n widget.TreeNodeID) bool {
			return n == "" || (v.tree != nil && len(v.tree.Children(idOf(n))) > 0)
		},
		func(bool) fyne.CanvasObject { return widget.NewLabel("Chi bộ Khu dân cư số 00 (000)") },
		func(n widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(v.Label(idOf(n)))
		},
	)
	v.Tree.OnSelected = func(n widget.TreeNodeID) { u.SelectOrg(idOf(n)) }
	v.Tree.OnUnselected = func(widget.TreeNodeID) {}
	bar := container.NewGridWithColumns(3,
		u.keptWriter(widget.NewButtonWithIcon(T("org.add"), theme.ContentAddIcon(), v.addDialog)),
		u.keptWriter(widget.NewButton(T("org.rename"), v.renameDialog)),
		u.keptWriter(widget.NewButton(T("org.move"), v.moveDialog)),
		u.keptWriter(widget.NewButton(T("org.merge"), v.mergeDialog)),
		u.keptWriter(widget.NewButton(T("org.dissolve"), v.dissolveDialog)),
		widget.NewButtonWithIcon(T("history.button"), theme.HistoryIcon(), v.historyDialog),
		u.keptWriter(widget.NewButton(T("record.discipline"), v.disciplineDialog)),
		u.keptWriter(widget.NewButtonWithIcon(T("org.delete"), theme.DeleteIcon(), v.deleteDialog)),
	)
	v.Content = container.NewBorder(container.NewVBox(v.Title, bar), nil, nil, nil, v.Tree)
	v.Refresh()
	return v
}

// Label is what the tree shows for an organisation: its name, its members
// on the roll, and whether it was dissolved.
func (v *OrgView) Label(id int64) string {
	o := v.tree.Org(id)
	if o == nil {
		return ""
	}
	s := fmt.Sprintf("%s (%d)", o.Name, v.counts[id])
	if !o.DissolvedOn.IsZero() {
		s += " — " + T("org.dissolved") + " " + o.DissolvedOn.String()
	}
	return s
}

// Refresh reads the tree and the member counts again.
func (v *OrgView) Refresh() {
	t, err := v.u.DB.Tree(v.u.ctx, domain.Date{})
	if err != nil {
		v.u.showError(err)
		return
	}
	cells, err := v.u.DB.MemberCounts(v.u.ctx)
	if err != nil {
		v.u.showError(err)
		return
	}
	v.tree = t
	v.counts = map[int64]int{}
	for cell, n := range cells {
		v.counts[cell] += n
		for _, a := range t.Ancestors(cell) {
			v.counts[a.ID] += n
		}
	}
	v.Tree.Refresh()
	if len(t.Roots()) == 1 {
		v.Tree.OpenBranch(uid(t.Roots()[0]))
	}
}

// selectedOrg returns the organisation chosen in the tree, or nil with a hint.
func (v *OrgView) selectedOrg() *domain.Org {
	if v.tree == nil || v.u.selected == 0 {
		v.u.inform(T("nav.orgs"), T("org.none"))
		return nil
	}
	return v.tree.Org(v.u.selected)
}

// orgChoices lists organisations as "name — parent" for a select, with ids.
func (v *OrgView) orgChoices(keep func(*domain.Org) bool) ([]string, map[string]int64) {
	var labels []string
	ids := map[string]int64{}
	for _, r := range v.tree.Roots() {
		v.tree.Walk(r, func(o *domain.Org) {
			if !o.DissolvedOn.IsZero() || !keep(o) {
				return
			}
			label := o.Name
			if p := v.tree.Org(o.ParentID); p != nil {
				label += " — " + p.Name
			}
			if _, dup := ids[label]; dup {
				label += fmt.Sprintf(" #%d", o.ID)
			}
			labels = append(labels, label)
			ids[label] = o.ID
		})
	}
	return labels, ids
}

func dateEntry(initial domain.Date) *Entry {
	e := newEntry()
	e.SetPlaceHolder("dd/mm/yyyy")
	e.SetText(initial.String())
	e.Validator = func(s string) error {
		_, err := domain.ParseDate(s)
		return err
	}
	return e
}

func (v *OrgView) addDialog() {
	parent := v.selectedOrg()
	if parent == nil {
		return
	}
	name := newEntry()
	code := newEntry()
	var kinds []string
	kindOf := map[string]domain.OrgKind{}
	for _, k := range domain.OrgKinds {
		if k.CanBeUnder(parent.Kind) {
			kinds = append(kinds, Label(k.Label()))
			kindOf[Label(k.Label())] = k
		}
	}
	kind := newSelect(kinds, nil)
	if len(kinds) > 0 {
		kind.SetSelectedIndex(len(kinds) - 1)
	}
	items := []*widget.FormItem{
		widget.NewFormItem(T("org.name"), name), widget.NewFormItem(T("org.kind"), kind), widget.NewFormItem(T("org.code"), code),
	}
	d := dialog.NewForm(T("org.new.title", kv("Parent", parent.Name)), T("Save"), T("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		o := &domain.Org{Name: name.Text, Code: code.Text, Kind: kindOf[kind.Selected], ParentID: parent.ID}
		if err := v.u.DB.CreateOrg(v.u.ctx, o); err != nil {
			v.u.showError(err)
			return
		}
		v.Refresh()
		v.u.refreshStatus()
		v.u.refreshMenu()
	}, v.u.Window)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}

func (v *OrgView) renameDialog() {
	o := v.selectedOrg()
	if o == nil {
		return
	}
	name := newEntry()
	name.SetText(o.Name)
	on := dateEntry(domain.Today())
	d := dialog.NewForm(T("org.rename"), T("Save"), T("Cancel"), []*widget.FormItem{
		widget.NewFormItem(T("org.name"), name), widget.NewFormItem(T("org.date"), on),
	}, func(ok bool) {
		if !ok {
			return
		}
		d, _ := domain.ParseDate(on.Text)
		v.afterWrite(v.u.DB.RenameOrgFrom(v.u.ctx, o, name.Text, d))
	}, v.u.Window)
	// Wide enough for an organisation's whole name.
	d.Resize(fyne.NewSize(min(640, v.u.Window.Canvas().Size().Width-40), 0))
	d.Show()
}

func (v *OrgView) pickDialog(title, label string, keep func(*domain.Org) bool, apply func(target int64, on domain.Date) error) {
	labels, ids := v.orgChoices(keep)
	if len(labels) == 0 {
		v.u.inform(title, T("org.noChoice"))
		return
	}
	target := newSelectEntry(labels)
	on := dateEntry(domain.Today())
	d := dialog.NewForm(title, T("Save"), T("Cancel"), []*widget.FormItem{
		widget.NewFormItem(label, target), widget.NewFormItem(T("org.date"), on),
	}, func(ok bool) {
		if !ok {
			return
		}
		id, found := ids[target.Text]
		if !found {
			v.u.showError(domain.Errorf(domain.EINVALID, label, "hãy chọn một tổ chức trong danh sách"))
			return
		}
		d, _ := domain.ParseDate(on.Text)
		v.afterWrite(apply(id, d))
	}, v.u.Window)
	d.Resize(fyne.NewSize(560, 240))
	d.Show()
}

func (v *OrgView) moveDialog() {
	o := v.selectedOrg()
	if o == nil {
		return
	}
	v.pickDialog(T("org.move")+" "+o.Name, T("org.parent"),
		func(p *domain.Org) bool {
			return p.ID != o.ParentID && o.Kind.CanBeUnder(p.Kind) && !v.tree.IsUnder(p.ID, o.ID)
		},
		func(target int64, on domain.Date) error { return v.u.DB.MoveOrgFrom(v.u.ctx, o, target, on) })
}

func (v *OrgView) mergeDialog() {
	o := v.selectedOrg()
	if o == nil {
		return
	}
	v.pickDialog(T("org.merge")+" "+o.Name, T("org.target"),
		func(p *domain.Org) bool { return p.ID != o.ID && p.Kind == o.Kind },
		func(target int64, on domain.Date) error {
			if err := v.u.backupFirst(); err != nil {
				return err
			}
			return v.u.DB.MergeOrgFrom(v.u.ctx, o, target, on)
		})
}

func (v *OrgView) dissolveDialog() {
	o := v.selectedOrg()
	if o == nil {
		return
	}
	if !o.DissolvedOn.IsZero() {
		v.u.inform(T("org.dissolve"), T("org.alreadyDissolved", kv("Name", o.Name, "Date", o.DissolvedOn.String())))
		return
	}
	on := dateEntry(domain.Today())
	d := dialog.NewForm(T("org.dissolve")+" "+o.Name, T("OK"), T("Cancel"), []*widget.FormItem{widget.NewFormItem(T("org.date"), on)}, func(ok bool) {
		if ok {
			d, _ := domain.ParseDate(on.Text)
			v.afterWrite(v.u.DB.DissolveOrg(v.u.ctx, o.ID, d))
		}
	}, v.u.Window)
	d.Resize(fyne.NewSize(min(560, v.u.Window.Canvas().Size().Width-40), 0))
	d.Show()
}

// disciplineDialog records a discipline of the organisation itself (the
// rules read it: a disciplined organisation cannot be rated excellent).
func (v *OrgView) disciplineDialog() {
	if o := v.selectedOrg(); o != nil {
		v.u.disciplineDialog(o.Name, store.Discipline{OrgID: o.ID}, func() {})
	}
}

func (v *OrgView) historyDialog() {
	if o := v.selectedOrg(); o != nil {
		v.u.HistoryDialog(o.Name, store.HistoryQuery{OrgID: o.ID})
	}
}

func (v *OrgView) deleteDialog() {
	o := v.selectedOrg()
	if o == nil {
		return
	}
	dialog.ShowConfirm(T("org.delete"), T("org.deleteConfirm", kv("Name", o.Name)), func(yes bool) {
		if yes {
			v.u.selected = 0
			v.afterWrite(v.u.DB.DeleteOrg(v.u.ctx, o.ID))
		}
	}, v.u.Window)
}

func (v *OrgView) afterWrite(err error) {
	var changed *store.ChangedError
	if errors.As(err, &changed) {
		// Changed by another office since the tree showed it: say who and
		// how, and show it as it is now.
		v.u.inform(T("changed.title"), v.u.changedText(changed, "changed.org"))
		v.u.Reload()
		return
	}
	if err != nil {
		v.u.showError(err)
		return
	}
	v.u.Reload() // the tree included
}
