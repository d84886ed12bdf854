package web

import (
	"encoding/json"
	"net/http/httptest"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

// TestLimitAddr: the challenge endpoint takes from the address's limit; the
// first request over it is 429 with Retry-After and the error "rate" in
// the request's language, as the spec says; another address, and IPv6
// addresses outside the /64, still pass; LOTSE_RATE_LIMITS=off lets all pass.
func TestLimitAddr(t *testing.T) {
	spec := loadSpec(t)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newWebServer(t, d)
		h := s.Handler()
		from := func(addr string) *httptest.ResponseRecorder {
			req := httptest.NewRequest("GET", "/api/v1/pow/challenge?lang=de", nil)
			req.RemoteAddr = addr
			return serve(h, req)
		}
		for range addrLimit.Burst {
			if rec := from("192.0.2.1:4000"); rec.Code != 200 {
				t.Fatalf("within the limit: %d", rec.Code)
			}
			from("[2001:db8:1:2::1]:4000")
		}
		rec := from("192.0.2.1:4001")
		var body apiError
		json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != 429 || rec.Header().Get("Retry-After") != "15" || body.Error.Code != "rate" || body.Error.Message == "" {
			t.Errorf("over the limit: %d, Retry-After %q, %s", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
		}
		validate(t, spec, "/api/v1/pow/challenge", rec)
		for _, tc := range []struct {
			addr string
			code int
		}{
			{"192.0.2.2:4000", 200},
			{"[2001:db8:1:2::ffff]:4000", 429},
			{"[2001:db8:1:3::1]:4000", 200},
		} {
			if rec := from(tc.addr); rec.Code != tc.code {
				t.Errorf("%s: %d, want %d", tc.addr, rec.Code, tc.code)
			}
		}
		s.limits = nil // LOTSE_RATE_LIMITS=off
		if rec := from("192.0.2.1:4000"); rec.Code != 200 {
			t.Errorf("limits off: %d", rec.Code)
		}
	})
}

// TestLimitContact: every spelling of one phone number or e-mail address
// shares a limit; other contacts do not; off lets all pass.
func TestLimitContact(t *testing.T) {
	s := &Server{limits: newPublicLimits(), now: func() time.Time { return testNow }}
	for range contactLimit.Burst {
		if err := s.limitContact("+49 2421 123456", "", "ana@example.org"); err != nil {
			t.Fatalf("within the limit: %v", err)
		}
	}
	for _, tc := range []struct {
		contact string
		limited bool
	}{
		{"0049 (0)2421 12 34 56", true},
		{"02421/123456", true},
		{"+49 2421 123457", false},
		{"+44 2421 123456", false},
		{"ANA+booking@Example.org", true},
		{"ana@example.org.uk", false},
	} {
		if err := s.limitContact(tc.contact); (errs.KindOf(err) == errs.TooManyRequests) != tc.limited {
			t.Errorf("%q: %v, want limited %v", tc.contact, err, tc.limited)
		}
	}
	if err := s.limitContact(""); err != nil {
		t.Errorf("no contact: %v", err)
	}
	s.limits = nil
	if err := s.limitContact("02421 123456"); err != nil {
		t.Errorf("limits off: %v", err)
	}
}

func TestPhoneKey(t *testing.T) {
	for _, tc := range []struct{ phone, key string }{
		{"+49 2421 123456", "2421123456"},
		{"0049 (0) 2421-123456", "2421123456"},
		{"02421 / 12 34 56", "2421123456"},
		{"+44 20 7946 0000", "+442079460000"},
		{"0044 20 7946 0000", "+442079460000"},
		{"+", ""},
	} {
		if got := phoneKey(tc.phone); got != tc.key {
			t.Errorf("phoneKey(%q) = %q, want %q", tc.phone, got, tc.key)
		}
	}
}
