package web

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"lotse/demo"
	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/i18n"
)

// TestPlanNextOneStop checks that the plan's step of the visit to the
// One-Stop-Shop names the next date in the reader's language (and in
// <time datetime>), not the rule "every first Friday": on 5 December 2026
// the next is 8 January 2027, as 1 January is a holiday.
func TestPlanNextOneStop(t *testing.T) {
	tests := []struct {
		now  time.Time
		lang string
		want time.Time
	}{
		{testNow, "en", time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)},
		{time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC), "ar", time.Date(2027, 1, 8, 9, 0, 0, 0, time.UTC)},
		{time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC), "uk", time.Date(2027, 1, 8, 9, 0, 0, 0, time.UTC)},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		store := content.NewStore(d)
		if err := store.Seed(context.Background(), demo.County()); err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			s, err := New(Config{DB: d, Content: store, Log: slog.New(slog.NewJSONHandler(io.Discard, nil)),
				Location: time.UTC, Now: func() time.Time { return tt.now }})
			if err != nil {
				t.Fatal(err)
			}
			rec := get(s.Handler(), "/"+tt.lang+"/lotse/plan?a=12EG151_1005_11_01~200")
			step := selectAll(parsePage(t, rec.Body.String()), "li", "id=step-welcome-center-visit")
			if len(step) != 1 {
				t.Fatalf("%s: %d steps of the visit to the One-Stop-Shop", tt.lang, len(step))
			}
			times := selectAll(step[0], "time")
			if len(times) != 1 {
				t.Fatalf("%s on %s: %d dates in the step: %q", tt.lang, tt.now.Format(time.DateOnly), len(times), textOf(step[0]))
			}
			if !hasAttrs(times[0], []string{"datetime=" + tt.want.Format(time.RFC3339)}) {
				t.Errorf("%s on %s: datetime %v, want %s", tt.lang, tt.now.Format(time.DateOnly), times[0].Attr, tt.want.Format(time.RFC3339))
			}
			if got, want := textOf(times[0]), i18n.For(tt.lang).LongDate(tt.want); got != want {
				t.Errorf("%s: date %q, want %q", tt.lang, got, want)
			}
			if strings.Contains(textOf(step[0]), "first Friday") {
				t.Errorf("%s: the step still names the rule: %q", tt.lang, textOf(step[0]))
			}
		}
	})
}
