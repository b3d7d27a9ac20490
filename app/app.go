// Package app is xeploai's desktop GUI, built with Fyne. It takes the
// fyne.App it runs in as a parameter, so that tests drive it with
// fyne.io/fyne/v2/test on a real database.
package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"xeploai/assets"
	"xeploai/store"
)

// UI is the main window and what it shows.
type UI struct {
	App    fyne.App
	Window fyne.Window
	DB     *store.DB
	Status *widget.Label
}

// New builds the main window on db.
func New(a fyne.App, db *store.DB) *UI {
	a.SetIcon(assets.Icon)
	w := a.NewWindow("xeploai — Đánh giá, xếp loại đảng viên")
	u := &UI{App: a, Window: w, DB: db, Status: widget.NewLabel("")}
	u.refreshStatus()
	title := widget.NewLabelWithStyle("xeploai", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	w.SetContent(container.NewBorder(title, u.Status, nil, nil,
		widget.NewLabelWithStyle("Sổ theo dõi đánh giá, xếp loại và khen thưởng đảng viên, tổ chức đảng.", fyne.TextAlignCenter, fyne.TextStyle{})))
	w.Resize(fyne.NewSize(1100, 720))
	return u
}

func (u *UI) refreshStatus() {
	n, err := u.DB.CountMembers(context.Background(), store.MemberQuery{})
	if err != nil {
		u.Status.SetText(fmt.Sprintf("%s — lỗi: %v", u.DB.Path(), err))
		return
	}
	u.Status.SetText(fmt.Sprintf("Tệp dữ liệu: %s — %d đảng viên", u.DB.Path(), n))
}
