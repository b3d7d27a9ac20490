package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"xeploai/domain"
	"xeploai/store/internal/sqlrows"
)

// Setting keys. The readings of what the texts leave open are settings with
// the reading followed by default (domain.md "Corrections from the texts").
const (
	// SettingQuotaDenominator is what the 20% quota counts against:
	// "excellent+good" (default) or "good".
	SettingQuotaDenominator = "quota_denominator"
	// SettingShares says whether HD 21's 80%/50% member shares bind a
	// collective's level after 2022: "apply" (default) or "none".
	SettingShares = "shares_after_2022"
	// SettingQuotaGroups groups collectives for their quota from 2023:
	// "parent" (default) or "kind".
	SettingQuotaGroups = "collective_quota_groups"
	// SettingLinks says whether HD 21's links to the civil-service rating
	// and to the government's and unions' results bind after 2022: "apply"
	// (default) or "none".
	SettingLinks = "links_after_2022"
)

// readingValues are the values each reading may take, the default first.
var readingValues = map[string][]string{
	SettingQuotaDenominator: {string(domain.QuotaOfExcellentAndGood), string(domain.QuotaOfGood)},
	SettingShares:           {string(domain.SharesApply), string(domain.SharesNone)},
	SettingQuotaGroups:      {string(domain.QuotaByParent), string(domain.QuotaByKind)},
	SettingLinks:            {string(domain.LinksApply), string(domain.LinksNone)},
}

// ReadingValues lists the values a reading may take, the default first.
func ReadingValues(key string) []string { return readingValues[key] }

// Reading returns the stored value of a reading, or its default.
func (db *DB) Reading(ctx context.Context, key string) (string, error) {
	vals := readingValues[key]
	if vals == nil {
		return "", fmt.Errorf("settings: unknown reading %q", key)
	}
	v, err := db.Setting(ctx, key, vals[0])
	if err != nil {
		return "", err
	}
	if !slices.Contains(vals, v) {
		return vals[0], nil // a value written by hand that is none of them
	}
	return v, nil
}

// SetReading stores a reading after checking its value.
func (db *DB) SetReading(ctx context.Context, key, value string) error {
	vals := readingValues[key]
	if vals == nil {
		return fmt.Errorf("settings: unknown reading %q", key)
	}
	if !slices.Contains(vals, value) {
		return domain.Errorf(domain.EINVALID, key, "%q không hợp lệ (%s)", value, strings.Join(vals, ", "))
	}
	return db.SetSetting(ctx, key, value)
}

// ReviewDatePrefix begins the setting of a year's review date
// (review_date_2025).
const ReviewDatePrefix = "review_date_"

func reviewDateKey(year int) string { return fmt.Sprintf("%s%d", ReviewDatePrefix, year) }

// ReviewDates lists the review dates set, by year (the others are their
// year's default).
func (db *DB) ReviewDates(ctx context.Context) (map[int]domain.Date, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT key FROM settings WHERE key LIKE 'review\_date\_%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	var years []int
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			rows.Close()
			return nil, err
		}
		var year int
		if _, err := fmt.Sscanf(key, ReviewDatePrefix+"%d", &year); err == nil && reviewDateKey(year) == key {
			years = append(years, year)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := map[int]domain.Date{}
	for _, y := range years {
		if out[y], err = db.ReviewDate(ctx, y); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ReviewDate is the day of the year's review, from which the six-month rule
// counts (for members and for organisations): the setting of that year, or
// 15 December.
func (db *DB) ReviewDate(ctx context.Context, year int) (domain.Date, error) {
	v, err := db.Setting(ctx, reviewDateKey(year), "")
	if err != nil || v == "" {
		return domain.DefaultReviewDate(year), err
	}
	d, err := domain.ParseDate(v)
	if err != nil || domain.ValidReviewDate(year, d) != nil {
		return domain.DefaultReviewDate(year), nil
	}
	return d, nil
}

// SetReviewDate sets the day of the year's review; a zero date goes back to
// the default.
func (db *DB) SetReviewDate(ctx context.Context, year int, d domain.Date) error {
	if d.IsZero() {
		return db.SetSetting(ctx, reviewDateKey(year), "") // the default again
	}
	if err := domain.ValidReviewDate(year, d); err != nil {
		return err
	}
	return db.SetSetting(ctx, reviewDateKey(year), d.ISO())
}

// CheckInput gathers what the year's rule checks look at, for the tree of
// organisation scope (0: all) as it stood at the end of the year: only the
// ratings given under scope are read.
func (db *DB) CheckInput(ctx context.Context, year int, scope int64) (*domain.CheckInput, error) {
	return db.checkInput(ctx, year, scope, nil)
}

// collectivesInput is what domain.CheckCollectives needs of year for the
// organisations orgs: the members' levels counted per organisation (of
// orgs) rather than the members one by one, and no absences.
func (db *DB) collectivesInput(ctx context.Context, year int, orgs []int64) (*domain.CheckInput, error) {
	if orgs == nil {
		orgs = []int64{}
	}
	return db.checkInput(ctx, year, 0, orgs)
}

// checkInput reads the check's input; with counts set (not nil), the
// members' levels of those organisations are counted instead of read.
func (db *DB) checkInput(ctx context.Context, year int, scope int64, counts []int64) (*domain.CheckInput, error) {
	scope, err := db.partScope(ctx, scope)
	if err != nil {
		return nil, err
	}
	tree, err := db.tree(ctx, domain.YearEnd(year))
	if err != nil {
		return nil, err
	}
	in := &domain.CheckInput{Year: year, Tree: tree, Scope: scope,
		OrgRatings: map[int64]domain.Rating{}, Disciplined: map[int64]bool{}, OrgDiscipline: map[int64]bool{},
		SelfCorrected: map[int64]bool{}, OrgSelfCorrected: map[int64]bool{},
		SickMonths: map[int64]float64{}, Exempted: map[int64]bool{}, Suspended: map[int64]bool{}, Leaders: map[int64][]int64{}}
	if in.Review, err = db.ReviewDate(ctx, year); err != nil {
		return nil, err
	}
	for key, set := range map[string]func(string){
		SettingQuotaDenominator: func(v string) { in.Denominator = domain.QuotaDenominator(v) },
		SettingShares:           func(v string) { in.Shares = domain.SharesReading(v) },
		SettingQuotaGroups:      func(v string) { in.QuotaGroups = domain.QuotaGroups(v) },
		SettingLinks:            func(v string) { in.Links = domain.LinksReading(v) },
	} {
		v, err := db.Reading(ctx, key)
		if err != nil {
			return nil, err
		}
		set(v)
	}
	// Ratings given under scope only: the rating sheet checks one
	// grassroots organisation of a tree of hundreds of thousands of members.
	orgFilter, args := "", []any{year}
	if scope != 0 {
		orgFilter, args = ` AND r.org_id`+db.inFew("?", "bigint"), append(args, subtreeIDs(tree, scope))
	}
	if counts != nil {
		in.MemberCounts = map[int64]domain.LevelCounts{}
		err := eachCount(<-db.readCounts(ctx, countsWhereSQL("member_ratings", ` AND org_id`+db.inFew("?", "bigint")), year, jsonArg(counts)),
			func(id int64, l domain.Level, reason string, n int) {
				c := in.MemberCounts[id]
				c.Add(l, reason, n)
				in.MemberCounts[id] = c
			})
		if err != nil {
			return nil, err
		}
	}
	if counts == nil {
		if err := db.readRatedMembers(ctx, in, orgFilter, args); err != nil {
			return nil, err
		}
		if err := db.readUnrated(ctx, in, scope, tree); err != nil {
			return nil, err
		}
	}
	err = sqlrows.Each(ctx, db.read, `SELECT r.org_id, r.level, r.score, r.not_rated_reason, r.mass_level FROM org_ratings r WHERE r.year = ?`+orgFilter, args,
		func(sc func(...any) error) error {
			var id int64
			var level, mass sql.NullString
			var score sql.NullFloat64
			var r domain.Rating
			if err := sc(&id, &level, &score, &r.NotRatedReason, &mass); err != nil {
				return err
			}
			scanRating(level, score, &r)
			r.Year, r.MassOrgs = year, levelOf(mass)
			in.OrgRatings[id] = r
			return nil
		})
	if err != nil {
		return nil, err
	}
	// Disciplines in the year; a subject counts as having found and corrected
	// the violation itself only if every discipline of the year says so.
	err = sqlrows.Each(ctx, db.read, `SELECT COALESCE(member_id, 0), COALESCE(org_id, 0), COALESCE(self_corrected, 0) FROM disciplines
		WHERE on_date >= ? AND on_date <= ?`, []any{domain.NewDate(year, 1, 1).ISO(), domain.YearEnd(year).ISO()},
		func(sc func(...any) error) error {
			var m, o int64
			var self bool
			if err := sc(&m, &o, &self); err != nil {
				return err
			}
			disciplined, corrected, id := in.Disciplined, in.SelfCorrected, m
			if m == 0 {
				disciplined, corrected, id = in.OrgDiscipline, in.OrgSelfCorrected, o
			}
			corrected[id] = self && (!disciplined[id] || corrected[id])
			disciplined[id] = true
			return nil
		})
	if err != nil {
		return nil, err
	}
	// Leadership members serving during the year.
	err = sqlrows.Each(ctx, db.read, `SELECT org_id, member_id FROM leaders
		WHERE (from_on IS NULL OR from_on <= ?) AND (to_on IS NULL OR to_on >= ?)`,
		[]any{domain.YearEnd(year).ISO(), domain.NewDate(year, 1, 1).ISO()}, func(sc func(...any) error) error {
			var org, m int64
			if err := sc(&org, &m); err != nil {
				return err
			}
			in.Leaders[org] = append(in.Leaders[org], m)
			return nil
		})
	if err != nil {
		return nil, err
	}
	if counts != nil {
		return in, nil // absences are the members' rules
	}
	// Absences on record for the year; maternity leave neither caps nor
	// exempts, and serious illness matters to badges only.
	err = sqlrows.Each(ctx, db.read, `SELECT member_id, kind, months FROM absences WHERE year = ?`, []any{year}, func(sc func(...any) error) error {
		var m int64
		var kind string
		var months float64
		if err := sc(&m, &kind, &months); err != nil {
			return err
		}
		switch kind {
		case AbsenceSickLeave:
			in.SickMonths[m] += months
		case AbsenceExempted:
			in.Exempted[m] = true
		case AbsenceSuspended:
			in.Suspended[m] = true
		}
		return nil
	})
	return in, err
}

// readUnrated reads, by cell, the members on its roll on the year's review
// date (admitted by then, not died, left or transferred out before it) who
// have neither a level nor a reason for the year (under scope, 0: all).
func (db *DB) readUnrated(ctx context.Context, in *domain.CheckInput, scope int64, tree *domain.Tree) error {
	review := in.ReviewDate().ISO()
	// The cells' rolls on the day less those with a rating first (a set,
	// read by the ratings' year index), then those members' records: not
	// every member's (1.3 s against 0.2 at 500,000 members).
	inScope, args := "", []any{review, review, in.Year}
	if scope != 0 {
		inScope, args = ` AND org_id`+db.inFew("?", "bigint"), append(args, subtreeIDs(tree, scope))
	}
	// SQLite keeps the roll outside (else it reads every member by its
	// admission index) and tests the ratings as a list; PostgreSQL, whose
	// NOT IN over 500,000 ratings is tested row by row, as an anti-join.
	// The members then read by key (PostgreSQL hashed all 500,000 of them).
	join, unrated, byKey := "CROSS JOIN", `member_id NOT IN (SELECT member_id FROM member_ratings WHERE year = ?)`, ""
	if db.pg {
		join, unrated = "JOIN", `NOT EXISTS (SELECT 1 FROM member_ratings r WHERE r.member_id = memberships.member_id AND r.year = ?)`
		byKey = ` AND m.id = ANY (ARRAY(SELECT member_id FROM roll))`
	}
	query := `WITH roll AS MATERIALIZED (SELECT member_id, org_id FROM memberships
			WHERE (from_on IS NULL OR from_on <= ?) AND (to_on IS NULL OR to_on > ?)
				AND ` + unrated + inScope + `)
		SELECT m.id, m.full_name, COALESCE(m.card_no, ''), m.birth_date, roll.org_id
		FROM roll ` + join + ` members m ON m.id = roll.member_id
		WHERE m.admitted_on <= ? AND (m.status NOT IN ('died', 'left', 'transferred') OR m.status_on > ?)` + byKey
	args = append(args, review, review)
	in.Unrated = map[int64][]domain.RatedMember{}
	return sqlrows.Each(ctx, db.read, query, args, func(sc func(...any) error) error {
		var m domain.RatedMember
		var birth sql.NullString
		if err := sc(&m.MemberID, &m.Name, &m.Card, &birth, &m.OrgID); err != nil {
			return err
		}
		m.BirthDate = scanDate(birth)
		in.Unrated[m.OrgID] = append(in.Unrated[m.OrgID], m)
		return nil
	})
}

// Unentered counts what a report of year over organisation orgID (0: the
// whole tree, an office's part) cannot count for want of an entry: the
// members on a cell's roll on the review date, and the cells and grassroots
// organisations standing then, with neither a level nor a reason. Read
// apart from Summary, whose figures are the ratings entered.
func (db *DB) Unentered(ctx context.Context, year int, orgID int64) (domain.Unentered, error) {
	var u domain.Unentered
	scope, err := db.partScope(ctx, orgID)
	if err != nil {
		return u, err
	}
	tree, err := db.tree(ctx, domain.YearEnd(year))
	if err != nil {
		return u, err
	}
	in := &domain.CheckInput{Year: year, Tree: tree}
	if in.Review, err = db.ReviewDate(ctx, year); err != nil {
		return u, err
	}
	u.Review = in.ReviewDate()
	if err := db.readUnrated(ctx, in, scope, tree); err != nil {
		return u, err
	}
	for _, ms := range in.Unrated {
		u.Members += len(ms)
	}
	rated := map[int64]bool{}
	err = sqlrows.Each(ctx, db.read, `SELECT org_id FROM org_ratings WHERE year = ?`, []any{year}, func(sc func(...any) error) error {
		var id int64
		err := sc(&id)
		rated[id] = true
		return err
	})
	if err != nil {
		return u, err
	}
	roots := tree.Roots()
	if scope != 0 {
		roots = []int64{scope}
	}
	for _, r := range roots {
		tree.Walk(r, func(o *domain.Org) {
			if o.Reviewed(u.Review) && !rated[o.ID] {
				u.Orgs++
			}
		})
	}
	return u, nil
}

// subtreeIDs is the organisation top and those under it in tree, as the
// JSON array inFew binds.
func subtreeIDs(tree *domain.Tree, top int64) string {
	var ids []int64
	tree.Walk(top, func(o *domain.Org) { ids = append(ids, o.ID) })
	return jsonArg(ids)
}

// readRatedMembers reads the year's member ratings (under orgFilter) into
// in.Members, with what the members' rules need of each member.
func (db *DB) readRatedMembers(ctx context.Context, in *domain.CheckInput, orgFilter string, args []any) error {
	return sqlrows.Each(ctx, db.read, `SELECT r.member_id, m.full_name, COALESCE(m.card_no, ''), m.birth_date, r.org_id, r.level, r.score, r.not_rated_reason, r.civil_level,
		m.admitted_on, m.status, m.status_on
		FROM member_ratings r JOIN members m ON m.id = r.member_id WHERE r.year = ?`+orgFilter, args, func(sc func(...any) error) error {
		var m domain.RatedMember
		var level, civil, admitted, statusOn, birth sql.NullString
		var score sql.NullFloat64
		var status string
		if err := sc(&m.MemberID, &m.Name, &m.Card, &birth, &m.OrgID, &level, &score, &m.Reason, &civil, &admitted, &status, &statusOn); err != nil {
			return err
		}
		var r domain.Rating
		scanRating(level, score, &r)
		m.Level, m.Score, m.CivilService = r.Level, r.Score, levelOf(civil)
		m.AdmittedOn, m.Status, m.StatusOn = scanDate(admitted), domain.MemberStatus(status), scanDate(statusOn)
		m.BirthDate = scanDate(birth)
		in.Members = append(in.Members, m)
		return nil
	})
}

// Discipline is a disciplinary measure against a member or an organisation.
type Discipline = domain.Discipline

// AddDiscipline records a disciplinary measure; the form is one of the
// Statute's (for a member: khiển trách, cảnh cáo, cách chức, khai trừ; for an
// organisation: khiển trách, cảnh cáo, giải tán), stored in its own words.
func (db *DB) AddDiscipline(ctx context.Context, d Discipline) error {
	if (d.MemberID == 0) == (d.OrgID == 0) || d.On.IsZero() || domain.CleanText(d.Form) == "" {
		return domain.Errorf(domain.EINVALID, "Kỷ luật", "cần đúng một đảng viên hoặc tổ chức, ngày và hình thức kỷ luật")
	}
	form, err := domain.ParseDisciplineForm(d.Form)
	if err != nil {
		return domain.Errorf(domain.EINVALID, "Hình thức", "%v", err)
	}
	forms := domain.MemberDisciplineForms
	if d.OrgID != 0 {
		forms = domain.OrgDisciplineForms
	}
	if !slices.Contains(forms, form) {
		return domain.Errorf(domain.EINVALID, "Hình thức", "%s không phải là hình thức kỷ luật %s", form.Label(), map[bool]string{true: "tổ chức đảng", false: "đảng viên"}[d.OrgID != 0])
	}
	if d.On.After(domain.Today()) {
		return domain.Errorf(domain.EINVALID, "Ngày", "%s ở tương lai", d.On)
	}
	d.Form = form.Label()
	return db.inTx(ctx, "discipline.create", "", func(tx *sql.Tx) error {
		if d.MemberID != 0 {
			if err := db.recordOf(ctx, tx, d.MemberID); err != nil {
				return err
			}
		} else {
			o, err := getOrg(ctx, tx, d.OrgID)
			if err != nil {
				return err
			}
			if err := db.nameStep(ctx, tx, `SELECT ?`, o.Name); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO disciplines (member_id, org_id, on_date, form, reason, decision_no, self_corrected) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			nullID(d.MemberID), nullID(d.OrgID), d.On.ISO(), d.Form, domain.CleanText(d.Reason), domain.CleanText(d.DecisionNo), d.SelfCorrected)
		return err
	})
}

// Absence kinds.
const (
	AbsenceSickLeave    = string(domain.AbsenceSickLeave)
	AbsenceExempted     = string(domain.AbsenceExempted)
	AbsenceSuspended    = string(domain.AbsenceSuspended)
	AbsenceSeriouslyIll = string(domain.AbsenceSeriouslyIll)
	AbsenceMaternity    = string(domain.AbsenceMaternity)
)

// AddAbsence records that a member was on sick leave (months), exempted,
// suspended, seriously ill or on maternity leave (months) in a year.
func (db *DB) AddAbsence(ctx context.Context, memberID int64, year int, kind string, months float64) error {
	switch kind {
	case AbsenceSickLeave, AbsenceExempted, AbsenceSuspended, AbsenceSeriouslyIll, AbsenceMaternity:
	default:
		return domain.Errorf(domain.EINVALID, "Loại", "loại vắng mặt không hợp lệ: %q", kind)
	}
	if months < 0 || months > 12 {
		return domain.Errorf(domain.EINVALID, "Số tháng", "%g tháng nằm ngoài 0–12", months)
	}
	if this := domain.Today().Year; year < 1930 || year > this+1 {
		return domain.Errorf(domain.EINVALID, "Năm", "năm %d nằm ngoài 1930–%d", year, this+1)
	}
	return db.inTx(ctx, "absence.create", "", func(tx *sql.Tx) error {
		if err := db.recordOf(ctx, tx, memberID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO absences (member_id, year, kind, months) VALUES (?, ?, ?, ?)`, memberID, year, kind, months)
		return err
	})
}

// AddPartyAgeGap records a time outside the party, which party age leaves out.
func (db *DB) AddPartyAgeGap(ctx context.Context, memberID int64, from, to domain.Date, reason string) error {
	g := domain.PartyAgeGap{From: from, To: to}
	if err := g.Validate(domain.Today()); err != nil {
		return err
	}
	return db.inTx(ctx, "gap.create", "", func(tx *sql.Tx) error {
		if err := db.recordOf(ctx, tx, memberID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO party_age_gaps (member_id, from_on, to_on, reason) VALUES (?, ?, ?, ?)`,
			memberID, from.ISO(), to.ISO(), domain.CleanText(reason))
		return err
	})
}

// AddLeader records that a member sits on an organisation's committee
// (cấp ủy) from one day to another (zero: open-ended).
func (db *DB) AddLeader(ctx context.Context, memberID, orgID int64, role string, from, to domain.Date) error {
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return domain.Errorf(domain.EINVALID, "Thời gian", "khoảng %s – %s không hợp lệ", from, to)
	}
	return db.inTx(ctx, "leader.create", "", func(tx *sql.Tx) error {
		if err := db.recordOf(ctx, tx, memberID); err != nil {
			return err
		}
		if _, err := getOrg(ctx, tx, orgID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO leaders (member_id, org_id, role, from_on, to_on) VALUES (?, ?, ?, ?, ?)`,
			memberID, orgID, domain.CleanText(role), dateArg(from), dateArg(to))
		return err
	})
}
