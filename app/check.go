package app

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/store"
)

// CheckView lists the year's violations of the rules, grouped by rule; a
// violation opens its subject.
type CheckView struct {
	u       *UI
	Content fyne.CanvasObject
	Year    *widget.Select
	List    *widget.List
	Summary *widget.Label
	// Lines are the list's rows: a rule heading (Violation.Rule set, Subject
	// empty) or a violation.
	Lines []domain.Violation
	year  int
	load  *loader
}

func newCheckView(u *UI) *CheckView {
	v := &CheckView{u: u, Summary: widget.NewLabel(""), load: newLoader()}
	v.load.Failed = func() {
		v.Lines = nil
		v.Summary.SetText("")
		if v.List != nil {
			v.List.Refresh()
		}
	}
	v.Summary.Wrapping = fyne.TextWrapWord
	this := domain.Today().Year
	var years []string
	for y := this; y >= 2018; y-- {
		years = append(years, strconv.Itoa(y))
	}
	v.year = this - 1
	v.Year = newSelect(years, nil)
	v.Year.SetSelected(strconv.Itoa(v.year))
	v.Year.OnChanged = func(s string) { v.year, _ = strconv.Atoi(s); v.Refresh() }
	v.List = newLineList(func() int { return len(v.Lines) }, v.Text,
		func(i int) fyne.TextStyle { return fyne.TextStyle{Bold: v.Lines[i].Subject == ""} })
	v.List.OnSelected = func(i widget.ListItemID) {
		v.List.UnselectAll()
		v.Open(i)
	}
	top := container.NewHBox(widget.NewLabel(T("col.year")), v.Year, widget.NewButton(T("check.run"), v.Refresh),
		widget.NewButton(T("check.settings"), v.ShowSettings))
	v.Content = container.NewBorder(container.NewVBox(top, v.load.Busy, v.Summary), nil, nil, nil, v.List)
	return v
}

// Text is what line i of the list reads.
func (v *CheckView) Text(i int) string {
	line := v.Lines[i]
	if line.Subject == "" {
		return ruleTitle(line.Rule)
	}
	msg := Say(line.Text, line.Message)
	if line.SubjectKind == "member" {
		return fmt.Sprintf("%s (%s): %s — %s", findingWho(line), line.Org, msg, SaySource(line.Source))
	}
	return fmt.Sprintf("%s: %s — %s", line.Org, msg, SaySource(line.Source))
}

// ruleTitle names a rule as a heading of the findings, with its id.
func ruleTitle(rule string) string {
	return T("rule."+rule) + " [" + rule + "]"
}

// Refresh runs the checks for the year over the selected organisation.
func (v *CheckView) Refresh() { v.RefreshAsync(nil) }

// RefreshAsync checks the year off the UI goroutine (the whole tree at
// 500,000 members takes seconds) behind the view's progress bar.
func (v *CheckView) RefreshAsync(ready func()) {
	if v.List == nil {
		return
	}
	rs := domain.RuleSetFor(v.year)
	if rs == nil {
		v.Lines = nil
		v.Summary.SetText(T("check.norules"))
		v.List.Refresh()
		if ready != nil {
			ready()
		}
		return
	}
	year, scope, db := v.year, v.u.selected, v.u.DB
	v.Summary.SetText(T("check.running", kv("Year", year)))
	check := func(ctx context.Context, scope int64) ([]domain.Violation, *domain.CheckInput, error) {
		in, err := db.CheckInput(ctx, year, scope)
		if err != nil {
			return nil, nil, err
		}
		return domain.Check(in), in, nil
	}
	whole := func() {
		v.load.run(v.u, func(ctx context.Context) (func(), error) {
			vs, in, err := check(ctx, scope)
			if err != nil {
				return nil, err
			}
			return func() {
				v.show(vs)
				v.Summary.SetText(T("check.summary", kv("Year", year, "Regulation", rs.Regulation, "Guidance", rs.Guidance, "Count", len(vs),
					"Review", in.ReviewDate().String())))
			}, nil
		}, ready)
	}
	if scope != 0 {
		whole()
		return
	}
	// The whole of a large tree takes seconds: the first grassroots
	// organisation's findings show first, the rest follow.
	v.load.run(v.u, func(ctx context.Context) (func(), error) {
		tree, err := db.Tree(ctx, domain.YearEnd(year))
		if err != nil || tree.Len() < largeTree {
			return whole, err
		}
		first := tree.FirstGrassroots()
		if first == 0 {
			return whole, nil
		}
		vs, _, err := check(ctx, first)
		if err != nil {
			return nil, err
		}
		return func() {
			v.show(vs)
			v.Summary.SetText(T("check.partial", kv("Year", year, "Org", tree.Org(first).Name, "Count", len(vs))))
			v.u.trace("first %s %d", strconv.Quote(T("nav.check")), time.Since(v.u.tabShown).Milliseconds())
			whole()
		}, nil
	}, nil)
}

// largeTree is the number of organisations from which the whole tree's
// check shows a first part before the rest.
const largeTree = 2000

// show lists findings under their rules' headings.
func (v *CheckView) show(vs []domain.Violation) {
	var lines []domain.Violation
	last := ""
	for _, x := range vs {
		if x.Rule != last {
			lines = append(lines, domain.Violation{Rule: x.Rule, Source: x.Source})
			last = x.Rule
		}
		lines = append(lines, x)
	}
	v.Lines = lines
	v.List.Refresh()
}

// findingWho names a finding's subject in the interface's language: a
// member with the card's number, or the date of birth where there is no
// card, so that two of one name are told apart.
func findingWho(f domain.Violation) string {
	if f.SubjectKind != "member" {
		return f.Subject
	}
	return domain.MemberWho(f.Subject, f.Card, f.Born,
		func(card string) string { return T("cand.card", kv("Card", card)) },
		func(born domain.Date) string { return T("finding.born", kv("Date", born.String())) })
}

// ShowSettings opens the settings the checks read: the year's review date
// (from which the six-month rule counts) and the readings of what the texts
// leave open, each with the reading followed by default.
func (v *CheckView) ShowSettings() {
	u := v.u
	review, err := u.DB.ReviewDate(u.ctx, v.year)
	if err != nil {
		u.showError(err)
		return
	}
	date := dateEntry(review)
	// Out of the year's range is said as it is typed, and Lưu waits for a
	// right day: nothing chosen in the dialog is lost to a refusal after it
	// closed.
	date.Validator = func(s string) error {
		d, err := parseOptionalDate(T("check.review", kv("Year", v.year)), s)
		if err == nil && !d.IsZero() {
			err = domain.ValidReviewDate(v.year, d)
		}
		return err
	}
	reviewItem := widget.NewFormItem(T("check.review", kv("Year", v.year)), date)
	reviewItem.HintText = T("check.review.hint")
	items := []*widget.FormItem{reviewItem}
	readings := []string{store.SettingQuotaDenominator, store.SettingShares, store.SettingQuotaGroups, store.SettingLinks}
	selects := make([]*widget.Select, len(readings))
	for i, key := range readings {
		var labels []string
		for _, val := range store.ReadingValues(key) {
			labels = append(labels, T("reading."+key+"."+val))
		}
		selects[i] = newSelect(labels, nil)
		cur, err := u.DB.Reading(u.ctx, key)
		if err != nil {
			u.showError(err)
			return
		}
		selects[i].SetSelected(T("reading." + key + "." + cur))
		u.writer(selects[i])
		item := widget.NewFormItem(T("reading."+key), selects[i])
		item.HintText = T("reading." + key + ".hint")
		items = append(items, item)
	}
	d := dialog.NewForm(T("check.settings"), T("Save"), T("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		d, err := parseOptionalDate(T("check.review", kv("Year", v.year)), date.Text)
		if err == nil {
			err = u.DB.SetReviewDate(u.ctx, v.year, d)
		}
		for i, key := range readings {
			if err == nil && selects[i].SelectedIndex() >= 0 {
				err = u.DB.SetReading(u.ctx, key, store.ReadingValues(key)[selects[i].SelectedIndex()])
			}
		}
		if err != nil {
			u.showError(err)
			return
		}
		v.Refresh()
		u.Ratings.Refresh()
	}, u.Window)
	d.Resize(fyne.NewSize(860, 420))
	d.Show()
}

// Open shows the subject of line i: a member's page, or the organisation's
// ratings for the year.
func (v *CheckView) Open(i int) {
	line := v.Lines[i]
	switch {
	case line.Subject == "":
	case line.SubjectKind == "member":
		v.u.Members.ShowMember(line.SubjectID)
	default:
		v.u.Orgs.Tree.Select(uid(line.SubjectID))
		v.u.Ratings.Year.SetSelected(strconv.Itoa(v.year))
		v.u.Tabs.SelectIndex(1)
	}
}
