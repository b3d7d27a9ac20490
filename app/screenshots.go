package app

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"

	"xeploai/domain"
	"xeploai/store"
)

// CaptureScreens shows each main screen in turn on a cell of the first
// grassroots committee, writes "shot NAME" to out when a screen is ready to
// be grabbed, and then quits. It is how `make screenshots` makes the
// README's pictures.
func (u *UI) CaptureScreens(out io.Writer) {
	go func() {
		wait := func() { time.Sleep(1500 * time.Millisecond) }
		// The window's own Capture reads back nothing under Xvfb's software
		// GL, so the caller (make screenshots) grabs the screen when told.
		shot := func(name string) {
			fmt.Fprintln(out, "shot", name)
			time.Sleep(1500 * time.Millisecond)
		}
		var cell, ward int64
		fyne.DoAndWait(func() {
			t := u.Orgs.tree
			for _, r := range t.Roots() {
				t.Walk(r, func(o *domain.Org) {
					if ward == 0 && o.Kind == domain.KindGrassrootsCommittee {
						ward = o.ID
					}
					if cell == 0 && ward != 0 && o.Kind == domain.KindCell && t.IsUnder(o.ID, ward) {
						cell = o.ID
					}
				})
			}
			u.Orgs.Tree.OpenBranch(uid(ward))
			u.Orgs.Tree.Select(uid(cell))
		})
		wait()
		shot("members")
		fyne.DoAndWait(func() { u.Tabs.SelectIndex(1); u.Window.Canvas().Focus(u.Ratings.Grid) })
		wait()
		shot("ratings")
		fyne.DoAndWait(func() { u.Tabs.SelectIndex(3); u.Orgs.Tree.Select(uid(ward)) })
		wait()
		shot("awards")
		fyne.DoAndWait(func() { u.Tabs.SelectIndex(5) })
		wait()
		wait()
		shot("report")
		fyne.DoAndWait(func() {
			u.Tabs.SelectIndex(0)
			if m := u.Members.Row(0); m != nil {
				u.Members.ShowMember(m.ID)
			}
		})
		wait()
		shot("member")
		// A few edits (this is a scratch database), then the member's
		// history and the Edit menu's undo.
		fyne.DoAndWait(func() {
			if top := u.Window.Canvas().Overlays().Top(); top != nil {
				top.Hide()
			}
			m := u.Members.Row(0)
			if m == nil {
				return
			}
			m.HomeTown, m.Note = "Hội An, Quảng Nam", "Sửa quê quán theo lý lịch"
			u.DB.UpdateMember(u.ctx, m, domain.Date{})
			if cells := u.Orgs.tree.Children(ward); len(cells) > 1 {
				u.DB.TransferMember(u.ctx, m.ID, cells[1], domain.Today())
			}
			u.Reload()
			u.HistoryDialog(m.FullName, store.HistoryQuery{MemberID: m.ID})
		})
		wait()
		shot("history")
		fyne.DoAndWait(func() {
			if top := u.Window.Canvas().Overlays().Top(); top != nil {
				top.Hide()
			}
			for i := 1; i <= 2; i++ {
				if m := u.Members.Row(i); m != nil {
					u.DB.DeleteMember(u.ctx, m.ID)
				}
			}
			u.Reload()
			u.TrashDialog()
		})
		wait()
		shot("trash")
		fyne.DoAndWait(func() {
			if top := u.Window.Canvas().Overlays().Top(); top != nil {
				top.Hide()
			}
			u.SearchHelp()
		})
		wait()
		shot("search-help")
		fyne.DoAndWait(func() {
			if top := u.Window.Canvas().Overlays().Top(); top != nil {
				top.Hide()
			}
			e := u.CertificateDialog()
			e.Blank.SetChecked(true)
		})
		wait()
		shot("certificate-editor")
		// An import refused: every error of the file at once, by row.
		dir, err := os.MkdirTemp("", "xeploai-shot-*")
		if err == nil {
			defer os.RemoveAll(dir)
			path := filepath.Join(dir, "Đảng viên.csv")
			os.WriteFile(path, []byte("Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Chi bộ\n"+
				"Trần Văn Một,31/02/1980,Nam,03/02/2010,03/02/2009,Chi bộ Khối phố 99\n"+
				"Lê Thị Hai,02/09/1985,Nữa,19/05/2031,,Chi bộ Khối phố 1\n"+
				",01/01/1990,Nam,01/01/2015,01/01/2016,Chi bộ Khối phố 2\n"), 0o600)
			fyne.DoAndWait(func() {
				if top := u.Window.Canvas().Overlays().Top(); top != nil {
					top.Hide()
				}
				u.ImportFiles([]string{path}, false, func(*domain.ImportReport, error) {})
			})
			wait()
			shot("import-errors")
		}
		fyne.DoAndWait(func() { u.App.Quit() })
	}()
}
