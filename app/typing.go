package app

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"xeploai/store"
	"xeploai/vnkey"
)

// typing is how the window's text fields compose Vietnamese: the method and
// tone style from the settings (Cài đặt › Gõ tiếng Việt, or `xeploai config`),
// and the VI/EN switch of this session (Ctrl+Shift, the status bar button).
var typing typingState

type typingState struct {
	chosen vnkey.Method // the setting
	style  vnkey.Style
	on     bool // VI: composing now
}

// method is the method the fields compose with now: none when switched to
// EN; Telex when switched to VI while the setting is off.
func (t *typingState) method() vnkey.Method {
	switch {
	case !t.on:
		return vnkey.Off
	case t.chosen == vnkey.Off:
		return vnkey.Telex
	}
	return t.chosen
}

// label is what the status bar button reads.
func (t *typingState) label() string {
	if t.method() == vnkey.Off {
		return "EN"
	}
	return "VI"
}

// goos is the operating system, a variable for tests of the first start on
// Windows.
var goos = runtime.GOOS

// switchTyping switches Vietnamese typing on or off for this session and
// shows it; set by the window built last.
var switchTyping = func() { typing.on = !typing.on }

// switchKeys watches the keys for Ctrl+Shift pressed and released alone.
var switchKeys chord

type chord struct{ ctrl, shift, other bool }

func isCtrl(k fyne.KeyName) bool  { return k == desktop.KeyControlLeft || k == desktop.KeyControlRight }
func isShift(k fyne.KeyName) bool { return k == desktop.KeyShiftLeft || k == desktop.KeyShiftRight }

func (c *chord) down(k fyne.KeyName) {
	if (isCtrl(k) || isShift(k)) && !c.ctrl && !c.shift {
		c.other = false // a new chord begins
	}
	switch {
	case isCtrl(k):
		c.ctrl = true
	case isShift(k):
		c.shift = true
	default:
		c.other = true // Ctrl+Shift+Z is a shortcut, not the switch
	}
}

// up reports whether releasing k completes Ctrl+Shift.
func (c *chord) up(k fyne.KeyName) bool {
	if !isCtrl(k) && !isShift(k) {
		return false
	}
	fire := c.ctrl && c.shift && !c.other
	if fire {
		c.other = true // once per press
	}
	if isCtrl(k) {
		c.ctrl = false
	} else {
		c.shift = false
	}
	if !c.ctrl && !c.shift {
		c.other = false
	}
	return fire
}

// loadTyping reads the typing settings from the database.
func (u *UI) loadTyping() {
	get := u.personal(u.DB.Settings(u.ctx))
	typing.chosen, _ = vnkey.ParseMethod(store.SettingValue(get, store.SettingTyping))
	typing.style, _ = vnkey.ParseStyle(store.SettingValue(get, store.SettingToneStyle))
	typing.on = typing.chosen != vnkey.Off
	u.showTyping()
}

// SwitchTyping switches between Vietnamese (VI) and English (EN) typing
// for this session, as Ctrl+Shift does.
func (u *UI) SwitchTyping() {
	typing.on = !typing.on
	u.showTyping()
}

func (u *UI) showTyping() {
	if u.TypingButton != nil {
		u.TypingButton.SetText(typing.label())
	}
}

// typingBar is the status bar: the database's figures, and the VI/EN switch.
func (u *UI) typingBar() fyne.CanvasObject {
	u.TypingButton = widget.NewButton(typing.label(), u.SwitchTyping)
	u.TypingButton.Importance = widget.LowImportance
	switchTyping = u.SwitchTyping
	if c, ok := u.Window.Canvas().(desktop.Canvas); ok {
		// With no field focused, the canvas hears the keys.
		c.SetOnKeyDown(func(k *fyne.KeyEvent) { switchKeys.down(k.Name) })
		c.SetOnKeyUp(func(k *fyne.KeyEvent) {
			if switchKeys.up(k.Name) {
				u.SwitchTyping()
			}
		})
	}
	return container.NewBorder(nil, nil, nil, u.TypingButton, u.Status)
}

// TypingDialog is Cài đặt › Gõ tiếng Việt: the method (off, Telex, VNI)
// and where tone marks go.
func (u *UI) TypingDialog() {
	methods := []string{T("typing.off"), "Telex", "VNI"}
	method := widget.NewRadioGroup(methods, nil)
	method.Required = true
	method.SetSelected(methods[typing.chosen])
	styles := []string{T("typing.new"), T("typing.old")}
	style := widget.NewRadioGroup(styles, nil)
	style.Required = true
	style.SetSelected(styles[typing.style])
	help := widget.NewLabel(T("typing.help"))
	help.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm(T("typing.title"), T("Save"), T("Cancel"), []*widget.FormItem{
		widget.NewFormItem(T("typing.method"), method),
		widget.NewFormItem(T("typing.style"), style),
		widget.NewFormItem("", help),
	}, func(ok bool) {
		if !ok {
			return
		}
		m, s := vnkey.Off, vnkey.NewStyle
		for i, l := range methods {
			if l == method.Selected {
				m = vnkey.Methods[i]
			}
		}
		if style.Selected == styles[1] {
			s = vnkey.OldStyle
		}
		u.SetTyping(m, s)
	}, u.Window)
	d.Resize(fyne.NewSize(560, 380))
	d.Show()
}

// SetTyping keeps the typing settings in the database and applies them.
func (u *UI) SetTyping(m vnkey.Method, s vnkey.Style) {
	for key, v := range map[string]string{store.SettingTyping: m.String(), store.SettingToneStyle: s.String()} {
		if u.DB.Server() {
			break // on a shared server, this PC's own choice only
		}
		if err := u.DB.SetSetting(u.ctx, key, v); err != nil {
			u.showError(err)
			return
		}
	}
	u.App.Preferences().SetString(store.SettingTyping, m.String())
	u.App.Preferences().SetString(store.SettingToneStyle, s.String())
	u.loadTyping()
}

// offerTyping asks, at the first start on Windows (the typing setting never
// chosen), whether to type with the built-in Telex: Unikey may not work in
// this window.
func (u *UI) offerTyping() {
	if goos != "windows" || u.personal(u.DB.Settings(u.ctx))(store.SettingTyping, "") != "" {
		return
	}
	d := dialog.NewConfirm(T("typing.title"), T("typing.offer"), func(yes bool) {
		m := vnkey.Off
		if yes {
			m = vnkey.Telex
		}
		u.SetTyping(m, typing.style)
	}, u.Window)
	d.SetConfirmText(T("typing.useTelex"))
	d.SetDismissText(T("typing.no"))
	d.Show()
}
