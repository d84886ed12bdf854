package broker

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"lotse/internal/db/dbtest"
)

// newPostgres starts a broker on url that the test closes at its end.
func newPostgres(t *testing.T, url string) *Postgres {
	t.Helper()
	p, err := NewPostgres(context.Background(), url, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// await returns the next event on ch, failing after a few seconds.
func await(t *testing.T, ch <-chan Event) Event {
	t.Helper()
	select {
	case e, ok := <-ch:
		if !ok {
			t.Fatal("channel closed")
		}
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10s")
		return Event{}
	}
}

// quiet fails when ch receives an event within a short while.
func quiet(t *testing.T, ch <-chan Event) {
	t.Helper()
	select {
	case e := <-ch:
		t.Fatalf("unexpected event %+v %s", e, e.Data)
	case <-time.After(300 * time.Millisecond):
	}
}

// TestPostgresTwoProcesses: an event published on broker A reaches
// subscribers on A and on B, each once; a broker in another schema hears
// nothing.
func TestPostgresTwoProcesses(t *testing.T) {
	url := dbtest.PostgresURL(t)
	a, b := newPostgres(t, url), newPostgres(t, url)
	other := newPostgres(t, dbtest.PostgresURL(t))
	onA, cancelA := a.Subscribe("floor/7")
	defer cancelA()
	onB, cancelB := b.Subscribe("floor/7")
	defer cancelB()
	onOther, cancelOther := other.Subscribe("floor/7")
	defer cancelOther()

	ctx := context.Background()
	if err := a.Publish(ctx, Event{Topic: "floor/7", Data: []byte(`{"call":"A 17 → 2"}`)}); err != nil {
		t.Fatal(err)
	}
	if err := b.Publish(ctx, Event{Topic: "floor/7"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		ch   <-chan Event
	}{{"A", onA}, {"B", onB}} {
		var got []string
		for range 2 {
			e := await(t, tc.ch)
			got = append(got, string(e.Data))
			if e.Topic != "floor/7" || e.Resync {
				t.Errorf("%s: got %+v", tc.name, e)
			}
		}
		// Each broker delivers its own event at once and the other's through
		// PostgreSQL, so the order may differ; each arrives once.
		if strings.Join(got, "|") != `{"call":"A 17 → 2"}|` && strings.Join(got, "|") != `|{"call":"A 17 → 2"}` {
			t.Errorf("%s got %q", tc.name, got)
		}
		quiet(t, tc.ch) // no echo of its own notification
	}
	quiet(t, onOther)

	if err := a.Publish(ctx, Event{Topic: "t", Data: []byte(strings.Repeat("x", MaxSize))}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("oversized event: %v", err)
	}
}

// TestPostgresReconnect: when the listening connection is killed the broker
// reconnects, every subscriber gets a Resync marker, and events flow again.
func TestPostgresReconnect(t *testing.T) {
	url := dbtest.PostgresURL(t)
	a, b := newPostgres(t, url), newPostgres(t, url)
	onA, cancel := a.Subscribe("content")
	defer cancel()
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var killed bool
	if err := admin.QueryRow("SELECT pg_terminate_backend($1)", int64(a.pid.Load())).Scan(&killed); err != nil || !killed {
		t.Fatalf("terminate the listening connection: %v %v", killed, err)
	}
	if e := await(t, onA); !e.Resync || e.Topic != "content" {
		t.Fatalf("after reconnect got %+v, want a resync marker", e)
	}
	if a.pid.Load() == 0 {
		t.Fatal("no listening connection after the resync")
	}
	if err := b.Publish(context.Background(), Event{Topic: "content", Data: []byte(`{"guide":"x"}`)}); err != nil {
		t.Fatal(err)
	}
	if e := await(t, onA); string(e.Data) != `{"guide":"x"}` {
		t.Fatalf("after reconnect got %+v", e)
	}
}

func TestPostgresClose(t *testing.T) {
	p := newPostgres(t, dbtest.PostgresURL(t))
	ch, _ := p.Subscribe("content")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-ch; ok {
		t.Fatal("subscription open after Close")
	}
	if err := p.Publish(context.Background(), Event{Topic: "content"}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Publish after Close: %v", err)
	}
}

func TestChannelFor(t *testing.T) {
	for _, tc := range []struct{ schema, want string }{
		{"public", "lotse:public"},
		{"t_0a1b2c3d4e5f", "lotse:t_0a1b2c3d4e5f"},
	} {
		if got := channelFor(tc.schema); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.schema, got, tc.want)
		}
	}
	// PostgreSQL truncates identifiers at 63 bytes; a long schema is hashed.
	long1, long2 := channelFor(strings.Repeat("s", 63)), channelFor(strings.Repeat("s", 62)+"t")
	if len(long1) > 63 || !strings.HasPrefix(long1, "lotse:") || long1 == long2 {
		t.Errorf("long schemas: %q, %q", long1, long2)
	}
}
