package app

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"lotse/internal/db/dbtest"
)

// TestBenchBooking runs "lotse bench booking" with tiny sizes on SQLite and,
// with LOTSE_TEST_POSTGRES_URL, on a fresh PostgreSQL schema: every row of
// the table and the verdict of no double booking. A second run on the same
// database, which now holds bookings, is refused.
func TestBenchBooking(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			t.Chdir(t.TempDir()) // on PostgreSQL lotse makes secret.key in the working directory
			url := filepath.Join(t.TempDir(), "lotse.db")
			if engine == "postgres" {
				url = dbtest.PostgresURL(t)
			}
			args := []string{"bench", "booking", "--proposals", "3", "--booked", "5", "--confirmations", "30",
				"--clients", "3", "--racers", "10", "--database", url}
			var stdout, stderr bytes.Buffer
			if code := Main(args, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d, stderr %s\nstdout:\n%s", code, stderr.String(), stdout.String())
			}
			for _, want := range []string{
				"| measurement | clients | done | per s | p50 ms | p99 ms | conflicts |",
				"| proposal, 0 booked | 1 | 3 |", "| proposal, 5 booked | 1 | 3 |", "| ratio 5/0 booked |",
				"| hold + confirm, uncontended | 1 | 30 |", "| hold + confirm, uncontended | 3 | 30 |",
				"| race: proposal | 10 |", "| race: hold + confirm | 10 |",
				"\ndouble bookings: 0 (0 slot minutes held twice, 0 minutes over capacity;",
			} {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("output lacks %q:\n%s", want, stdout.String())
				}
			}
			stdout.Reset()
			if code := Main(args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "bookings; give it a fresh one") {
				t.Errorf("second run: exit %d, stderr %s", code, stderr.String())
			}
		})
	}
}
