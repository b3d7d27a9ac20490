package app

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"

	"xeploai/domain"
	"xeploai/store"
	"xeploai/vnkey"
)

// entriesIn lists the text fields under o, in order.
func entriesIn(o fyne.CanvasObject) []*Entry {
	var es []*Entry
	walkObjects(o, func(o fyne.CanvasObject) {
		if e, ok := o.(*Entry); ok {
			es = append(es, e)
		}
	})
	return es
}

// focusedEntry is the text field the window's keys go to.
func focusedEntry(t *testing.T, g *given) *Entry {
	t.Helper()
	e, ok := g.ui.Window.Canvas().Focused().(*Entry)
	if !ok {
		t.Fatalf("the focus is on %T, not a text field", g.ui.Window.Canvas().Focused())
	}
	return e
}

func key(e fyne.Focusable, name fyne.KeyName) { e.TypedKey(&fyne.KeyEvent{Name: name}) }

// typeKeys types text as the desktop driver delivers it: for each key,
// KeyDown (with Shift around a capital), TypedKey with the key's name, then
// the rune, then KeyUp.
func typeKeys(e interface {
	fyne.Focusable
	desktop.Keyable
}, text string) {
	for _, r := range text {
		name := fyne.KeyName(strings.ToUpper(string(r)))
		if r == ' ' {
			name = fyne.KeySpace
		}
		shift := unicode.IsUpper(r)
		if shift {
			e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
			e.TypedKey(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		}
		e.KeyDown(&fyne.KeyEvent{Name: name})
		e.TypedKey(&fyne.KeyEvent{Name: name})
		e.TypedRune(r)
		e.KeyUp(&fyne.KeyEvent{Name: name})
		if shift {
			e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		}
	}
}

func TestTelexInTheMemberFormAndTheSearchBox(t *testing.T) {
	g := newGiven(t)
	g.ui.SetTyping(vnkey.Telex, vnkey.NewStyle)
	g.ui.Orgs.Tree.Select(uid(g.cell1.ID))
	g.ui.Members.NewMember()
	f := g.ui.lastMemberForm
	typeKeys(f.Name, "Nguyeenx Vawn Ddoongf")
	if f.Name.Text != "Nguyễn Văn Đồng" {
		t.Fatalf("name field reads %q", f.Name.Text)
	}
	// Dates and numbers are typed as they are.
	test.Type(f.Birth, "12/03/1975")
	test.Type(f.Admitted, "19/05/2000")
	test.Type(f.Card, "12345678")
	test.Type(f.Note, "DNG-01, Excel")
	test.Type(f.HomeTown, "Hoaf Vang, DDaf Nawngx")
	if f.Birth.Text != "12/03/1975" || f.Card.Text != "12345678" || f.Note.Text != "DNG-01, Excel" || f.HomeTown.Text != "Hoà Vang, Đà Nẵng" {
		t.Errorf("fields read %q, %q, %q, %q", f.Birth.Text, f.Card.Text, f.Note.Text, f.HomeTown.Text)
	}
	if err := f.Save(); err != nil {
		t.Fatalf("save: %v", err)
	}
	ms, _ := g.db.Members(ctx, store.MemberQuery{Name: "nguyen van dong"})
	if len(ms) != 1 || ms[0].FullName != "Nguyễn Văn Đồng" || !norm.NFC.IsNormalString(ms[0].FullName) {
		t.Fatalf("stored %+v", ms)
	}
	// The search box composes too, and finds the member by the composed name.
	// Keys go to whatever the window has focused, which must stay the box
	// while its results show.
	g.ui.Window.Canvas().Focus(g.ui.Search)
	for _, r := range "Nguyeenx Vawn Ddoongf" {
		to, ok := g.ui.Window.Canvas().Focused().(interface {
			fyne.Focusable
			desktop.Keyable
		})
		if !ok {
			t.Fatalf("with %q in the box, keys go to %T", g.ui.Search.Text, g.ui.Window.Canvas().Focused())
		}
		typeKeys(to, string(r))
	}
	if g.ui.Search.Text != "Nguyễn Văn Đồng" {
		t.Fatalf("search box reads %q", g.ui.Search.Text)
	}
	g.ui.Search.Wait()
	if len(g.ui.Search.Results) == 0 || g.ui.Search.Results[0].Name != "Nguyễn Văn Đồng" {
		t.Errorf("search found %+v", g.ui.Search.Results)
	}
}

func TestVNIInDialogsAndTheRatingSheet(t *testing.T) {
	g := newGiven(t)
	m := g.member("Bùi Văn An", g.cell1)
	g.ui.SetTyping(vnkey.VNI, vnkey.OldStyle)
	// The rating sheet's score field gets the focus when it opens; keys go
	// there, and numbers do not change.
	g.ui.Tabs.SelectIndex(1)
	g.ui.Orgs.Tree.Select(uid(g.cell1.ID))
	v := g.ui.Ratings
	v.Year.SetSelected("2025")
	if err := v.Set(0, domain.LevelGood, "", nil); err != nil {
		t.Fatal(err)
	}
	v.askScore(0)
	score := focusedEntry(t, g)
	score.SetText("")
	test.Type(score, "78,5")
	if score.Text != "78,5" {
		t.Errorf("score reads %q: numbers must not change", score.Text)
	}
	score.OnSubmitted(score.Text)
	// Opened again, the old score is selected: what is typed replaces it.
	v.askScore(0)
	score = focusedEntry(t, g)
	test.Type(score, "9")
	if score.Text != "9" {
		t.Errorf("typing over the old score gives %q, want 9", score.Text)
	}
	g.ui.Window.Canvas().Overlays().Remove(g.ui.Window.Canvas().Overlays().Top())
	// A dialog of plain fields: the headings of printed documents; the old
	// tone style puts the mark on the first vowel of oa.
	g.ui.HeadingDialog()
	form := g.ui.Window.Canvas().Overlays().Top()
	place := entriesIn(form)[2]
	place.SetText("")
	test.Type(place, "Ho2a Vang")
	if place.Text != "Hòa Vang" {
		t.Errorf("place reads %q", place.Text)
	}
	tapButton(t, form, "Lưu")
	if got := g.db.Settings(ctx)("heading.place", ""); got != "Hòa Vang" {
		t.Errorf("stored heading %q", got)
	}
	// A field with a list of choices where any text may be typed: a
	// committee seat's role.
	g.ui.leaderDialog(m, func() {})
	var role *Entry
	for _, e := range entriesIn(g.ui.Window.Canvas().Overlays().Top()) {
		if e.ActionItem != nil {
			role = e
		}
	}
	if role == nil {
		t.Fatal("no role field with a list")
	}
	test.Type(role, "Pho1 Bi1 thu7 d9a3ng u3y")
	if role.Text != "Phó Bí thư đảng ủy" {
		t.Errorf("role reads %q", role.Text)
	}
}

func TestBackspaceCursorClickAndPaste(t *testing.T) {
	g := newGiven(t)
	g.ui.SetTyping(vnkey.Telex, vnkey.NewStyle)
	e := newEntry()
	g.ui.Window.SetContent(e)
	g.ui.Window.Canvas().Focus(e)
	test.Type(e, "Nguyeenx")
	key(e, fyne.KeyBackspace)
	if e.Text != "Nguyễ" {
		t.Fatalf("after a backspace %q, want Nguyễ", e.Text)
	}
	test.Type(e, "n")
	if e.Text != "Nguyễn" {
		t.Fatalf("typing on after the backspace: %q", e.Text)
	}
	// A backspace over the space takes the word up again.
	e.SetText("")
	test.Type(e, "Nguyeen ")
	key(e, fyne.KeyBackspace)
	test.Type(e, "x")
	if e.Text != "Nguyễn" {
		t.Fatalf("after a backspace over the space %q, want Nguyễn", e.Text)
	}
	// Moving the cursor ends the word: a tone key typed after it is a letter.
	key(e, fyne.KeyLeft)
	key(e, fyne.KeyRight)
	test.Type(e, "s")
	if e.Text != "Nguyễns" {
		t.Errorf("after moving the cursor %q, want Nguyễns", e.Text)
	}
	// So does a click.
	e.SetText("")
	test.Type(e, "hoa")
	e.MouseDown(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary})
	e.MouseUp(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary})
	e.CursorColumn = 3
	test.Type(e, "f")
	if e.Text != "hoaf" {
		t.Errorf("after a click %q, want hoaf", e.Text)
	}
	// Pasted text is never changed.
	e.SetText("")
	clip := test.NewClipboard()
	clip.SetContent("Nguyeenx aa")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if e.Text != "Nguyeenx aa" {
		t.Errorf("pasted %q", e.Text)
	}
	// A word that ends as no Vietnamese syllable goes back to its keys.
	e.SetText("")
	test.Type(e, "Users Excel, ass ")
	if e.Text != "Users Excel, as " {
		t.Errorf("English: %q", e.Text)
	}
	// OnChanged hears each key once, with the text as shown.
	e.SetText("")
	var heard []string
	e.OnChanged = func(s string) { heard = append(heard, s) }
	test.Type(e, "vieetj")
	if strings.Join(heard, "|") != "v|vi|vie|viê|viêt|việt" {
		t.Errorf("OnChanged heard %q", heard)
	}
}

func TestCtrlShiftAndTheStatusButtonSwitchTyping(t *testing.T) {
	g := newGiven(t)
	if g.ui.TypingButton.Text != "EN" {
		t.Fatalf("typing off by default, but the button reads %q", g.ui.TypingButton.Text)
	}
	g.ui.SetTyping(vnkey.Telex, vnkey.NewStyle)
	if g.ui.TypingButton.Text != "VI" {
		t.Fatalf("Telex on, button reads %q", g.ui.TypingButton.Text)
	}
	e := newEntry()
	g.ui.Window.SetContent(e)
	press := func(keys ...fyne.KeyName) {
		for _, k := range keys {
			e.KeyDown(&fyne.KeyEvent{Name: k})
		}
		for i := len(keys) - 1; i >= 0; i-- {
			e.KeyUp(&fyne.KeyEvent{Name: keys[i]})
		}
	}
	typeKeys(e, "ab") // keys typed before do not spoil the switch
	e.SetText("")
	press(desktop.KeyControlLeft, desktop.KeyShiftLeft)
	if g.ui.TypingButton.Text != "EN" {
		t.Fatalf("Ctrl+Shift: button reads %q", g.ui.TypingButton.Text)
	}
	test.Type(e, "Nguyeenx ")
	if e.Text != "Nguyeenx " {
		t.Errorf("EN: %q", e.Text)
	}
	// Ctrl+Shift+Z is redo, not the switch.
	press(desktop.KeyControlLeft, desktop.KeyShiftLeft, fyne.KeyZ)
	if g.ui.TypingButton.Text != "EN" {
		t.Errorf("Ctrl+Shift+Z switched typing")
	}
	test.Tap(g.ui.TypingButton)
	test.Type(e, "Nguyeenx")
	if g.ui.TypingButton.Text != "VI" || e.Text != "Nguyeenx Nguyễn" {
		t.Errorf("after the button: %q, %q", g.ui.TypingButton.Text, e.Text)
	}
	// The switch is for this session; the setting stays Telex.
	if got := g.db.Settings(ctx)(store.SettingTyping, ""); got != "telex" {
		t.Errorf("setting %q", got)
	}
	// With the setting off, VI types Telex.
	g.ui.SetTyping(vnkey.Off, vnkey.NewStyle)
	test.Tap(g.ui.TypingButton)
	if typing.method() != vnkey.Telex {
		t.Errorf("switched on from off: %v", typing.method())
	}
}

func TestTypingSettingsDialog(t *testing.T) {
	g := newGiven(t)
	g.ui.TypingDialog()
	form := g.ui.Window.Canvas().Overlays().Top()
	if s := texts(form); !strings.Contains(s, "Sử dụng clipboard cho Unicode") {
		t.Errorf("the dialog does not say how to use Unikey: %q", s)
	}
	chooseRadio(t, form, "VNI")
	chooseRadio(t, form, "Kiểu cũ: hòa, thúy")
	tapButton(t, form, "Lưu")
	get := g.db.Settings(ctx)
	if get(store.SettingTyping, "") != "vni" || get(store.SettingToneStyle, "") != "old" {
		t.Fatalf("stored %q, %q", get(store.SettingTyping, ""), get(store.SettingToneStyle, ""))
	}
	e := newEntry()
	test.Type(e, "Ho2a")
	if e.Text != "Hòa" {
		t.Errorf("VNI old style: %q", e.Text)
	}
}

// TestWindowsFirstStartOffersTelex: on Windows, a database where typing was
// never chosen offers the built-in Telex; the answer is kept.
func TestWindowsFirstStartOffersTelex(t *testing.T) {
	defer func(os string) { goos = os }(goos)
	goos = "linux"
	g := newGiven(t)
	g.ui.ShowFirstRun()
	if top := g.ui.Window.Canvas().Overlays().Top(); top != nil && strings.Contains(texts(top), "Telex") {
		t.Fatal("offered Telex on Linux")
	}
	goos = "windows"
	g = newGiven(t)
	g.ui.ShowFirstRun()
	top := g.ui.Window.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "Unikey có thể không gõ được") {
		t.Fatal("no offer of Telex on the first start on Windows")
	}
	tapButton(t, top, "Dùng Telex")
	if got := g.db.Settings(ctx)(store.SettingTyping, ""); got != "telex" || typing.method() != vnkey.Telex {
		t.Errorf("after yes: setting %q, typing %v", got, typing.method())
	}
	g.ui.Window.Canvas().Overlays().Remove(g.ui.Window.Canvas().Overlays().Top())
	g.ui.ShowFirstRun()
	if top := g.ui.Window.Canvas().Overlays().Top(); top != nil && strings.Contains(texts(top), "Unikey") {
		t.Error("asked again")
	}
}

// TestLanguageLivesInTheDatabase: the window speaks the language the
// command line set; a database with none is spoken to in the language last
// chosen on this PC (a Fyne preference), and opening it writes nothing into
// it.
func TestLanguageLivesInTheDatabase(t *testing.T) {
	defer SetLanguage(LangVietnamese)
	db := tempDB(t)
	if err := db.SetSetting(ctx, store.SettingLanguage, "en"); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	u := New(a, db, Options{Version: "test"})
	if got := u.Tabs.Items[0].Text; got != "Members" {
		t.Errorf("first tab %q, want Members", got)
	}
	if got := a.Preferences().String(prefLanguage); got != "en" {
		t.Errorf("the start window's preference %q, want en", got)
	}
	old := tempDB(t)
	b := test.NewTempApp(t)
	b.Preferences().SetString(prefLanguage, "en")
	w := New(b, old, Options{Version: "test"})
	if got := w.Tabs.Items[0].Text; got != "Members" {
		t.Errorf("a database without a language: first tab %q, want Members (the preference)", got)
	}
	if set, _ := old.IsSet(ctx, store.SettingLanguage); set {
		t.Errorf("opening the database wrote the language %q into it", old.Settings(ctx)(store.SettingLanguage, ""))
	}
}

// chooseRadio picks option in the radio group under o that has it.
func chooseRadio(t *testing.T, o fyne.CanvasObject, option string) {
	t.Helper()
	found := false
	walkObjects(o, func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok && !found && slices.Contains(r.Options, option) {
			r.SetSelected(option)
			found = true
		}
	})
	if !found {
		t.Fatalf("no option %q", option)
	}
}

// TestOpeningAnotherDatabaseKeepsThePersonsSettings: the language and the
// typing belong to the person at the keyboard and follow them into a
// database that has none — without writing them into it; one with its own
// keeps them.
func TestOpeningAnotherDatabaseKeepsThePersonsSettings(t *testing.T) {
	g := newGiven(t)
	defer g.ui.SetTyping(vnkey.Off, vnkey.NewStyle)
	g.ui.SetTyping(vnkey.VNI, vnkey.OldStyle)
	fresh := tempDB(t)
	own := tempDB(t)
	if err := own.SetSetting(ctx, store.SettingTyping, "telex"); err != nil {
		t.Fatal(err)
	}
	kept := g.ui.DB
	defer func() { g.ui.DB = kept }()
	g.ui.DB = fresh
	g.ui.loadTyping()
	if typing.chosen != vnkey.VNI || typing.style != vnkey.OldStyle {
		t.Errorf("in a database without its own: typing %v, style %v", typing.chosen, typing.style)
	}
	for _, key := range []string{store.SettingTyping, store.SettingToneStyle, store.SettingLanguage} {
		if set, _ := fresh.IsSet(ctx, key); set {
			t.Errorf("opening the database wrote %s into it", key)
		}
	}
	g.ui.DB = own
	g.ui.loadTyping()
	if typing.chosen != vnkey.Telex {
		t.Errorf("a database's own typing gave way: %v", typing.chosen)
	}
}

// tempDB is a new database in the test's folder.
func tempDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestMatchingOptions(t *testing.T) {
	opts := []string{"Đảng bộ phường An Hải Bắc", "Đảng bộ phường Phước Mỹ", "Chi bộ Khu dân cư số 1"}
	for _, c := range []struct {
		text string
		want int
	}{
		{"", 3}, {"phuoc", 1}, {"ĐẢNG BỘ", 2}, {"khong co", 3}, {"Chi bộ Khu dân cư số 1", 3},
	} {
		if got := matchingOptions(opts, c.text); len(got) != c.want {
			t.Errorf("matchingOptions(%q) = %q, want %d", c.text, got, c.want)
		}
	}
}
