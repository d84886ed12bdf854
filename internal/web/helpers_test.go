package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// testNow is the fixed clock of handler tests: the next One-Stop-Shop is then
// Friday, 4 December 2026.
var testNow = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// newServer seeds the small test county of testdata/county into d and returns the
// server's handler.
func newServer(t *testing.T, d *db.DB) http.Handler {
	t.Helper()
	return newWebServer(t, d).Handler()
}

// newWebServer is newServer for tests that look inside the server.
func newWebServer(t *testing.T, d *db.DB) *Server {
	t.Helper()
	store := content.NewStore(d)
	if err := store.Seed(context.Background(), os.DirFS("testdata/county")); err != nil {
		t.Fatal(err)
	}
	return serverOn(t, d, store)
}

// serverOn is a server on a database seeded before, as a second instance
// on one PostgreSQL is.
func serverOn(t *testing.T, d *db.DB, store *content.Store) *Server {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{DB: d, Content: store, Log: slog.New(slog.NewJSONHandler(io.Discard, nil)),
		Location: berlin, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// eachServer runs fn against a seeded test server on every database engine.
func eachServer(t *testing.T, fn func(t *testing.T, h http.Handler)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) { fn(t, newServer(t, d)) })
}

// get performs a request against h and returns the recorded response.
func get(h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// newForm builds a same-origin form POST.
func newForm(path, form string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}

func serve(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func ioNopCloser(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }
