package app

import (
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/vnkey"
)

// Entry is the window's text field: a widget.Entry that composes
// Vietnamese as the user types (Telex or VNI, see typing.go), word by word.
// Fyne's desktop driver has no input-method support and may drop the
// backspaces Unikey sends, so the program brings its own input: it works
// wherever plain keys reach the window. Moving the cursor, clicking and
// pasting end the word; pasted text is never changed.
type Entry struct {
	widget.Entry
	word vnkey.Word
	// shown is the word as it stands in the text, ending at offset end
	// (runes), while one is being typed.
	shown []rune
	end   int
}

// newEntry makes a text field.
func newEntry() *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	return e
}

// newSelectEntry makes a text field with a list of options to pick from
// (widget.SelectEntry cannot be extended: it resets its base widget).
func newSelectEntry(options []string) *Entry {
	e := newEntry()
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	var b *widget.Button
	b = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() {
		var items []*fyne.MenuItem
		for _, o := range matchingOptions(options, e.Text) {
			items = append(items, fyne.NewMenuItem(o, func() { e.SetText(o) }))
		}
		menu := fyne.NewMenu("", items...)
		c := fyne.CurrentApp().Driver().CanvasForObject(e)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Add(fyne.NewPos(0, e.Size().Height))
		p := widget.NewPopUpMenu(menu, c)
		p.ShowAtPosition(pos)
		p.Resize(fyne.NewSize(e.Size().Width, p.MinSize().Height))
	})
	b.Importance = widget.LowImportance
	e.ActionItem = b
	return e
}

// composing reports whether the field composes now.
func (e *Entry) composing() bool {
	return typing.method() != vnkey.Off && !e.Disabled() && !e.Password
}

// TypedRune adds r to the word being typed, or ends the word with it.
func (e *Entry) TypedRune(r rune) {
	if !e.composing() {
		e.endWord(false)
		e.Entry.TypedRune(r)
		return
	}
	if e.SelectedText() != "" {
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace}) // typing replaces the selection
		e.endWord(false)
	}
	e.word.Method, e.word.Style = typing.method(), typing.style
	if !e.wordAtCursor() {
		e.endWord(false)
		// A word begun right after a letter or a digit (the cursor moved
		// into a word or a number) is kept as typed.
		if text, pos := []rune(e.Text), e.CursorTextOffset(); pos > 0 && pos <= len(text) &&
			(unicode.IsLetter(text[pos-1]) || unicode.IsDigit(text[pos-1])) {
			e.word.Attach()
		}
	}
	if e.word.Type(r) {
		e.show([]rune(e.word.String()))
		return
	}
	e.endWord(true)
	e.Entry.TypedRune(r)
}

// TypedKey: Backspace deletes the last letter of the word as seen; Enter
// and Tab end the word, and so do the keys that move the cursor or delete
// after it. (The desktop driver sends every key here, letters included,
// before their rune: those leave the word alone.)
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyBackspace:
		if e.composing() && e.wordAtCursor() && e.SelectedText() == "" {
			e.word.Backspace()
			e.show([]rune(e.word.String()))
			if len(e.shown) == 0 {
				e.endWord(false)
			}
			return
		}
		e.endWord(false)
		e.Entry.TypedKey(k)
		e.resumeWord()
		return
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyTab:
		e.endWord(e.composing())
	case fyne.KeyEscape:
		// Esc closes the dialog the field is in, as it does when no field
		// has the keyboard (Fyne's entry would keep the key to itself).
		e.endWord(false)
		if c := canvasOf(e); c != nil {
			if top := c.Overlays().Top(); top != nil {
				top.Hide()
				c.Overlays().Remove(top)
				return
			}
		}
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd,
		fyne.KeyPageUp, fyne.KeyPageDown, fyne.KeyDelete, fyne.KeyInsert:
		e.endWord(false)
	}
	e.Entry.TypedKey(k)
}

// canvasOf is the canvas e is drawn on. The driver knows a widget by the
// object put in the window: for a field embedded in another widget (the
// search box) it does not know e itself, and the window's canvas is taken
// (the program has one window).
func canvasOf(e *Entry) fyne.Canvas {
	d := fyne.CurrentApp().Driver()
	if c := d.CanvasForObject(e); c != nil {
		return c
	}
	if ws := d.AllWindows(); len(ws) == 1 {
		return ws[0].Canvas()
	}
	return nil
}

// TypedShortcut ends the word: a paste, a cut, an undo … are not composed.
// The window's own shortcuts (Ctrl+F, Ctrl+N, Ctrl+1 …) work while a field
// has the keyboard; the field keeps copy, paste, undo and the rest.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	e.endWord(false)
	if _, ok := s.(*desktop.CustomShortcut); ok {
		if c, ok := canvasOf(e).(fyne.Shortcutable); ok {
			c.TypedShortcut(s)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// MouseDown ends the word: a click moves the cursor.
func (e *Entry) MouseDown(m *desktop.MouseEvent) {
	e.endWord(false)
	e.Entry.MouseDown(m)
}

// FocusLost ends the word.
func (e *Entry) FocusLost() {
	e.endWord(e.composing())
	e.Entry.FocusLost()
}

// KeyDown and KeyUp watch for Ctrl+Shift, which switches Vietnamese typing
// on and off.
func (e *Entry) KeyDown(k *fyne.KeyEvent) {
	switchKeys.down(k.Name)
	e.Entry.KeyDown(k)
}

// KeyUp: see KeyDown.
func (e *Entry) KeyUp(k *fyne.KeyEvent) {
	if switchKeys.up(k.Name) {
		e.endWord(false)
		switchTyping()
	}
	e.Entry.KeyUp(k)
}

// resumeWord takes up again the word that a backspace over a space or a
// mark has brought the cursor back to the end of ("Nguyen " ⌫ x → Nguyễn).
func (e *Entry) resumeWord() {
	if !e.composing() || e.SelectedText() != "" {
		return
	}
	text, pos := []rune(e.Text), e.CursorTextOffset()
	if pos > len(text) || pos < len(text) && unicode.IsLetter(text[pos]) {
		return
	}
	start := pos
	for start > 0 && unicode.IsLetter(text[start-1]) {
		start--
	}
	if start == pos || start > 0 && unicode.IsDigit(text[start-1]) {
		return
	}
	e.word.Method, e.word.Style = typing.method(), typing.style
	e.word.Begin(string(text[start:pos]))
	e.shown = append(e.shown[:0], text[start:pos]...)
	e.end = pos
}

// wordAtCursor reports whether the word being typed is still just before
// the cursor, as it was left (no click, no cursor key, no change from
// elsewhere since).
func (e *Entry) wordAtCursor() bool {
	if len(e.shown) == 0 || e.CursorTextOffset() != e.end {
		return false
	}
	text := []rune(e.Text)
	if e.end > len(text) || e.end < len(e.shown) {
		return false
	}
	return string(text[e.end-len(e.shown):e.end]) == string(e.shown)
}

// endWord ends the word being typed; with restore, a word composed from
// keys that make no Vietnamese syllable goes back to the keys as typed
// ("Users", not "Úe").
func (e *Entry) endWord(restore bool) {
	if restore && e.wordAtCursor() {
		e.show([]rune(e.word.End()))
	}
	e.word.Reset()
	e.shown = e.shown[:0]
}

// show replaces the word before the cursor with word, touching only the
// runes that differ; OnChanged is called once, for the last change.
func (e *Entry) show(word []rune) {
	old := e.shown
	if !e.wordAtCursor() {
		old = nil
	}
	same := 0
	for same < len(old) && same < len(word) && old[same] == word[same] {
		same++
	}
	del, ins := len(old)-same, word[same:]
	onChanged := e.OnChanged
	e.OnChanged = nil
	for i := 0; i < del+len(ins); i++ {
		if i == del+len(ins)-1 {
			e.OnChanged = onChanged
		}
		if i < del {
			e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		} else {
			e.Entry.TypedRune(ins[i-del])
		}
	}
	e.OnChanged = onChanged
	e.shown = append(e.shown[:0], word...)
	e.end = e.CursorTextOffset()
}

// matchingOptions are the options a choice field offers for what it holds:
// those containing the text typed (without diacritics, any case), or all
// of them when it holds one of them whole, holds nothing, or matches none.
func matchingOptions(options []string, text string) []string {
	q := domain.Fold(text)
	if q == "" || slices.Contains(options, text) {
		return options
	}
	var out []string
	for _, o := range options {
		if strings.Contains(domain.Fold(o), q) {
			out = append(out, o)
		}
	}
	if len(out) == 0 {
		return options
	}
	return out
}
