package app

import (
	"image/color"
	"io"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"xeploai/domain"
	"xeploai/report"
	"xeploai/safefile"
)

// CertificateEditor sets where each field of a certificate is printed
// (Cài đặt › Giấy khen): the paper, the printer's offset, blank paper or a
// pre-printed form, and for each field its place, line length, font size
// and alignment, with a live preview of the page; a test print (a mm grid
// with the field boxes) checks it against a blank form.
type CertificateEditor struct {
	u           *UI
	Content     fyne.CanvasObject
	Paper       *widget.Select
	Orientation *widget.Select
	OffsetX     *Entry
	OffsetY     *Entry
	Blank       *widget.Check
	Field       *widget.Select
	X, Y, W     *Entry
	Size        *Entry
	Align       *widget.Select
	Preview     *fyne.Container
	Clip        *container.Clip // the preview, cut at the page's edges
	Layout      report.CertificateLayout

	pageSize *canvas.Rectangle // holds the page's size

	settings report.Settings
	loading  bool // set while the entries are filled from the layout
}

// previewWidth is the preview's size in pixels along the paper's longer side.
const previewWidth = 440

var orientations = []string{"cert.landscape", "cert.portrait"}

func newCertificateEditor(u *UI) *CertificateEditor {
	e := &CertificateEditor{u: u, Preview: container.NewWithoutLayout(), pageSize: canvas.NewRectangle(color.Transparent)}
	s, err := report.SettingsFrom(u.DB.Settings(u.ctx))
	if err != nil {
		u.showError(err)
	}
	e.settings, e.Layout = s, s.Layout
	e.Paper = newSelect([]string{"A4", "A5"}, func(p string) { e.paperChanged() })
	var orient []string
	for _, o := range orientations {
		orient = append(orient, T(o))
	}
	e.Orientation = newSelect(orient, func(string) { e.paperChanged() })
	e.OffsetX, e.OffsetY = numberEntry(e.changed), numberEntry(e.changed)
	e.Blank = widget.NewCheck(T("doc.blank"), func(bool) { e.changed() })
	var fields []string
	for _, f := range report.CertFields {
		fields = append(fields, certFieldLabel(f))
	}
	e.Field = newSelect(fields, func(string) { e.showField() })
	e.X, e.Y, e.W, e.Size = numberEntry(e.changed), numberEntry(e.changed), numberEntry(e.changed), numberEntry(e.changed)
	// Each number is checked as it is typed against the paper, its
	// orientation and the font (report.CheckField).
	e.X.Validator = e.placeValidator(func(p *report.FieldPos, v float64) { p.X = v }, func(c report.FieldCheck) error { return c.X })
	e.Y.Validator = e.placeValidator(func(p *report.FieldPos, v float64) { p.Y = v }, func(c report.FieldCheck) error { return c.Y })
	e.W.Validator = e.placeValidator(func(p *report.FieldPos, v float64) { p.W = v }, func(c report.FieldCheck) error { return c.W })
	e.Size.Validator = e.placeValidator(func(p *report.FieldPos, v float64) { p.Size = v }, func(c report.FieldCheck) error { return c.Size })
	for _, en := range []*Entry{e.OffsetX, e.OffsetY} {
		en.Validator = func(s string) error {
			v, err := domain.ParseDecimal(s)
			if err == nil && math.Abs(v) > report.MaxOffset {
				return domain.Errorf(domain.EINVALID, "", "%s mm: từ -%s đến %s mm", domain.Decimal(v), domain.Decimal(report.MaxOffset), domain.Decimal(report.MaxOffset))
			}
			return err
		}
	}
	e.Align = newSelect([]string{T("cert.centre"), T("cert.left")}, func(string) { e.changed() })
	e.fill()
	save := widget.NewButton(T("Save"), func() {
		if err := e.Save(); err != nil {
			u.showError(err)
			return
		}
		u.Status.SetText(T("cert.saved"))
	})
	save.Importance = widget.HighImportance
	u.writer(save)
	help := widget.NewLabel(T("cert.help"))
	help.Wrapping = fyne.TextWrapWord
	controls := container.NewVBox(
		widget.NewForm(
			widget.NewFormItem(T("cert.paper"), container.NewGridWithColumns(2, e.Paper, e.Orientation)),
			widget.NewFormItem(T("cert.offset"), container.NewGridWithColumns(2, e.OffsetX, e.OffsetY)),
			widget.NewFormItem("", e.Blank),
			widget.NewFormItem(T("cert.field"), e.Field),
			widget.NewFormItem(T("cert.x"), e.X),
			widget.NewFormItem(T("cert.y"), e.Y),
			widget.NewFormItem(T("cert.w"), e.W),
			widget.NewFormItem(T("cert.size"), e.Size),
			widget.NewFormItem(T("cert.align"), e.Align),
		),
		help,
		container.NewGridWithColumns(2,
			widget.NewButton(T("cert.default"), func() { e.Layout = report.DefaultLayout(e.Layout.Paper, e.Layout.Landscape); e.fill() }),
			widget.NewButton(T("cert.calibration"), func() { e.writeDialog("in-thu-giay-khen.pdf", e.WriteCalibration) }),
			widget.NewButton(T("cert.sample"), func() { e.writeDialog("giay-khen-mau.pdf", e.WriteSample) }),
			save,
		),
	)
	// The preview is clipped to the page: nothing is drawn across the
	// dialog, whatever is typed.
	e.Clip = container.NewClip(e.Preview)
	e.Content = container.NewBorder(nil, nil, controls, nil, container.NewCenter(container.NewStack(e.pageSize, e.Clip)))
	e.drawPreview()
	return e
}

// placeValidator checks the number of an entry (set puts it into a field's
// place) with the other numbers as typed, and reports the part of the
// check that concerns it.
func (e *CertificateEditor) placeValidator(set func(*report.FieldPos, float64), part func(report.FieldCheck) error) func(string) error {
	return func(s string) error {
		v, err := domain.ParseDecimal(s)
		if err != nil {
			return err
		}
		p := e.typed()
		set(&p, v)
		return part(e.Layout.CheckField(p))
	}
}

// typed is the chosen field's place with the numbers as typed (those that
// read as numbers).
func (e *CertificateEditor) typed() report.FieldPos {
	p := e.Layout.Fields[e.field().Key]
	for _, x := range []struct {
		en  *Entry
		dst *float64
	}{{e.X, &p.X}, {e.Y, &p.Y}, {e.W, &p.W}, {e.Size, &p.Size}} {
		if x.en == nil {
			continue
		}
		if f, err := domain.ParseDecimal(x.en.Text); err == nil {
			*x.dst = f
		}
	}
	return p
}

func certFieldLabel(f report.CertField) string {
	if s := T("cert.field." + f.Key); s != "cert.field."+f.Key {
		return s
	}
	return f.Label
}

// numberEntry is an entry for millimetres or points ("12,5" or "12.5").
func numberEntry(changed func()) *Entry {
	e := newEntry()
	e.Validator = func(s string) error { _, err := domain.ParseDecimal(s); return err }
	e.OnChanged = func(string) { changed() }
	return e
}

// fill shows the layout in the entries.
func (e *CertificateEditor) fill() {
	e.loading = true
	defer func() { e.loading = false; e.changed() }()
	e.Paper.SetSelected(e.Layout.Paper)
	e.Orientation.SetSelectedIndex(map[bool]int{true: 0, false: 1}[e.Layout.Landscape])
	e.OffsetX.SetText(domain.Decimal(e.Layout.OffsetX))
	e.OffsetY.SetText(domain.Decimal(e.Layout.OffsetY))
	e.Blank.SetChecked(e.Layout.Blank)
	if e.Field.SelectedIndex() < 0 {
		e.Field.SetSelectedIndex(4) // the name
	}
	e.showField()
}

func (e *CertificateEditor) field() report.CertField {
	return report.CertFields[max(0, e.Field.SelectedIndex())]
}

// showField shows the chosen field's place in the entries.
func (e *CertificateEditor) showField() {
	if e.X == nil {
		return
	}
	was := e.loading
	e.loading = true
	p := e.Layout.Fields[e.field().Key]
	e.X.SetText(domain.Decimal(p.X))
	e.Y.SetText(domain.Decimal(p.Y))
	e.W.SetText(domain.Decimal(p.W))
	e.Size.SetText(domain.Decimal(p.Size))
	e.Align.SetSelectedIndex(map[bool]int{true: 1, false: 0}[p.Align == "L"])
	e.loading = was
	e.changed()
}

// paperChanged puts the fields at their default places on another paper.
func (e *CertificateEditor) paperChanged() {
	if e.loading || e.Paper == nil || e.Orientation == nil {
		return
	}
	landscape := e.Orientation.SelectedIndex() == 0
	if e.Paper.Selected == e.Layout.Paper && landscape == e.Layout.Landscape {
		return
	}
	blank, ox, oy := e.Layout.Blank, e.Layout.OffsetX, e.Layout.OffsetY
	e.Layout = report.DefaultLayout(e.Paper.Selected, landscape)
	e.Layout.Blank, e.Layout.OffsetX, e.Layout.OffsetY = blank, ox, oy
	e.fill()
}

// changed reads the entries into the layout (those that read as numbers)
// and redraws the preview.
func (e *CertificateEditor) changed() {
	if e.loading || e.Align == nil {
		return
	}
	// Only numbers that are right reach the layout and the preview; the
	// entries say what is wrong with the others as they are typed.
	for _, x := range []struct {
		en  *Entry
		dst *float64
	}{{e.OffsetX, &e.Layout.OffsetX}, {e.OffsetY, &e.Layout.OffsetY}} {
		if f, err := domain.ParseDecimal(x.en.Text); err == nil && x.en.Validate() == nil {
			*x.dst = f
		}
	}
	e.Layout.Blank = e.Blank.Checked
	key := e.field().Key
	p := e.typed()
	p.Align = "C"
	if e.Align.SelectedIndex() == 1 {
		p.Align = "L"
	}
	// The numbers depend on each other (a larger font needs the line
	// lower): each entry is checked again.
	valid := true
	for _, en := range []*Entry{e.X, e.Y, e.W, e.Size} {
		valid = en.Validate() == nil && valid
	}
	if valid {
		e.Layout.Fields[key] = p
	}
	e.drawPreview()
}

// sample is the recipient the preview and the sample print show.
func (e *CertificateEditor) sample() (report.Person, report.Batch, report.Decision) {
	p := report.Person{Name: "Nguyễn Thị Minh Hằng", Org: "Đảng bộ phường An Hải Bắc › Chi bộ Khu dân cư số 3",
		Content: "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2021–2025)"}
	return p, report.Batch{Form: domain.FormCertificate, Group: domain.GroupMembers, People: []report.Person{p}},
		report.Decision{No: "127", Date: domain.Today()}
}

// drawPreview draws the page at scale: the paper, each field's line and
// box, its text (the chosen field's box in orange).
func (e *CertificateEditor) drawPreview() {
	l := e.Layout
	pw, ph := l.PaperSize()
	scale := float32(previewWidth) / float32(max(pw, ph))
	px := func(mm float64) float32 { return float32(mm) * scale }
	var objs []fyne.CanvasObject
	paper := canvas.NewRectangle(color.White)
	paper.StrokeColor, paper.StrokeWidth = color.Gray{Y: 120}, 1
	paper.Resize(fyne.NewSize(px(pw), px(ph)))
	objs = append(objs, paper)
	red := color.NRGBA{R: 170, G: 20, B: 20, A: 255}
	if l.Blank {
		for _, in := range []float64{8, 11} {
			r := canvas.NewRectangle(color.Transparent)
			r.StrokeColor, r.StrokeWidth = red, 1
			r.Move(fyne.NewPos(px(in+l.OffsetX), px(in+l.OffsetY)))
			r.Resize(fyne.NewSize(px(pw-2*in), px(ph-2*in)))
			objs = append(objs, r)
		}
	}
	p, b, dec := e.sample()
	h := e.settings.Heading
	if h.SignerName == "" {
		h.SignerName = T("cert.field.signer") // what goes there, when no name is set
	}
	texts, _ := report.CertificateTexts(p, b, dec, h, e.settings.Templates)
	chosen := e.field().Key
	for _, f := range report.CertFields {
		if f.BlankOnly && !l.Blank {
			continue
		}
		pos := l.Fields[f.Key]
		if pos.Size < 1 || pos.W < 1 {
			continue // being typed
		}
		sizePx := px(pos.Size * 25.4 / 72)
		style := fyne.TextStyle{Bold: f.Style == "B", Italic: f.Style == "I"}
		box := canvas.NewRectangle(color.Transparent)
		box.StrokeColor, box.StrokeWidth = color.NRGBA{R: 60, G: 110, B: 220, A: 140}, 1
		if f.Key == chosen {
			box.StrokeColor, box.StrokeWidth = color.NRGBA{R: 240, G: 130, B: 0, A: 255}, 2
		}
		box.Move(fyne.NewPos(px(pos.X+l.OffsetX), px(pos.Y+l.OffsetY)-sizePx))
		box.Resize(fyne.NewSize(px(pos.W), sizePx*1.25))
		objs = append(objs, box)
		width := func(s string) float64 {
			return float64(fyne.MeasureText(s, sizePx, style).Width / scale)
		}
		for _, line := range report.FieldLines(l, f, texts[f.Key], width) {
			t := canvas.NewText(line.Text, color.Black)
			if f.Key == "title" {
				t.Color = red
			}
			t.TextSize, t.TextStyle = sizePx, style
			// canvas.Text is placed by its top; the line is its baseline.
			t.Move(fyne.NewPos(px(line.X), px(line.Y)-sizePx*0.95))
			objs = append(objs, t)
		}
	}
	size := fyne.NewSize(px(pw), px(ph))
	e.pageSize.SetMinSize(size)
	e.Preview.Objects = objs
	e.Preview.Resize(size)
	e.Preview.Refresh()
	if e.Clip != nil {
		e.Clip.Resize(size)
		e.Clip.Refresh()
	}
}

// Save checks the layout and stores it.
func (e *CertificateEditor) Save() error {
	for _, x := range []struct {
		en    *Entry
		label string
	}{{e.OffsetX, T("cert.offset")}, {e.OffsetY, T("cert.offset")}, {e.X, T("cert.x")}, {e.Y, T("cert.y")}, {e.W, T("cert.w")}, {e.Size, T("cert.size")}} {
		if err := x.en.Validate(); err != nil {
			field := x.label
			if x.en != e.OffsetX && x.en != e.OffsetY {
				field = certFieldLabel(e.field()) + " › " + x.label
			}
			return domain.Errorf(domain.EINVALID, field, "%s", SayError(err))
		}
	}
	if err := e.Layout.Validate(); err != nil {
		return err
	}
	return e.u.DB.SetSetting(e.u.ctx, report.LayoutKey, e.Layout.JSON())
}

// WriteCalibration writes the test print of the layout being edited.
func (e *CertificateEditor) WriteCalibration(w io.Writer) error {
	return report.WriteCalibration(w, e.Layout)
}

// WriteSample writes one certificate with the sample texts.
func (e *CertificateEditor) WriteSample(w io.Writer) error {
	_, b, dec := e.sample()
	return report.WriteCertificates(w, b, dec, e.settings.Heading, e.Layout, e.settings.Templates)
}

// writeDialog asks where to write a PDF, writes it and offers to open it.
func (e *CertificateEditor) writeDialog(name string, write func(io.Writer) error) {
	if err := e.Layout.Validate(); err != nil {
		e.u.showError(err)
		return
	}
	e.u.askSave(T("cert.title"), name, []saveFormat{formatPDF}, false, func(path, _ string) {
		e.u.runLong(T("working"), func() error { return safefile.Write(path, write) }, func() { e.u.written(path) })
	})
}

// CertificateDialog opens the certificate layout editor.
func (u *UI) CertificateDialog() *CertificateEditor {
	e := newCertificateEditor(u)
	d := dialog.NewCustom(T("cert.title"), T("Close"), e.Content, u.Window)
	u.resizeWithin(d, 1120, 640)
	d.Show()
	return e
}
