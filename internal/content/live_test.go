package content

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"lotse/internal/broker"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// twoProcesses returns two live stores on one database as two processes see
// it: on SQLite one process with one Local broker, on PostgreSQL two
// connections pools and two Postgres brokers.
var twoProcesses = map[string]func(t *testing.T) (a, b *Store){
	db.SQLite: func(t *testing.T) (*Store, *Store) {
		path := filepath.Join(t.TempDir(), "live.db")
		br := broker.NewLocal()
		t.Cleanup(func() { br.Close() })
		return NewLiveStore(open(t, path), br, slog.New(slog.DiscardHandler)), NewLiveStore(open(t, path), br, slog.New(slog.DiscardHandler))
	},
	db.Postgres: func(t *testing.T) (*Store, *Store) {
		url := dbtest.PostgresURL(t)
		store := func() *Store {
			br, err := broker.NewPostgres(context.Background(), url, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { br.Close() })
			return NewLiveStore(open(t, url), br, slog.New(slog.DiscardHandler))
		}
		return store(), store()
	},
}

func open(t *testing.T, url string) *db.DB {
	d, err := db.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// TestLiveStore: a write on one store reaches the other at once (its safety
// poll is a minute away), and a rolled-back write publishes nothing.
func TestLiveStore(t *testing.T) {
	for _, engine := range []string{db.SQLite, db.Postgres} {
		t.Run(engine, func(t *testing.T) {
			if engine == db.Postgres {
				dbtest.PostgresURL(t) // skips without PostgreSQL
			}
			a, b := twoProcesses[engine](t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if err := a.SaveCounty(ctx, County{Name: "Kreis Alt"}); err != nil {
				t.Fatal(err)
			}
			if c, err := b.County(ctx); err != nil || c.Name != "Kreis Alt" {
				t.Fatalf("b reads %q, %v", c.Name, err)
			}
			changed := make(chan struct{}, 10)
			go b.Follow(ctx, func() { changed <- struct{}{} })
			// What b heard before following: the first write, taken together.
			drain(changed, time.Second)

			if err := a.SaveCounty(ctx, County{Name: "Kreis Neu"}); err != nil {
				t.Fatal(err)
			}
			select {
			case <-changed:
			case <-time.After(10 * time.Second):
				t.Fatal("b heard nothing of the write")
			}
			if c, _ := b.County(ctx); c.Name != "Kreis Neu" {
				t.Fatalf("b reads %q after the event, want Kreis Neu", c.Name)
			}

			err := a.write(ctx, func(tx *db.Tx) error {
				putSetting(ctx, tx, "county", `{"name":"Kreis Nie"}`)
				return errors.New("boom")
			})
			if err == nil {
				t.Fatal("write did not fail")
			}
			if drain(changed, 500*time.Millisecond) != 0 {
				t.Fatal("a rolled-back write was published")
			}
		})
	}
}

// drain counts what arrives on ch until it stays quiet for d.
func drain(ch <-chan struct{}, d time.Duration) int {
	n := 0
	for {
		select {
		case <-ch:
			n++
		case <-time.After(d):
			return n
		}
	}
}
