package app

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestLiveContentTwoInstances: two lotse processes on one PostgreSQL
// database; a content change committed on A shows on B's pages at once,
// through the broker, not after B's safety poll (a minute).
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
	deadline := time.Now().Add(3 * time.Second)
	for {
		_, body := fetch(t, b.URL()+"/de/")
		if strings.Contains(body, "Kreis Probeland") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("B still shows the old county name 3 s after A's change")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
