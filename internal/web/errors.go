package web

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"lotse/internal/booking"
	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// handle adapts a handlerFunc to http.Handler and renders its error, if any, as a
// page (or, under /api/, as JSON) in the reader's language. An internal error is
// logged with its detail and shown as a generic message.
func (s *Server) handle(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := fn(w, r)
		if err == nil {
			return
		}
		var rd redirect
		if errors.As(err, &rd) {
			http.Redirect(w, r, rd.to, http.StatusMovedPermanently)
			return
		}
		kind := errs.KindOf(err)
		status := errs.Status(kind)
		setRetryAfterOf(w, err)
		if kind == errs.Internal {
			s.log.ErrorContext(r.Context(), "request failed", slog.String("request_id", requestID(r.Context())),
				slog.String("route", r.Pattern), slog.String("error", err.Error()))
		}
		lang := s.errorLanguage(r)
		t := i18n.For(lang.Code)
		if strings.HasPrefix(r.URL.Path, "/api/") {
			body := apiError{Error: apiErrorBody{
				Code: strings.TrimPrefix(errs.MsgKeyOf(err), "error."), Message: apiMessage(t, errs.MsgKeyOf(err)), Field: fieldOf(err),
			}}
			var pe proposalsError
			if errors.As(err, &pe) {
				body.Itineraries = &pe.itineraries
			}
			var displaced *booking.Displaced
			if errors.As(err, &displaced) {
				body.Bookings = displaced.Codes()
			}
			writeJSONStatus(w, status, body)
			return
		}
		s.renderStatus(w, r, status, "error", lang, errorPage{Status: status, Message: t.Get(errs.MsgKeyOf(err))}, t.Get("error.title"))
	})
}

// errorLanguage is the language of an error page: the one in the URL if it is
// valid, else the ?lang= of an API call, else the best match of the browser's.
func (s *Server) errorLanguage(r *http.Request) i18n.Language {
	if l, ok := i18n.Lookup(r.PathValue("lang")); ok {
		return l
	}
	if seg, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); seg != "api" {
		if l, ok := i18n.Lookup(seg); ok {
			return l
		}
	}
	if l, ok := i18n.Lookup(r.URL.Query().Get("lang")); ok {
		return l
	}
	return i18n.Match(langCookie(r), r.Header.Get("Accept-Language"))
}

// apiMessage is the message of key for an API client: its "api." wording where
// the page's wording points at something only a page shows ("Here you find all
// guides" becomes a path of the API), else the page's.
func apiMessage(t *i18n.T, key string) string {
	if msg := t.Get("api." + key); msg != "api."+key {
		return msg
	}
	return t.Get(key)
}

type errorPage struct {
	Status  int
	Message string
}

type apiError struct {
	Error apiErrorBody `json:"error"`
	// Itineraries are fresh proposals after a hold that lost a race.
	Itineraries *[]apiItinerary `json:"itineraries,omitempty"`
	// Bookings are the codes of the bookings a refused roster would displace.
	Bookings []booking.Code `json:"bookings,omitempty"`
}

type apiErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func fieldOf(err error) string {
	var e *errs.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

func writeJSONStatus(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// notFound answers 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	return errs.E(errs.NotFound, "error.not_found")
}

// unrouted answers every request no route matches: 405 with the Allow header
// when a route of muxes serves the path with other methods, else 404. A mux's
// catch-all "/" hands the probe on to the next mux.
func (s *Server) unrouted(muxes ...*http.ServeMux) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			probe := &http.Request{Method: m, URL: r.URL, Host: r.Host, Header: http.Header{}}
			for _, mux := range muxes {
				_, pattern := mux.Handler(probe)
				if strings.Contains(pattern, " ") { // a route, not a catch-all
					allow = append(allow, m)
				}
				if pattern != "/" {
					break
				}
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			return errs.E(errs.MethodNotAllowed, "error.method")
		}
		return s.notFound(w, r)
	}
}

// crossOrigin answers a state-changing request from another site, refused by
// the middleware's cross-origin protection.
func crossOrigin(w http.ResponseWriter, r *http.Request) error {
	return errs.E(errs.Forbidden, "error.cross_origin")
}
