package app

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

func TestLoadConfig(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "db")
	os.WriteFile(secret, []byte("postgres://u:p@db.example/lotse\n"), 0o600)
	tests := []struct {
		name   string
		env    map[string]string
		badVar string
		check  func(Config) bool
	}{
		{"defaults", nil, "", func(c Config) bool {
			return c.Addr == ":8080" && c.DatabaseURL == "data/lotse.db" && c.Demo && c.LogLevel == slog.LevelInfo && c.Location.String() == "Europe/Berlin"
		}},
		{"addr", map[string]string{"LOTSE_ADDR": "127.0.0.1:9000"}, "", func(c Config) bool { return c.Addr == "127.0.0.1:9000" }},
		{"bad addr", map[string]string{"LOTSE_ADDR": "8080"}, "LOTSE_ADDR", nil},
		{"bad port", map[string]string{"LOTSE_ADDR": ":99999"}, "LOTSE_ADDR", nil},
		{"postgres", map[string]string{"LOTSE_DATABASE_URL": "postgres://x@localhost/db"}, "", func(c Config) bool { return c.DatabaseURL == "postgres://x@localhost/db" }},
		{"database from file", map[string]string{"LOTSE_DATABASE_URL_FILE": secret}, "", func(c Config) bool { return c.DatabaseURL == "postgres://u:p@db.example/lotse" }},
		{"missing file", map[string]string{"LOTSE_DATABASE_URL_FILE": "/nonexistent/secret"}, "LOTSE_DATABASE_URL_FILE", nil},
		{"bad scheme", map[string]string{"LOTSE_DATABASE_URL": "mysql://x/y"}, "LOTSE_DATABASE_URL", nil},
		{"demo off", map[string]string{"LOTSE_DEMO": "false"}, "", func(c Config) bool { return !c.Demo }},
		{"bad demo", map[string]string{"LOTSE_DEMO": "maybe"}, "LOTSE_DEMO", nil},
		{"log level", map[string]string{"LOTSE_LOG_LEVEL": "debug"}, "", func(c Config) bool { return c.LogLevel == slog.LevelDebug }},
		{"bad log level", map[string]string{"LOTSE_LOG_LEVEL": "loud"}, "LOTSE_LOG_LEVEL", nil},
		{"bad timezone", map[string]string{"LOTSE_TIMEZONE": "Mars/Olympus"}, "LOTSE_TIMEZONE", nil},
		{"base url", map[string]string{"LOTSE_BASE_URL": "https://welcome.example/"}, "", func(c Config) bool { return c.BaseURL == "https://welcome.example" }},
		{"bad base url", map[string]string{"LOTSE_BASE_URL": "welcome.example"}, "LOTSE_BASE_URL", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadConfig(func(k string) string { return tt.env[k] })
			if tt.badVar != "" {
				var ce *ConfigError
				if !errors.As(err, &ce) || ce.Var != tt.badVar {
					t.Fatalf("error = %v, want one naming %s", err, tt.badVar)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(c) {
				t.Errorf("config = %+v", c)
			}
		})
	}
}
