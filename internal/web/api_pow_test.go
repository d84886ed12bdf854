package web

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/pow"
	"lotse/internal/staff"
)

// solveChallenge answers a challenge as pow.js does.
func solveChallenge(t *testing.T, c pow.Challenge) string {
	t.Helper()
	for n := 0; n <= c.MaxNumber; n++ {
		if h := sha256.Sum256([]byte(c.Salt + strconv.Itoa(n))); hex.EncodeToString(h[:]) == c.Challenge {
			b, _ := json.Marshal(pow.Solution{Algorithm: c.Algorithm, Challenge: c.Challenge, Number: n, Salt: c.Salt, Signature: c.Signature})
			return base64.StdEncoding.EncodeToString(b)
		}
	}
	t.Fatalf("no number solves %+v", c)
	return ""
}

// TestPowChallenge: the endpoint hands out challenges as the spec says, and
// checkPow accepts a solution once; without Config.Pow proof-of-work is off.
func TestPowChallenge(t *testing.T) {
	spec := loadSpec(t)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newWebServer(t, d)
		if err := s.checkPow(context.Background(), ""); err != nil {
			t.Errorf("proof-of-work off by default: %v", err)
		}
		s.pow = pow.New(pow.Options{Max: 500})
		rec := get(s.Handler(), "/api/v1/pow/challenge")
		if rec.Code != 200 || rec.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("challenge: %d %v %s", rec.Code, rec.Header(), rec.Body)
		}
		validate(t, spec, "/api/v1/pow/challenge", rec)
		var c pow.Challenge
		if err := json.Unmarshal(rec.Body.Bytes(), &c); err != nil || c.MaxNumber != 500 {
			t.Fatalf("challenge %s: %v", rec.Body, err)
		}
		answer := solveChallenge(t, c)
		if err := s.checkPow(context.Background(), answer); err != nil {
			t.Errorf("solution refused: %v", err)
		}
		err := s.checkPow(context.Background(), answer)
		if errs.KindOf(err) != errs.Invalid || fieldOf(err) != "pow" {
			t.Errorf("the same solution again: %v, want invalid on field pow", err)
		}
		// The refusal has a message of its own in every language.
		for _, l := range i18n.All() {
			if key := errs.MsgKeyOf(err); key != "error.pow" || i18n.For(l.Code).Get(key) == key {
				t.Errorf("%s: no message for %s", l.Code, key)
			}
		}
	})
}

// TestPowPasses: reception and admins get a pass that checkPow accepts once;
// other roles and anonymous callers are refused; each pass is audited.
func TestPowPasses(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		f.srv.pow = pow.New(pow.Options{Max: 1000})
		post := func(c *http.Cookie) *httptest.ResponseRecorder {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/pow/passes", nil)
			if c != nil {
				req.AddCookie(c)
			}
			return serve(f.h, req)
		}
		for _, role := range staff.Roles {
			rec := post(f.session(t, f.users[role]))
			want := http.StatusForbidden
			if slices.Contains(passIssuers, role) {
				want = http.StatusCreated
			}
			if rec.Code != want {
				t.Errorf("%s: %d %s, want %d", role, rec.Code, rec.Body, want)
			}
			if rec.Code != http.StatusCreated {
				continue
			}
			var p struct {
				Pass    string
				Expires time.Time
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || !p.Expires.After(time.Now()) {
				t.Fatalf("%s: %s", role, rec.Body)
			}
			if err := f.srv.checkPow(context.Background(), p.Pass); err != nil {
				t.Errorf("%s's pass refused: %v", role, err)
			}
			if err := f.srv.checkPow(context.Background(), p.Pass); err == nil {
				t.Errorf("%s's pass accepted twice", role)
			}
		}
		if rec := post(nil); rec.Code != http.StatusUnauthorized {
			t.Errorf("anonymous: %d", rec.Code)
		}
		log, err := f.svc.AuditLog(context.Background(), 50)
		if err != nil || !slices.ContainsFunc(log, func(e staff.Entry) bool { return e.Action == "pow.pass.issue" && e.Actor == "reception@example.org" }) {
			t.Errorf("audit log: %+v %v", log, err)
		}
	})
}
