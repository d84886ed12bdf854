package loadgen

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestClosedAndOpen(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%10 == 0 {
			http.Error(w, "no", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("hello"))
	}))
	defer srv.Close()
	r := Closed(context.Background(), srv.URL, 4, 200*time.Millisecond)
	if r.Requests == 0 || r.Errors == 0 || r.Errors > r.Requests/5 {
		t.Errorf("closed: %+v", r)
	}
	if r.P50 > r.P99 || r.P99 > r.Max {
		t.Errorf("percentiles out of order: %+v", r)
	}
	n.Store(0)
	r = Open(context.Background(), srv.URL, 200, 250*time.Millisecond, 16)
	if r.Requests != 50 {
		t.Errorf("open model sent %d requests, want 50", r.Requests)
	}
	if r.RPS() <= 0 {
		t.Errorf("rps = %v", r.RPS())
	}
}

func TestSummariseEmpty(t *testing.T) {
	r := Summarise(nil, nil, time.Second)
	if r.Requests != 0 || r.RPS() != 0 {
		t.Errorf("%+v", r)
	}
}
