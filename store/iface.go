package store

import (
	"context"
	"time"

	"xeploai/domain"
)

// Store is what the GUI needs of a database. *DB implements it, on an
// SQLite file or on a PostgreSQL server (postgres.go).
type Store interface {
	Path() string
	ReadOnly() bool
	// Server reports a shared server's database (PostgreSQL) rather than a
	// file: what works on a file only (restore over it, its folder's
	// backups) is not offered.
	Server() bool
	// ScopeNote says what an office's role on a server sees (xeploai
	// grant), "" on a file and for the owner.
	ScopeNote(ctx context.Context) string
	// ForeignChanges reports whether another process (another window, a
	// command) has written since it was last asked.
	ForeignChanges(ctx context.Context) (bool, error)
	// SetUserName names the person at this PC in a shared server's
	// history ("": the computer's user).
	SetUserName(name string)
	Close() error
	IsEmpty(ctx context.Context) (bool, error)

	Orgs(ctx context.Context) ([]domain.Org, error)
	Org(ctx context.Context, id int64) (*domain.Org, error)
	Tree(ctx context.Context, on domain.Date) (*domain.Tree, error)
	CreateOrg(ctx context.Context, o *domain.Org) error
	RenameOrg(ctx context.Context, id int64, name string, on domain.Date) error
	MoveOrg(ctx context.Context, id, parentID int64, on domain.Date) error
	MergeOrg(ctx context.Context, id, target int64, on domain.Date) error
	RenameOrgFrom(ctx context.Context, loaded *domain.Org, name string, on domain.Date) error
	MoveOrgFrom(ctx context.Context, loaded *domain.Org, parentID int64, on domain.Date) error
	MergeOrgFrom(ctx context.Context, loaded *domain.Org, target int64, on domain.Date) error
	DissolveOrg(ctx context.Context, id int64, on domain.Date) error

	Member(ctx context.Context, id int64) (*domain.Member, error)
	MemberByCard(ctx context.Context, card string) (*domain.Member, error)
	Members(ctx context.Context, q MemberQuery) ([]domain.Member, error)
	CountMembers(ctx context.Context, q MemberQuery) (int, error)
	MemberCounts(ctx context.Context) (map[int64]int, error)
	Memberships(ctx context.Context, memberID int64) ([]domain.Membership, error)
	CreateMember(ctx context.Context, m *domain.Member) error
	UpdateMember(ctx context.Context, m *domain.Member, on domain.Date) error
	UpdateMemberFrom(ctx context.Context, loaded, m *domain.Member, on domain.Date) error
	TransferMember(ctx context.Context, memberID, cellID int64, on domain.Date) error

	MemberRatings(ctx context.Context, memberID int64) ([]domain.MemberRating, error)
	RatingSheet(ctx context.Context, cellID int64, year int) ([]SheetRow, error)
	SetMemberRating(ctx context.Context, r *domain.MemberRating) error
	RateMemberFrom(ctx context.Context, memberID int64, year int, was *domain.Rating, next *domain.MemberRating) error
	DeleteMemberRating(ctx context.Context, memberID int64, year int) error
	OrgRating(ctx context.Context, orgID int64, year int) (*domain.OrgRating, error)
	SetOrgRating(ctx context.Context, r *domain.OrgRating) error
	RateOrgFrom(ctx context.Context, orgID int64, year int, was *domain.Rating, next *domain.OrgRating) error
	DeleteOrgRating(ctx context.Context, orgID int64, year int) error

	Awards(ctx context.Context, q AwardQuery) ([]domain.Award, error)
	AwardRows(ctx context.Context, q AwardQuery) ([]AwardRow, error)
	CreateAward(ctx context.Context, a *domain.Award) error
	UpdateAward(ctx context.Context, a *domain.Award) error
	UpdateAwardFrom(ctx context.Context, loaded, a *domain.Award) error
	DeleteAward(ctx context.Context, id int64) error

	Summary(ctx context.Context, year int, orgID int64) (*domain.Summary, error)
	Unentered(ctx context.Context, year int, orgID int64) (domain.Unentered, error)
	CheckInput(ctx context.Context, year int, scope int64) (*domain.CheckInput, error)
	ReviewDate(ctx context.Context, year int) (domain.Date, error)
	SetReviewDate(ctx context.Context, year int, d domain.Date) error
	Reading(ctx context.Context, key string) (string, error)
	SetReading(ctx context.Context, key, value string) error
	ConsecutiveCandidates(ctx context.Context, year, n int, group domain.Group) ([]Candidate, error)
	BadgeCandidates(ctx context.Context, occasion domain.Date) ([]Candidate, error)
	BadgePostponed(ctx context.Context, occasion domain.Date) ([]Candidate, error)
	RecordAwards(ctx context.Context, cs []Candidate, d Decision) error
	PartyFacts(ctx context.Context, ids []int64) (map[int64]PartyFacts, error)
	DecisionAwards(ctx context.Context, no string) ([]DecisionAward, error)
	Decisions(ctx context.Context, year int) ([]DecisionInfo, error)
	Search(ctx context.Context, q domain.SearchQuery, limit int) ([]SearchResult, error)

	DeleteMember(ctx context.Context, id int64) error
	DeleteOrg(ctx context.Context, id int64) error
	Trash(ctx context.Context) ([]TrashItem, error)
	RestoreTrash(ctx context.Context, id int64) error
	EmptyTrash(ctx context.Context) error
	Undo(ctx context.Context) (*Step, error)
	Redo(ctx context.Context) (*Step, error)
	UndoRedo(ctx context.Context) (undo, redo *Step, err error)
	Steps(ctx context.Context, limit int) ([]Step, error)
	History(ctx context.Context, q HistoryQuery) ([]Change, error)

	AddDiscipline(ctx context.Context, d Discipline) error
	AddAbsence(ctx context.Context, memberID int64, year int, kind string, months float64) error
	AddPartyAgeGap(ctx context.Context, memberID int64, from, to domain.Date, reason string) error
	AddLeader(ctx context.Context, memberID, orgID int64, role string, from, to domain.Date) error
	MemberRecords(ctx context.Context, memberID int64) ([]MemberRecord, error)
	DeleteMemberRecord(ctx context.Context, table string, id int64) error

	PlanImport(ctx context.Context, b *domain.Batch) (*ImportPlan, error)
	ApplyImport(ctx context.Context, p *ImportPlan) (*domain.ImportReport, error)
	BackupTo(ctx context.Context, dir string) (string, error)
	// BackupIfOld backs the file up into dir when its newest backup there
	// is older than maxAge (the window's start-up backup).
	BackupIfOld(ctx context.Context, dir string, maxAge time.Duration) (string, error)
	// BulkLoad fills an empty database in one transaction outside the
	// history (the demo data).
	BulkLoad(ctx context.Context, fn func(b *Bulk) error) error
	View(ctx context.Context, scope int64, fn func(s *Snapshot) error) error
	ResolveOrg(ctx context.Context, ref string) (*domain.Org, error)
	Settings(ctx context.Context) func(key, def string) string
	SetSetting(ctx context.Context, key, value string) error
}

var _ Store = (*DB)(nil)
