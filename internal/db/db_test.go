package db_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

func TestRebind(t *testing.T) {
	pg := &db.DB{Dialect: db.Postgres}
	lite := &db.DB{Dialect: db.SQLite}
	tests := []struct{ in, pg string }{
		{"SELECT 1", "SELECT 1"},
		{"SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2"},
		{"SELECT '?' FROM t WHERE a = ?", "SELECT '?' FROM t WHERE a = $1"},
	}
	for _, tt := range tests {
		if got := pg.Rebind(tt.in); got != tt.pg {
			t.Errorf("postgres Rebind(%q) = %q, want %q", tt.in, got, tt.pg)
		}
		if got := lite.Rebind(tt.in); got != tt.in {
			t.Errorf("sqlite Rebind(%q) = %q, want unchanged", tt.in, got)
		}
	}
}

func TestTxCommitAndRollback(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		err := d.InTx(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES (?, ?)", "a", "1")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		err = d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := tx.Exec(ctx, "UPDATE settings SET value = ? WHERE key = ?", "2", "a"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx error = %v, want boom", err)
		}
		var v string
		if err := d.QueryRow(ctx, "SELECT value FROM settings WHERE key = ?", "a").Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != "1" {
			t.Errorf("value after rollback = %q, want 1", v)
		}
	})
}

// TestConcurrentIncrements races writers on one row; none may be lost.
func TestConcurrentIncrements(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.Exec(ctx, "INSERT INTO settings (key, value) VALUES ('n', '0')"); err != nil {
			t.Fatal(err)
		}
		const n = 20
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				err := d.InTx(ctx, func(tx *db.Tx) error {
					var v int
					if err := tx.QueryRow(ctx, "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'n'"+tx.ForUpdate()).Scan(&v); err != nil {
						return err
					}
					_, err := tx.Exec(ctx, "UPDATE settings SET value = ? WHERE key = 'n'", strconv.Itoa(v+1))
					return err
				})
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		var v int
		if err := d.QueryRow(ctx, "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'n'").Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != n {
			t.Errorf("counter = %d, want %d", v, n)
		}
	})
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/x.db"
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Exec(ctx, "INSERT INTO settings (key, value) VALUES ('k', 'v')"); err != nil {
		t.Fatal(err)
	}
	d.Close()
	d, err = db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var v string
	if err := d.QueryRow(ctx, "SELECT value FROM settings WHERE key = 'k'").Scan(&v); err != nil || v != "v" {
		t.Fatalf("after reopen: %q, %v", v, err)
	}
}

// TestAfterCommit: what a transaction registers with AfterCommit runs once,
// in order, after a commit, and sees the committed state; it never runs on a
// rollback, a panic or a failed commit.
func TestAfterCommit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		type test struct {
			name string
			fn   func(tx *db.Tx) error
			ran  bool
		}
		tests := []test{
			{"commit", func(*db.Tx) error { return nil }, true},
			{"error", func(*db.Tx) error { return errors.New("boom") }, false},
			{"panic", func(*db.Tx) error { panic("boom") }, false},
		}
		if d.Dialect == db.Postgres {
			// A failed statement aborts a PostgreSQL transaction: its COMMIT rolls back.
			tests = append(tests, test{"failed commit", func(tx *db.Tx) error {
				tx.Exec(ctx, "INSERT INTO no_such_table VALUES (1)")
				return nil
			}, false})
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				key := "after" + strconv.Itoa(i)
				var seen []string
				func() {
					defer func() { recover() }()
					d.InTx(ctx, func(tx *db.Tx) error {
						if _, err := tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES (?, ?)", key, "v"); err != nil {
							return err
						}
						for _, n := range []string{"first", "second"} {
							tx.AfterCommit(func() {
								var v string
								d.QueryRow(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
								seen = append(seen, n+"="+v)
							})
						}
						return tc.fn(tx)
					})
				}()
				want := []string(nil)
				if tc.ran {
					want = []string{"first=v", "second=v"}
				}
				if strings.Join(seen, ",") != strings.Join(want, ",") {
					t.Fatalf("after commit ran %q, want %q", seen, want)
				}
			})
		}
	})
}
