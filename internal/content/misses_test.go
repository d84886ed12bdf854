package content

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// TestCountMiss checks what is kept of searches without a hit: normalised
// words, never digits, dates, phone numbers or e-mail addresses.
func TestCountMiss(t *testing.T) {
	tests := []struct {
		queries []string
		want    string // "" = nothing kept
		count   int
	}{
		{[]string{"  Führerschein  umschreiben", "führerschein umschreiben"}, "führerschein umschreiben", 2},
		{[]string{"", "   "}, "", 0},
		{[]string{strings.Repeat("ä", 300)}, strings.Repeat("ä", maxMissQuery/2), 1},
		{[]string{"Zyxwvu Qwopq geboren 01.02.1990 Tel 0176-1234567"}, "", 0},
		{[]string{"Tel 0176 123 45 67"}, "", 0},
		{[]string{"+49 176 1234567"}, "", 0},
		{[]string{"Termin max.mustermann@example.org"}, "", 0},
		{[]string{"Mail an a@b"}, "", 0},
		{[]string{"§24 Aufenthalt"}, "aufenthalt", 1},
		{[]string{"B1 Kurs"}, "kurs", 1},
		{[]string{"Kurs 2026"}, "kurs", 1},
		{[]string{"B1 Kurs 2026"}, "", 0}, // five digits in all
		{[]string{"١٢٣٤٥ إقامة"}, "", 0},  // Arabic-Indic digits are digits too
		{[]string{"123"}, "", 0},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for _, tt := range tests {
			t.Run(tt.queries[0], func(t *testing.T) {
				s := NewStore(d)
				d.Exec(ctx, "DELETE FROM search_misses")
				for _, q := range tt.queries {
					s.CountMiss(q, "de")
				}
				misses, err := s.Misses(ctx, 10)
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case tt.want == "" && len(misses) > 0:
					t.Errorf("kept %+v", misses)
				case tt.want != "" && (len(misses) != 1 || misses[0].Query != tt.want || misses[0].Count != tt.count):
					t.Errorf("misses = %+v, want %q × %d", misses, tt.want, tt.count)
				}
			})
		}
	})
}

// TestMissesInMemory checks that misses are counted in memory, written in
// one flush, and deleted after the retention period.
func TestMissesInMemory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		stored := func() int {
			t.Helper()
			var n int
			if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM search_misses").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		for i := range 500 {
			s.CountMiss(fmt.Sprintf("unbekannt %c", 'a'+rune(i%26))+strings.Repeat("x", i/26), "de")
		}
		if n := stored(); n != 0 {
			t.Fatalf("%d misses written before the flush", n)
		}
		if _, err := d.Exec(ctx, "INSERT INTO search_misses (query, lang, count, last_seen) VALUES (?, ?, ?, ?)",
			"alt", "de", 3, time.Now().UTC().Add(-MissRetention-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.FlushMisses(ctx); err != nil {
			t.Fatal(err)
		}
		if n := stored(); n != 500 {
			t.Errorf("%d misses after the flush, want the 500 counted and not the old one", n)
		}
	})
}
