package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"lotse/internal/broker"
)

// countingResponse is a client of the benchmark: it counts the writes of all
// streams and signals each time every stream has written once more.
type countingResponse struct {
	header  http.Header
	written *atomic.Int64
	streams int64
	round   chan struct{}
}

func (c *countingResponse) Header() http.Header { return c.header }
func (c *countingResponse) WriteHeader(int)     {}
func (c *countingResponse) Flush()              {}

// SetWriteDeadline is there as on a real connection; without it every
// deadline costs ResponseController an error allocation.
func (c *countingResponse) SetWriteDeadline(time.Time) error { return nil }
func (c *countingResponse) Write(b []byte) (int, error) {
	if c.written.Add(1)%c.streams == 0 {
		c.round <- struct{}{}
	}
	return len(b), nil
}

// BenchmarkEventStreamFanOut2000 is a full room: 2,000 event streams (call
// displays and phones) on one topic. Per op, one event is published and
// formatted and written by every stream; ns/op, B/op and allocs/op are those
// of the whole fan-out, B/stream the heap and stack an open stream holds.
func BenchmarkEventStreamFanOut2000(b *testing.B) {
	const streams = 2000
	bk := broker.NewLocal()
	s, err := New(Config{Broker: bk})
	if err != nil {
		b.Fatal(err)
	}
	es := eventStream{Topic: "floor/1", Snapshot: func(context.Context) ([]byte, error) { return []byte(`{"waiting":12}`), nil }}
	var written atomic.Int64
	round := make(chan struct{}, 1)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var wg sync.WaitGroup
	for range streams {
		w := &countingResponse{header: http.Header{}, written: &written, streams: streams, round: round}
		wg.Go(func() { s.serveEvents(w, httptest.NewRequest(http.MethodGet, "/events", nil), es) })
	}
	<-round // every stream has sent its snapshot
	runtime.GC()
	runtime.ReadMemStats(&after)
	perStream := float64(after.HeapAlloc+after.StackInuse-before.HeapAlloc-before.StackInuse) / streams
	e := broker.Event{Topic: "floor/1", Data: []byte(`{"call":"A 17","agency":"auslaenderamt","desk":2}`)}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := bk.Publish(context.Background(), e); err != nil {
			b.Fatal(err)
		}
		<-round
	}
	b.StopTimer()
	b.ReportMetric(perStream, "B/stream")
	s.EndStreams()
	wg.Wait()
}
