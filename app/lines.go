package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// newLineList lists n lines of text that wrap at the list's width, each
// row as tall as its wrapped text (a list's rows are otherwise all as tall
// as its first template, and a long line was drawn over the next). style,
// if set, gives a line's text style.
func newLineList(n func() int, text func(i int) string, style func(i int) fyne.TextStyle) *widget.List {
	var list *widget.List
	list = widget.NewList(n,
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if style != nil {
				l.TextStyle = style(i)
			}
			l.SetText(text(i))
			list.SetItemHeight(i, l.MinSize().Height)
		})
	return list
}
