package app

import (
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/report"
	"xeploai/store"
)

// screenTexts opens every tab, menu and dialog of a window on a database
// whose data is ASCII-only, and returns each text the interface itself
// shows (labels, buttons, choices, placeholders, titles), by where it is.
// Texts the user typed or the documents' own wording (an entry's text, the
// printed documents' templates and the certificate's sample) are data.
func screenTexts(t *testing.T, language string) map[string]string {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	db, err := store.Open(filepath.Join(t.TempDir(), "lang.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.SetSetting(ctx, "language", language); err != nil {
		t.Fatal(err)
	}
	ward := &domain.Org{Name: "Ward One", Kind: domain.KindGrassrootsCommittee, Code: "W1"}
	db.CreateOrg(ctx, ward)
	cell := &domain.Org{Name: "Cell One", Kind: domain.KindCell, ParentID: ward.ID, Code: "C1"}
	db.CreateOrg(ctx, cell)
	m := &domain.Member{FullName: "Tran Van An", BirthDate: domain.NewDate(1970, 1, 2), AdmittedOn: domain.NewDate(1995, 2, 3), CardNo: "12345678", CellID: cell.ID}
	db.CreateMember(ctx, m)
	score := 60.0
	db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelGood, Score: &score}})
	db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: 2024, NotRatedReason: "Nghi om"}})
	db.SetOrgRating(ctx, &domain.OrgRating{OrgID: cell.ID, Rating: domain.Rating{Year: 2025, Level: domain.LevelExcellent}})
	a := test.NewTempApp(t)
	u := New(a, db, Options{Version: "test"})
	u.Window.Resize(fyne.NewSize(1200, 800))
	t.Cleanup(func() { SetLanguage(LangVietnamese) })
	c := u.Window.Canvas()
	seen := map[string]string{}
	collect := func(where string, o fyne.CanvasObject) {
		walkObjects(o, func(o fyne.CanvasObject) {
			var texts []string
			switch w := o.(type) {
			case *widget.Label:
				texts = append(texts, w.Text)
			case *widget.Button:
				texts = append(texts, w.Text)
			case *widget.Check:
				texts = append(texts, w.Text)
			case *widget.Select:
				texts = append(append(texts, w.PlaceHolder), w.Options...)
			case *widget.RadioGroup:
				texts = append(texts, w.Options...)
			case *Entry:
				texts = append(texts, w.PlaceHolder)
			case *widget.Entry:
				texts = append(texts, w.PlaceHolder)
			}
			for _, s := range texts {
				if s = strings.TrimSpace(s); s != "" {
					seen[s] = where
				}
			}
		})
	}
	closeAll := func() {
		for c.Overlays().Top() != nil {
			top := c.Overlays().Top()
			top.Hide()
			c.Overlays().Remove(top)
		}
	}
	dialogOf := func(where string, open func()) {
		open()
		if top := c.Overlays().Top(); top != nil {
			collect(where, top)
		} else {
			t.Errorf("%s opened no dialog", where)
		}
		closeAll()
	}
	u.Orgs.Tree.Select(uid(cell.ID))
	for i, tab := range u.Tabs.Items {
		u.Tabs.SelectIndex(i)
		u.Check.load.Wait()
		u.Cands.load.Wait()
		u.Report.load.Wait()
		seen[tab.Text] = "tab"
		collect("tab "+tab.Text, tab.Content)
	}
	collect("tree", u.Orgs.Content)
	collect("window", c.Content())
	var menu func(where string, items []*fyne.MenuItem)
	menu = func(where string, items []*fyne.MenuItem) {
		for _, it := range items {
			if it.Label != "" {
				seen[it.Label] = where
			}
			if it.ChildMenu != nil {
				menu(where+" › "+it.Label, it.ChildMenu.Items)
			}
		}
	}
	for _, m := range u.Window.MainMenu().Items {
		seen[m.Label] = "menu"
		menu("menu "+m.Label, m.Items)
	}
	dialogOf("member form", func() { u.Members.NewMember() })
	dialogOf("member page", func() { u.Members.ShowMember(m.ID) })
	dialogOf("search help", u.SearchHelp)
	dialogOf("history", u.StepsDialog)
	dialogOf("trash", u.TrashDialog)
	dialogOf("user settings", u.DataSettingsDialog)
	dialogOf("typing settings", u.TypingDialog)
	dialogOf("headings", u.HeadingDialog)
	dialogOf("about", u.about)
	dialogOf("check settings", func() { u.Tabs.SelectIndex(2); u.Check.ShowSettings() })
	dialogOf("save dialog", func() { u.PrintDocument(report.Document{Title: "x"}, "x") })
	dialogOf("award form", func() { u.Awards.AddDialog(nil) })
	dialogOf("new organisation", func() { u.Orgs.addDialog() })
	dialogOf("documents", func() { u.Tabs.SelectIndex(4); u.Cands.load.Wait(); u.Cands.Print() })
	u.Tabs.SelectIndex(1)
	u.Ratings.Year.SetSelected("2025")
	dialogOf("reason", func() { u.Ratings.askReason(0) })
	dialogOf("score", func() { u.Ratings.askScore(0) })
	return seen
}

// documentNames are the party documents' own numbers (QĐ 366-QĐ/TW,
// HD 43-HD/BTCTW, 127-QĐ/QU): names, the same in any language.
var documentNames = regexp.MustCompile(`\b(QĐ|HD)( [0-9]+)?-?|[0-9]*-?(QĐ|HD)/[A-Z]+`)

// vietnameseLetters reports letters only Vietnamese writes (with marks, đ).
func vietnameseLetters(s string) bool {
	for _, r := range s {
		if r > 0x7f && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// TestEveryScreenSpeaksEnglish: with English chosen, no tab, menu or dialog
// of the window shows Vietnamese, outside the data (which is ASCII here).
func TestEveryScreenSpeaksEnglish(t *testing.T) {
	seen := screenTexts(t, LangEnglish)
	var bad []string
	for s, where := range seen {
		switch {
		case where == "typing settings":
			continue // how to type Vietnamese letters is shown with them
		case s == "Tiếng Việt":
			continue // a language is named in itself
		case where == "documents" && strings.Contains(s, "BÍ THƯ"):
			continue // the signer's title as the Vietnamese document writes it
		}
		if vietnameseLetters(documentNames.ReplaceAllString(strings.ReplaceAll(s, "Sơn Trà", ""), "")) {
			bad = append(bad, where+": "+s)
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("Vietnamese in English: %s", b)
	}
	for _, want := range []string{"Excellent", "Completed tasks well"} {
		found := false
		for s := range seen {
			found = found || strings.Contains(s, want)
		}
		if !found {
			t.Errorf("no %q anywhere in English", want)
		}
	}
}

// TestEveryScreenSpeaksVietnamese: in Vietnamese, none of Fyne's own English
// words shows (choice boxes' "(Select one)", Cancel, OK …).
func TestEveryScreenSpeaksVietnamese(t *testing.T) {
	english := []string{"(Select one)", "Cancel", "OK", "Save", "Open", "Yes", "No", "Close", "Confirm", "Error"}
	for s, where := range screenTexts(t, LangVietnamese) {
		for _, e := range english {
			if s == e {
				t.Errorf("English in Vietnamese: %s: %s", where, s)
			}
		}
	}
}
