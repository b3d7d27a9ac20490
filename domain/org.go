package domain

// OrgKind is the kind of a party organisation.
type OrgKind string

// The five kinds of organisation, top to bottom.
const (
	KindSuperior            OrgKind = "superior"             // Đảng bộ (cấp trên cơ sở)
	KindGrassrootsCommittee OrgKind = "grassroots_committee" // Đảng bộ cơ sở
	KindGrassrootsCell      OrgKind = "grassroots_cell"      // Chi bộ cơ sở
	KindSubCommittee        OrgKind = "sub_committee"        // Đảng bộ bộ phận
	KindCell                OrgKind = "cell"                 // Chi bộ (trực thuộc)
)

// OrgKinds lists the kinds, top to bottom.
var OrgKinds = []OrgKind{KindSuperior, KindGrassrootsCommittee, KindGrassrootsCell, KindSubCommittee, KindCell}

var orgKindLabels = map[OrgKind]string{
	KindSuperior:            "Đảng bộ",
	KindGrassrootsCommittee: "Đảng bộ cơ sở",
	KindGrassrootsCell:      "Chi bộ cơ sở",
	KindSubCommittee:        "Đảng bộ bộ phận",
	KindCell:                "Chi bộ",
}

// Label is the Vietnamese name of the kind, as written in the "Loại" column.
func (k OrgKind) Label() string { return orgKindLabels[k] }

// Valid reports whether k is one of the five kinds.
func (k OrgKind) Valid() bool { _, ok := orgKindLabels[k]; return ok }

// HoldsMembers reports whether members belong directly to this kind.
func (k OrgKind) HoldsMembers() bool { return k == KindGrassrootsCell || k == KindCell }

// IsGrassroots reports whether the kind is a grassroots organisation
// (Đảng bộ cơ sở or Chi bộ cơ sở).
func (k OrgKind) IsGrassroots() bool {
	return k == KindGrassrootsCommittee || k == KindGrassrootsCell
}

// CanBeUnder reports whether an organisation of kind k may sit directly under
// one of kind parent; parent "" means at the top of the tree.
func (k OrgKind) CanBeUnder(parent OrgKind) bool {
	switch k {
	case KindSuperior:
		return parent == "" || parent == KindSuperior
	case KindGrassrootsCommittee, KindGrassrootsCell:
		return parent == "" || parent == KindSuperior
	case KindSubCommittee:
		return parent == KindGrassrootsCommittee
	case KindCell:
		return parent == KindGrassrootsCommittee || parent == KindSubCommittee
	}
	return false
}

var orgKindKeys = map[string]OrgKind{
	"dangbo": KindSuperior, "dangbocaptrencoso": KindSuperior, "dangbocaptren": KindSuperior,
	"dangbocoso": KindGrassrootsCommittee, "dbcs": KindGrassrootsCommittee,
	"chibocoso": KindGrassrootsCell, "cbcs": KindGrassrootsCell,
	"dangbobophan": KindSubCommittee, "dbbp": KindSubCommittee,
	"chibo": KindCell, "chibotructhuoc": KindCell,
}

// ParseOrgKind reads the "Loại" column: Đảng bộ, Đảng bộ cơ sở, Chi bộ cơ sở,
// Đảng bộ bộ phận or Chi bộ, ignoring case and diacritics.
func ParseOrgKind(s string) (OrgKind, error) {
	if k, ok := orgKindKeys[FoldKey(s)]; ok {
		return k, nil
	}
	if k := OrgKind(s); k.Valid() {
		return k, nil
	}
	return "", Errorf(EINVALID, "", "%q không phải là loại tổ chức (Đảng bộ, Đảng bộ cơ sở, Chi bộ cơ sở, Đảng bộ bộ phận, Chi bộ)", CleanText(s))
}

// Org is a party organisation: a node of the tree.
type Org struct {
	ID          int64
	Code        string // optional stable code, unique
	Name        string
	Kind        OrgKind
	ParentID    int64 // 0 at the top
	FoundedOn   Date
	DissolvedOn Date  // set once dissolved or merged
	MergedInto  int64 // the organisation it was merged into, if any
	Note        string
	Version     int64 // counted up by each change to the stored record (0: not read from one)
}

// Active reports whether the organisation still exists on day d.
func (o *Org) Active(d Date) bool {
	return o.DissolvedOn.IsZero() || d.Before(o.DissolvedOn)
}

// Reviewed reports whether the organisation has a rating of its own to
// enter at a review on day review: a cell or grassroots organisation
// standing then (a level, or the reason it has none).
func (o *Org) Reviewed(review Date) bool {
	return GroupOfKind(o.Kind) != "" && o.Active(review) && !o.FoundedOn.After(review)
}

// Normalize cleans the text fields (NFC, trimmed).
func (o *Org) Normalize() {
	o.Code = CleanText(o.Code)
	o.Name = CleanText(o.Name)
	o.Note = CleanText(o.Note)
}

// Validate checks the organisation's own fields; parent is the organisation it
// sits under, or nil at the top.
func (o *Org) Validate(parent *Org) error {
	var es Errors
	if o.Name == "" {
		es.add("Tên tổ chức", "không được để trống")
	}
	if len([]rune(o.Name)) > 300 {
		es.add("Tên tổ chức", "dài quá 300 ký tự")
	}
	if !o.Kind.Valid() {
		es.add("Loại", "loại tổ chức không hợp lệ")
	}
	if len([]rune(o.Code)) > 50 {
		es.add("Mã tổ chức", "dài quá 50 ký tự")
	}
	var parentKind OrgKind
	if parent != nil {
		parentKind = parent.Kind
		if parent.ID != 0 && parent.ID == o.ID {
			es.add("Trực thuộc", "một tổ chức không thể trực thuộc chính nó")
		}
	}
	if o.Kind.Valid() && !o.Kind.CanBeUnder(parentKind) {
		if parent == nil {
			es.add("Trực thuộc", "%s phải trực thuộc một tổ chức khác", o.Kind.Label())
		} else {
			es.add("Trực thuộc", "%s không thể trực thuộc %s (%s)", o.Kind.Label(), parent.Kind.Label(), parent.Name)
		}
	}
	if !o.DissolvedOn.IsZero() && !o.FoundedOn.IsZero() && o.DissolvedOn.Before(o.FoundedOn) {
		es.add("Ngày giải thể", "trước ngày thành lập")
	}
	return es.Err()
}
