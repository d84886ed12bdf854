package web

import (
	"net/http"
	"slices"
	"strings"

	"lotse/internal/errs"
	"lotse/internal/staff"
)

// staffAPIHandlerFunc is a staff API handler, given the caller.
type staffAPIHandlerFunc func(w http.ResponseWriter, r *http.Request, u *staff.User) error

// staffAPI guards a staff JSON route: routes.go names the roles that may use
// it where it registers the route, and apiCaller says who calls. Errors are
// JSON in the request's language: 401 with WWW-Authenticate: Bearer without a
// caller or with a wrong or revoked token, 403 for another role. Without staff
// accounts the route is 404.
func (s *Server) staffAPI(roles []staff.Role, fn staffAPIHandlerFunc) http.Handler {
	if s.staff == nil {
		return s.handle(s.notFound)
	}
	return s.staff.sessions.LoadAndSave(s.handle(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Cache-Control", "no-store")
		u, err := s.apiCaller(r)
		if err != nil {
			return err
		}
		if u == nil {
			challenge := `Bearer realm="lotse"`
			if _, sent := bearerToken(r); sent {
				challenge += `, error="invalid_token"` // RFC 6750, section 3.1
			}
			w.Header().Set("WWW-Authenticate", challenge)
			return errs.E(errs.Unauthenticated, "onestop.error.unauthenticated")
		}
		if !slices.Contains(roles, u.Role) {
			return errs.E(errs.Forbidden, "onestop.error.forbidden")
		}
		return fn(w, r, u)
	}))
}

// apiCaller identifies the caller of a staff API route, or nil: the one place
// a staff API learns who calls, so that a session and a token yield the same
// principal (a role and, for role agency, the agency). A request with
// Authorization: Bearer is judged by its token alone (staff.TokenUser);
// otherwise by its staff session, of an account that is in order (its own
// password; for admins a second factor).
func (s *Server) apiCaller(r *http.Request) (*staff.User, error) {
	if token, sent := bearerToken(r); sent {
		return s.staff.svc.TokenUser(r.Context(), token)
	}
	u, err := s.staff.svc.Current(r.Context(), s.staff.sessions)
	if err != nil || u == nil {
		return nil, err
	}
	if u.MustChange || (u.Role.NeedsTOTP() && !u.TOTP) {
		return nil, nil
	}
	return u, nil
}

// bearerToken returns the token of an Authorization: Bearer header and
// whether the request sent one; the scheme is case-insensitive (RFC 9110).
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(token), true
}
