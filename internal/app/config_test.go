package app

import (
	"bytes"
	"encoding/base64"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lotse/internal/pow"
)

func TestLoadConfig(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "db")
	os.WriteFile(secret, []byte("postgres://u:p@db.example/lotse\n"), 0o600)
	key1 := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{1}, 32))
	key2 := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{2}, 32))
	keyFile := filepath.Join(t.TempDir(), "keys")
	os.WriteFile(keyFile, []byte(key1+"\n"+key2+"\n"), 0o600)
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
		{"trusted proxies", map[string]string{"LOTSE_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.7 ,2001:db8::/32"}, "", func(c Config) bool {
			return len(c.TrustedProxies) == 3 && c.TrustedProxies[1].String() == "192.0.2.7/32" && c.TrustedProxies[2].String() == "2001:db8::/32"
		}},
		{"bad trusted proxies", map[string]string{"LOTSE_TRUSTED_PROXIES": "10.0.0.0/8,nginx"}, "LOTSE_TRUSTED_PROXIES", nil},
		{"metrics token", map[string]string{"LOTSE_METRICS_TOKEN": "s3cret-metrics-token"}, "", func(c Config) bool { return c.MetricsToken == "s3cret-metrics-token" }},
		{"short metrics token", map[string]string{"LOTSE_METRICS_TOKEN": "abc"}, "LOTSE_METRICS_TOKEN", nil},
		{"device key", map[string]string{"LOTSE_DEVICE_KEY": strings.Repeat("k", 32)}, "", func(c Config) bool { return string(c.DeviceKey) == strings.Repeat("k", 32) }},
		{"short device key", map[string]string{"LOTSE_DEVICE_KEY": "short"}, "LOTSE_DEVICE_KEY", nil},
		{"secret keys", map[string]string{"LOTSE_SECRET_KEYS": key1 + ", " + key2}, "", func(c Config) bool {
			return len(c.SecretKeys) == 2 && len(c.SecretKeys[0]) == 32 && c.SecretKeys[1][0] == 2
		}},
		{"secret keys from file", map[string]string{"LOTSE_SECRET_KEYS_FILE": keyFile}, "", func(c Config) bool { return len(c.SecretKeys) == 2 }},
		{"bad secret key", map[string]string{"LOTSE_SECRET_KEYS": key1 + ",c2hvcnQ="}, "LOTSE_SECRET_KEYS", nil},
		{"abuse defaults", nil, "", func(c Config) bool { return c.PowDifficulty == pow.DefaultMax && !c.RateLimitsOff }},
		{"pow off", map[string]string{"LOTSE_POW_DIFFICULTY": "0"}, "", func(c Config) bool { return c.PowDifficulty == 0 }},
		{"hold by default", map[string]string{}, "", func(c Config) bool { return c.HoldMinutes == 10 }},
		{"hold minutes", map[string]string{"LOTSE_HOLD_MINUTES": "15"}, "", func(c Config) bool { return c.HoldMinutes == 15 }},
		{"no hold", map[string]string{"LOTSE_HOLD_MINUTES": "0"}, "LOTSE_HOLD_MINUTES", nil},
		{"endless hold", map[string]string{"LOTSE_HOLD_MINUTES": "600"}, "LOTSE_HOLD_MINUTES", nil},
		{"retention default", map[string]string{}, "", func(c Config) bool { return c.RetentionDays == 30 }},
		{"retention days", map[string]string{"LOTSE_RETENTION_DAYS": "14"}, "", func(c Config) bool { return c.RetentionDays == 14 }},
		{"no retention", map[string]string{"LOTSE_RETENTION_DAYS": "0"}, "LOTSE_RETENTION_DAYS", nil},
		{"pow difficulty", map[string]string{"LOTSE_POW_DIFFICULTY": "5000"}, "", func(c Config) bool { return c.PowDifficulty == 5000 }},
		{"negative pow difficulty", map[string]string{"LOTSE_POW_DIFFICULTY": "-1"}, "LOTSE_POW_DIFFICULTY", nil},
		{"huge pow difficulty", map[string]string{"LOTSE_POW_DIFFICULTY": "99999999999"}, "LOTSE_POW_DIFFICULTY", nil},
		{"bad pow difficulty", map[string]string{"LOTSE_POW_DIFFICULTY": "hard"}, "LOTSE_POW_DIFFICULTY", nil},
		{"rate limits off", map[string]string{"LOTSE_RATE_LIMITS": "off"}, "", func(c Config) bool { return c.RateLimitsOff }},
		{"rate limits on", map[string]string{"LOTSE_RATE_LIMITS": "on"}, "", func(c Config) bool { return !c.RateLimitsOff }},
		{"bad rate limits", map[string]string{"LOTSE_RATE_LIMITS": "false"}, "LOTSE_RATE_LIMITS", nil},
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
