package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsHandler serves the Prometheus metrics to whoever sends
// "Authorization: Bearer" with the configured token (compared in constant
// time); anyone else gets 401 with a WWW-Authenticate challenge. Without a
// configured token the route does not exist (404).
func (s *Server) metricsHandler() http.Handler {
	if s.metricsToken == "" {
		return s.handle(s.notFound)
	}
	want := sha256.Sum256([]byte(s.metricsToken))
	prom := promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := bearerToken(r)
		// Hashing first makes the comparison independent of the length.
		got := sha256.Sum256([]byte(token))
		if !ok || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="lotse metrics"`)
			http.Error(w, http.StatusText(http.StatusUnauthorized), http.StatusUnauthorized)
			return
		}
		prom.ServeHTTP(w, r)
	})
}
