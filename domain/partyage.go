package domain

// PartyAge is the member's party age on a day in whole years and months:
// from admission, less the recorded gaps (HD 01-HD/TW §18).
func (s BadgeSubject) PartyAge(on Date) (years, months int) {
	if s.AdmittedOn.IsZero() || on.Before(s.after(0, 0)) {
		return 0, 0
	}
	for !s.after(years+1, 0).After(on) {
		years++
	}
	for months < 11 && !s.after(years, months+1).After(on) {
		months++
	}
	return years, months
}
