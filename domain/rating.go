package domain

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Rating is one year's quality rating of a member or an organisation: a level,
// or "not rated" with a reason; a score from 0 to 100 where the year's rules
// use one.
type Rating struct {
	Year           int
	Score          *float64
	NotRatedReason string
	Note           string
	Level          Level
	// CivilService is a member's rating as a civil servant (cán bộ, công
	// chức, viên chức) for the year; LevelNone when the member is not one or
	// it is not known. HD 21-HD/BTCTW: "xuất sắc" needs it "xuất sắc";
	// "không hoàn thành" there means "không hoàn thành" here.
	CivilService Level
	// MassOrgs is, for an organisation, the lowest of the year's results of
	// the government, the Fatherland Front and the unions at its level;
	// LevelNone when there are none or it is not known. HD 21-HD/BTCTW:
	// "xuất sắc" needs them at "tốt" or above.
	MassOrgs Level
}

// MemberRating is a member's rating, attached to the cell that rated them.
type MemberRating struct {
	MemberID int64
	OrgID    int64 // the cell where the member was rated that year
	Rating
}

// OrgRating is an organisation's own rating.
type OrgRating struct {
	OrgID int64
	Rating
}

// MinYear and MaxYear bound the years a rating or award may name.
const (
	MinYear = 1930
	MaxYear = 2200
)

// Normalize cleans the text fields.
func (r *Rating) Normalize() {
	r.NotRatedReason = CleanText(r.NotRatedReason)
	r.Note = CleanText(r.Note)
}

// Validate checks the rating on its own; thisYear bounds the year.
func (r *Rating) Validate(thisYear int) error {
	var es Errors
	if r.Year < MinYear || r.Year > thisYear+1 {
		es.add("Năm", "%d không hợp lệ (từ %d đến %d)", r.Year, MinYear, thisYear+1)
	}
	switch {
	case r.Level == LevelNone && r.NotRatedReason == "":
		es.add("Xếp loại", "không được để trống khi không có lý do không xếp loại")
	case r.Level != LevelNone && r.NotRatedReason != "":
		es.add("Lý do không xếp loại", "đã có mức xếp loại %q thì không ghi lý do không xếp loại", r.Level.Short())
	case r.Level < LevelNone || r.Level > LevelNotCompleted:
		es.add("Xếp loại", "mức xếp loại không hợp lệ")
	}
	if r.Score != nil && (*r.Score < 0 || *r.Score > 100 || *r.Score != *r.Score) {
		es.add("Điểm", "%v nằm ngoài khoảng 0–100", *r.Score)
	}
	if r.CivilService < LevelNone || r.CivilService > LevelNotCompleted {
		es.add("Xếp loại công chức", "mức xếp loại không hợp lệ")
	}
	if r.MassOrgs < LevelNone || r.MassOrgs > LevelNotCompleted {
		es.add("Xếp loại chính quyền, đoàn thể", "mức xếp loại không hợp lệ")
	}
	if r.Score != nil && r.Level == LevelNone {
		es.add("Điểm", "không chấm điểm khi không xếp loại")
	}
	return es.Err()
}

// ValidateFor checks a member's rating against the member: no rating for a
// year before the member was admitted.
func (r *MemberRating) ValidateFor(m *Member, thisYear int) error {
	if err := r.Validate(thisYear); err != nil {
		return err
	}
	if !m.AdmittedOn.IsZero() && r.Year < m.AdmittedOn.Year {
		return Errorf(EINVALID, "Năm", "xếp loại năm %d trước năm vào Đảng (%s)", r.Year, m.AdmittedOn)
	}
	if gone, ok := goneVerbs[m.Status]; ok && !m.StatusOn.IsZero() && r.Year > m.StatusOn.Year {
		return Errorf(EINVALID, "Năm", "xếp loại năm %d, sau khi đảng viên %s ngày %s", r.Year, gone, m.StatusOn)
	}
	return nil
}

// goneVerbs say how a member no longer on the roll went: no rating of
// theirs for a year after it.
var goneVerbs = map[MemberStatus]string{StatusDied: "từ trần", StatusLeft: "ra khỏi Đảng", StatusTransferred: "chuyển đi"}

// ValidateFor checks an organisation's rating against the organisation: no
// rating for a year before it was founded.
func (r *OrgRating) ValidateFor(o *Org, thisYear int) error {
	if err := r.Validate(thisYear); err != nil {
		return err
	}
	if o != nil && !o.FoundedOn.IsZero() && r.Year < o.FoundedOn.Year {
		return Errorf(EINVALID, "Năm", "xếp loại năm %d trước khi %s được thành lập (%s)", r.Year, o.Name, o.FoundedOn)
	}
	return nil
}

// ParseScore reads a 100-point score, with a decimal comma or point: "" is
// no score; anything but a number from 0 to 100 is an error.
func ParseScore(s string) (*float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > 100 {
		return nil, Errorf(EINVALID, "Điểm", "%q không phải là điểm từ 0 đến 100", s)
	}
	return &f, nil
}

// ScoreText formats an optional score without trailing zeros.
func ScoreText(s *float64) string {
	if s == nil {
		return ""
	}
	return fmt.Sprintf("%g", *s)
}
