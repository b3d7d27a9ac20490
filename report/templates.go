package report

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"xeploai/domain"
)

// TemplateData is what the texts of a decision or a proposal can say; each
// field is a placeholder ({{.Count}} …).
type TemplateData struct {
	Count        string // how many: "54"
	Noun         string // what is counted: "đồng chí", "chi bộ", "tổ chức cơ sở đảng"
	Who          string // who they are: "đảng viên", "chi bộ", "tổ chức cơ sở đảng"
	Reason       string // "hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)"
	Years        string // "5 năm liền (2017–2021)", "năm 2021"
	Year         string // the last year rated: "2021"
	Occasion     string // a badge occasion: "02/9/2026"
	DecisionNo   string // the document's number: "127-QĐ/QU" (a proposal's: "12-TTr/QU")
	DecisionDate string // its date: "20/01/2026"
	Body         string // "Ban Thường vụ Quận ủy"
	Regulation   string // "Quy định số 366-QĐ/TW, ngày 30/8/2025 của Bộ Chính trị"
	// Statute is the Secretariat's guidance on the Party Statute in force
	// on the document's date: "Hướng dẫn số 06-HD/TW, ngày 09/6/2025 của
	// Ban Bí thư" (from that day; HD 01-HD/TW of 28/9/2021 before it).
	Statute     string
	LastArticle string // a decision's last article, who carries it out: "Điều 3" ("Điều 2" when Điều 2 says nothing)
}

// CertificateData is what the texts of a certificate can say.
type CertificateData struct {
	Name         string // the recipient
	Unit         string // "Chi bộ Khu dân cư số 3, Đảng bộ phường An Hải Bắc"
	Reason       string // "hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)"
	DecisionNo   string // "127-QĐ/QU"
	DecisionDate string // "20/01/2026"
	Body         string // "Ban Thường vụ Quận ủy"
}

// Placeholders explains each placeholder, for the settings window.
var Placeholders = map[string]string{
	"Count":        "số người (tập thể): 54",
	"Noun":         "đồng chí / chi bộ / tổ chức cơ sở đảng",
	"Who":          "đảng viên / chi bộ / tổ chức cơ sở đảng",
	"Reason":       "hoàn thành xuất sắc nhiệm vụ 5 năm liền (2017–2021)",
	"Years":        "5 năm liền (2017–2021) hoặc năm 2021",
	"Year":         "năm xếp loại cuối: 2021",
	"Occasion":     "đợt trao Huy hiệu Đảng: 02/9/2026",
	"DecisionNo":   "số quyết định: 127-QĐ/QU",
	"DecisionDate": "ngày quyết định: 20/01/2026",
	"Body":         "tập thể quyết định (Cài đặt › Tiêu đề văn bản in): Ban Thường vụ Quận ủy",
	"Regulation":   "quy định đánh giá, xếp loại của năm: Quy định số 366-QĐ/TW, ngày 30/8/2025 của Bộ Chính trị",
	"Statute":      "hướng dẫn thi hành Điều lệ Đảng có hiệu lực vào ngày văn bản: Hướng dẫn số 06-HD/TW, ngày 09/6/2025 của Ban Bí thư",
	"LastArticle":  "điều cuối của quyết định (ai thi hành): Điều 3, hoặc Điều 2 khi Điều 2 để trống",
	"Name":         "họ và tên người được khen",
	"Unit":         "chi bộ, đảng bộ của người được khen",
}

// TemplateSpec is one editable text of a document.
type TemplateSpec struct {
	Key     string
	Doc     string // the document it belongs to, as the settings window groups them
	Label   string
	Default string
	data    any // a sample of the data it is filled from
}

// Placeholders lists the placeholders this text may use.
func (s TemplateSpec) Placeholders() []string { return fieldNames(s.data) }

// The documents whose texts are templates.
const (
	DocDecisionCertificate = "Quyết định tặng Giấy khen"
	DocDecisionBadge       = "Quyết định tặng Huy hiệu Đảng"
	DocProposalCertificate = "Tờ trình đề nghị khen thưởng"
	DocProposalBadge       = "Tờ trình đề nghị tặng Huy hiệu Đảng"
	DocCertificate         = "Giấy khen"
)

// TemplateDocs lists the documents in the order the settings window shows
// them.
var TemplateDocs = []string{DocDecisionCertificate, DocDecisionBadge, DocProposalCertificate, DocProposalBadge, DocCertificate}

const (
	stdCharter  = "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\n"
	stdHD01     = "- Căn cứ {{.Statute}} một số vấn đề cụ thể thi hành Điều lệ Đảng;\n"
	stdProposer = "- Xét đề nghị của Ban Tổ chức Quận ủy,"
	stdArticle3 = "Văn phòng Quận ủy, Ban Tổ chức Quận ủy, các tổ chức cơ sở đảng có liên quan và các {{.Noun}} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
	stdSendTo   = "- Như {{.LastArticle}},\n- Lưu Văn phòng Quận ủy."
	stdRef      = "(Kèm theo Quyết định số {{.DecisionNo}}, ngày {{.DecisionDate}} của {{.Body}})"
	stdTo       = "Kính gửi: Ban Thường vụ Thành ủy Đà Nẵng"
	stdPropTo   = "- Như trên,\n- Lưu Văn phòng Quận ủy."
	stdPropRef  = "(Kèm theo Tờ trình số {{.DecisionNo}}, ngày {{.DecisionDate}} của {{.Body}})"
	stdClosing  = "(Có danh sách kèm theo)\n{{.Body}} kính đề nghị Ban Thường vụ Thành ủy xem xét, quyết định."
)

// TemplateSpecs are the editable texts with their standard wording.
var TemplateSpecs = []TemplateSpec{
	{"decision.certificate.summary", DocDecisionCertificate, "Trích yếu", "về việc tặng Giấy khen cho {{.Who}} {{.Reason}}", TemplateData{}},
	{"decision.certificate.bases", DocDecisionCertificate, "Căn cứ", stdCharter +
		"- Căn cứ {{.Regulation}} về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị;\n" +
		stdHD01 + stdProposer, TemplateData{}},
	{"decision.certificate.article1", DocDecisionCertificate, "Điều 1", "Tặng Giấy khen cho {{.Count}} {{.Noun}} có tên trong danh sách kèm theo, đã có thành tích {{.Reason}}.", TemplateData{}},
	{"decision.certificate.article2", DocDecisionCertificate, "Điều 2 (để trống nếu không có)", "Kèm theo Giấy khen là tiền thưởng theo quy định hiện hành.", TemplateData{}},
	{"decision.certificate.article3", DocDecisionCertificate, "Điều 3", stdArticle3, TemplateData{}},
	{"decision.certificate.sendto", DocDecisionCertificate, "Nơi nhận", stdSendTo, TemplateData{}},
	{"decision.certificate.annex", DocDecisionCertificate, "Trích yếu danh sách kèm theo", "{{.Who}} được tặng Giấy khen {{.Reason}}", TemplateData{}},
	{"decision.certificate.ref", DocDecisionCertificate, "Dòng kèm theo", stdRef, TemplateData{}},

	{"decision.badge.summary", DocDecisionBadge, "Trích yếu", "về việc tặng Huy hiệu Đảng đợt {{.Occasion}}", TemplateData{}},
	{"decision.badge.bases", DocDecisionBadge, "Căn cứ", stdCharter + stdHD01 + stdProposer, TemplateData{}},
	{"decision.badge.article1", DocDecisionBadge, "Điều 1", "Tặng Huy hiệu Đảng đợt {{.Occasion}} cho {{.Count}} {{.Noun}} có tên trong danh sách kèm theo.", TemplateData{}},
	{"decision.badge.article2", DocDecisionBadge, "Điều 2 (để trống nếu không có)", "Các đồng chí được tặng Huy hiệu Đảng được hưởng chế độ theo quy định hiện hành.", TemplateData{}},
	{"decision.badge.article3", DocDecisionBadge, "Điều 3", stdArticle3, TemplateData{}},
	{"decision.badge.sendto", DocDecisionBadge, "Nơi nhận", stdSendTo, TemplateData{}},
	{"decision.badge.annex", DocDecisionBadge, "Trích yếu danh sách kèm theo", "đảng viên được tặng Huy hiệu Đảng đợt {{.Occasion}}", TemplateData{}},
	{"decision.badge.ref", DocDecisionBadge, "Dòng kèm theo", stdRef, TemplateData{}},

	{"proposal.certificate.to", DocProposalCertificate, "Kính gửi", stdTo, TemplateData{}},
	{"proposal.certificate.summary", DocProposalCertificate, "Trích yếu", "về việc đề nghị khen thưởng {{.Who}} {{.Reason}}", TemplateData{}},
	{"proposal.certificate.body", DocProposalCertificate, "Nội dung", "Căn cứ {{.Statute}} một số vấn đề cụ thể thi hành Điều lệ Đảng và kết quả đánh giá, xếp loại chất lượng {{.Years}}, {{.Body}} đề nghị Ban Thường vụ Thành ủy xem xét, tặng Bằng khen cho {{.Count}} {{.Noun}} đã {{.Reason}}.", TemplateData{}},
	{"proposal.certificate.closing", DocProposalCertificate, "Kết thúc", stdClosing, TemplateData{}},
	{"proposal.certificate.sendto", DocProposalCertificate, "Nơi nhận", stdPropTo, TemplateData{}},
	{"proposal.certificate.annex", DocProposalCertificate, "Trích yếu danh sách kèm theo", "{{.Who}} đề nghị khen thưởng {{.Reason}}", TemplateData{}},
	{"proposal.certificate.ref", DocProposalCertificate, "Dòng kèm theo", stdPropRef, TemplateData{}},

	{"proposal.badge.to", DocProposalBadge, "Kính gửi", stdTo, TemplateData{}},
	{"proposal.badge.summary", DocProposalBadge, "Trích yếu", "về việc đề nghị tặng Huy hiệu Đảng đợt {{.Occasion}}", TemplateData{}},
	{"proposal.badge.body", DocProposalBadge, "Nội dung", "Thực hiện {{.Statute}} một số vấn đề cụ thể thi hành Điều lệ Đảng, {{.Body}} đề nghị Ban Thường vụ Thành ủy xét, tặng Huy hiệu Đảng đợt {{.Occasion}} cho {{.Count}} {{.Noun}}, cụ thể:", TemplateData{}},
	{"proposal.badge.closing", DocProposalBadge, "Kết thúc", stdClosing, TemplateData{}},
	{"proposal.badge.sendto", DocProposalBadge, "Nơi nhận", stdPropTo, TemplateData{}},
	{"proposal.badge.annex", DocProposalBadge, "Trích yếu danh sách kèm theo", "đảng viên đề nghị tặng Huy hiệu Đảng đợt {{.Occasion}}", TemplateData{}},
	{"proposal.badge.ref", DocProposalBadge, "Dòng kèm theo", stdPropRef, TemplateData{}},

	{"certificate.reason", DocCertificate, "Thành tích", "Đã {{.Reason}}", CertificateData{}},
	{"certificate.decision", DocCertificate, "Số quyết định", "Quyết định số {{.DecisionNo}}, ngày {{.DecisionDate}}", CertificateData{}},
}

// SpecOf returns the spec of a template key.
func SpecOf(key string) (TemplateSpec, bool) {
	for _, s := range TemplateSpecs {
		if s.Key == key {
			return s, true
		}
	}
	return TemplateSpec{}, false
}

// maxTemplate is the longest text a template may be, in characters.
const maxTemplate = 4000

// templateFuncs are the functions a template may call: conditions only.
var templateFuncs = map[string]bool{"and": true, "or": true, "not": true, "eq": true, "ne": true}

// Templates are the texts in use, by key.
type Templates map[string]string

// TemplatesFrom reads the texts from the settings (the standard text where
// none is stored).
func TemplatesFrom(get func(key, def string) string) Templates {
	t := Templates{}
	for _, s := range TemplateSpecs {
		t[s.Key] = get("template."+s.Key, s.Default)
	}
	return t
}

// SettingKey is where a template is stored in the settings.
func SettingKey(key string) string { return "template." + key }

// CheckTemplate checks a text before it is saved: it must be a valid
// template using only the placeholders of its document. The message says,
// in Vietnamese, which document and text, where (line and character, with
// the placeholder as written) and what is wrong, and names the
// placeholders the text may use.
func CheckTemplate(key, text string) error {
	spec, ok := SpecOf(key)
	if !ok {
		return domain.Errorf(domain.EINVALID, key, "không có mẫu văn bản này")
	}
	field := fmt.Sprintf("%s › %s", spec.Doc, spec.Label)
	if n := len([]rune(text)); n > maxTemplate {
		return domain.Errorf(domain.EINVALID, field, "mẫu dài %d ký tự, tối đa %d", n, maxTemplate)
	}
	var names []string
	for _, n := range spec.Placeholders() {
		names = append(names, "{{."+n+"}}")
	}
	wrong := func(pos int, what domain.Text) error {
		pos = actionStart(text, pos)
		line, col := lineCol(text, pos)
		return domain.Errorf(domain.EINVALID, field, "dòng %d, ký tự %d, “%s”: %s. Chỗ điền dùng được: %s",
			line, col, actionAt(text, pos), what, strings.Join(names, ", "))
	}
	tpl, err := template.New(key).Option("missingkey=error").Parse(text)
	if err != nil {
		pos, what := parseProblem(text, err)
		return wrong(pos, what)
	}
	allowed := map[string]bool{}
	for _, n := range spec.Placeholders() {
		allowed[n] = true
	}
	var problem error
	walk(tpl.Tree.Root, func(n parse.Node) {
		if problem != nil {
			return
		}
		pos := int(n.Position())
		switch x := n.(type) {
		case *parse.FieldNode:
			if !allowed[x.Ident[0]] || len(x.Ident) > 1 {
				problem = wrong(pos, domain.Textf("không có chỗ điền %s", "{{"+x.String()+"}}"))
			}
		case *parse.DotNode, *parse.VariableNode, *parse.ChainNode:
			problem = wrong(pos, domain.Textf("không có chỗ điền %s", "{{"+x.String()+"}}"))
		case *parse.IdentifierNode:
			if !templateFuncs[x.Ident] {
				problem = wrong(pos, domain.Textf("không dùng %q: mẫu chỉ có chỗ điền như {{.Count}} và điều kiện {{if .Reason}}…{{else}}…{{end}}", x.Ident))
			}
		case *parse.RangeNode, *parse.WithNode, *parse.TemplateNode, *parse.BreakNode, *parse.ContinueNode:
			problem = wrong(pos, domain.Textf("không dùng %q: mẫu chỉ có chỗ điền như {{.Count}} và điều kiện {{if .Reason}}…{{else}}…{{end}}", strings.Fields(strings.Trim(x.String(), "{}"))[0]))
		}
	})
	if problem != nil {
		return problem
	}
	if err := tpl.Execute(new(strings.Builder), spec.data); err != nil {
		pos, what := execProblem(text, err)
		return wrong(pos, what)
	}
	return nil
}

// lineCol is the line and the character in it (from 1) of a byte offset
// of text.
func lineCol(text string, pos int) (line, col int) {
	pos = min(max(pos, 0), len(text))
	before := text[:pos]
	start := strings.LastIndex(before, "\n") + 1
	return strings.Count(before, "\n") + 1, len([]rune(before[start:])) + 1
}

// actionStart is where the placeholder ({{…}}) of text at a byte offset
// begins.
func actionStart(text string, pos int) int {
	pos = min(max(pos, 0), len(text))
	if start := strings.LastIndex(text[:min(pos+2, len(text))], "{{"); start >= 0 {
		return start
	}
	return pos
}

// actionAt is the placeholder ({{…}}) of text at a byte offset, as
// written; at most 40 characters.
func actionAt(text string, pos int) string {
	start := actionStart(text, pos)
	end := len(text)
	if i := strings.Index(text[start:], "}}"); i >= 0 {
		end = start + i + 2
	}
	if i := strings.Index(text[start:end], "\n"); i >= 0 {
		end = start + i
	}
	if r := []rune(text[start:end]); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return text[start:end]
}

// actions are the byte offsets of the placeholders ({{…}}) of text, with
// their insides: the last may be unclosed.
func actions(text string) (pos []int, inside []string) {
	for i := 0; ; {
		j := strings.Index(text[i:], "{{")
		if j < 0 {
			return pos, inside
		}
		start := i + j
		k := strings.Index(text[start+2:], "}}")
		if k < 0 {
			return append(pos, start), append(inside, text[start+2:])
		}
		pos, inside = append(pos, start), append(inside, text[start+2:start+2+k])
		i = start + 2 + k + 2
	}
}

// parseProblem finds where a text that does not parse goes wrong (the
// template package says only the line) and says what is wrong.
func parseProblem(text string, err error) (int, domain.Text) {
	msg := err.Error()
	what := domain.Textf("chỗ điền viết sai; viết như {{.Count}}")
	for _, c := range []struct{ goes, says string }{
		{"unclosed action", "chỗ điền mở bằng {{ mà chưa đóng bằng }}"},
		{"unclosed comment", "chỗ điền mở bằng {{ mà chưa đóng bằng }}"},
		{"unexpected EOF", "{{if …}} chưa có {{end}} đóng lại"},
		{"unexpected {{end}}", "{{end}} thừa: không có {{if …}} nào đang mở"},
		{"unexpected {{else}}", "{{else}} chỉ dùng giữa {{if …}} và {{end}}"},
		{"not defined", "không có hàm này; điều kiện chỉ dùng and, or, not, eq, ne"},
		{"unterminated", "thiếu dấu \" đóng"},
		{"missing value for command", "chỗ điền trống; viết như {{.Count}}"},
		{"missing value for if", "{{if}} thiếu điều kiện; viết như {{if .Reason}}"},
	} {
		if strings.Contains(msg, c.goes) {
			what = domain.Textf(c.says)
			break
		}
	}
	pos, inside := actions(text)
	// An action that does not parse on its own.
	for i, in := range inside {
		f := strings.Fields(strings.Trim(in, "- "))
		if len(f) > 0 && (f[0] == "if" || f[0] == "else" || f[0] == "end") {
			continue
		}
		if !strings.Contains(text[pos[i]+2:], "}}") {
			return pos[i], what // unclosed
		}
		if _, err := template.New("").Parse("{{" + in + "}}"); err != nil {
			return pos[i], what
		}
	}
	// Otherwise the structure: an {{end}} or {{else}} with no {{if}}
	// open, or an {{if}} never closed.
	var open []int
	for i, in := range inside {
		f := strings.Fields(strings.Trim(in, "- "))
		if len(f) == 0 {
			return pos[i], what
		}
		switch f[0] {
		case "if":
			if _, err := template.New("").Parse("{{" + in + "}}{{end}}"); err != nil {
				return pos[i], what
			}
			open = append(open, pos[i])
		case "else":
			if len(open) == 0 {
				return pos[i], what
			}
		case "end":
			if len(open) == 0 {
				return pos[i], what
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		return open[len(open)-1], what
	}
	return 0, what
}

// execError reads the line and column the template package gives an error
// of filling a text.
var execError = regexp.MustCompile(`:(\d+):(\d+): executing`)

// execProblem finds where filling a text goes wrong and says what is
// wrong.
func execProblem(text string, err error) (int, domain.Text) {
	what := domain.Textf("chỗ điền không dùng được; viết như {{.Count}}")
	switch msg := err.Error(); {
	case strings.Contains(msg, "comparison"), strings.Contains(msg, "wrong number of args"):
		what = domain.Textf("so sánh cần hai vế; viết như {{if eq .Noun \"đồng chí\"}}")
	case strings.Contains(msg, "cannot be invoked"):
		what = domain.Textf("sau chỗ điền không viết thêm gì; mỗi chỗ điền một cặp {{ }}")
	case strings.Contains(msg, "incompatible types"):
		what = domain.Textf("so sánh chữ với chữ; viết như {{if eq .Noun \"đồng chí\"}}")
	}
	m := execError.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, what
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	pos := 0
	for i := 1; i < line; i++ {
		j := strings.Index(text[pos:], "\n")
		if j < 0 {
			break
		}
		pos += j + 1
	}
	return min(pos+col, len(text)), what
}

// Check checks every text.
func (t Templates) Check() error {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := CheckTemplate(k, t[k]); err != nil {
			return err
		}
	}
	return nil
}

// fill fills the text of key with data; a text that does not work (stored
// by hand, say) is reported with its name.
func (t Templates) fill(key string, data any) (string, error) {
	text, ok := t[key]
	if !ok {
		spec, _ := SpecOf(key)
		text = spec.Default
	}
	if err := CheckTemplate(key, text); err != nil {
		return "", err
	}
	tpl := template.Must(template.New(key).Option("missingkey=error").Parse(text))
	var b strings.Builder
	if err := tpl.Execute(&b, data); err != nil {
		spec, _ := SpecOf(key)
		pos, what := execProblem(text, err)
		line, col := lineCol(text, actionStart(text, pos))
		return "", domain.Errorf(domain.EINVALID, spec.Doc+" › "+spec.Label, "dòng %d, ký tự %d, “%s”: %s", line, col, actionAt(text, pos), what)
	}
	return strings.TrimSpace(b.String()), nil
}

func walk(n parse.Node, fn func(parse.Node)) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	fn(n)
	switch x := n.(type) {
	case *parse.ListNode:
		for _, c := range x.Nodes {
			walk(c, fn)
		}
	case *parse.ActionNode:
		walk(x.Pipe, fn)
	case *parse.PipeNode:
		for _, d := range x.Decl {
			walk(d, fn)
		}
		for _, c := range x.Cmds {
			walk(c, fn)
		}
	case *parse.CommandNode:
		for _, a := range x.Args {
			walk(a, fn)
		}
	case *parse.IfNode:
		walk(x.Pipe, fn)
		walk(x.List, fn)
		walk(x.ElseList, fn)
	case *parse.RangeNode:
		walk(x.Pipe, fn)
		walk(x.List, fn)
		walk(x.ElseList, fn)
	case *parse.WithNode:
		walk(x.Pipe, fn)
		walk(x.List, fn)
		walk(x.ElseList, fn)
	}
}

func fieldNames(v any) []string {
	t := reflect.TypeOf(v)
	var out []string
	for i := 0; i < t.NumField(); i++ {
		out = append(out, t.Field(i).Name)
	}
	return out
}
