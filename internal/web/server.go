// Package web is lotse's HTTP layer: every route (in routes.go), the middleware
// around them, the server-rendered pages and the JSON API. Handlers return errors;
// one wrapper turns an error into a page or JSON body in the reader's language,
// so a handler never writes an error response itself.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"lotse/internal/booking"
	"lotse/internal/broker"
	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/floor"
	"lotse/internal/notify"
	"lotse/internal/onestop"
	"lotse/internal/pow"
	"lotse/internal/staff"
)

// Server serves the portal. Build one with New and mount Handler.
type Server struct {
	db      *db.DB
	content *content.Store
	dates   *onestop.Store // One-Stop-Shop dates (api_onestop.go)
	log     *slog.Logger
	pages   *pages
	metrics *metrics
	// renderCache holds rendered public pages; see cache.go.
	renderCache *renderCache
	search      *searchIndex
	missLimit   missLimit // who may have searches without a hit counted (search_misses.go)
	// pow checks the proof-of-work of holds and bookings (api_pow.go); never
	// nil, off with difficulty 0.
	pow *pow.Verifier
	// limits are the booking's limits per address and contact (limits.go);
	// nil with LOTSE_RATE_LIMITS=off.
	limits *publicLimits
	// bookings holds and books visits of the dates (api_booking.go).
	bookings *booking.Store
	// floor is the One-Stop-Shop day in the room (api_floor.go).
	floor *floor.Store
	// mailer sends visitors' booking e-mails; nil sends none. baseURL is
	// LOTSE_BASE_URL, the origin of their links (api_booking_card.go).
	mailer  notify.Mailer
	baseURL string
	// staff is the staff area; nil without staff accounts (staff.go).
	staff *staffArea
	// broker carries live events to event streams (sse.go); never nil.
	broker broker.Broker
	// closing ends when EndStreams is called at shutdown; open streams
	// watch it.
	closing    context.Context
	endStreams context.CancelFunc
	// https, trustedProxies and metricsToken are from Config.
	https          bool
	trustedProxies []netip.Prefix
	metricsToken   string
	// now is the clock, replaceable in tests.
	now func() time.Time
	loc *time.Location
}

// Config holds what the web layer needs from the application.
type Config struct {
	DB       *db.DB
	Content  *content.Store
	Log      *slog.Logger
	Registry *prometheus.Registry
	// Location is the county's time zone for display (Europe/Berlin).
	Location *time.Location
	Now      func() time.Time
	// Staff enables the staff area under /staff/.
	Staff *staff.Service
	// HTTPS says the site is served over TLS (LOTSE_BASE_URL is https): every
	// cookie is Secure and responses carry Strict-Transport-Security.
	HTTPS bool
	// TrustedProxies are the peers whose forwarding headers name the client
	// (clientAddr).
	TrustedProxies []netip.Prefix
	// MetricsToken is the bearer token of /metrics; empty hides /metrics.
	MetricsToken string
	// Pow checks the proof-of-work of holds and bookings; nil switches
	// proof-of-work off.
	Pow *pow.Verifier
	// RateLimitsOff switches off the booking's limits per address and
	// contact (LOTSE_RATE_LIMITS=off).
	RateLimitsOff bool
	// HoldFor is how long a hold keeps an itinerary; zero is
	// booking.DefaultHold.
	HoldFor time.Duration
	// Mailer sends visitors' booking e-mails (SMTP or the outbox); nil
	// sends none.
	Mailer notify.Mailer
	// BaseURL is the portal's public URL for links in e-mails; empty takes
	// the request's host.
	BaseURL string
	// Broker carries live events (internal/broker); nil takes an in-process
	// broker, right for one process on SQLite.
	Broker broker.Broker
}

// New builds a server; it fails only if the embedded templates are broken.
func New(c Config) (*Server, error) {
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{db: c.DB, content: c.Content, log: c.Log, pages: p, now: c.Now, loc: c.Location, renderCache: newRenderCache(defaultCacheBytes)}
	s.https, s.trustedProxies, s.metricsToken, s.pow = c.HTTPS, c.TrustedProxies, c.MetricsToken, c.Pow
	if s.pow == nil {
		s.pow = pow.New(pow.Options{})
	}
	if !c.RateLimitsOff {
		s.limits = newPublicLimits()
	}
	if s.staff, err = newStaffArea(c.Staff, c.HTTPS); err != nil {
		return nil, err
	}
	if s.staff != nil {
		s.staff.sessions.ErrorFunc = s.sessionError
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.loc == nil {
		s.loc = time.UTC
	}
	s.dates = onestop.NewStore(c.DB, s.loc)
	s.bookings = booking.NewStore(c.DB, s.dates, c.HoldFor, s.now)
	s.mailer, s.baseURL = c.Mailer, c.BaseURL
	if s.broker = c.Broker; s.broker == nil {
		s.broker = broker.NewLocal()
	}
	s.floor = floor.NewStore(c.DB, s.dates, s.bookings, s.loc, s.now, s.publishFloor)
	s.closing, s.endStreams = context.WithCancel(context.Background())
	if s.log == nil {
		s.log = slog.Default()
	}
	reg := c.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	s.metrics = newMetrics(reg)
	s.search = &searchIndex{content: c.Content, log: s.log.Warn}
	return s, nil
}

// handlerFunc is the shape of every handler: it writes a response or returns an
// error for handle to render.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// healthz reports whether the server and its database answer.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.db.Ping(ctx); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return nil
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
	return nil
}

// publishFloor hands a committed change of a One-Stop-Shop floor to the
// broker, so that displays, desks and visitors' phones on every process hear
// of it. A lost event is logged, not returned: the change is committed, and
// a client that misses it reloads the floor on its next resync.
func (s *Server) publishFloor(ctx context.Context, topic string, data []byte) {
	if err := s.broker.Publish(ctx, broker.Event{Topic: topic, Data: data}); err != nil {
		s.log.Warn("floor event not published", "topic", topic, "err", err)
	}
}
