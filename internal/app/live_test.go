package app

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"lotse/internal/content"
)

// TestLiveContentTwoInstances: two lotse processes on one PostgreSQL
// database; a content change committed on A shows on B's pages and in B's
// search at once, through the broker, not after B's safety poll (a minute).
func TestLiveContentTwoInstances(t *testing.T) {
	if !postgresConfigured() {
		t.Skip("needs PostgreSQL")
	}
	cfg := Config{DatabaseURL: dbtestURL(t), Demo: true, SecretKeys: [][]byte{bytes.Repeat([]byte{7}, 32)}}
	a, _ := startApp(t, cfg)
	b, _ := startApp(t, cfg)
	if code, body := fetch(t, b.URL()+"/de/"); code != 200 || !strings.Contains(body, "Kreis Düren") {
		t.Fatalf("B home: %d", code)
	}
	ctx := context.Background()
	county, err := a.content.County(ctx)
	if err != nil {
		t.Fatal(err)
	}
	county.Name = "Kreis Probeland"
	if err := a.content.SaveCounty(ctx, county); err != nil {
		t.Fatal(err)
	}
	eventually(t, "B shows the county's new name", func() bool {
		_, body := fetch(t, b.URL()+"/de/")
		return strings.Contains(body, "Kreis Probeland")
	})

	if code, body := fetch(t, b.URL()+"/api/v1/search?lang=de&q=Zwiebelturmamt"); code != 200 || strings.Contains(body, "probe-amt") {
		t.Fatalf("B search before the change: %d %s", code, body)
	}
	place := content.Place{Slug: "probe-amt", Name: content.Localized{"de": "Zwiebelturmamt"}, HelpsWith: content.Localized{"de": "Probe"}, Address: "Markt 1, 52349 Düren"}
	if err := a.content.PutPlace(ctx, place, 99); err != nil {
		t.Fatal(err)
	}
	eventually(t, "B's search finds the new place", func() bool {
		_, body := fetch(t, b.URL()+"/api/v1/search?lang=de&q=Zwiebelturmamt")
		return strings.Contains(body, "probe-amt")
	})
}

// eventually polls cond for up to 20 s: far below the live content store's
// safety poll of a minute, so only an event can make it true in time, and
// far above what reloading the content and rebuilding the search index take
// on a loaded machine (usually well under a second).
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("not within 20 s: %s", what)
		}
	}
}
