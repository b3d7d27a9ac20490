package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
)

// levelColors are the chart colours of the four levels, best first.
var levelColors = map[domain.Level]color.Color{
	domain.LevelExcellent:    color.NRGBA{0xC8, 0x10, 0x2E, 0xff},
	domain.LevelGood:         color.NRGBA{0xF2, 0x8C, 0x28, 0xff},
	domain.LevelCompleted:    color.NRGBA{0xF5, 0xD0, 0x3B, 0xff},
	domain.LevelNotCompleted: color.NRGBA{0x6E, 0x6E, 0x6E, 0xff},
}

// StackedBar draws one bar split by level, horizontally or vertically.
type StackedBar struct {
	widget.BaseWidget
	Counts   domain.LevelCounts
	Vertical bool
}

// NewStackedBar returns a bar for counts.
func NewStackedBar(c domain.LevelCounts, vertical bool) *StackedBar {
	b := &StackedBar{Counts: c, Vertical: vertical}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer draws the bar's segments.
func (b *StackedBar) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{b: b}
	for _, l := range domain.Levels {
		r.rects = append(r.rects, canvas.NewRectangle(levelColors[l]))
	}
	return r
}

type barRenderer struct {
	b     *StackedBar
	rects []*canvas.Rectangle
}

func (r *barRenderer) Layout(size fyne.Size) {
	rated := float32(r.b.Counts.Rated())
	pos := float32(0)
	for i, l := range domain.Levels {
		share := float32(0)
		if rated > 0 {
			share = float32(r.b.Counts.Levels[l]) / rated
		}
		if r.b.Vertical {
			h := share * size.Height
			r.rects[i].Move(fyne.NewPos(0, size.Height-pos-h))
			r.rects[i].Resize(fyne.NewSize(size.Width, h))
			pos += h
		} else {
			w := share * size.Width
			r.rects[i].Move(fyne.NewPos(pos, 0))
			r.rects[i].Resize(fyne.NewSize(w, size.Height))
			pos += w
		}
	}
}

func (r *barRenderer) MinSize() fyne.Size {
	if r.b.Vertical {
		return fyne.NewSize(28, 120)
	}
	return fyne.NewSize(120, 22)
}

func (r *barRenderer) Refresh() {
	r.Layout(r.b.Size())
	for _, rect := range r.rects {
		rect.Refresh()
	}
}

func (r *barRenderer) Objects() []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(r.rects))
	for i, rect := range r.rects {
		out[i] = rect
	}
	return out
}

func (r *barRenderer) Destroy() {}

// legend shows what each colour means.
func legend() fyne.CanvasObject {
	var items []fyne.CanvasObject
	for _, l := range domain.Levels {
		sw := canvas.NewRectangle(levelColors[l])
		sw.SetMinSize(fyne.NewSize(14, 14))
		items = append(items, sw, widget.NewLabel(Label(l.Short())))
	}
	return fyneHBox(items...)
}
