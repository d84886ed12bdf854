package broker

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"lotse/internal/db/dbtest"
)

// proxy is a TCP proxy in front of PostgreSQL that the test can cut: it
// closes every open connection and refuses new ones until restored.
type proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
	refuse bool
}

// startProxy proxies to the server of dbURL and returns dbURL through it.
func startProxy(t *testing.T, dbURL string) (*proxy, string) {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: u.Host}
	t.Cleanup(func() { ln.Close(); p.cut(true) })
	go p.serve()
	u.Host = ln.Addr().String()
	return p, u.String()
}

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		refuse := p.refuse
		p.mu.Unlock()
		if refuse {
			c.Close()
			continue
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, s)
		p.mu.Unlock()
		go func() { io.Copy(s, c); s.Close() }()
		go func() { io.Copy(c, s); c.Close() }()
	}
}

// cut closes every proxied connection; with refuse set, new ones are closed
// at once until cut(false).
func (p *proxy) cut(refuse bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.refuse = refuse
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// syncBuffer is a log sink the broker's goroutine and the test share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestPostgresOutage: the database stays unreachable for a while. The
// broker retries with backoff, an event published meanwhile by another
// process is lost to it, and once it listens again its subscribers get a
// Resync marker in place of what they missed, then events as before.
func TestPostgresOutage(t *testing.T) {
	dbURL := dbtest.PostgresURL(t)
	px, proxied := startProxy(t, dbURL)
	var logs syncBuffer
	cut, err := NewPostgres(context.Background(), proxied, slog.New(slog.NewJSONHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer cut.Close()
	other := newPostgres(t, dbURL)
	ch, cancel := cut.Subscribe("floor/3")
	defer cancel()

	px.cut(true)
	deadline := time.Now().Add(10 * time.Second)
	for strings.Count(logs.String(), "reconnect failed") < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("no retries within 10 s; log:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := other.Publish(context.Background(), Event{Topic: "floor/3", Data: []byte(`{"missed":true}`)}); err != nil {
		t.Fatal(err)
	}
	quiet(t, ch)
	px.cut(false)
	if e := await(t, ch); !e.Resync {
		t.Fatalf("after the outage got %+v %s, want a resync marker", e, e.Data)
	}
	if err := other.Publish(context.Background(), Event{Topic: "floor/3", Data: []byte(`{"n":2}`)}); err != nil {
		t.Fatal(err)
	}
	if e := await(t, ch); string(e.Data) != `{"n":2}` {
		t.Fatalf("after the resync got %+v %s", e, e.Data)
	}
	for _, want := range []string{`"retry_in":"200ms"`, `"retry_in":"400ms"`, "listening again"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, logs.String())
		}
	}
}
