package app

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lotse/internal/db/dbtest"
)

// start runs the app on a free port until the test ends and returns its URL and
// its log.
func start(t *testing.T, cfg Config) (string, *bytes.Buffer) {
	t.Helper()
	a, logs := startApp(t, cfg)
	return a.URL(), logs
}

// startApp is start for tests that also reach into the app.
func startApp(t *testing.T, cfg Config) (*App, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	cfg.Addr = "127.0.0.1:0"
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	ctx, cancel := context.WithCancel(context.Background())
	a, err := New(ctx, cfg, &logs)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Listen(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
		a.Close()
	})
	return a, &logs
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestStartTwice starts lotse on an empty database (demo loaded), then again on
// the same database (data kept, nothing reloaded), on every engine.
func TestStartTwice(t *testing.T) {
	urls := map[string]string{"sqlite": filepath.Join(t.TempDir(), "lotse.db")}
	if pg := dbtestURL(t); pg != "" {
		urls["postgres"] = pg
	}
	for name, dbURL := range urls {
		t.Run(name, func(t *testing.T) {
			cfg := Config{DatabaseURL: dbURL, Demo: true, MetricsToken: "metrics-token-0123456789"}
			if name == "postgres" {
				cfg.SecretKeys = [][]byte{bytes.Repeat([]byte{7}, 32)} // no default key there
			}
			url, logs := start(t, cfg)
			if code, body := fetch(t, url+"/healthz"); code != 200 || body != "ok\n" {
				t.Fatalf("healthz: %d %q", code, body)
			}
			if code, body := fetch(t, url+"/de/"); code != 200 || !strings.Contains(body, "Kreis Düren") {
				t.Fatalf("home: %d", code)
			}
			if !strings.Contains(logs.String(), "loaded the demo county") {
				t.Error("first start did not load the demo")
			}
			url2, logs2 := start(t, cfg)
			if code, _ := fetch(t, url2+"/api/v1/municipalities"); code != 200 {
				t.Fatalf("second start: %d", code)
			}
			if strings.Contains(logs2.String(), "loaded the demo county") {
				t.Error("second start loaded the demo again")
			}
			if code, _ := fetch(t, url+"/metrics"); code != http.StatusUnauthorized {
				t.Errorf("metrics without the token: %d", code)
			}
			req, _ := http.NewRequest(http.MethodGet, url+"/metrics", nil)
			req.Header.Set("Authorization", "Bearer "+cfg.MetricsToken)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			metrics, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || !strings.Contains(string(metrics), "lotse_http_requests_total") {
				t.Errorf("metrics: %d", res.StatusCode)
			}
			if !strings.Contains(logs.String(), `"request_id"`) {
				t.Error("request log lacks a request id")
			}
		})
	}
}

func dbtestURL(t *testing.T) string {
	if !postgresConfigured() {
		return ""
	}
	return dbtest.PostgresURL(t)
}

func postgresConfigured() bool { return os.Getenv(dbtest.EnvPostgres) != "" }
