package web

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"lotse/internal/broker"
)

// streamServer is a server with nothing but a broker, and a stream of topic
// "floor/1" whose snapshots count themselves: {"snapshot":1}, {"snapshot":2}…
func streamServer(t *testing.T) (*Server, *broker.Local, eventStream) {
	t.Helper()
	b := broker.NewLocal()
	t.Cleanup(func() { b.Close() })
	s, err := New(Config{Log: slog.New(slog.DiscardHandler), Broker: b})
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	es := eventStream{Topic: "floor/1", Snapshot: func(context.Context) ([]byte, error) {
		return fmt.Appendf(nil, `{"snapshot":%d}`, n.Add(1)), nil
	}}
	return s, b, es
}

// readEvent reads one SSE block (up to a blank line) without its retry line.
func readEvent(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	var lines []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("read event: %v (so far %q)", err, lines)
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "" && len(lines) > 0:
			return strings.Join(lines, "\n")
		case line == "" || strings.HasPrefix(line, "retry:"):
		default:
			lines = append(lines, line)
		}
	}
}

func publish(t *testing.T, b broker.Broker, data string) {
	t.Helper()
	if err := b.Publish(context.Background(), broker.Event{Topic: "floor/1", Data: []byte(data)}); err != nil {
		t.Fatal(err)
	}
}

// waitFor polls cond for up to five seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal(what)
		}
	}
}

// TestEventStream runs a stream over a real connection, through the
// middleware, on a server whose read and write timeouts are far shorter
// than the stream: snapshot first (also for a client that sends
// Last-Event-ID), then updates, uncompressed although the client takes
// gzip; the stream outlives both timeouts; the client's leaving frees its
// subscription.
func TestEventStream(t *testing.T) {
	s, b, es := streamServer(t)
	srv := httptest.NewUnstartedServer(s.middleware(s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return s.serveEvents(w, r, es)
	})))
	srv.Config.ReadTimeout, srv.Config.WriteTimeout = 100*time.Millisecond, 100*time.Millisecond
	srv.Start()
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	req.Header.Set("Accept-Encoding", "gzip, br")
	req.Header.Set("Last-Event-ID", "17")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct, ce := res.Header.Get("Content-Type"), res.Header.Get("Content-Encoding"); res.StatusCode != 200 || ct != "text/event-stream" || ce != "" {
		t.Fatalf("status %d, Content-Type %q, Content-Encoding %q", res.StatusCode, ct, ce)
	}
	r := bufio.NewReader(res.Body)
	if got := readEvent(t, r); got != "event: snapshot\ndata: {\"snapshot\":1}" {
		t.Fatalf("first event %q, want the snapshot", got)
	}
	publish(t, b, `{"call":"A 17"}`)
	if got := readEvent(t, r); got != "event: update\ndata: {\"call\":\"A 17\"}" {
		t.Fatalf("got %q, want the update", got)
	}
	time.Sleep(300 * time.Millisecond) // past ReadTimeout and WriteTimeout
	publish(t, b, `{"call":"A 18"}`)
	if got := readEvent(t, r); got != "event: update\ndata: {\"call\":\"A 18\"}" {
		t.Fatalf("after the timeouts got %q", got)
	}
	res.Body.Close()
	waitFor(t, "the subscription outlived its client", func() bool { return b.Subscribers("floor/1") == 0 })
}

// TestEventStreamShutdown: graceful shutdown ends open streams instead of
// waiting for them.
func TestEventStreamShutdown(t *testing.T) {
	s, _, es := streamServer(t)
	srv := httptest.NewServer(s.middleware(s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return s.serveEvents(w, r, es)
	})))
	defer srv.Close()
	srv.Config.RegisterOnShutdown(s.EndStreams)
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	readEvent(t, bufio.NewReader(res.Body))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Config.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown with an open stream: %v", err)
	}
	if _, err := io.ReadAll(res.Body); err != nil {
		t.Fatalf("stream did not end cleanly: %v", err)
	}
}

// pipeResponse is a ResponseWriter whose body the test reads as it is
// written, inside a synctest bubble.
type pipeResponse struct {
	header http.Header
	w      *io.PipeWriter
}

func (p *pipeResponse) Header() http.Header         { return p.header }
func (p *pipeResponse) WriteHeader(int)             {}
func (p *pipeResponse) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p *pipeResponse) Flush()                      {}

// startStream serves es into a pipe and returns its reader and a func that
// disconnects the client and waits for the handler to return.
func startStream(t *testing.T, s *Server, es eventStream) (*bufio.Reader, func() error) {
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequest(http.MethodGet, "/events", nil).WithContext(ctx)
	done := make(chan error, 1)
	go func() {
		done <- s.serveEvents(&pipeResponse{header: http.Header{}, w: pw}, req, es)
		pw.Close()
	}()
	return bufio.NewReader(pr), func() error {
		cancel()
		go io.Copy(io.Discard, pr)
		return <-done
	}
}

// TestEventStreamHeartbeat: a quiet stream sends a comment every 15 s.
func TestEventStreamHeartbeat(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, b, es := streamServer(t)
		r, stop := startStream(t, s, es)
		readEvent(t, r)
		start := time.Now()
		if got := readEvent(t, r); got != ": heartbeat" || time.Since(start) != heartbeatEvery {
			t.Fatalf("got %q after %v", got, time.Since(start))
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		if n := b.Subscribers("floor/1"); n != 0 {
			t.Fatalf("%d subscribers after the client left", n)
		}
	})
}

// TestEventStreamResync: a client too slow for the broker's buffer gets a
// fresh snapshot in place of the events it missed.
func TestEventStreamResync(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, b, es := streamServer(t)
		r, stop := startStream(t, s, es)
		defer stop()
		readEvent(t, r)
		publish(t, b, `{"n":0}`)
		synctest.Wait() // the stream is writing event 0, which nobody reads yet
		for i := range broker.Buffer + 1 {
			publish(t, b, fmt.Sprintf(`{"n":%d}`, i+1))
		}
		for _, want := range []string{"event: update\ndata: {\"n\":0}", "event: snapshot\ndata: {\"snapshot\":2}"} {
			if got := readEvent(t, r); got != want {
				t.Fatalf("got %q, want %q", got, want)
			}
		}
	})
}

// TestEventStreamUpdate: Update shapes what a client gets and may send
// nothing; an Update that fails ends the stream.
func TestEventStreamUpdate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, b, es := streamServer(t)
		es.Update = func(_ context.Context, e broker.Event) ([]byte, error) {
			switch string(e.Data) {
			case "other desk":
				return nil, nil
			case "boom":
				return nil, errors.New("boom")
			}
			return []byte("line 1\nline 2"), nil
		}
		r, stop := startStream(t, s, es)
		readEvent(t, r)
		publish(t, b, "other desk")
		publish(t, b, "mine")
		if got := readEvent(t, r); got != "event: update\ndata: line 1\ndata: line 2" {
			t.Fatalf("got %q", got)
		}
		publish(t, b, "boom")
		if _, err := r.ReadString('\n'); err != io.EOF {
			t.Fatalf("stream after a failed update: %v", err)
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
	})
}

// TestEventStreamSnapshotError: when the first snapshot fails the handler
// returns the error before writing anything, so handle can answer it.
func TestEventStreamSnapshotError(t *testing.T) {
	s, b, es := streamServer(t)
	es.Snapshot = func(context.Context) ([]byte, error) { return nil, errors.New("no such date") }
	rec := httptest.NewRecorder()
	err := s.serveEvents(rec, httptest.NewRequest(http.MethodGet, "/", nil), es)
	if err == nil || rec.Body.Len() != 0 || rec.Header().Get("Content-Type") != "" {
		t.Fatalf("error %v, body %q", err, rec.Body)
	}
	if n := b.Subscribers("floor/1"); n != 0 {
		t.Fatalf("%d subscribers after a failed start", n)
	}
}

func TestAppendEvent(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{`{"a":1}`, "event: update\ndata: {\"a\":1}\n\n"},
		{"", "event: update\ndata: \n\n"},
		{"a\nb", "event: update\ndata: a\ndata: b\n\n"},
		{"a\r\nb\rc\n", "event: update\ndata: a\ndata: b\ndata: c\ndata: \n\n"},
	} {
		var buf bytes.Buffer
		appendEvent(&buf, "update", []byte(tc.data))
		if buf.String() != tc.want {
			t.Errorf("%q: got %q, want %q", tc.data, buf.String(), tc.want)
		}
	}
}
