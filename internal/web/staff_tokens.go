package web

import (
	"net/http"
	"strconv"

	"lotse/internal/errs"
	"lotse/internal/staff"
)

// tokensPage is the admin's list of staff API tokens; Done names what just
// happened (a message key), if anything.
type tokensPage struct {
	Tokens []staff.Token
	Done   string
}

// staffTokens lists the staff API tokens: name, role, agency, made, last
// used, never a secret. Tokens are made on the command line (lotse token add).
func (s *Server) staffTokens(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	return s.tokensPage(w, r, u, "")
}

// staffRevokeToken revokes the token of the path; the store writes the audit
// entry. A token revoked already is 404.
func (s *Server) staffRevokeToken(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "staff.error.no_token")
	}
	if err := s.staff.svc.RevokeToken(r.Context(), u.Actor(), id); err != nil {
		return err
	}
	return s.tokensPage(w, r, u, "staff.tokens.revoked")
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request, u *staff.User, done string) error {
	tokens, err := s.staff.svc.Tokens(r.Context())
	if err != nil {
		return err
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_tokens", u, "staff.tokens.title", tokensPage{Tokens: tokens, Done: done})
}
