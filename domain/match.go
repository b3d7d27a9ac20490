package domain

import (
	"fmt"
	"strings"
)

// OrgIndex finds organisations by code and by folded name, as an import
// names them.
type OrgIndex struct {
	byID   map[int64]*Org
	byCode map[string]int64
	byName map[string][]int64
	// unread: organisations rows of the file that could not be read, by
	// folded code and name
	unread map[string]RowSource
}

// NewOrgIndex indexes orgs.
func NewOrgIndex(orgs []Org) *OrgIndex {
	x := &OrgIndex{byID: make(map[int64]*Org, len(orgs)), byCode: map[string]int64{}, byName: map[string][]int64{}}
	for _, o := range orgs {
		x.Put(o)
	}
	return x
}

// Put adds or replaces an organisation.
func (x *OrgIndex) Put(o Org) {
	if old := x.byID[o.ID]; old != nil {
		if x.byCode[Fold(old.Code)] == o.ID {
			delete(x.byCode, Fold(old.Code))
		}
		key := Fold(old.Name)
		ids := x.byName[key]
		for i, id := range ids {
			if id == o.ID {
				x.byName[key] = append(ids[:i:i], ids[i+1:]...)
				break
			}
		}
	}
	x.byID[o.ID] = &o
	if o.Code != "" {
		x.byCode[Fold(o.Code)] = o.ID
	}
	key := Fold(o.Name)
	x.byName[key] = append(x.byName[key], o.ID)
}

// Get returns the organisation with id, or nil.
func (x *OrgIndex) Get(id int64) *Org { return x.byID[id] }

// ByCode returns the organisation with this code, or nil.
func (x *OrgIndex) ByCode(code string) *Org {
	if id, ok := x.byCode[Fold(code)]; ok {
		return x.byID[id]
	}
	return nil
}

// Named returns the organisations with this name, ignoring case and
// diacritics.
func (x *OrgIndex) Named(name string) []*Org {
	var out []*Org
	for _, id := range x.byName[Fold(name)] {
		out = append(out, x.byID[id])
	}
	return out
}

// Resolve finds the one organisation ref names: by code, else by name
// (and parent, when given). cellsOnly keeps only organisations that hold
// members. It returns the reason (a Vietnamese message, to be said in the
// window's language) when there is none or more than one; none (an empty
// Text) when it is found.
func (x *OrgIndex) Resolve(ref OrgRef, cellsOnly bool) (int64, Text) {
	key := Fold(ref.Ref)
	if key == "" {
		return 0, Textf("không được để trống")
	}
	if id, ok := x.byCode[key]; ok {
		if o := x.byID[id]; cellsOnly && !o.Kind.HoldsMembers() {
			return 0, Textf("%s là %s, không trực tiếp quản lý đảng viên", o.Name, o.Kind.Label())
		}
		return id, Text{}
	}
	cands := append([]int64(nil), x.byName[key]...)
	if ref.Parent != "" {
		pid, why := x.Resolve(OrgRef{Ref: ref.Parent}, false)
		if why.Format != "" {
			return 0, Textf("tổ chức cấp trên %q: %s", CleanText(ref.Parent), why)
		}
		cands = x.filter(cands, func(o *Org) bool { return o.ParentID == pid })
	}
	if cellsOnly {
		all := cands
		cands = x.filter(cands, func(o *Org) bool { return o.Kind.HoldsMembers() })
		if len(cands) == 0 && len(all) > 0 {
			o := x.byID[all[0]]
			return 0, Textf("%s là %s, không trực tiếp quản lý đảng viên", o.Name, o.Kind.Label())
		}
	}
	if len(cands) > 1 {
		if active := x.filter(cands, func(o *Org) bool { return o.DissolvedOn.IsZero() }); len(active) == 1 {
			cands = active
		}
	}
	switch len(cands) {
	case 0:
		if src, ok := x.unread[key]; ok {
			return 0, Textf("tổ chức %q ở trang %s, dòng %d có lỗi; hãy sửa dòng đó", CleanText(ref.Ref), src.Sheet, src.Row)
		}
		return 0, Textf("không tìm thấy tổ chức %q", CleanText(ref.Ref))
	case 1:
		return cands[0], Text{}
	}
	var where []string
	for _, id := range cands {
		if p := x.byID[x.byID[id].ParentID]; p != nil {
			where = append(where, p.Name)
		}
	}
	return 0, Textf("có %d tổ chức tên %q (thuộc %s); hãy ghi cột Trực thuộc hoặc dùng mã tổ chức",
		len(cands), CleanText(ref.Ref), strings.Join(where, ", "))
}

func (x *OrgIndex) filter(ids []int64, keep func(*Org) bool) []int64 {
	var out []int64
	for _, id := range ids {
		if keep(x.byID[id]) {
			out = append(out, id)
		}
	}
	return out
}

// IsUnder reports whether id is anc or lies below it, by the parents the
// index holds.
func (x *OrgIndex) IsUnder(id, anc int64) bool {
	for seen := 0; id != 0 && seen <= len(x.byID); seen++ {
		if id == anc {
			return true
		}
		o := x.byID[id]
		if o == nil {
			return false
		}
		id = o.ParentID
	}
	return false
}

// Tree is the tree the index holds, as it is now.
func (x *OrgIndex) Tree() *Tree {
	orgs := make([]Org, 0, len(x.byID))
	for _, o := range x.byID {
		orgs = append(orgs, *o)
	}
	return TreeAt(orgs, nil, Date{})
}

// MemberEntry is what matching knows of a member: the identifying numbers,
// the folded name, the date of birth, and every cell the member belongs or
// belonged to.
type MemberEntry struct {
	ID        int64
	CardNo    string
	HistoryNo string
	NameFold  string
	BirthDate Date
	Cells     []int64
}

// MemberIndex finds members as an import names them.
type MemberIndex struct {
	byID        map[int64]*MemberEntry
	byCard      map[string]*MemberEntry
	byHistory   map[string]*MemberEntry
	byNameBirth map[string][]*MemberEntry
}

// NewMemberIndex returns an empty index.
func NewMemberIndex() *MemberIndex {
	return &MemberIndex{byID: map[int64]*MemberEntry{}, byCard: map[string]*MemberEntry{}, byHistory: map[string]*MemberEntry{},
		byNameBirth: map[string][]*MemberEntry{}}
}

func nameBirthKey(fold string, birth Date) string { return fold + "\x00" + birth.ISO() }

// Put adds a member, or replaces what the index knows of it.
func (x *MemberIndex) Put(e MemberEntry) {
	if old := x.byID[e.ID]; old != nil {
		if x.byCard[old.CardNo] == old {
			delete(x.byCard, old.CardNo)
		}
		if x.byHistory[old.HistoryNo] == old {
			delete(x.byHistory, old.HistoryNo)
		}
		k := nameBirthKey(old.NameFold, old.BirthDate)
		list := x.byNameBirth[k]
		for i, o := range list {
			if o == old {
				x.byNameBirth[k] = append(list[:i:i], list[i+1:]...)
				break
			}
		}
	}
	p := &e
	x.byID[e.ID] = p
	if e.CardNo != "" {
		x.byCard[e.CardNo] = p
	}
	if e.HistoryNo != "" {
		x.byHistory[e.HistoryNo] = p
	}
	k := nameBirthKey(e.NameFold, e.BirthDate)
	x.byNameBirth[k] = append(x.byNameBirth[k], p)
}

// Get returns what the index knows of member id, or nil.
func (x *MemberIndex) Get(id int64) *MemberEntry { return x.byID[id] }

// AddCell records that member id belongs or belonged to cell.
func (x *MemberIndex) AddCell(id, cell int64) {
	if e := x.byID[id]; e != nil {
		for _, c := range e.Cells {
			if c == cell {
				return
			}
		}
		e.Cells = append(e.Cells, cell)
	}
}

// ByCard returns the member holding a card number, or nil.
func (x *MemberIndex) ByCard(card string) *MemberEntry { return x.byCard[CleanText(card)] }

// ByHistory returns the member holding a personal-history number, or nil.
func (x *MemberIndex) ByHistory(no string) *MemberEntry { return x.byHistory[CleanText(no)] }

// Find identifies a member: by card number, else by personal-history
// number, else by name and date of birth (and cell, when cellID is set: a
// cell the member belongs or belonged to). A member given a card number or
// personal-history number for the first time is found by name and date of
// birth among those who have none yet. It returns 0 when there is none, and
// a Vietnamese reason when there is more than one.
func (x *MemberIndex) Find(ref MemberRef, cellID int64) (int64, string) {
	if ref.CardNo != "" {
		if e := x.ByCard(ref.CardNo); e != nil {
			return e.ID, ""
		}
	}
	if ref.HistoryNo != "" {
		if e := x.ByHistory(ref.HistoryNo); e != nil {
			return e.ID, ""
		}
	}
	name := Fold(ref.FullName)
	if name == "" || ref.BirthDate.IsZero() {
		return 0, ""
	}
	var found []*MemberEntry
	for _, e := range x.byNameBirth[nameBirthKey(name, ref.BirthDate)] {
		if (ref.CardNo != "" && e.CardNo != "") || (ref.HistoryNo != "" && e.HistoryNo != "") {
			continue // another member, with numbers of their own
		}
		if cellID != 0 && !e.inCell(cellID) {
			continue
		}
		found = append(found, e)
	}
	switch len(found) {
	case 0:
		return 0, ""
	case 1:
		return found[0].ID, ""
	}
	return 0, fmt.Sprintf("có nhiều đảng viên %s sinh %s; hãy ghi số thẻ đảng viên hoặc chi bộ", CleanText(ref.FullName), ref.BirthDate)
}

// Clash finds the member a row's card number (else, when the card is not
// known, its personal-history number) belongs to, when the row's name and
// date of birth both differ from that member's: a mistyped number, which
// must not overwrite another member. A name corrected alone, or a date of
// birth alone, is no clash. col is the number's column; nil when there is
// no clash.
func (x *MemberIndex) Clash(ref MemberRef) (col string, holder *MemberEntry) {
	name := Fold(ref.FullName)
	if name == "" || ref.BirthDate.IsZero() {
		return "", nil
	}
	differs := func(e *MemberEntry) bool { return e.NameFold != name && e.BirthDate != ref.BirthDate }
	if ref.CardNo != "" {
		if e := x.ByCard(ref.CardNo); e != nil {
			if differs(e) {
				return ColCardNo, e
			}
			return "", nil
		}
	}
	if ref.HistoryNo != "" {
		if e := x.ByHistory(ref.HistoryNo); e != nil && differs(e) {
			return ColHistoryNo, e
		}
	}
	return "", nil
}

func (e *MemberEntry) inCell(id int64) bool {
	for _, c := range e.Cells {
		if c == id {
			return true
		}
	}
	return false
}

// MergeRating is the rating an import stores: the file's, keeping the
// stored score, note, civil-service rating and government and unions result
// when the sheet has no column for them (has says which columns it has).
func MergeRating(has func(col string) bool, in, old Rating) Rating {
	if !has(ColScore) {
		in.Score = old.Score
	}
	if !has(ColNote) {
		in.Note = old.Note
	}
	if !has(ColCivilService) {
		in.CivilService = old.CivilService
	}
	if !has(ColMassOrgs) {
		in.MassOrgs = old.MassOrgs
	}
	return in
}
