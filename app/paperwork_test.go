package app

import (
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"xeploai/domain"
	"xeploai/report"
	"xeploai/safefile"
	"xeploai/store"
)

// fiveYearCandidates rates members excellent 2021–2025 and shows the list
// of those five years running.
func (g *given) fiveYearCandidates(ms ...*domain.Member) *CandidateView {
	for y := 2021; y <= 2025; y++ {
		for _, m := range ms {
			g.db.SetMemberRating(ctx, &domain.MemberRating{MemberID: m.ID, Rating: domain.Rating{Year: y, Level: domain.LevelExcellent}})
		}
	}
	g.ui.Tabs.SelectIndex(4)
	v := g.ui.Cands
	v.Kind.SetSelectedIndex(0)
	v.Year.SetSelected("2025")
	v.Refresh()
	v.load.Wait()
	return v
}

// pdfText is a PDF's text, white space folded.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`\s+`).ReplaceAllString(string(out), " ")
}

func TestDocumentsAfterRecordingAndFromTheAwards(t *testing.T) {
	g := newGiven(t)
	g.db.SetSetting(ctx, "heading.signer_name", "Lê Văn Ký")
	v := g.fiveYearCandidates(g.member("Trần Thị Hằng", g.cell1), g.member("Lê Văn Tám", g.cell2))
	// Before recording: the documents of the list, the decision's number as typed.
	v.DecisionNo.SetText("15")
	f, err := v.PrintDocuments()
	if err != nil {
		t.Fatal(err)
	}
	if f.DecisionNo.Text != "15" || f.Signer.Text != "Lê Văn Ký" || f.Chosen() != report.DocDecision {
		t.Errorf("form: no %q signer %q document %q", f.DecisionNo.Text, f.Signer.Text, f.Chosen())
	}
	if got := f.fileName(); got != "quyet-dinh-15.pdf" {
		t.Errorf("file name %q", got)
	}
	f.DecisionNo.SetText("")
	if got := f.fileName(); got != "quyet-dinh-dang-bo-phuong-an-hai-bac.pdf" {
		t.Errorf("file name without a number %q", got)
	}
	f.Date.SetText("31/02/2026")
	if err := f.Write(filepath.Join(t.TempDir(), "x.pdf"), "pdf"); err == nil || !strings.Contains(err.Error(), "Ngày") {
		t.Errorf("a wrong date: %v", err)
	}
	// Recording opens the decision's documents, from the records.
	v.ChooseAll(true)
	v.DecisionNo.SetText("15-QĐ/ĐU")
	v.Date.SetText("20/01/2026")
	v.Issuer.SetText("Ban Thường vụ Đảng ủy phường")
	if err := v.Record(); err != nil {
		t.Fatal(err)
	}
	f = v.Documents
	if f == nil || f.DecisionNo.Text != "15-QĐ/ĐU" || f.Date.Text != "20/01/2026" {
		t.Fatalf("documents after recording: %+v", f)
	}
	dir := t.TempDir()
	dec := filepath.Join(dir, "qd.pdf")
	f.SignerTitle.SetText("K/T BÍ THƯ / PHÓ BÍ THƯ")
	f.Signer.SetText("Trần Văn Ký")
	if err := f.Write(dec, "pdf"); err != nil {
		t.Fatal(err)
	}
	// The signer typed is kept for the next documents.
	if h := report.HeadingFrom(g.db.Settings(ctx)); h.SignerName != "Trần Văn Ký" || h.SignerTitle != "K/T BÍ THƯ / PHÓ BÍ THƯ" {
		t.Errorf("signer kept: %q, %q", h.SignerName, h.SignerTitle)
	}
	if again := g.ui.DocumentsDialog(T("doc.title"), f.batch, report.Decision{}); again.Signer.Text != "Trần Văn Ký" {
		t.Errorf("the next documents' signer: %q", again.Signer.Text)
	}
	text := pdfText(t, dec)
	for _, want := range []string{"Số 15-QĐ/ĐU", "ngày 20 tháng 01 năm 2026", "Điều 1. Tặng Giấy khen cho 2 đồng chí", "K/T BÍ THƯ", "Trần Văn Ký",
		"(Kèm theo Quyết định số 15-QĐ/ĐU, ngày 20/01/2026", "Trần Thị Hằng", "Lê Văn Tám"} {
		if !strings.Contains(text, want) {
			t.Errorf("decision lacks %q:\n%s", want, text)
		}
	}
	f.Document.SetSelectedIndex(2) // certificates
	f.Blank.SetChecked(true)
	certs := filepath.Join(dir, "gk.pdf")
	if err := f.Write(certs, "pdf"); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, certs); strings.Count(text, "GIẤY KHEN") != 2 || !strings.Contains(text, "Đã hoàn thành xuất sắc nhiệm vụ 5 năm liền (2021–2025)") {
		t.Errorf("certificates:\n%s", text)
	}
	// From Khen thưởng: the recorded decision, as a workbook.
	g.ui.Tabs.SelectIndex(3)
	f, err = g.ui.Awards.PrintDecision("15-QĐ/ĐU", domain.NewDate(2026, 1, 20))
	if err != nil {
		t.Fatal(err)
	}
	if f.fileName() != "quyet-dinh-15-qd-du.pdf" {
		t.Errorf("file name %q", f.fileName())
	}
	xlsx := filepath.Join(dir, "qd.xlsx")
	if err := f.Write(xlsx, "xlsx"); err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := wb.GetRows(wb.GetSheetList()[1])
	if len(rows) != 7 || rows[3][1] != "Trần Thị Hằng" || rows[4][1] != "Lê Văn Tám" || rows[6][0] != "Danh sách có 2 đồng chí." {
		t.Errorf("annex sheet %q", rows)
	}
	if _, err := g.ui.Awards.PrintDecision("99", domain.Date{}); err == nil {
		t.Error("documents of a decision nobody was recorded under")
	}
}

func TestTemplatesAreCheckedAndStored(t *testing.T) {
	g := newGiven(t)
	v := g.ui.TemplatesDialog()
	if v.Doc.Selected != report.DocDecisionCertificate || v.Entries["decision.certificate.article1"] == nil {
		t.Fatalf("shown %q with %d texts", v.Doc.Selected, len(v.Entries))
	}
	if !strings.Contains(v.Help.Text, "{{.Count}}") || !strings.Contains(v.Help.Text, "{{.Regulation}}") {
		t.Errorf("help %q", v.Help.Text)
	}
	art2 := v.Entries["decision.certificate.article2"]
	test.Type(art2, " Mức thưởng {{.Tien}}.")
	err := v.Save()
	if err == nil || !strings.Contains(err.Error(), "{{.Tien}}") || !strings.Contains(err.Error(), "Điều 2") {
		t.Fatalf("an unknown placeholder saved: %v", err)
	}
	get := g.db.Settings(ctx)
	if get(report.SettingKey("decision.certificate.article2"), "") != "" {
		t.Error("a text stored although another was refused")
	}
	art2.SetText("Mỗi đồng chí được thưởng theo quy định; {{.Count}} {{.Noun}}.")
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	if got := get(report.SettingKey("decision.certificate.article2"), ""); got != "Mỗi đồng chí được thưởng theo quy định; {{.Count}} {{.Noun}}." {
		t.Errorf("stored %q", got)
	}
	v.Doc.SetSelected(report.DocCertificate)
	if len(v.Entries) != 2 || !strings.Contains(v.Help.Text, "{{.Name}}") || strings.Contains(v.Help.Text, "{{.Count}}") {
		t.Errorf("certificate texts: %d, help %q", len(v.Entries), v.Help.Text)
	}
	v.Doc.SetSelected(report.DocDecisionCertificate)
	if v.Entries["decision.certificate.article2"].Text != "Mỗi đồng chí được thưởng theo quy định; {{.Count}} {{.Noun}}." {
		t.Error("the stored text not shown again")
	}
	v.Reset()
	spec, _ := report.SpecOf("decision.certificate.article2")
	if err := v.Save(); err != nil || get(report.SettingKey("decision.certificate.article2"), "") != spec.Default {
		t.Errorf("reset to the standard text: %v", err)
	}
}

// previewTexts are the texts drawn in the preview with their positions.
// entryText is what the editor's number entries hold.
func (e *CertificateEditor) entryText() string {
	var s []string
	for _, en := range []*Entry{e.OffsetX, e.OffsetY, e.X, e.Y, e.W, e.Size} {
		s = append(s, en.Text)
	}
	return strings.Join(s, " ")
}

func previewTexts(e *CertificateEditor) map[string]fyne.Position {
	out := map[string]fyne.Position{}
	for _, o := range e.Preview.Objects {
		if t, ok := o.(*canvas.Text); ok {
			out[t.Text] = t.Position()
		}
	}
	return out
}

func TestCertificateEditorPreviewsSavesAndPrintsATest(t *testing.T) {
	g := newGiven(t)
	e := g.ui.CertificateDialog()
	if e.Paper.Selected != "A4" || e.Orientation.SelectedIndex() != 0 || e.field().Key != "name" || e.X.Text != "48" {
		t.Fatalf("editor opens on paper %q, orientation %d, field %q at %q", e.Paper.Selected, e.Orientation.SelectedIndex(), e.field().Key, e.X.Text)
	}
	before := previewTexts(e)["Nguyễn Thị Minh Hằng"]
	if before.X == 0 {
		t.Fatalf("the sample name is not in the preview: %v", previewTexts(e))
	}
	if _, ok := previewTexts(e)["GIẤY KHEN"]; ok {
		t.Error("the title previewed on a pre-printed form")
	}
	// Moving the name 20 mm to the right moves it in the preview.
	e.X.SetText("68")
	after := previewTexts(e)["Nguyễn Thị Minh Hằng"]
	scale := float32(previewWidth) / 297
	if d := after.X - before.X; d < 20*scale-1 || d > 20*scale+1 {
		t.Errorf("the preview moved %.1f px for 20 mm (%.1f px expected)", d, 20*scale)
	}
	e.Blank.SetChecked(true)
	if _, ok := previewTexts(e)["GIẤY KHEN"]; !ok {
		t.Error("blank paper previews no title")
	}
	// A field off the paper is refused with its name; nothing is stored.
	e.Field.SetSelectedIndex(6) // the reason
	e.X.SetText("200")
	if err := e.Save(); err == nil || !strings.Contains(err.Error(), "Thành tích") {
		t.Errorf("a field off the paper: %v", err)
	}
	if g.db.Settings(ctx)(report.LayoutKey, "") != "" {
		t.Error("a wrong layout was stored")
	}
	e.X.SetText("38")
	e.OffsetX.SetText("1,5")
	if err := e.Save(); err != nil {
		t.Fatal(err)
	}
	l, err := report.LayoutFrom(g.db.Settings(ctx))
	if err != nil || l.Fields["name"].X != 68 || !l.Blank || l.OffsetX != 1.5 {
		t.Errorf("stored layout %+v (%v)", l, err)
	}
	// Another paper puts the fields at their places on it.
	e.Paper.SetSelected("A5")
	if e.Layout.Paper != "A5" || e.Layout.Fields["name"].W > 148 || e.Layout.OffsetX != 1.5 {
		t.Errorf("A5 layout %+v", e.Layout)
	}
	path := filepath.Join(t.TempDir(), "thu.pdf")
	if err := safefile.Write(path, e.WriteCalibration); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, path); !strings.Contains(text, "IN THỬ VỊ TRÍ GIẤY KHEN (A5 ngang)") {
		t.Errorf("test print:\n%s", text)
	}
	sample := filepath.Join(t.TempDir(), "mau.pdf")
	if err := safefile.Write(sample, e.WriteSample); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, sample); !strings.Contains(text, "Nguyễn Thị Minh Hằng") || !strings.Contains(text, "GIẤY KHEN") {
		t.Errorf("sample:\n%s", text)
	}
}

// TestRecordedNumberAsPrinted: a decision number typed bare is recorded as
// the decision prints it, found by either form, and the field is emptied
// for the next decision.
func TestRecordedNumberAsPrinted(t *testing.T) {
	g := newGiven(t)
	m := g.member("Trần Thị Hằng", g.cell1)
	v := g.fiveYearCandidates(m)
	v.ChooseAll(true)
	v.DecisionNo.SetText(" 127 ")
	v.Date.SetText("20/01/2026")
	if err := v.Record(); err != nil {
		t.Fatal(err)
	}
	as, _ := g.db.Awards(ctx, store.AwardQuery{MemberID: m.ID})
	if len(as) != 1 || as[0].DecisionNo != "127-QĐ/QU" {
		t.Fatalf("awards %+v: want the number 127-QĐ/QU", as)
	}
	if v.DecisionNo.Text != "" {
		t.Errorf("the decision number %q is kept after recording", v.DecisionNo.Text)
	}
	if v.Documents == nil || v.Documents.DecisionNo.Text != "127-QĐ/QU" {
		t.Errorf("the documents after recording: %+v", v.Documents)
	}
	for _, no := range []string{"127", "127-QĐ/QU"} {
		if _, err := g.ui.Awards.PrintDecision(no, domain.Date{}); err != nil {
			t.Errorf("decision %q: %v", no, err)
		}
	}
}

// TestAnotherCommitteesNumberIsKeptAsTyped: a decision of another
// committee (badges are the city's) is recorded with its number in full as
// typed, never given this committee's abbreviation (a bare number is asked
// for in full); this committee's, named as in the heading, is completed.
func TestAnotherCommitteesNumberIsKeptAsTyped(t *testing.T) {
	for _, c := range []struct{ issuer, no, want string }{
		{"Ban Thường vụ Thành ủy", "11", ""}, // refused: asked for in full
		{"Ban Thuong vu Thanh uy", "11-QĐ/TU", "11-QĐ/TU"},
		{"ban thuong vu quan uy", "12", "12-QĐ/QU"}, // the heading's body, any spelling
		{"", "13", "13-QĐ/QU"},
	} {
		g := newGiven(t)
		m := g.member("Trần Thị Hằng", g.cell1)
		v := g.fiveYearCandidates(m)
		v.ChooseAll(true)
		v.DecisionNo.SetText(c.no)
		v.Issuer.SetText(c.issuer)
		v.Date.SetText("20/01/2026")
		err := v.Record()
		if c.want == "" {
			if err == nil || !strings.Contains(err.Error(), "hãy ghi số đầy đủ như trên quyết định (ví dụ 11-QĐ/TU)") {
				t.Errorf("a bare number of another committee: %v", err)
			}
			if as, _ := g.db.Awards(ctx, store.AwardQuery{MemberID: m.ID}); len(as) != 0 {
				t.Errorf("recorded %+v", as)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if as, _ := g.db.Awards(ctx, store.AwardQuery{MemberID: m.ID}); len(as) != 1 || as[0].DecisionNo != c.want {
			t.Errorf("%q by %q recorded %+v, want the number %q", c.no, c.issuer, as, c.want)
		}
	}
}

// TestCertificateEditorChecksAsTyped: a number off the paper, or a font
// out of range, is marked wrong as it is typed and never reaches the
// preview, which is cut at the page's edges; Enter closes the message
// that Save gives.
func TestCertificateEditorChecksAsTyped(t *testing.T) {
	g := newGiven(t)
	e := g.ui.CertificateDialog()
	inPage := func(when string) {
		t.Helper()
		pw, ph := e.Layout.PaperSize()
		scale := float32(previewWidth) / float32(max(pw, ph))
		for _, o := range e.Preview.Objects {
			if txt, ok := o.(*canvas.Text); ok {
				p, s := txt.Position(), txt.MinSize()
				if p.X < 0 || p.Y < -1 || p.X+s.Width > float32(pw)*scale+1 || p.Y+s.Height > float32(ph)*scale+1 {
					t.Errorf("%s: %q drawn at %v size %v, off the page %gx%g mm", when, txt.Text, p, s, pw, ph)
				}
			}
		}
		if size := e.Clip.Size(); math.Abs(float64(size.Width)-pw*float64(scale)) > 1 || math.Abs(float64(size.Height)-ph*float64(scale)) > 1 {
			t.Errorf("%s: the preview is cut at %v, not at the page", when, size)
		}
	}
	inPage("opened")
	for _, c := range []struct {
		entry *Entry
		text  string
		want  string
	}{
		{e.X, "300", "từ 0 đến 292 mm"},
		{e.Size, "200", "từ 6 đến 72 pt"},
		{e.Size, "5", "từ 6 đến 72 pt"},
		{e.Y, "215", "khổ A4 ngang: 297 × 210 mm"},
		{e.W, "260", "chỉ còn 249 mm"},
		{e.OffsetX, "25", "từ -20 đến 20 mm"},
	} {
		old := e.entryText()
		c.entry.SetText(c.text)
		if err := c.entry.Validate(); err == nil || !strings.Contains(SayError(err), c.want) {
			t.Errorf("%q typed: %v, want an error saying %q", c.text, err, c.want)
		}
		if got := e.entryText(); got == old {
			t.Errorf("%q typed: the entries did not change", c.text)
		}
		if p := e.Layout.Fields["name"]; p.X != 48 || p.Size != 24 || p.Y != 106 || p.W != 201 || e.Layout.OffsetX != 0 {
			t.Errorf("%q typed: it reached the layout: %+v offset %g", c.text, p, e.Layout.OffsetX)
		}
		inPage(c.text + " typed")
		c.entry.SetText(map[*Entry]string{e.X: "48", e.Size: "24", e.Y: "106", e.W: "201", e.OffsetX: "0"}[c.entry])
	}
	// On portrait paper 250 mm from the top is right, 220 from the left not.
	e.Orientation.SetSelectedIndex(1)
	e.Y.SetText("250")
	if err := e.Y.Validate(); err != nil {
		t.Errorf("portrait: y 250 mm: %v", err)
	}
	e.X.SetText("220")
	if err := e.X.Validate(); err == nil || !strings.Contains(SayError(err), "khổ A4 dọc") {
		t.Errorf("portrait: x 220 mm: %v", err)
	}
	inPage("portrait")
	// A larger font needs the line lower: the line's entry says so.
	e.X.SetText("20")
	e.Y.SetText("10")
	if err := e.Y.Validate(); err != nil {
		t.Errorf("24 pt on a line 10 mm from the top: %v", err)
	}
	e.Size.SetText("40")
	if e.Y.Validate() == nil {
		t.Error("a 40 pt font on a line 10 mm from the top")
	}
	// Save says what is wrong; Enter closes the message.
	if err := e.Save(); err == nil {
		t.Fatal("saved a wrong place")
	} else {
		g.ui.showError(err)
	}
	c := g.ui.Window.Canvas()
	if top := c.Overlays().Top(); top == nil || !strings.Contains(texts(top), "Họ và tên › "+T("cert.y")) {
		t.Fatalf("no error message naming the field: %v", top)
	}
	if c.Focused() != nil {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	} else {
		c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	if top := c.Overlays().Top(); top == nil || strings.Contains(texts(top), T("Error")) {
		t.Errorf("Enter left the error message open, or closed the editor too: %v", top)
	}
}

// TestAwardsSayTheirFormOnce: a badge, whose content is its form, reads
// once on the member's page and in its record; the documents' form counts
// the list in its own words.
func TestAwardsSayTheirFormOnce(t *testing.T) {
	g := newGiven(t)
	m := g.member("Trần Thị Hằng", g.cell1)
	a := domain.Award{MemberID: m.ID, Form: domain.FormBadge, Milestone: 30, Content: "Huy hiệu 30 năm tuổi Đảng", Year: 2025, DecisionNo: "9-QĐ/QU"}
	if err := g.db.CreateAward(ctx, &a); err != nil {
		t.Fatal(err)
	}
	g.ui.Members.ShowMember(m.ID)
	if text := texts(g.ui.Window.Canvas().Overlays().Top()); strings.Count(text, "Huy hiệu 30 năm tuổi Đảng") != 1 {
		t.Errorf("member page: %q", text)
	}
	g.ui.Window.Canvas().Overlays().Top().Hide()
	g.ui.Window.Canvas().Overlays().Remove(g.ui.Window.Canvas().Overlays().Top())
	g.ui.Awards.ShowAward(a)
	if text := texts(g.ui.Window.Canvas().Overlays().Top()); strings.Count(text, "Huy hiệu 30 năm tuổi Đảng") != 1 {
		t.Errorf("award record: %q", text)
	}
	v := g.fiveYearCandidates(m)
	v.ChooseAll(true)
	f, err := v.PrintDocuments()
	if err != nil {
		t.Fatal(err)
	}
	if text := texts(f.Content); !strings.Contains(text, "Danh sách có 1 đồng chí") || strings.Contains(text, "tập thể") {
		t.Errorf("documents form: %q", text)
	}
}

func TestScoreDialogNamesTheMember(t *testing.T) {
	g := newGiven(t)
	g.member("Bùi Văn An", g.cell1)
	g.ui.Tabs.SelectIndex(1)
	g.ui.Orgs.Tree.Select(uid(g.cell1.ID))
	v := g.ui.Ratings
	v.Year.SetSelected("2025")
	if err := v.Set(0, domain.LevelGood, "", nil); err != nil {
		t.Fatal(err)
	}
	v.askScore(0)
	if text := texts(g.ui.Window.Canvas().Overlays().Top()); !strings.Contains(text, T("rating.score")+" — Bùi Văn An") {
		t.Errorf("score dialog: %q", text)
	}
}

// TestPaperworkMessagesInEnglish: the certificate editor's and the
// templates' messages are said in English when it is chosen.
func TestPaperworkMessagesInEnglish(t *testing.T) {
	SetLanguage(LangEnglish)
	t.Cleanup(func() { SetLanguage(LangVietnamese) })
	c := report.DefaultLayout("A4", true).CheckField(report.FieldPos{X: 300, Y: 106, W: 201, Size: 200})
	if got, want := SayError(c.X), "300 mm: from 0 to 292 mm (A4 landscape: 297 × 210 mm)"; got != want {
		t.Errorf("x: %q, want %q", got, want)
	}
	if got, want := SayError(c.Size), "200 pt: from 6 to 72 pt"; got != want {
		t.Errorf("size: %q, want %q", got, want)
	}
	err := report.CheckTemplate("decision.certificate.summary", "về việc {{{.Count}}")
	if got := SayError(err); !strings.Contains(got, "line 1, character 9, “{{{.Count}}”: a placeholder is written wrong") || !strings.Contains(got, "Placeholders this text may use: {{.Count}}") {
		t.Errorf("template: %q", got)
	}
}
