// Package postgres holds what only a PostgreSQL server has for the store:
// the connector that takes the store's SQLite-style queries, the server's
// migrations (its history triggers among them), the address and password
// file, Vietnamese messages for the server's errors, the search index the
// server cannot fold itself, the notices of other sessions' writes, the
// write lock, and the rights an office's grant gives. It knows nothing of
// the store's records: package store composes it.
package postgres

import "embed"

// Migrations are the server's schema steps, migrations/NNNN_name.sql, the
// same steps by number and name as SQLite's (package sqlite).
//
//go:embed migrations/*.sql
var Migrations embed.FS
