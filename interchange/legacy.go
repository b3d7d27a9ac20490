package interchange

// legacyColumns tells, column by column, whether a sheet's text is in an
// old Vietnamese encoding, and converts it.
type legacyColumns struct{}

func newLegacyColumns(t *tableReader) *legacyColumns { return nil }

func (l *legacyColumns) add(n int, cells []cell) error { return nil }

func (l *legacyColumns) flush() {}
