package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

const orgCols = `id, COALESCE(code, ''), name, kind, COALESCE(parent_id, 0), founded_on, dissolved_on, COALESCE(merged_into, 0), note, version`

func scanOrg(sc interface{ Scan(...any) error }) (domain.Org, error) {
	var o domain.Org
	var founded, dissolved sql.NullString
	var kind string
	err := sc.Scan(&o.ID, &o.Code, &o.Name, &kind, &o.ParentID, &founded, &dissolved, &o.MergedInto, &o.Note, &o.Version)
	o.Kind = domain.OrgKind(kind)
	o.FoundedOn, o.DissolvedOn = scanDate(founded), scanDate(dissolved)
	return o, err
}

// listOrgs reads every organisation, its text columns packed in one (as
// the exports read their large tables: the driver's work is per column).
func listOrgs(ctx context.Context, q queryer) ([]domain.Org, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(parent_id, 0), COALESCE(merged_into, 0), version, `+
		packed("code", "name", "kind", "founded_on", "dissolved_on", "note")+` FROM orgs ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Org
	var f [6]string
	for rows.Next() {
		var o domain.Org
		var row string
		if err := rows.Scan(&o.ID, &o.ParentID, &o.MergedInto, &o.Version, &row); err != nil {
			return nil, err
		}
		if !unpack(row, f[:]) {
			// A separator inside a text: that organisation read as it is.
			one, err := getOrg(ctx, q, o.ID)
			if err != nil {
				return nil, err
			}
			out = append(out, *one)
			continue
		}
		o.Code, o.Name, o.Kind, o.Note = f[0], f[1], domain.OrgKind(f[2]), f[5]
		o.FoundedOn, _ = domain.ParseDate(f[3])
		o.DissolvedOn, _ = domain.ParseDate(f[4])
		out = append(out, o)
	}
	return out, rows.Err()
}

// Orgs returns every organisation, current and dissolved, by id.
func (db *DB) Orgs(ctx context.Context) ([]domain.Org, error) { return listOrgs(ctx, db.read) }

func listOrgEvents(ctx context.Context, q queryer) ([]domain.OrgEvent, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, org_id, on_date, kind, old_name, new_name,
		COALESCE(old_parent_id, 0), COALESCE(new_parent_id, 0), COALESCE(other_org_id, 0), note
		FROM org_events ORDER BY on_date, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.OrgEvent
	for rows.Next() {
		var e domain.OrgEvent
		var on sql.NullString
		var kind string
		if err := rows.Scan(&e.ID, &e.OrgID, &on, &kind, &e.OldName, &e.NewName, &e.OldParent, &e.NewParent, &e.OtherID, &e.Note); err != nil {
			return nil, err
		}
		e.On, e.Kind = scanDate(on), domain.OrgEventKind(kind)
		out = append(out, e)
	}
	return out, rows.Err()
}

// OrgEvents returns the history of every organisation, oldest first.
func (db *DB) OrgEvents(ctx context.Context) ([]domain.OrgEvent, error) {
	return listOrgEvents(ctx, db.read)
}

func treeAt(ctx context.Context, q queryer, on domain.Date) (*domain.Tree, error) {
	orgs, err := listOrgs(ctx, q)
	if err != nil {
		return nil, err
	}
	events, err := listOrgEvents(ctx, q)
	if err != nil {
		return nil, err
	}
	return domain.TreeAt(orgs, events, on), nil
}

// Tree returns the organisation tree as it stood on day on (zero: now).
func (db *DB) Tree(ctx context.Context, on domain.Date) (*domain.Tree, error) {
	return db.tree(ctx, on)
}

func getOrg(ctx context.Context, q queryer, id int64) (*domain.Org, error) {
	o, err := scanOrg(q.QueryRowContext(ctx, `SELECT `+orgCols+` FROM orgs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.Errorf(domain.ENOTFOUND, "", "không tìm thấy tổ chức #%d", id)
	}
	return &o, err
}

// Org returns the organisation with id.
func (db *DB) Org(ctx context.Context, id int64) (*domain.Org, error) {
	return getOrg(ctx, db.read, id)
}

// ResolveOrg finds one organisation by its code or its name (ignoring case and
// diacritics). A name shared by several organisations is refused with the
// candidates listed.
func (db *DB) ResolveOrg(ctx context.Context, ref string) (*domain.Org, error) {
	ref = domain.CleanText(ref)
	if ref == "" {
		return nil, domain.Errorf(domain.EINVALID, "Tổ chức", "chưa nhập mã hoặc tên tổ chức")
	}
	orgs, err := listOrgs(ctx, db.read)
	if err != nil {
		return nil, err
	}
	var byName []domain.Org
	for _, o := range orgs {
		if o.Code != "" && domain.Fold(o.Code) == domain.Fold(ref) {
			return &o, nil
		}
		if domain.Fold(o.Name) == domain.Fold(ref) {
			byName = append(byName, o)
		}
	}
	switch len(byName) {
	case 0:
		return nil, domain.Errorf(domain.ENOTFOUND, "Tổ chức", "không tìm thấy tổ chức có mã hoặc tên %q", ref)
	case 1:
		return &byName[0], nil
	}
	tree := domain.TreeAt(orgs, nil, domain.Date{})
	var names []string
	for _, o := range byName {
		label := o.Name
		if o.Code != "" {
			label += " [" + o.Code + "]"
		}
		if p := tree.Org(o.ParentID); p != nil {
			label += " thuộc " + p.Name
		}
		names = append(names, label)
	}
	return nil, domain.Errorf(domain.EINVALID, "Tổ chức", "có %d tổ chức tên %q, hãy dùng mã: %s", len(byName), ref, strings.Join(names, "; "))
}

func checkOrgCode(ctx context.Context, q queryer, o *domain.Org) error {
	if o.Code == "" {
		return nil
	}
	var other string
	err := q.QueryRowContext(ctx, `SELECT name FROM orgs WHERE code = ? AND id <> ?`, o.Code, o.ID).Scan(&other)
	if err == nil {
		return domain.Errorf(domain.ECONFLICT, "Mã tổ chức", "mã %q đã dùng cho %s", o.Code, other)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

func parentOf(ctx context.Context, q queryer, o *domain.Org) (*domain.Org, error) {
	if o.ParentID == 0 {
		return nil, nil
	}
	p, err := getOrg(ctx, q, o.ParentID)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, domain.Errorf(domain.ENOTFOUND, "Trực thuộc", "không tìm thấy tổ chức cấp trên #%d", o.ParentID)
	}
	return p, err
}

const orgWriteCols = `code, name, name_fold, kind, parent_id, founded_on, dissolved_on, merged_into, note`

// orgArgs lists o's stored values in the order of orgWriteCols.
func orgArgs(o *domain.Org) []any {
	return []any{nullText(o.Code), o.Name, domain.Fold(o.Name), string(o.Kind), nullID(o.ParentID),
		dateArg(o.FoundedOn), dateArg(o.DissolvedOn), nullID(o.MergedInto), o.Note}
}

// validateOrg normalises and validates o against its parent and the
// uniqueness of its code.
func validateOrg(ctx context.Context, q queryer, o *domain.Org) error {
	o.Normalize()
	parent, err := parentOf(ctx, q, o)
	if err != nil {
		return err
	}
	if err := o.Validate(parent); err != nil {
		return err
	}
	return checkOrgCode(ctx, q, o)
}

func (db *DB) insertOrg(ctx context.Context, q queryer, o *domain.Org) error {
	if err := validateOrg(ctx, q, o); err != nil {
		return err
	}
	if o.Code == "" {
		// Every organisation has a code, so that files name it without doubt.
		codes, err := orgCodes(ctx, q)
		if err != nil {
			return err
		}
		o.Code = codes.fresh()
	}
	var err error
	o.ID, err = insertID(ctx, q, `INSERT INTO orgs (id, `+orgWriteCols+`) VALUES (`+db.dialect.NextID("orgs", "org_id")+`, `+placeholders(9)+`)`, orgArgs(o)...)
	return err
}

// CreateOrg validates and stores a new organisation, setting its ID.
func (db *DB) CreateOrg(ctx context.Context, o *domain.Org) error {
	return db.inTx(ctx, "org.create", o.Name, func(tx *sql.Tx) error { return db.insertOrg(ctx, tx, o) })
}

// updateOrg writes o's fields, recording a rename or a move on day on.
func updateOrg(ctx context.Context, q queryer, o *domain.Org, on domain.Date) error {
	old, err := getOrg(ctx, q, o.ID)
	if err != nil {
		return err
	}
	if err := validateOrg(ctx, q, o); err != nil {
		return err
	}
	if o.ParentID != old.ParentID {
		tree, err := treeAt(ctx, q, domain.Date{})
		if err != nil {
			return err
		}
		if o.ParentID != 0 && tree.IsUnder(o.ParentID, o.ID) {
			return domain.Errorf(domain.EINVALID, "Trực thuộc", "không thể chuyển %s vào tổ chức cấp dưới của chính nó", o.Name)
		}
		if err := addEvent(ctx, q, domain.OrgEvent{OrgID: o.ID, On: on, Kind: domain.EventMove, OldParent: old.ParentID, NewParent: o.ParentID}); err != nil {
			return err
		}
	}
	if o.Name != old.Name {
		if err := addEvent(ctx, q, domain.OrgEvent{OrgID: o.ID, On: on, Kind: domain.EventRename, OldName: old.Name, NewName: o.Name}); err != nil {
			return err
		}
	}
	_, err = q.ExecContext(ctx, `UPDATE orgs SET (`+orgWriteCols+`) = (`+placeholders(9)+`) WHERE id = ?`, append(orgArgs(o), o.ID)...)
	return err
}

// UpdateOrg validates and stores o; a changed name or parent is recorded in
// the organisation's history as of day on (zero: today).
func (db *DB) UpdateOrg(ctx context.Context, o *domain.Org, on domain.Date) error {
	if on.IsZero() {
		on = domain.Today()
	}
	return db.inTx(ctx, "org.update", o.Name, func(tx *sql.Tx) error { return updateOrg(ctx, tx, o, on) })
}

func addEvent(ctx context.Context, q queryer, e domain.OrgEvent) error {
	_, err := q.ExecContext(ctx, `INSERT INTO org_events (org_id, on_date, kind, old_name, new_name, old_parent_id, new_parent_id, other_org_id, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.OrgID, e.On.ISO(), string(e.Kind), e.OldName, e.NewName,
		nullID(e.OldParent), nullID(e.NewParent), nullID(e.OtherID), e.Note)
	return err
}

// RenameOrg renames an organisation as of day on, keeping the old name in its
// history so that earlier years still show it.
func (db *DB) RenameOrg(ctx context.Context, id int64, name string, on domain.Date) error {
	return db.renameOrg(ctx, id, nil, name, on)
}

// RenameOrgFrom renames the organisation as loaded was, as RenameOrg does,
// only when it is stored as loaded: otherwise nothing is written and a
// *ChangedError says who changed it since, when, and both values.
func (db *DB) RenameOrgFrom(ctx context.Context, loaded *domain.Org, name string, on domain.Date) error {
	return db.renameOrg(ctx, loaded.ID, loaded, name, on)
}

func (db *DB) renameOrg(ctx context.Context, id int64, loaded *domain.Org, name string, on domain.Date) error {
	change := func(o *domain.Org) { o.Name = name }
	return db.orgStep(ctx, "org.rename", name, id, loaded, change, func(tx *sql.Tx, o *domain.Org) error {
		change(o)
		return updateOrg(ctx, tx, o, orToday(on))
	})
}

// MoveOrg puts an organisation under another one as of day on.
func (db *DB) MoveOrg(ctx context.Context, id, parentID int64, on domain.Date) error {
	return db.moveOrg(ctx, id, nil, parentID, on)
}

// MoveOrgFrom moves the organisation as loaded was, as MoveOrg does, only
// when it is stored as loaded (see RenameOrgFrom).
func (db *DB) MoveOrgFrom(ctx context.Context, loaded *domain.Org, parentID int64, on domain.Date) error {
	return db.moveOrg(ctx, loaded.ID, loaded, parentID, on)
}

func (db *DB) moveOrg(ctx context.Context, id int64, loaded *domain.Org, parentID int64, on domain.Date) error {
	change := func(o *domain.Org) { o.ParentID = parentID }
	return db.orgStep(ctx, "org.move", "", id, loaded, change, func(tx *sql.Tx, o *domain.Org) error {
		change(o)
		return updateOrg(ctx, tx, o, orToday(on))
	})
}

// orgStep runs fn on organisation id in one step of the history named
// action, about subject ("": the organisation's name). With loaded, the stored
// organisation must still be loaded: otherwise nothing is written and a
// *ChangedError names who changed it since, when, and each field as stored
// now and as change would make it.
func (db *DB) orgStep(ctx context.Context, action, subject string, id int64, loaded *domain.Org, change func(*domain.Org), fn func(tx *sql.Tx, o *domain.Org) error) error {
	return db.inTx(ctx, action, subject, func(tx *sql.Tx) error {
		o, err := getOrg(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := db.nameStep(ctx, tx, `SELECT ?`, o.Name); err != nil {
			return err
		}
		if loaded != nil {
			mine := *loaded
			change(&mine)
			if fields := changedFields(orgWriteCols, orgArgs(o), orgArgs(loaded), orgArgs(&mine)); len(fields) > 0 || !sameVersion(o.Version, loaded.Version) {
				return lastChange(ctx, tx, &ChangedError{Name: o.Name, Fields: fields, Current: o}, `c.tbl = 'orgs' AND c.org_id = ?`, id)
			}
		}
		return fn(tx, o)
	})
}

func orToday(d domain.Date) domain.Date {
	if d.IsZero() {
		return domain.Today()
	}
	return d
}

func countActive(ctx context.Context, q queryer, id int64) (members, children int, err error) {
	if err = q.QueryRowContext(ctx, `SELECT COUNT(*) FROM members WHERE cell_id = ? AND status IN ('active', 'exempted')`, id).Scan(&members); err != nil {
		return
	}
	err = q.QueryRowContext(ctx, `SELECT COUNT(*) FROM orgs WHERE parent_id = ? AND dissolved_on IS NULL`, id).Scan(&children)
	return
}

// DissolveOrg marks an organisation dissolved on day on. It must hold no
// active members and no active sub-organisations; its ratings stay.
func (db *DB) DissolveOrg(ctx context.Context, id int64, on domain.Date) error {
	on = orToday(on)
	return db.inTx(ctx, "org.dissolve", "", func(tx *sql.Tx) error {
		o, err := getOrg(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := db.nameStep(ctx, tx, `SELECT ?`, o.Name); err != nil {
			return err
		}
		if !o.DissolvedOn.IsZero() {
			// Perhaps by another office since the tree was shown: by whom, when.
			var who, at string
			if err := lastAuthor(ctx, tx, &who, &at, `c.tbl = 'orgs' AND c.org_id = ?`, id); err != nil {
				return err
			}
			if who != "" {
				return domain.Errorf(domain.EINVALID, "", "%s đã giải thể ngày %s (%s ghi lúc %s)", o.Name, o.DissolvedOn, who, domain.StampText(at))
			}
			return domain.Errorf(domain.EINVALID, "", "%s đã giải thể ngày %s", o.Name, o.DissolvedOn)
		}
		members, children, err := countActive(ctx, tx, id)
		if err != nil {
			return err
		}
		if members > 0 || children > 0 {
			return domain.Errorf(domain.EINVALID, "", "%s còn %d đảng viên và %d tổ chức trực thuộc; hãy chuyển đi hoặc hợp nhất trước khi giải thể", o.Name, members, children)
		}
		if err := addEvent(ctx, tx, domain.OrgEvent{OrgID: id, On: on, Kind: domain.EventDissolve}); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE orgs SET dissolved_on = ? WHERE id = ?`, on.ISO(), id)
		return err
	})
}

// MergeOrg merges organisation id into target on day on: its members are
// transferred and its sub-organisations moved to target, and it is marked
// dissolved. Its past ratings stay attached to it.
func (db *DB) MergeOrg(ctx context.Context, id, target int64, on domain.Date) error {
	return db.mergeOrg(ctx, id, nil, target, on)
}

// MergeOrgFrom merges the organisation as loaded was, as MergeOrg does,
// only when it is stored as loaded (see RenameOrgFrom).
func (db *DB) MergeOrgFrom(ctx context.Context, loaded *domain.Org, target int64, on domain.Date) error {
	return db.mergeOrg(ctx, loaded.ID, loaded, target, on)
}

func (db *DB) mergeOrg(ctx context.Context, id int64, loaded *domain.Org, target int64, on domain.Date) error {
	on = orToday(on)
	change := func(o *domain.Org) { o.DissolvedOn, o.MergedInto = on, target }
	return db.orgStep(ctx, "org.merge", "", id, loaded, change, func(tx *sql.Tx, o *domain.Org) error {
		t, err := getOrg(ctx, tx, target)
		if err != nil {
			return err
		}
		if id == target {
			return domain.Errorf(domain.EINVALID, "", "không thể hợp nhất %s vào chính nó", o.Name)
		}
		if !o.DissolvedOn.IsZero() || !t.DissolvedOn.IsZero() {
			return domain.Errorf(domain.EINVALID, "", "không thể hợp nhất tổ chức đã giải thể")
		}
		members, _, err := countActive(ctx, tx, id)
		if err != nil {
			return err
		}
		if members > 0 && !t.Kind.HoldsMembers() {
			return domain.Errorf(domain.EINVALID, "", "%s có %d đảng viên nhưng %s (%s) không trực tiếp quản lý đảng viên", o.Name, members, t.Name, t.Kind.Label())
		}
		ids, err := sqlrows.IDs(ctx, tx, `SELECT id FROM members WHERE cell_id = ? AND status IN ('active', 'exempted')`, id)
		if err != nil {
			return err
		}
		for _, m := range ids {
			if err := transfer(ctx, tx, m, target, on); err != nil {
				return err
			}
		}
		kids, err := sqlrows.IDs(ctx, tx, `SELECT id FROM orgs WHERE parent_id = ? AND dissolved_on IS NULL`, id)
		if err != nil {
			return err
		}
		for _, c := range kids {
			child, err := getOrg(ctx, tx, c)
			if err != nil {
				return err
			}
			child.ParentID = target
			if err := updateOrg(ctx, tx, child, on); err != nil {
				return fmt.Errorf("%s: %w", child.Name, err)
			}
		}
		if err := addEvent(ctx, tx, domain.OrgEvent{OrgID: id, On: on, Kind: domain.EventMerge, OtherID: target}); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE orgs SET dissolved_on = ?, merged_into = ? WHERE id = ?`, on.ISO(), target, id)
		return err
	})
}
