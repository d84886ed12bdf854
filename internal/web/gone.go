package web

import (
	"log/slog"
	"net/http"
)

// clientGone logs, as one JSON line without visitor data, that a request was
// given up because its client went away; nothing is answered.
func (s *Server) clientGone(r *http.Request) {
	s.log.InfoContext(r.Context(), "client gone", slog.String("request_id", requestID(r.Context())),
		slog.String("route", r.Pattern))
}

// sessionError answers a failure of the staff session store. A client that
// has gone is logged, not answered: the session manager's default wrote a
// plain-text log line and a 500 after the response had begun. Anything else
// is an internal error, logged and shown as the generic error page.
func (s *Server) sessionError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		s.clientGone(r)
		return
	}
	s.staffHandle(func(http.ResponseWriter, *http.Request) error { return err }).ServeHTTP(w, r)
}
