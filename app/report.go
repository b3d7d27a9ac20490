package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/report"
	"xeploai/store"
)

// ReportView shows the year's summary for the selected organisation as a
// table and a bar chart per group, and the members' levels across years.
type ReportView struct {
	u       *UI
	Content fyne.CanvasObject
	Year    *widget.Select
	Grid    *fyne.Container // the summary table
	names   *fyne.Container // its first column
	figures *fyne.Container // the rest, row by row
	Title   *widget.Label
	Notes   *widget.Label // what the report cannot count (not entered; left an office's part)
	Bars    *fyne.Container
	Trend   *fyne.Container
	Summary *domain.Summary

	year  int
	load  *loader
	trend *loader
}

func fyneHBox(objs ...fyne.CanvasObject) *fyne.Container { return container.NewHBox(objs...) }

func newReportView(u *UI) *ReportView {
	v := &ReportView{u: u, Title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), Notes: widget.NewLabel(""), load: newLoader(), trend: newLoader()}
	v.Notes.Wrapping = fyne.TextWrapWord
	v.Notes.Importance = widget.WarningImportance
	v.Notes.Hide()
	this := domain.Today().Year
	var years []string
	for y := this; y >= this-15; y-- {
		years = append(years, strconv.Itoa(y))
	}
	v.year = this - 1
	v.Year = newSelect(years, nil)
	v.Year.SetSelected(strconv.Itoa(v.year))
	v.Year.OnChanged = func(s string) { v.year, _ = strconv.Atoi(s); v.Refresh() }
	// The group names in a column of their own width, the figures in equal
	// columns beside them, so that nothing is cut.
	// Rows of equal height on both sides (a header that wraps makes them
	// all taller), so that the names stay beside their figures.
	v.names = container.New(layout.NewGridLayoutWithRows(4))
	v.figures = container.NewGridWithColumns(len(reportHeader) - 1)
	for r := 0; r < 4; r++ {
		for c := range reportHeader {
			l := widget.NewLabel("")
			l.TextStyle.Bold = r == 0 || c == 0
			if c == 0 {
				v.names.Add(l)
			} else {
				// Figures are never cut: on a small screen the report scrolls.
				l.Truncation = fyne.TextTruncateOff
				if r == 0 {
					// A header too long for its column wraps rather than
					// loses its end ("Không XL", "XS/(XS+T)").
					l.Truncation, l.Wrapping = fyne.TextTruncateOff, fyne.TextWrapWord
				}
				v.figures.Add(l)
			}
		}
	}
	v.Grid = container.NewBorder(nil, nil, v.names, nil, v.figures)
	v.Bars = container.NewVBox()
	v.Trend = container.NewHBox()
	shares := widget.NewLabel(T("report.shares"))
	shares.Wrapping = fyne.TextWrapWord
	v.Content = container.NewScroll(container.NewVBox(
		container.NewHBox(widget.NewLabel(T("report.year")), v.Year, widget.NewButton(T("print"), func() {
			if v.Summary != nil {
				v.Print()
			}
		}), v.Title),
		v.load.Busy,
		v.Notes,
		v.Grid, shares, legend(), v.Bars,
		widget.NewLabelWithStyle(T("report.trend"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		v.trend.Busy,
		v.Trend,
	))
	return v
}

var reportHeader = []string{"report.group", "report.total", "HTXSNV", "HTTNV", "HTNV", "KHTNV", "report.notrated.short", "XS/(XS+T) · XS/T"}

// Cell is the text of the summary table at row, col (row 0 is the header).
func (v *ReportView) Cell(row, col int) string {
	if row == 0 {
		return T(reportHeader[col])
	}
	if v.Summary == nil || row-1 >= len(v.Summary.Groups) {
		return ""
	}
	g := v.Summary.Groups[row-1]
	switch col {
	case 0:
		return Label(g.Group.Label())
	case 1:
		return strconv.Itoa(g.Total)
	case 6:
		return strconv.Itoa(g.NotRated)
	case 7:
		a, b := g.QuotaRatios()
		return domain.Percent(a) + " · " + domain.Percent(b)
	}
	l := domain.Levels[col-2]
	return fmt.Sprintf("%d (%s)", g.Levels[l], domain.Percent(g.Share(l)))
}

// Refresh computes the summary for the year and redraws the charts; the
// trend across years is computed off the UI goroutine.
func (v *ReportView) Refresh() { v.RefreshAsync(nil) }

// RefreshAsync totals the year, and the members' levels of the eight years
// up to it, off the UI goroutine behind the view's progress bar.
func (v *ReportView) RefreshAsync(ready func()) {
	if v.Grid == nil {
		return
	}
	org, year, db := v.u.selected, v.year, v.u.DB
	v.load.run(v.u, func(ctx context.Context) (func(), error) {
		s, err := store.ConferenceSummary(ctx, db, year, org)
		if err != nil {
			return nil, err
		}
		return func() {
			v.show(s)
			// The years before come after, a year at a time being as long
			// as this one: the report is ready without them.
			v.trend.run(v.u, func(ctx context.Context) (func(), error) {
				var trend []*domain.Summary
				for y := year - 7; y <= year; y++ {
					if t, err := db.Summary(ctx, y, org); err == nil && t.Group(domain.GroupMembers).Total > 0 {
						trend = append(trend, t)
					}
					if ctx.Err() != nil {
						return nil, nil
					}
				}
				return func() { v.showTrend(trend) }, nil
			}, nil)
		}, nil
	}, ready)
}

// show puts a year's summary in view.
func (v *ReportView) show(s *domain.Summary) {
	v.Summary = s
	v.Title.SetText(s.Org)
	notes := strings.Join(s.Notes(), "\n")
	v.Notes.SetText(notes)
	v.Notes.Hidden = notes == ""
	v.Notes.Refresh()
	for r, o := range v.names.Objects {
		o.(*widget.Label).SetText(v.Cell(r, 0))
	}
	for i, o := range v.figures.Objects {
		n := len(reportHeader) - 1
		o.(*widget.Label).SetText(v.Cell(i/n, 1+i%n))
	}
	v.Bars.RemoveAll()
	for _, g := range s.Groups {
		bar := NewStackedBar(g.LevelCounts, false)
		v.Bars.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(180, 30), widget.NewLabel(Label(g.Group.Label()))), nil, bar))
	}
}

// showTrend draws the members' levels of the years up to the report's.
func (v *ReportView) showTrend(trend []*domain.Summary) {
	v.Trend.RemoveAll()
	for _, t := range trend {
		bar := NewStackedBar(t.Group(domain.GroupMembers).LevelCounts, true)
		v.Trend.Add(container.NewBorder(nil, widget.NewLabel(strconv.Itoa(t.Year)), nil, nil,
			container.NewGridWrap(fyne.NewSize(48, 160), bar)))
	}
}

// Print asks where to write the year report and writes it.
func (v *ReportView) Print() {
	if v.Summary == nil {
		return
	}
	v.u.PrintDocument(report.SummaryDocument(v.Summary), fmt.Sprintf("bao-cao-xep-loai-%s-%d", v.u.scopeSlug(), v.year))
}
