package app

import (
	"time"

	"fyne.io/fyne/v2"

	"xeploai/domain"
	"xeploai/store"
)

// WatchForeign shows, within about a second, what another window or a
// command writes to the database: it asks the store every second and, when
// another process has written, reads the shown view again without losing
// the user's place (the rating sheet's cursor stays on its member, the
// member table where it was scrolled; a form being filled is left alone).
func (u *UI) WatchForeign() {
	background(func() {
		for range time.Tick(time.Second) {
			var db store.Store
			fyne.DoAndWait(func() { db = u.DB }) // the database open now (another may have been opened)
			if changed, err := db.ForeignChanges(u.ctx); err == nil && changed {
				fyne.Do(func() {
					if u.DB == db {
						u.ShowForeignChanges()
					}
				})
			}
		}
	})
}

// ShowForeignChanges reads again what another process changed: the menus
// (what undo would take back), the status line, the tree's counts and the
// shown tab, in place. A candidate list being ticked is left as it is.
func (u *UI) ShowForeignChanges() {
	u.trace("refresh foreign")
	u.refreshMenu()
	u.refreshStatus()
	u.Orgs.Refresh()
	u.Members.RefreshPage()
	switch u.Tabs.SelectedIndex() {
	case 0:
		u.Members.RefreshInPlace()
	case 1:
		u.Ratings.RefreshInPlace()
	case 4:
		if len(u.Cands.Chosen) == 0 {
			u.refreshCurrent()
		}
	default:
		u.refreshCurrent()
	}
}

// RefreshInPlace reads the member table's rows again, keeping where it is
// scrolled.
func (v *MemberView) RefreshInPlace() {
	n, err := v.u.DB.CountMembers(v.u.ctx, v.query)
	if err != nil {
		return
	}
	v.total = n
	v.pages = map[int][]domain.Member{}
	v.order = nil
	v.readCells()
	v.Count.SetText(T("member.count", kv("Count", n)))
	v.Table.Refresh()
}

// RefreshInPlace reads the rating sheet again, the cursor staying on the
// same member or organisation.
func (v *RatingView) RefreshInPlace() {
	var was RatingRow
	if v.Grid.Cursor < len(v.Rows) {
		was = v.Rows[v.Grid.Cursor]
	}
	v.Refresh()
	for i, r := range v.Rows {
		if r.MemberID == was.MemberID && r.OrgID == was.OrgID {
			v.Grid.moveTo(i)
			break
		}
	}
}
