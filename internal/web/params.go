package web

import (
	"context"
	"net/http"
	"net/url"

	"lotse/internal/booking"
)

// paramMax is every query parameter a public page or API call reads, with the
// longest value lotse itself ever puts in a link. A route names the parameters it
// reads (routes.go); params hands its handler only those, so unknown or
// oversized parameters never reach a cache key, a link or a page.
var paramMax = map[string]int{
	"a":            512,          // a plan's answers (lotse.Answers.Token)
	"agencies":     512,          // the One-Stop-Shop agencies of a plan
	"change":       32,           // the code of a booking being changed
	"code":         64,           // a booking's code, filled in on the manage page
	"concern":      64,           // a concern to book (repeatable, paramMulti)
	"date":         20,           // a One-Stop-Shop date's id
	"hold":         64,           // a hold's secret id
	"interpreter":  1,            // "1": an interpreter is needed
	"language":     16,           // the visitor's language, for an interpreter
	"t":            64,           // a booking's token
	"lang":         32,           // the language of an API answer
	"municipality": 64,           // a municipality's slug
	"print":        1,            // print view of a plan
	"q":            4 * maxQuery, // a search
	"saved":        64,           // the municipality just saved ("-": cleared), see setMunicipality
}

// paramMulti are the parameters a form may repeat (checkboxes), with how
// many values are kept; the others keep their first value only.
var paramMulti = map[string]int{"concern": booking.MaxConcerns}

type paramsKey struct{}

// params wraps fn so that it sees only the named query parameters, once each
// (those of paramMulti up to their count) and in a fixed order; a value longer than paramMax allows is dropped. Links
// back to the same page (base.Path) carry exactly these parameters.
func params(fn handlerFunc, names ...string) handlerFunc {
	for _, n := range names {
		if paramMax[n] == 0 {
			panic("web: undeclared query parameter " + n)
		}
	}
	return func(w http.ResponseWriter, r *http.Request) error {
		in, out := r.URL.Query(), url.Values{}
		for _, n := range names {
			vs := in[n]
			if keep := max(paramMulti[n], 1); len(vs) > keep {
				vs = vs[:keep]
			}
			for _, v := range vs {
				if v != "" && len(v) <= paramMax[n] {
					out.Add(n, v)
				}
			}
		}
		r2 := r.WithContext(context.WithValue(r.Context(), paramsKey{}, true))
		u := *r.URL
		u.RawQuery = out.Encode()
		r2.URL = &u
		return fn(w, r2)
	}
}

// linkQuery is the query of a request that went through params, for links to
// the same page in another language; other requests' queries are not repeated.
func linkQuery(r *http.Request) string {
	if filtered, _ := r.Context().Value(paramsKey{}).(bool); filtered {
		if q := r.URL.Query(); q.Has("saved") {
			// The confirmation of a saved municipality is for this page view only.
			q.Del("saved")
			return q.Encode()
		}
		return r.URL.RawQuery
	}
	return ""
}
