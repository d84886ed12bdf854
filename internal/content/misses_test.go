package content

import (
	"context"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

func TestCountMiss(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		for _, q := range []string{"  Führerschein  umschreiben", "führerschein umschreiben", "", "   ", strings.Repeat("ä", 300)} {
			if err := s.CountMiss(ctx, q, "de"); err != nil {
				t.Fatal(err)
			}
		}
		s.CountMiss(ctx, "водійське посвідчення", "uk")
		misses, err := s.Misses(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(misses) != 3 || misses[0].Query != "führerschein umschreiben" || misses[0].Count != 2 {
			t.Fatalf("misses = %+v", misses)
		}
		for _, m := range misses {
			if len(m.Query) > maxMissQuery {
				t.Errorf("stored query of %d bytes", len(m.Query))
			}
		}
	})
}
