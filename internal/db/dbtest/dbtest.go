// Package dbtest runs a test against every database engine lotse supports: always a
// fresh SQLite file, and a fresh PostgreSQL schema when LOTSE_TEST_POSTGRES_URL is
// set (./test.sh always sets it). Store tests use it so that the hand-written SQL is
// proven on both engines.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"lotse/internal/db"
)

// EnvPostgres names the variable that points tests at a PostgreSQL server.
const EnvPostgres = "LOTSE_TEST_POSTGRES_URL"

// Each runs fn once per available engine, as a subtest named after the dialect,
// with a freshly migrated, empty database.
func Each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run(db.SQLite, func(t *testing.T) { fn(t, SQLite(t)) })
	if os.Getenv(EnvPostgres) != "" {
		t.Run(db.Postgres, func(t *testing.T) { fn(t, Postgres(t)) })
	}
}

// SQLite opens a migrated database in a new temporary file.
func SQLite(t testing.TB) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// Postgres opens a migrated database in a new schema of the server named by
// LOTSE_TEST_POSTGRES_URL and drops the schema when the test ends. It skips the
// test when the variable is not set.
func Postgres(t testing.TB) *db.DB {
	t.Helper()
	u := PostgresURL(t)
	d, err := db.Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// PostgresURL creates a new empty schema and returns a URL whose connections use it,
// so that two server instances in one test can share one database.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skip(EnvPostgres + " not set")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer admin.Close()
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	pu, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := pu.Query()
	q.Set("search_path", schema)
	pu.RawQuery = q.Encode()
	return pu.String()
}
