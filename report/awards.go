package report

import (
	"fmt"
	"sort"
	"strings"

	"xeploai/domain"
)

// Person is one recipient (a member or an organisation) in an award document.
type Person struct {
	Name       string
	IsOrg      bool        // an organisation, not a member
	BirthDate  domain.Date // members only
	AdmittedOn domain.Date // badges: ngày vào Đảng
	OfficialOn domain.Date // badges: ngày chính thức
	PartyAge   string      // badges: at the occasion, "30 năm"
	Org        string      // path: committee › cell; an organisation's own path
	Content    string      // the award's content or the candidate's detail
	Milestone  int         // badges
	Note       string      // Ghi chú: "Truy tặng", "Đề nghị sớm: bệnh hiểm nghèo"
}

// Unit is the person's cell and committee, as a certificate writes it:
// "Chi bộ Khu dân cư số 3, Đảng bộ phường An Hải Bắc"; for an organisation,
// the one it is under.
func (p Person) Unit() string {
	parts := strings.Split(p.Org, " › ")
	if p.IsOrg {
		parts = parts[:len(parts)-1]
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	if len(parts) > 2 {
		parts = []string{parts[0], parts[len(parts)-1]}
	}
	return strings.Join(parts, ", ")
}

// cellAndCommittee splits the path into the person's own cell (or the
// organisation itself) and the grassroots committee above.
func (p Person) cellAndCommittee() (cell, committee string) {
	parts := strings.Split(p.Org, " › ")
	cell = parts[len(parts)-1]
	if len(parts) > 1 {
		committee = parts[0]
	}
	if p.IsOrg {
		cell = ""
		if len(parts) > 1 {
			cell = parts[len(parts)-2]
		}
	}
	return
}

// Batch is a set of awards that go into one decision: certificates (giấy
// khen) for one reason, or party badges of one occasion.
type Batch struct {
	Form     domain.AwardForm // FormCertificate or FormBadge
	Group    domain.Group     // members, cells or grassroots organisations
	Reason   string           // "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)"; "" when the reasons differ
	Years    string           // "5 năm liền (2017–2021)", "năm 2021"
	Year     int              // the last year rated (the regulation of that year)
	Occasion domain.Date      // badges
	People   []Person
	// Postponed: members whose badge waits after a discipline (Note says
	// from when); only their list is printed.
	Postponed bool
	// Pool: organisations excellent some years running, among whom the
	// exemplary are chosen (Note says so under the list).
	Pool bool
	Note string
}

// occasionText is an occasion as the documents write it: "02/9/2026", noted
// "dịp khác" when it is not one of the four standard days.
func occasionText(d domain.Date) string {
	if domain.IsBadgeOccasion(d) {
		return domain.PartyDate(d)
	}
	return domain.PartyDate(d) + " (dịp khác)"
}

func (b Batch) badges() bool { return b.Form == domain.FormBadge }

// noun is what the batch's recipients are counted as, and who they are.
func (b Batch) noun() (noun, who string) {
	switch b.Group {
	case domain.GroupCells:
		return "chi bộ", "chi bộ"
	case domain.GroupGrassroots:
		return "tổ chức cơ sở đảng", "tổ chức cơ sở đảng"
	}
	return "đồng chí", "đảng viên"
}

// Decision is a decision's number and date.
type Decision struct {
	No   string      // "127" or "127-QĐ/QU"; "" for one not numbered yet
	Date domain.Date // zero: today
}

// regulations are the full citations of the rating regulations.
var regulations = map[string]string{
	"QĐ 132-QĐ/TW": "Quy định số 132-QĐ/TW, ngày 08/3/2018 của Bộ Chính trị",
	"QĐ 124-QĐ/TW": "Quy định số 124-QĐ/TW, ngày 04/10/2023 của Bộ Chính trị",
	"QĐ 366-QĐ/TW": "Quy định số 366-QĐ/TW, ngày 30/8/2025 của Bộ Chính trị",
}

// statuteGuidances are the Secretariat's guidances on the Party Statute,
// newest first, from the day each was issued: HD 06-HD/TW (09/6/2025, on
// QĐ 294-QĐ/TW) replaced HD 01-HD/TW (28/9/2021), which replaced HD
// 01-HD/TW (20/9/2016).
var statuteGuidances = []struct {
	from domain.Date
	text string
}{
	{domain.NewDate(2025, 6, 9), "Hướng dẫn số 06-HD/TW, ngày 09/6/2025 của Ban Bí thư"},
	{domain.NewDate(2021, 9, 28), "Hướng dẫn số 01-HD/TW, ngày 28/9/2021 của Ban Bí thư"},
	{domain.NewDate(2016, 9, 20), "Hướng dẫn số 01-HD/TW, ngày 20/9/2016 của Ban Bí thư"},
}

// statuteGuidance is the guidance on the Party Statute in force on day on.
func statuteGuidance(on domain.Date) string {
	for _, g := range statuteGuidances {
		if !on.Before(g.from) {
			return g.text
		}
	}
	return statuteGuidances[len(statuteGuidances)-1].text
}

// inSentence is a reason as it reads inside a sentence: "hoàn thành xuất
// sắc nhiệm vụ …" in small letters; a title ("Trong sạch, vững mạnh tiêu
// biểu …") keeps its capital after "đạt".
func inSentence(reason string) string {
	if reason == "" || strings.HasPrefix(reason, "Hoàn thành") {
		return domain.LowerFirst(reason)
	}
	return "đạt " + reason
}

// data is what the batch's templates are filled from.
func (b Batch) data(d Decision, h Heading) TemplateData {
	noun, who := b.noun()
	td := TemplateData{Count: domain.Thousands(len(b.People)), Noun: noun, Who: who, Reason: inSentence(b.Reason), Years: b.Years,
		DecisionNo: FullNumber(d.No, KindDecision, h.Abbr), DecisionDate: domain.PartyDate(d.date()), Body: h.Body,
		Statute: statuteGuidance(d.date())}
	if b.Year != 0 {
		td.Year = fmt.Sprint(b.Year)
		if rs := domain.RuleSetFor(b.Year); rs != nil {
			td.Regulation = rs.Regulation
			if full, ok := regulations[rs.Regulation]; ok {
				td.Regulation = full
			}
		}
	}
	if !b.Occasion.IsZero() {
		td.Occasion = occasionText(b.Occasion)
	}
	return td
}

func (d Decision) date() domain.Date {
	if d.Date.IsZero() {
		return domain.Today()
	}
	return d.Date
}

// byMilestone groups people by badge milestone, highest first.
func byMilestone(people []Person) (order []int, groups map[int][]Person) {
	groups = map[int][]Person{}
	for _, p := range people {
		if _, ok := groups[p.Milestone]; !ok {
			order = append(order, p.Milestone)
		}
		groups[p.Milestone] = append(groups[p.Milestone], p)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(order)))
	return order, groups
}

// ListDocument is today's list: "DANH SÁCH đảng viên đề nghị …", badges
// grouped by milestone.
func ListDocument(b Batch) Document {
	noun, who := b.noun()
	d := Document{Kind: KindList, Type: "DANH SÁCH"}
	switch {
	case b.Postponed:
		d.Landscape = true
		d.Title = "đảng viên chưa đề nghị tặng Huy hiệu Đảng do kỷ luật, đợt " + occasionText(b.Occasion)
		d.Tables = []Table{badgeTable(b.People)}
		d.Notes = append(d.Notes, "Được đề nghị khi hết thời hạn nêu ở cột Ghi chú, nếu đã sửa chữa khuyết điểm và chi bộ xác nhận (khai trừ: không xét).")
	case b.badges():
		d.Landscape = true // eight columns
		d.Title = "đảng viên đề nghị tặng Huy hiệu Đảng đợt " + occasionText(b.Occasion)
		d.Tables = []Table{badgeTable(b.People)}
	case b.Pool:
		d.Title = fmt.Sprintf("%s hoàn thành xuất sắc nhiệm vụ %s, để lựa chọn khen thưởng", who, b.Years)
		d.Tables = append(d.Tables, peopleTable(b, false))
	default:
		d.Title = strings.TrimSpace(who + " đề nghị khen thưởng " + inSentence(b.Reason))
		d.Tables = append(d.Tables, peopleTable(b, true))
	}
	d.Notes = append(d.Notes, fmt.Sprintf("Tổng số: %s %s.", domain.Thousands(len(b.People)), noun))
	if b.Note != "" {
		d.Notes = append(d.Notes, b.Note)
	}
	return d
}

// peopleTable is the list of recipients: members with their year of birth,
// cell and grassroots organisation (the cell itself for a chi bộ cơ sở);
// organisations with the committee they are under.
// content adds each one's reason when the reasons differ.
func peopleTable(b Batch, content bool) Table {
	if b.Group == domain.GroupCells || b.Group == domain.GroupGrassroots {
		t := Table{Columns: []Column{{Name: "STT", Align: Center}, {Name: "Tên tổ chức", Align: Left, Whole: true}, {Name: "Trực thuộc", Align: Left}, {Name: "Ghi chú", Align: Left}}}
		for i, p := range b.People {
			under, _ := p.cellAndCommittee()
			t.Rows = append(t.Rows, []any{i + 1, p.Name, under, noteOf(b, p, content)})
		}
		return t
	}
	t := Table{Columns: []Column{{Name: "STT", Align: Center}, {Name: "Họ và tên", Align: Left, Whole: true}, {Name: "Năm sinh", Align: Center}, {Name: "Chức vụ, chi bộ", Align: Left}, {Name: "Đảng bộ", Align: Left}, {Name: "Ghi chú", Align: Left}}}
	for i, p := range b.People {
		cell, committee := p.cellAndCommittee()
		if committee == "" {
			// A grassroots cell (chi bộ cơ sở) is its members' own grassroots
			// organisation: in that column, where there is room.
			cell, committee = "", cell
		}
		var born any = ""
		if !p.BirthDate.IsZero() {
			born = Plain(p.BirthDate.Year)
		}
		t.Rows = append(t.Rows, []any{i + 1, p.Name, born, cell, committee, noteOf(b, p, content)})
	}
	return t
}

// noteOf is the Ghi chú of a line: its own reason when the batch has none
// in common (or content asks for it), and its note.
func noteOf(b Batch, p Person, content bool) string {
	var parts []string
	if (b.Reason == "" || content && p.Content != b.Reason) && p.Content != "" {
		parts = append(parts, p.Content)
	}
	if p.Note != "" {
		parts = append(parts, p.Note)
	}
	return strings.Join(parts, "; ")
}

// badgeTable is the badge list as one table: a section per milestone,
// highest first, numbered through.
func badgeTable(people []Person) Table {
	t := Table{Columns: []Column{{Name: "STT", Align: Center}, {Name: "Họ và tên", Align: Left, Whole: true}, {Name: "Ngày sinh", Align: Center}, {Name: "Ngày vào Đảng", Align: Center},
		{Name: "Ngày chính thức", Align: Center}, {Name: "Tuổi đảng", Align: Center}, {Name: "Chi bộ, Đảng bộ", Align: Left}, {Name: "Ghi chú", Align: Left}}}
	order, groups := byMilestone(people)
	n := 0
	for _, m := range order {
		t.Rows = append(t.Rows, []any{Section(fmt.Sprintf("Huy hiệu %d năm tuổi Đảng (%s đồng chí)", m, domain.Thousands(len(groups[m]))))})
		for _, p := range groups[m] {
			n++
			cell, committee := p.cellAndCommittee()
			unit := cell
			if committee != "" && committee != cell {
				unit += ", " + committee
			}
			t.Rows = append(t.Rows, []any{n, p.Name, p.BirthDate, p.AdmittedOn, p.OfficialOn, p.PartyAge, unit, p.Note})
		}
	}
	return t
}

func (b Batch) key(doc string) string {
	if b.badges() {
		return doc + ".badge."
	}
	return doc + ".certificate."
}

// filler fills a document's texts, keeping the first error.
type filler struct {
	t    Templates
	data any
	err  error
}

func (f *filler) text(key string) string {
	s, err := f.t.fill(key, f.data)
	if f.err == nil {
		f.err = err
	}
	return s
}

func (f *filler) lines(key string) []string {
	var out []string
	for _, l := range strings.Split(f.text(key), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// DecisionDocument is the decision (Quyết định) awarding the batch: the
// bases, Điều 1–3, "Nơi nhận", the signature, and the annex list "Kèm theo
// Quyết định số …". Its texts come from t.
func DecisionDocument(b Batch, dec Decision, h Heading, t Templates) (Document, error) {
	k := b.key("decision")
	f := &filler{t: t, data: b.data(dec, h)}
	d := Document{Kind: KindDecision, No: dec.No, Type: "QUYẾT ĐỊNH", Title: f.text(k + "summary")}
	d.Body = append(d.Body, Para{Text: strings.ToUpper(h.Body), Style: Centered})
	for _, l := range f.lines(k + "bases") {
		d.Body = append(d.Body, Para{Text: l, Style: Hanging})
	}
	d.Body = append(d.Body, Para{Text: "QUYẾT ĐỊNH:", Style: Centered})
	n := 0
	for _, a := range []string{f.text(k + "article1"), f.text(k + "article2"), f.text(k + "article3")} {
		if a == "" {
			continue // Điều 2 may say nothing
		}
		n++
		d.Body = append(d.Body, Para{Lead: fmt.Sprintf("Điều %d.", n), Text: a})
	}
	data := f.data.(TemplateData)
	data.LastArticle = fmt.Sprintf("Điều %d", n)
	f.data = data
	d.Recipients = f.lines(k + "sendto")
	d.Annexes = append(d.Annexes, b.annex(f, k, false, "Danh sách có %s %s."))
	return d, f.err
}

// annex is the list attached to a decision or a proposal (texts k+"annex"
// and k+"ref"); content adds each one's reason where it differs; total says
// how many ("Tổng số: %s %s.").
func (b Batch) annex(f *filler, k string, content bool, total string) Annex {
	a := Annex{Type: "DANH SÁCH", Title: f.text(k + "annex"), Ref: f.text(k + "ref")}
	if b.badges() {
		a.Tables, a.Landscape = []Table{badgeTable(b.People)}, true
	} else {
		a.Tables = []Table{peopleTable(b, content)}
	}
	noun, _ := b.noun()
	a.Notes = []string{fmt.Sprintf(total, domain.Thousands(len(b.People)), noun)}
	return a
}

// ProposalDocument is the proposal (Tờ trình) to the superior body, with
// its number and date in dec: a short body with the count (per milestone for
// badges, with those proposed early, posthumously or late counted), the
// signature, then the list attached.
func ProposalDocument(b Batch, dec Decision, h Heading, t Templates) (Document, error) {
	k := b.key("proposal")
	// A proposal printed from a recorded decision "127-QĐ/QU" is numbered
	// "127-TTr/QU".
	no := BareNumber(dec.No, KindDecision, h.Abbr)
	data := b.data(dec, h)
	data.DecisionNo = FullNumber(no, KindProposal, h.Abbr)
	f := &filler{t: t, data: data}
	d := Document{Kind: KindProposal, No: no, Type: "TỜ TRÌNH", Title: f.text(k + "summary"), To: f.text(k + "to")}
	d.Body = append(d.Body, Para{Text: f.text(k + "body")})
	if b.badges() {
		order, groups := byMilestone(b.People)
		for _, m := range order {
			d.Body = append(d.Body, Para{Text: fmt.Sprintf("- Huy hiệu %d năm tuổi Đảng: %s đồng chí;", m, domain.Thousands(len(groups[m]))), Style: Hanging})
		}
		if s := specialCases(b.People); s != "" {
			d.Body = append(d.Body, Para{Text: s})
		}
	}
	for _, l := range f.lines(k + "closing") {
		d.Body = append(d.Body, Para{Text: l})
	}
	d.Recipients = f.lines(k + "sendto")
	d.Annexes = append(d.Annexes, b.annex(f, k, true, "Tổng số: %s %s."))
	return d, f.err
}

// specialCases counts those proposed early, posthumously or late: "Trong
// đó: 2 đồng chí đề nghị sớm; 1 đồng chí truy tặng."
func specialCases(people []Person) string {
	counts := map[string]int{}
	var order []string
	for _, p := range people {
		if p.Note == "" {
			continue
		}
		kind := p.Note
		if i := strings.Index(kind, ":"); i > 0 {
			kind = kind[:i]
		}
		if counts[kind] == 0 {
			order = append(order, kind)
		}
		counts[kind]++
	}
	if len(order) == 0 {
		return ""
	}
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%s đồng chí %s", domain.Thousands(counts[k]), domain.LowerFirst(k)))
	}
	return "Trong đó: " + strings.Join(parts, "; ") + "."
}
