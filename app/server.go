package app

import (
	"net/url"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
	"xeploai/store/postgres"
)

// prefServer is the last shared server opened on this PC (its address,
// without the password), offered the next time the dialog opens.
const prefServer = "server_url"

// OpenServerDialog asks for a shared database on a PostgreSQL server — the
// server and port, the database, the user and the password — and opens it
// in place of the current database. The password goes only into this PC
// user's PostgreSQL password file (0600, as psql reads it), never into the
// settings; a password left empty uses the one kept there.
func (u *UI) OpenServerDialog() {
	host, port, name, user, pass := newEntry(), newEntry(), newEntry(), newEntry(), newEntry()
	pass.Password = true
	ssl := widget.NewSelect([]string{"require", "prefer", "disable"}, nil)
	host.SetText("localhost")
	port.SetText("5432")
	name.SetText("xeploai")
	ssl.SetSelected("require")
	last := u.App.Preferences().String(prefServer)
	if u.DB.Server() {
		last = u.DB.Path()
	}
	if u.serverTried != "" {
		last = u.serverTried // what was typed, when it did not connect
	}
	if p, err := url.Parse(last); err == nil && postgres.IsURL(last) {
		if h := p.Query().Get("host"); h != "" {
			host.SetText(h)
		} else if p.Hostname() != "" {
			host.SetText(p.Hostname())
		}
		if pt := p.Port(); pt != "" {
			port.SetText(pt)
		} else if pt := p.Query().Get("port"); pt != "" {
			port.SetText(pt)
		}
		if d := strings.TrimPrefix(p.Path, "/"); d != "" {
			name.SetText(d)
		}
		if p.User != nil {
			user.SetText(p.User.Username())
		}
		if m := p.Query().Get("sslmode"); m != "" {
			ssl.SetSelected(m)
		}
	}
	required := func(field string) func(string) error {
		return func(s string) error {
			if strings.TrimSpace(s) == "" || strings.ContainsAny(s, " \t") {
				return domain.Errorf(domain.EINVALID, field, "%s", T("server.required"))
			}
			return nil
		}
	}
	host.Validator = required(T("server.host"))
	name.Validator = required(T("server.database"))
	user.Validator = required(T("server.user"))
	port.Validator = func(s string) error {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || n < 1 || n > 65535 {
			return domain.Errorf(domain.EINVALID, T("server.port"), "%s", T("server.portRange"))
		}
		return nil
	}
	pass.SetPlaceHolder(T("server.passwordKept"))
	d := dialog.NewForm(T("server.title"), T("server.connect"), T("Cancel"), []*widget.FormItem{
		widget.NewFormItem(T("server.host"), host),
		widget.NewFormItem(T("server.port"), port),
		widget.NewFormItem(T("server.database"), name),
		widget.NewFormItem(T("server.user"), user),
		widget.NewFormItem(T("server.password"), pass),
		widget.NewFormItem(T("server.ssl"), ssl),
	}, func(ok bool) {
		if !ok {
			return
		}
		h, pt, n, us, pw := strings.TrimSpace(host.Text), strings.TrimSpace(port.Text), strings.TrimSpace(name.Text), strings.TrimSpace(user.Text), pass.Text
		target := postgres.ServerURL(h, pt, n, us, ssl.Selected)
		u.serverTried = target
		var db store.Store
		u.runLong(T("server.connecting"), func() error {
			// The password typed is tried first and kept only once it
			// works: a mistyped one does not replace the one kept.
			pg, err := store.OpenPostgres(postgres.WithPassword(target, pw))
			if err != nil {
				return err
			}
			db = pg
			if pw != "" {
				if _, err := postgres.SavePassword(h, pt, n, us, pw); err != nil {
					db.Close()
					return err
				}
			}
			return nil
		}, func() {
			u.App.Preferences().SetString(prefServer, target)
			u.useDatabase(db)
		})
	}, u.Window)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}
