package web

import (
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// compressMin is the smallest body worth compressing: below it the coding's
// framing and the client's work outweigh the bytes saved.
const compressMin = 1024

// compressor is what gzip.Writer and brotli.Writer have in common.
type compressor interface {
	io.WriteCloser
	Flush() error
	Reset(io.Writer)
}

// coding is one Content-Encoding the server offers, with a pool of writers.
type coding struct {
	name string
	pool sync.Pool
}

// codings are the server's codings, the preferred one first: brotli at level 5
// compresses HTML better than gzip at a similar cost.
var codings = []*coding{
	{name: "br", pool: sync.Pool{New: func() any { return brotli.NewWriterLevel(nil, 5) }}},
	{name: "gzip", pool: sync.Pool{New: func() any { return gzip.NewWriter(nil) }}},
}

// negotiate picks the coding the Accept-Encoding header (RFC 9110 §12.5.3)
// rates highest, the server's preference breaking ties; nil if none is acceptable.
func negotiate(accept string) *coding {
	q := map[string]float64{}
	for part := range strings.SplitSeq(accept, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		q[name] = 1
		for p := range strings.SplitSeq(params, ";") {
			if k, v, ok := strings.Cut(p, "="); ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					f = 0
				}
				q[name] = f
			}
		}
	}
	var best *coding
	bestQ := 0.0
	for _, c := range codings {
		cq, ok := q[c.name]
		if !ok {
			cq = q["*"]
		}
		if cq > bestQ {
			best, bestQ = c, cq
		}
	}
	return best
}

// compressible reports whether a body of the media type is text worth
// compressing; an event stream is text but must reach the client event by event.
func compressible(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	switch mt {
	case "text/event-stream":
		return false
	case "application/json", "application/javascript", "application/yaml", "application/x-yaml", "application/xml", "image/svg+xml":
		return true
	}
	return strings.HasPrefix(mt, "text/") || strings.HasSuffix(mt, "+json") || strings.HasSuffix(mt, "+xml")
}

// compress serves text responses brotli- or gzip-compressed, as the request's
// Accept-Encoding allows, with Vary: Accept-Encoding on every text response.
// A body is held back until it reaches compressMin bytes or is flushed, so
// small bodies go out plain; a response that sets its own Content-Encoding, a
// HEAD request and a status without a whole body (204, 206, 304) pass untouched.
func compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		cw := &compressWriter{ResponseWriter: w, coding: negotiate(strings.Join(r.Header.Values("Accept-Encoding"), ","))}
		next.ServeHTTP(cw, r)
		// Not deferred: after a panic the held-back body is dropped, so the
		// middleware can still answer 500.
		cw.close()
	})
}

// compressWriter holds back the status and the first bytes of a body until it
// knows whether to compress them.
type compressWriter struct {
	http.ResponseWriter
	coding  *coding    // the negotiated coding, nil for none
	code    int        // the status held back
	buf     []byte     // the body held back
	decided bool       // whether the header has gone out
	zw      compressor // the body's compressor, once compressing
}

func (w *compressWriter) WriteHeader(code int) {
	switch {
	case w.decided || code < 200:
		w.ResponseWriter.WriteHeader(code)
	case w.code == 0:
		w.code = code
		if !w.mayCompress() {
			w.decide(false)
		}
	}
}

func (w *compressWriter) Write(b []byte) (int, error) {
	if w.decided {
		if w.zw != nil {
			return w.zw.Write(b)
		}
		return w.ResponseWriter.Write(b)
	}
	if w.code == 0 {
		w.code = http.StatusOK
	}
	if !w.mayCompress() {
		if err := w.decide(false); err != nil {
			return 0, err
		}
		return w.ResponseWriter.Write(b)
	}
	w.buf = append(w.buf, b...)
	if len(w.buf) >= compressMin {
		if err := w.decide(true); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// FlushError sends what the handler wrote so far; a flushed text body is
// compressed whatever its size, since more of it is on the way.
func (w *compressWriter) FlushError() error {
	if !w.decided {
		if err := w.decide(true); err != nil {
			return err
		}
	}
	if w.zw != nil {
		if err := w.zw.Flush(); err != nil {
			return err
		}
	}
	return http.NewResponseController(w.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *compressWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// mayCompress reports whether the response, as far as its header and status
// tell yet, could still be compressed.
func (w *compressWriter) mayCompress() bool {
	h := w.Header()
	if h.Get("Content-Encoding") != "" || h.Get("Content-Range") != "" {
		return false
	}
	if w.code == http.StatusNoContent || w.code == http.StatusPartialContent || w.code == http.StatusNotModified {
		return false
	}
	ct, typed := h["Content-Type"]
	return !typed || len(ct) > 0 && compressible(ct[0])
}

// decide sends the header, compressed if the body is text, the client takes a
// coding and large is true, and then the body held back.
func (w *compressWriter) decide(large bool) error {
	w.decided = true
	h := w.Header()
	if _, typed := h["Content-Type"]; !typed && len(w.buf) > 0 {
		h.Set("Content-Type", http.DetectContentType(w.buf))
	}
	if w.mayCompress() && compressible(h.Get("Content-Type")) {
		h.Add("Vary", "Accept-Encoding")
		if w.coding != nil && large {
			h.Del("Content-Length")
			h.Del("Accept-Ranges") // ranges would count the plain bytes
			h.Set("Content-Encoding", w.coding.name)
			w.zw = w.coding.pool.Get().(compressor)
			w.zw.Reset(w.ResponseWriter)
		}
	}
	if w.code != 0 {
		w.ResponseWriter.WriteHeader(w.code)
	}
	buf := w.buf
	w.buf = nil
	if len(buf) == 0 {
		return nil
	}
	_, err := w.Write(buf)
	return err
}

// close ends the response: a body still held back is small and goes out plain.
func (w *compressWriter) close() {
	if !w.decided {
		w.decide(false)
	}
	if w.zw != nil {
		w.zw.Close()
		w.coding.pool.Put(w.zw)
	}
}
