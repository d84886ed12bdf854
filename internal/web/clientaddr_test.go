package web

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// TestClientAddr: forwarding headers count only from a trusted proxy, and then
// the rightmost hop the proxies did not add is the client; a client's own
// X-Forwarded-For or Forwarded (spoofed) never decides its address.
func TestClientAddr(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8:1::/48")}
	tests := []struct {
		name, peer string
		header     map[string]string
		want       string
	}{
		{"direct", "198.51.100.7:5000", nil, "198.51.100.7"},
		{"direct spoofs X-Forwarded-For", "198.51.100.7:5000", map[string]string{"X-Forwarded-For": "192.0.2.1"}, "198.51.100.7"},
		{"direct spoofs Forwarded", "198.51.100.7:5000", map[string]string{"Forwarded": "for=192.0.2.1"}, "198.51.100.7"},
		{"proxy", "10.0.0.2:5000", map[string]string{"X-Forwarded-For": "192.0.2.1"}, "192.0.2.1"},
		{"proxy, client spoofed a hop", "10.0.0.2:5000", map[string]string{"X-Forwarded-For": "203.0.113.9, 192.0.2.1"}, "192.0.2.1"},
		{"two proxies", "10.0.0.2:5000", map[string]string{"X-Forwarded-For": "203.0.113.9, 192.0.2.1, 10.1.2.3"}, "192.0.2.1"},
		{"hop with port", "10.0.0.2:5000", map[string]string{"X-Forwarded-For": "192.0.2.1:4711"}, "192.0.2.1"},
		{"only proxies", "10.0.0.2:5000", map[string]string{"X-Forwarded-For": "10.9.9.9"}, "10.9.9.9"},
		{"garbage hop", "10.0.0.2:5000", map[string]string{"X-Forwarded-For": "unknown"}, "10.0.0.2"},
		{"proxy without header", "10.0.0.2:5000", nil, "10.0.0.2"},
		{"Forwarded", "10.0.0.2:5000", map[string]string{"Forwarded": `for=203.0.113.9, for="[2001:db8:cafe::17]:4711";proto=https`}, "2001:db8:cafe::17"},
		{"IPv6 proxy", "[2001:db8:1::5]:443", map[string]string{"X-Forwarded-For": "192.0.2.44"}, "192.0.2.44"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tt.peer
			for k, v := range tt.header {
				r.Header.Set(k, v)
			}
			if got := clientAddress(r, trusted); got != tt.want {
				t.Errorf("client = %q, want %q", got, tt.want)
			}
			if got := clientAddress(r, nil); got != netip.MustParseAddrPort(tt.peer).Addr().String() {
				t.Errorf("without trusted proxies: %q, want the peer", got)
			}
		})
	}
}

// TestLoginLimitBehindProxy: behind a trusted proxy, one visitor's wrong
// sign-ins do not lock out another visitor, while a client that sends its own
// X-Forwarded-For directly gains nothing.
func TestLoginLimitBehindProxy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixtureWith(t, d, Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.1/32")}})
		try := func(peer, xff string, i int) int {
			req := staffRequest(http.MethodPost, "/staff/login", url.Values{"email": {"nobody" + string(rune('a'+i%26)) + "@example.org"}, "password": {"x"}}, nil)
			req.RemoteAddr = peer + ":1234"
			req.Header.Set("X-Forwarded-For", xff)
			return serve(f.h, req).Code
		}
		limited := false
		for i := range 40 {
			limited = limited || try("10.0.0.1", "198.51.100.1", i) == http.StatusTooManyRequests
		}
		if !limited {
			t.Fatal("one visitor behind the proxy was never limited")
		}
		if code := try("10.0.0.1", "198.51.100.2", 0); code != http.StatusUnauthorized {
			t.Errorf("another visitor behind the proxy: %d, want 401", code)
		}
		limited = false
		for i := range 40 {
			limited = limited || try("203.0.113.5", "192.0.2."+string(rune('0'+i%10)), i) == http.StatusTooManyRequests
		}
		if !limited {
			t.Error("a direct client escaped the limit by sending its own X-Forwarded-For")
		}
	})
}
