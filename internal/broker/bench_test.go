package broker

import (
	"context"
	"sync"
	"testing"
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
