package web

import (
	"context"
	"net/http"
	"time"

	"lotse/internal/staff"
)

// apiPowChallenge hands out a proof-of-work challenge for a hold or booking
// (pow.js solves it). Challenges are cheap to make but limited per address
// like the requests they guard.
func (s *Server) apiPowChallenge(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	if err := s.limitAddr(r); err != nil {
		return err
	}
	writeJSONStatus(w, http.StatusOK, s.pow.Challenge())
	return nil
}

// checkPow checks the proof-of-work answer of a hold or booking (a solution
// or a reception pass); a refused answer is an Invalid error on field "pow".
func (s *Server) checkPow(ctx context.Context, answer string) error { return s.pow.Verify(ctx, answer) }

// passIssuers may hand out reception passes.
var passIssuers = []staff.Role{staff.Admin, staff.Reception}

// apiPowPass issues a reception pass, the proof-of-work of a visitor without
// JavaScript (or with a phone too slow for the work): reception reads or
// prints it for the visitor, who types it into the form's pow field.
func (s *Server) apiPowPass(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	pass, expires := s.pow.IssuePass()
	if err := s.staff.svc.Audit(r.Context(), u.Actor(), "pow.pass.issue", "pow/passes"); err != nil {
		return err
	}
	writeJSONStatus(w, http.StatusCreated, struct {
		Pass    string    `json:"pass"`
		Expires time.Time `json:"expires"`
	}{pass, expires.UTC()})
	return nil
}
