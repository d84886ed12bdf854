package web

import (
	"net/http"
	"strconv"

	"lotse/internal/staff"
)

// deviceCookieAge is how long a browser stays known after a sign-in.
const deviceCookieAge = 180 * 24 * 60 * 60

// staffClient is who tries to sign in: the client's address and device cookie.
func (s *Server) staffClient(r *http.Request) staff.Client {
	c := staff.Client{Addr: s.clientAddr(r)}
	if dc, err := r.Cookie(staff.DeviceCookie); err == nil {
		c.Device = dc.Value
	}
	return c
}

// rememberDevice gives the browser in which u just signed in a device cookie
// for u (staff.Service.IssueDevice).
func (s *Server) rememberDevice(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	v, err := s.staff.svc.IssueDevice(r.Context(), u.Email, s.staffClient(r).Device)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: staff.DeviceCookie, Value: v, Path: "/staff/", MaxAge: deviceCookieAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secureCookie(r)})
	return nil
}

// setRetryAfter tells a rate-limited client how long to wait, as the
// staff.error.too_many message does.
func setRetryAfter(w http.ResponseWriter) {
	w.Header().Set("Retry-After", strconv.Itoa(int(staff.RetryAfter.Seconds())))
}
