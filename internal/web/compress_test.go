package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/prometheus/client_golang/prometheus"
)

// decode undoes the Content-Encoding of rec's body.
func decode(t *testing.T, rec *httptest.ResponseRecorder) []byte {
	t.Helper()
	var r io.Reader = rec.Body
	switch enc := rec.Header().Get("Content-Encoding"); enc {
	case "gzip":
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(rec.Body)
	case "":
	default:
		t.Fatalf("Content-Encoding %q", enc)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPagesCompressed asks the real routes for gzip and brotli: the decoded body
// is the plain one, and every text answer carries Vary: Accept-Encoding.
func TestPagesCompressed(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		for _, path := range []string{"/de/", "/en/guides/work-permit", "/api/v1/openapi.yaml", "/static/site.css"} {
			plain := get(h, path)
			if plain.Code != http.StatusOK || plain.Header().Get("Content-Encoding") != "" {
				t.Fatalf("%s plain: %d %q", path, plain.Code, plain.Header().Get("Content-Encoding"))
			}
			for _, tt := range []struct{ accept, want string }{
				{"gzip", "gzip"},
				{"gzip, deflate, br, zstd", "br"},
				{"br;q=0.5, gzip", "gzip"},
				{"br;q=0, gzip;q=0.8", "gzip"},
				{"*", "br"},
				{"gzip;q=0, *;q=0.1", "br"},
				{"identity", ""},
				{"gzip;q=0", ""},
			} {
				rec := get(h, path, "Accept-Encoding", tt.accept)
				if got := rec.Header().Get("Content-Encoding"); got != tt.want {
					t.Errorf("%s %q: Content-Encoding %q, want %q", path, tt.accept, got, tt.want)
				}
				if v := rec.Header().Values("Vary"); !containsToken(v, "Accept-Encoding") {
					t.Errorf("%s %q: Vary %q", path, tt.accept, v)
				}
				if got := decode(t, rec); !bytes.Equal(got, plain.Body.Bytes()) {
					t.Errorf("%s %q: decoded body differs from the plain one (%d vs %d bytes)", path, tt.accept, len(got), plain.Body.Len())
				}
				if tt.want != "" && rec.Header().Get("Content-Length") != "" {
					t.Errorf("%s %q: Content-Length %q on a compressed body", path, tt.accept, rec.Header().Get("Content-Length"))
				}
			}
		}
	})
}

// containsToken reports whether one of the header values lists token.
func containsToken(values []string, token string) bool {
	for _, v := range values {
		for f := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), token) {
				return true
			}
		}
	}
	return false
}

// htmlHandler is a handler writing body as HTML, after calling more on the header.
func htmlHandler(body string, more func(h http.Header)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if more != nil {
			more(w.Header())
		}
		io.WriteString(w, body)
	})
}

// TestCompressLeavesAlone covers the answers that go out as the handler wrote them.
func TestCompressLeavesAlone(t *testing.T) {
	big := strings.Repeat("<p>Aufenthaltstitel</p>\n", 200)
	tests := []struct {
		name     string
		method   string
		h        http.Handler
		wantVary bool
	}{
		{"small body", http.MethodGet, htmlHandler("<p>kurz</p>", nil), true},
		{"own encoding", http.MethodGet, htmlHandler(big, func(h http.Header) { h.Set("Content-Encoding", "identity") }), false},
		{"image", http.MethodGet, htmlHandler(big, func(h http.Header) { h.Set("Content-Type", "image/png") }), false},
		{"head", http.MethodHead, htmlHandler(big, nil), false},
		{"not modified", http.MethodGet, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/css")
			w.WriteHeader(http.StatusNotModified)
		}), false},
		{"partial", http.MethodGet, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Range", "bytes 0-4999/10000")
			w.WriteHeader(http.StatusPartialContent)
			io.WriteString(w, big)
		}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, "/", nil)
			req.Header.Set("Accept-Encoding", "gzip, br")
			rec := httptest.NewRecorder()
			compress(tt.h).ServeHTTP(rec, req)
			if enc := rec.Header().Get("Content-Encoding"); enc == "gzip" || enc == "br" {
				t.Errorf("Content-Encoding %q", enc)
			}
			if got := containsToken(rec.Header().Values("Vary"), "Accept-Encoding"); got != tt.wantVary {
				t.Errorf("Vary %q, want Accept-Encoding: %v", rec.Header().Values("Vary"), tt.wantVary)
			}
		})
	}
}

// TestCompressFlush flushes through the middleware's statusWriter: what was
// written before a flush reaches the client at once, compressed for text and
// plain for an event stream.
func TestCompressFlush(t *testing.T) {
	for _, tt := range []struct{ contentType, wantEncoding string }{
		{"text/html; charset=utf-8", "gzip"},
		{"text/event-stream", ""},
	} {
		t.Run(tt.contentType, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h := compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				io.WriteString(w, "data: eins\n\n")
				if err := http.NewResponseController(w).Flush(); err != nil {
					t.Fatal(err)
				}
				if !rec.Flushed || rec.Body.Len() == 0 {
					t.Fatalf("flushed %v, %d bytes", rec.Flushed, rec.Body.Len())
				}
				io.WriteString(w, "data: zwei\n\n")
			}))
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			h.ServeHTTP(&statusWriter{ResponseWriter: rec}, req)
			if got := rec.Header().Get("Content-Encoding"); got != tt.wantEncoding {
				t.Errorf("Content-Encoding %q, want %q", got, tt.wantEncoding)
			}
			if got := string(decode(t, rec)); got != "data: eins\n\ndata: zwei\n\n" {
				t.Errorf("body %q", got)
			}
		})
	}
}

// TestCompressPanic: a handler that panics before its body left gets the
// middleware's 500, not a half-held-back page.
func TestCompressPanic(t *testing.T) {
	s := &Server{log: slog.New(slog.NewJSONHandler(io.Discard, nil)), metrics: newMetrics(prometheus.NewRegistry())}
	h := s.middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<p>halb")
		panic("boom")
	}))
	rec := get(h, "/", "Accept-Encoding", "gzip")
	if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "halb") {
		t.Errorf("%d %q", rec.Code, rec.Body.String())
	}
}

func TestCompressible(t *testing.T) {
	for ct, want := range map[string]bool{
		"text/html; charset=utf-8": true, "text/css": true, "text/javascript; charset=utf-8": true,
		"application/json; charset=utf-8": true, "application/problem+json": true, "application/yaml; charset=utf-8": true,
		"image/svg+xml": true, "application/x-xliff+xml; charset=utf-8": true, "Text/Plain": true,
		"text/event-stream": false, "image/png": false, "application/octet-stream": false, "": false,
	} {
		if got := compressible(ct); got != want {
			t.Errorf("compressible(%q) = %v", ct, got)
		}
	}
}
