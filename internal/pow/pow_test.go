package pow

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// solve finds the number of c as a browser does and encodes the solution.
func solve(t *testing.T, c Challenge) string {
	t.Helper()
	for n := 0; n <= c.MaxNumber; n++ {
		if hashHex(c.Salt, n) == c.Challenge {
			b, _ := json.Marshal(Solution{Algorithm: c.Algorithm, Challenge: c.Challenge, Number: n, Salt: c.Salt, Signature: c.Signature})
			return base64.StdEncoding.EncodeToString(b)
		}
	}
	t.Fatalf("no number solves %+v", c)
	return ""
}

func TestVerify(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	v := New(Options{Max: 2000, Now: func() time.Time { return now }})
	other := New(Options{Max: 2000, Now: func() time.Time { return now }})
	forged := func(c Challenge, edit func(*Solution)) string {
		s, _ := DecodeSolution(solve(t, c))
		edit(&s)
		b, _ := json.Marshal(s)
		return base64.StdEncoding.EncodeToString(b)
	}
	c := v.Challenge()
	if c.Algorithm != Algorithm || c.MaxNumber != 2000 || !strings.Contains(c.Salt, "?expires=") {
		t.Fatalf("challenge %+v", c)
	}
	good := solve(t, c)
	for _, tc := range []struct {
		name, answer string
		ok           bool
	}{
		{"solution", good, true},
		{"the same again", good, false},
		{"URL base64 without padding", strings.TrimRight(strings.NewReplacer("+", "-", "/", "_").Replace(solve(t, v.Challenge())), "="), true},
		{"another server's challenge", solve(t, other.Challenge()), false},
		{"wrong number", forged(v.Challenge(), func(s *Solution) { s.Number++ }), false},
		{"longer expiry", forged(v.Challenge(), func(s *Solution) { s.Salt += "9" }), false},
		{"other algorithm", forged(v.Challenge(), func(s *Solution) { s.Algorithm = "SHA-1" }), false},
		{"empty", "", false},
		{"not base64", "%%%", false},
		{"not JSON", base64.StdEncoding.EncodeToString([]byte("[1,2")), false},
		{"too long", strings.Repeat("A", maxSolution+4), false},
	} {
		err := v.Verify(ctx, tc.answer)
		if (err == nil) != tc.ok {
			t.Errorf("%s: Verify = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
	// An answer after the challenge expired is refused.
	late := solve(t, v.Challenge())
	now = now.Add(ChallengeTTL + time.Second)
	if err := v.Verify(ctx, late); err == nil {
		t.Error("an expired challenge was accepted")
	}
	if err := v.Verify(ctx, solve(t, v.Challenge())); err != nil || len(v.used) != 1 {
		t.Errorf("Verify = %v; %d answered challenges kept, want only the fresh one", err, len(v.used))
	}
}

func TestPass(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	v := New(Options{Max: 10, Now: func() time.Time { return now }})
	p, exp := v.IssuePass()
	if !exp.Equal(now.Add(PassTTL)) || !strings.HasPrefix(p, passPrefix) {
		t.Fatalf("pass %q expiring %v", p, exp)
	}
	p2, _ := v.IssuePass()
	for _, tc := range []struct {
		name, pass string
		ok         bool
	}{
		{"pass", " " + p + " ", true},
		{"the same again", p, false},
		{"tampered", p2[:len(p2)-1] + "0", false},
		{"another server's", func() string { p, _ := New(Options{Max: 10}).IssuePass(); return p }(), false},
		{"malformed", "pass-", false},
		{"malformed parts", "pass-1-2-3-4", false},
	} {
		if err := v.Verify(ctx, tc.pass); (err == nil) != tc.ok {
			t.Errorf("%s: Verify(%q) = %v, want ok %v", tc.name, tc.pass, err, tc.ok)
		}
	}
	now = now.Add(PassTTL)
	if err := v.Verify(ctx, p2); err == nil {
		t.Error("an expired pass was accepted")
	}
}

// TestOff: with Max 0 every answer passes and challenges are trivial.
func TestOff(t *testing.T) {
	v := New(Options{})
	if c := v.Challenge(); c.MaxNumber != 0 || hashHex(c.Salt, 0) != c.Challenge {
		t.Errorf("challenge with proof-of-work off: %+v", c)
	}
	if err := v.Verify(context.Background(), "anything"); err != nil {
		t.Errorf("Verify with proof-of-work off: %v", err)
	}
}

// FuzzDecodeSolution: any input decodes or is refused, never panics, and a
// verifier refuses what it did not sign.
func FuzzDecodeSolution(f *testing.F) {
	v := New(Options{Max: 5})
	f.Add(base64.StdEncoding.EncodeToString([]byte(`{"algorithm":"SHA-256","challenge":"ab","number":1,"salt":"x?expires=99999999999","signature":"cd"}`)))
	f.Add("pass-1-2-3")
	f.Add("")
	f.Add("eyJudW1iZXIiOi0xfQ")
	f.Fuzz(func(t *testing.T, s string) {
		DecodeSolution(s)
		if v.Verify(context.Background(), s) == nil {
			t.Errorf("accepted %q", s)
		}
	})
}
