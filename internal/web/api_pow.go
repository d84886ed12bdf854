package web

import (
	"context"
	"net/http"
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
