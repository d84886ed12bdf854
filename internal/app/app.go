package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Berlin must resolve on machines without zoneinfo

	"github.com/prometheus/client_golang/prometheus"

	"lotse/demo"
	"lotse/internal/booking"
	"lotse/internal/broker"
	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/floor"
	"lotse/internal/notify"
	"lotse/internal/onestop"
	"lotse/internal/pow"
	"lotse/internal/staff"
	"lotse/internal/web"
)

// App is a running lotse: database, stores and HTTP server.
type App struct {
	cfg Config
	log *slog.Logger
	db  *db.DB
	// broker carries live events between the stores and the web server, and
	// between processes on one PostgreSQL database.
	broker  broker.Broker
	content *content.Store
	web     *web.Server
	// reminders runs next to the server (Serve) until its context ends.
	reminders *reminders
	srv       *http.Server
	ln        net.Listener
	// FirstAdmin is set when this start created the admin account; the
	// command line shows its one-time password once on a terminal, or
	// else writes it to a file only lotse's user can read (announceFirstAdmin).
	FirstAdmin *staff.FirstAdmin
}

// New opens the database, applies migrations, loads the demo county into an empty
// database when cfg.Demo is set, and builds the web server. logs receives JSON logs.
func New(ctx context.Context, cfg Config, logs io.Writer) (*App, error) {
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: cfg.LogLevel}))
	d, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	events, err := newBroker(ctx, d, cfg.DatabaseURL, log)
	if err != nil {
		d.Close()
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			events.Close()
			d.Close()
		}
	}()
	keys, keysFrom, err := secretKeys(cfg, d.Dialect, log)
	if err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, log: log, db: d, broker: events, content: content.NewLiveStore(d, events, log)}
	if err := a.seed(ctx); err != nil {
		return nil, err
	}
	// Staff accounts: the first start creates the admin account. Its one-time
	// password goes to the terminal or a private file (see serve), never into the logs.
	accounts := staff.New(d, staff.Options{DeviceKey: cfg.DeviceKey, SecretKeys: keys})
	if a.FirstAdmin, err = accounts.Bootstrap(ctx, os.Getenv); err != nil {
		return nil, err
	}
	if err := encryptSecrets(ctx, accounts, keysFrom, log); err != nil {
		return nil, err
	}
	if a.FirstAdmin != nil {
		log.Warn("first start: created the admin account", "email", a.FirstAdmin.Email)
	}
	powKey, err := accounts.Key(ctx, "pow")
	if err != nil {
		return nil, err
	}
	mailer := notify.New(cfg.SMTP, filepath.Join(dataDir(cfg.DatabaseURL, d.Dialect), "outbox"))
	a.web, err = web.New(web.Config{
		DB: d, Content: a.content, Log: log, Registry: prometheus.NewRegistry(), Location: cfg.Location,
		Staff: accounts, HTTPS: strings.HasPrefix(cfg.BaseURL, "https://"),
		TrustedProxies: cfg.TrustedProxies, MetricsToken: cfg.MetricsToken,
		Pow:           pow.New(pow.Options{Key: powKey, Max: cfg.PowDifficulty}),
		RateLimitsOff: cfg.RateLimitsOff,
		HoldFor:       time.Duration(cfg.HoldMinutes) * time.Minute,
		Mailer:        mailer,
		BaseURL:       cfg.BaseURL,
		Broker:        events,
	})
	if err != nil {
		return nil, err
	}
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	dates := onestop.NewStore(d, loc)
	bookings := booking.NewStore(d, dates, 0, nil)
	a.reminders = &reminders{bookings: bookings, floor: floor.NewStore(d, dates, bookings, loc, nil, nil), dates: dates, content: a.content,
		mailer: mailer, log: log, loc: loc, now: time.Now, retention: time.Duration(cfg.RetentionDays) * 24 * time.Hour, base: cfg.BaseURL}
	if err := a.web.WarmSearch(ctx); err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	ok = true
	return a, nil
}

// newBroker returns the broker of live events: in-process on SQLite, whose
// database one process owns, and LISTEN/NOTIFY on PostgreSQL, where several
// processes may share the database.
func newBroker(ctx context.Context, d *db.DB, url string, log *slog.Logger) (broker.Broker, error) {
	if d.Dialect != db.Postgres {
		return broker.NewLocal(), nil
	}
	b, err := broker.NewPostgres(ctx, url, log)
	if err != nil {
		return nil, fmt.Errorf("live events: %w", err)
	}
	return b, nil
}

// seed loads the demo county when the database holds none.
func (a *App) seed(ctx context.Context) error {
	empty, err := a.content.Empty(ctx)
	if err != nil {
		return err
	}
	if !empty || !a.cfg.Demo {
		return nil
	}
	start := time.Now()
	if err := a.content.Seed(ctx, demo.County()); err != nil {
		return fmt.Errorf("load demo county: %w", err)
	}
	a.log.Info("loaded the demo county", "duration", time.Since(start).String())
	return nil
}

// Listen binds the configured address; with ":0" the system picks a port, which
// URL then reports. Tests start the app this way.
func (a *App) Listen() error {
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return &ConfigError{"LOTSE_ADDR", err.Error()}
	}
	a.ln = ln
	return nil
}

// URL is the address the server listens on, for humans and tests.
func (a *App) URL() string {
	addr := a.ln.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "localhost"
	}
	return fmt.Sprintf("http://%s", net.JoinHostPort(host, fmt.Sprint(addr.Port)))
}

// Serve serves HTTP until ctx ends, then shuts down gracefully.
func (a *App) Serve(ctx context.Context) error {
	a.srv = &http.Server{
		Handler:           a.web.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	a.srv.RegisterOnShutdown(a.web.EndStreams)
	errc := make(chan error, 1)
	go func() { errc <- a.srv.Serve(a.ln) }()
	go a.web.SweepHolds(ctx)
	go a.reminders.every(ctx, remindInterval)
	go a.content.Follow(ctx, func() { a.web.RefreshSearch(ctx) })
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.srv.Shutdown(shut); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Close writes what the content store counts in memory (guide reads,
// searches without a hit) and releases the database.
func (a *App) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.content.Flush(ctx); err != nil {
		a.log.Warn("flush counts at shutdown", "error", err.Error())
	}
	return errors.Join(a.broker.Close(), a.db.Close())
}

// Handler returns the HTTP handler, for tests that do not need a socket.
func (a *App) Handler() http.Handler { return a.web.Handler() }
