package broker

import (
	"context"
	"sync"
	"testing"

	"lotse/internal/db/dbtest"
)

// BenchmarkFanOut2000 publishes one event to 2,000 subscribers of a topic
// (a full room of call displays and phones), each read by its own goroutine
// as an SSE connection would. Reported per event: time and allocations of
// the whole fan-out.
func BenchmarkFanOut2000(b *testing.B) {
	l := NewLocal()
	var wg sync.WaitGroup
	for range 2000 {
		ch, _ := l.Subscribe("floor/1")
		wg.Go(func() {
			for range ch {
			}
		})
	}
	e := Event{Topic: "floor/1", Data: []byte(`{"call":"A 17","agency":"auslaenderamt","desk":2}`)}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := l.Publish(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	l.Close()
	wg.Wait()
}

// BenchmarkPostgresAcross measures one event from Publish on broker A to a
// subscriber of broker B on the same PostgreSQL database: pg_notify, the
// server's delivery and B's fan-out. Skipped without LOTSE_TEST_POSTGRES_URL.
func BenchmarkPostgresAcross(b *testing.B) {
	url := dbtest.PostgresURL(b)
	ctx := context.Background()
	a, err := NewPostgres(ctx, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	other, err := NewPostgres(ctx, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer other.Close()
	ch, cancel := other.Subscribe("floor/1")
	defer cancel()
	e := Event{Topic: "floor/1", Data: []byte(`{"call":"A 17","agency":"auslaenderamt","desk":2}`)}
	b.ReportAllocs()
	for b.Loop() {
		if err := a.Publish(ctx, e); err != nil {
			b.Fatal(err)
		}
		if got := <-ch; got.Resync {
			b.Fatal("resync")
		}
	}
}
