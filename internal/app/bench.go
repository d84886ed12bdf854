package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"lotse/internal/loadgen"
)

// benchTargets are the pages measured by "lotse bench http": a guide page and
// the API's guide, both in Ukrainian, with a municipality chosen.
var benchTargets = []struct{ name, path string }{
	{"guide page", "/uk/guides/residence?municipality=dueren"},
	{"API guide", "/api/v1/guides/residence?lang=uk&municipality=dueren"},
}

// benchHTTP runs lotse on a fresh demo database and, in the same process, a
// baseline handler that writes the same bytes from memory, and measures both in
// the closed and the open model.
func benchHTTP(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench http", flag.ContinueOnError)
	fs.SetOutput(stderr)
	duration := fs.Duration("duration", 10*time.Second, "length of each measurement")
	conns := fs.Int("conns", 64, "connections in the closed model")
	rate := fs.Int("rate", 2000, "requests per second in the open model")
	dbURL := fs.String("database", "", "database URL (default: a new SQLite file)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *duration <= 0 || *conns <= 0 || *rate <= 0 {
		fmt.Fprintln(stderr, "bench http: --duration, --conns and --rate must be positive")
		return 2
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, done, err := benchApp(ctx, *dbURL)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer done()
	if err := a.Listen(); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	go a.Serve(ctx)
	base := a.URL()

	fmt.Fprintf(stdout, "lotse bench http: %s per run, %d connections (closed model), %d req/s (open model), database %s\n\n",
		*duration, *conns, *rate, a.db.Dialect)
	fmt.Fprintln(stdout, "| target | handler | model | req/s | p50 ms | p99 ms | errors |")
	fmt.Fprintln(stdout, "|---|---|---|---|---|---|---|")
	for _, tg := range benchTargets {
		body, ctype, err := grab(base + tg.path)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		memURL, stop, err := serveBytes(body, ctype)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		row := func(handler, model string, r loadgen.Result) {
			fmt.Fprintf(stdout, "| %s (%d B) | %s | %s | %.0f | %.2f | %.2f | %d |\n",
				tg.name, len(body), handler, model, r.RPS(), ms(r.P50), ms(r.P99), r.Errors)
		}
		// Warm both up, then measure in alternation.
		loadgen.Closed(ctx, base+tg.path, *conns, time.Second)
		loadgen.Closed(ctx, memURL, *conns, time.Second)
		lc := loadgen.Closed(ctx, base+tg.path, *conns, *duration)
		mc := loadgen.Closed(ctx, memURL, *conns, *duration)
		lo := loadgen.Open(ctx, base+tg.path, *rate, *duration, 1024)
		mo := loadgen.Open(ctx, memURL, *rate, *duration, 1024)
		row("lotse", fmt.Sprintf("closed %d", *conns), lc)
		row("memory", fmt.Sprintf("closed %d", *conns), mc)
		row("lotse", fmt.Sprintf("open %d/s", *rate), lo)
		row("memory", fmt.Sprintf("open %d/s", *rate), mo)
		fmt.Fprintf(stdout, "| %s | ratio lotse/memory | closed | %.2f× | | %.2f× | |\n", tg.name, lc.RPS()/mc.RPS(), float64(lc.P99)/float64(mc.P99))
		stop()
	}
	return 0
}

// benchApp starts lotse, without listening, on the database dbURL, or on a
// new SQLite file in a temporary directory when dbURL is empty. done closes
// it and removes the directory.
func benchApp(ctx context.Context, dbURL string) (*App, func(), error) {
	cfg, err := LoadConfig(func(string) string { return "" })
	if err != nil {
		return nil, nil, err
	}
	cfg.Addr = "127.0.0.1:0"
	cfg.DatabaseURL = dbURL
	dir := ""
	if cfg.DatabaseURL == "" {
		if dir, err = os.MkdirTemp("", "lotse-bench"); err != nil {
			return nil, nil, err
		}
		cfg.DatabaseURL = filepath.Join(dir, "lotse.db")
	}
	a, err := New(ctx, cfg, io.Discard)
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return a, func() { a.Close(); os.RemoveAll(dir) }, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func grab(url string) ([]byte, string, error) {
	res, err := http.Get(url)
	if err != nil {
		return nil, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		return nil, "", fmt.Errorf("GET %s: %d %v", url, res.StatusCode, err)
	}
	return b, res.Header.Get("Content-Type"), nil
}

// serveBytes starts the baseline: a server with the same timeouts as lotse's
// that writes body from memory.
func serveBytes(body []byte, ctype string) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{
		ReadHeaderTimeout: 10 * time.Second,
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Write(body)
		}),
	}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/", func() { srv.Close() }, nil
}
