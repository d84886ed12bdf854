package web

import (
	"net/http"

	"lotse/internal/staff"
)

// missesShown bounds the editors' list of searches without a hit.
const missesShown = 200

// staffMisses lists what readers searched for in vain, most frequent first,
// so that editors see which guides or words are missing.
func (s *Server) staffMisses(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	misses, err := s.content.Misses(r.Context(), missesShown)
	if err != nil {
		return err
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_misses", u, "staff.misses.title", misses)
}
