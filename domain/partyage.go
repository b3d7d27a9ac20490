package domain

// PartyAge is the member's party age on a day in whole years and months:
// from admission, less the recorded gaps (HD 01-HD/TW §18).
func (s BadgeSubject) PartyAge(on Date) (years, months int) {
	if s.AdmittedOn.IsZero() || on.Before(s.AdmittedOn.AddDate(0, 0, s.GapDays)) {
		return 0, 0
	}
	for !s.AdmittedOn.AddDate(years+1, 0, s.GapDays).After(on) {
		years++
	}
	for months < 11 && !s.AdmittedOn.AddDate(years, months+1, s.GapDays).After(on) {
		months++
	}
	return years, months
}
