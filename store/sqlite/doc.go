// Package sqlite holds what only an SQLite file has for the store: the
// file's migrations (its history and search triggers among them), the
// connection strings with their pragmas, the reading of a file's header,
// SQLite's error codes, and the primitives of backups (a consistent copy,
// an integrity check, a page copy through SQLite's backup API). It knows
// nothing of the store's records: package store composes it.
package sqlite

import (
	"embed"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Migrations are the file's schema steps, migrations/NNNN_name.sql.
//
//go:embed migrations/*.sql
var Migrations embed.FS
