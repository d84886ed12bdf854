// Package app wires lotse together: it reads the configuration from LOTSE_*
// environment variables, opens the database, loads the demo county into an empty
// database, starts the web server and dispatches the command-line subcommands.
// cmd/lotse only calls Main.
package app

import (
	"encoding/base64"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"

	"lotse/internal/notify"
	"lotse/internal/pow"
)

// Config is lotse's configuration. Every field comes from a LOTSE_* variable;
// secrets can also be read from a file named by the variable with _FILE appended.
type Config struct {
	Addr        string         // LOTSE_ADDR, default ":8080"
	DatabaseURL string         // LOTSE_DATABASE_URL(_FILE), default "data/lotse.db" (SQLite)
	Demo        bool           // LOTSE_DEMO, default true: load the demo county into an empty database
	LogLevel    slog.Level     // LOTSE_LOG_LEVEL: debug, info, warn, error
	Location    *time.Location // LOTSE_TIMEZONE, default Europe/Berlin
	BaseURL     string         // LOTSE_BASE_URL, the public URL, for links in e-mails
	// TrustedProxies (LOTSE_TRUSTED_PROXIES, comma-separated CIDRs or
	// addresses) are the reverse proxies whose X-Forwarded-For or Forwarded
	// header names the client; from any other peer these headers are ignored.
	TrustedProxies []netip.Prefix
	// MetricsToken (LOTSE_METRICS_TOKEN(_FILE)) is the bearer token /metrics
	// asks for; without it /metrics does not exist.
	MetricsToken string
	// DeviceKey (LOTSE_DEVICE_KEY(_FILE)) signs the device cookies of staff
	// sign-in; without it a key is generated and kept in the database.
	DeviceKey []byte
	// SecretKeys (LOTSE_SECRET_KEYS(_FILE), base64 AES-256 keys separated by
	// commas or white space) encrypt second-factor secrets: the first
	// encrypts, all decrypt. Without them lotse keeps a key file next to a
	// SQLite database and refuses to start on PostgreSQL (secrets.go).
	SecretKeys [][]byte
	// SMTP (LOTSE_SMTP_*) is the mail server for visitors' e-mails; without
	// a host they go to the outbox folder (smtpconfig.go).
	SMTP notify.SMTPConfig
	// PowDifficulty (LOTSE_POW_DIFFICULTY, default pow.DefaultMax) is the
	// largest secret number of a proof-of-work challenge; 0 switches
	// proof-of-work off.
	PowDifficulty int
	// RateLimitsOff (LOTSE_RATE_LIMITS=off; default on) switches off the
	// per-address and per-contact limits of the public booking, for tests
	// and load runs.
	RateLimitsOff bool
	// HoldMinutes (LOTSE_HOLD_MINUTES, default 10) is how long a hold keeps
	// an itinerary for the visitor to confirm.
	HoldMinutes int
	// RetentionDays (LOTSE_RETENTION_DAYS, default 30) is how many days
	// after a One-Stop-Shop date its personal data (bookings' names, phones,
	// e-mails; handover notes) is kept; the reminder job erases it then.
	RetentionDays int
}

// Minimum lengths of secrets from the configuration.
const (
	minMetricsToken = 16
	minDeviceKey    = 32
	// maxHoldMinutes bounds LOTSE_HOLD_MINUTES: a longer hold keeps desks
	// from others for nothing.
	maxHoldMinutes = 60
	// maxRetentionDays bounds LOTSE_RETENTION_DAYS to a year.
	maxRetentionDays = 365
	// maxPowDifficulty keeps proof-of-work within a minute on a cheap phone.
	maxPowDifficulty = 10_000_000
)

// ConfigError names the variable whose value is wrong, so that the server stops
// with a message an administrator can act on.
type ConfigError struct {
	Var string
	Msg string
}

func (e *ConfigError) Error() string { return e.Var + ": " + e.Msg }

// LoadConfig reads the configuration from getenv (os.Getenv in production) and
// checks every value.
func LoadConfig(getenv func(string) string) (Config, error) {
	c := Config{Addr: ":8080", DatabaseURL: "data/lotse.db", Demo: true, LogLevel: slog.LevelInfo, PowDifficulty: pow.DefaultMax, HoldMinutes: 10, RetentionDays: 30}
	get := func(name string) (string, error) {
		if f := getenv(name + "_FILE"); f != "" {
			b, err := os.ReadFile(f)
			if err != nil {
				return "", &ConfigError{name + "_FILE", "cannot read the file: " + err.Error()}
			}
			return strings.TrimSpace(string(b)), nil
		}
		return strings.TrimSpace(getenv(name)), nil
	}
	if v, err := get("LOTSE_ADDR"); err != nil {
		return c, err
	} else if v != "" {
		if _, port, err := net.SplitHostPort(v); err != nil || !validPort(port) {
			return c, &ConfigError{"LOTSE_ADDR", fmt.Sprintf("%q is not host:port (for example :8080 or 127.0.0.1:8080)", v)}
		}
		c.Addr = v
	}
	if v, err := get("LOTSE_DATABASE_URL"); err != nil {
		return c, err
	} else if v != "" {
		if strings.Contains(v, "://") {
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
				return c, &ConfigError{"LOTSE_DATABASE_URL", "must be a postgres:// URL or a SQLite file path"}
			}
		}
		c.DatabaseURL = v
	}
	if v, err := get("LOTSE_DEMO"); err != nil {
		return c, err
	} else if v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return c, &ConfigError{"LOTSE_DEMO", fmt.Sprintf("%q is not true or false", v)}
		}
		c.Demo = b
	}
	if v, err := get("LOTSE_LOG_LEVEL"); err != nil {
		return c, err
	} else if v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return c, &ConfigError{"LOTSE_LOG_LEVEL", fmt.Sprintf("%q is not debug, info, warn or error", v)}
		}
	}
	tz := "Europe/Berlin"
	if v, err := get("LOTSE_TIMEZONE"); err != nil {
		return c, err
	} else if v != "" {
		tz = v
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return c, &ConfigError{"LOTSE_TIMEZONE", fmt.Sprintf("%q is not a time zone (for example Europe/Berlin)", tz)}
	}
	c.Location = loc
	if v, err := get("LOTSE_BASE_URL"); err != nil {
		return c, err
	} else if v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c, &ConfigError{"LOTSE_BASE_URL", fmt.Sprintf("%q is not an http(s) URL", v)}
		}
		c.BaseURL = strings.TrimRight(v, "/")
	}
	if err := loadSecurity(&c, get); err != nil {
		return c, err
	}
	if err := loadSMTP(&c, get); err != nil {
		return c, err
	}
	if err := loadAbuse(&c, get); err != nil {
		return c, err
	}
	return c, nil
}

// loadAbuse reads the length of a hold and the switches of proof-of-work
// and rate limits.
func loadAbuse(c *Config, get func(string) (string, error)) error {
	if v, err := get("LOTSE_HOLD_MINUTES"); err != nil {
		return err
	} else if v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxHoldMinutes {
			return &ConfigError{"LOTSE_HOLD_MINUTES", fmt.Sprintf("%q is not a number of minutes from 1 to %d", v, maxHoldMinutes)}
		}
		c.HoldMinutes = n
	}
	if v, err := get("LOTSE_RETENTION_DAYS"); err != nil {
		return err
	} else if v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxRetentionDays {
			return &ConfigError{"LOTSE_RETENTION_DAYS", fmt.Sprintf("%q is not a number of days from 1 to %d", v, maxRetentionDays)}
		}
		c.RetentionDays = n
	}
	if v, err := get("LOTSE_POW_DIFFICULTY"); err != nil {
		return err
	} else if v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxPowDifficulty {
			return &ConfigError{"LOTSE_POW_DIFFICULTY", fmt.Sprintf("%q is not a number from 0 (off) to %d", v, maxPowDifficulty)}
		}
		c.PowDifficulty = n
	}
	switch v, err := get("LOTSE_RATE_LIMITS"); {
	case err != nil:
		return err
	case v == "off":
		c.RateLimitsOff = true
	case v != "" && v != "on":
		return &ConfigError{"LOTSE_RATE_LIMITS", fmt.Sprintf("%q is not on or off", v)}
	}
	return nil
}

// loadSecurity reads the variables of proxies, metrics and keys.
func loadSecurity(c *Config, get func(string) (string, error)) error {
	if v, err := get("LOTSE_TRUSTED_PROXIES"); err != nil {
		return err
	} else if v != "" {
		for _, s := range fields(v) {
			p, err := netip.ParsePrefix(s)
			if a, aerr := netip.ParseAddr(s); aerr == nil {
				p, err = a.Unmap().Prefix(a.Unmap().BitLen())
			}
			if err != nil {
				return &ConfigError{"LOTSE_TRUSTED_PROXIES", fmt.Sprintf("%q is not an address or CIDR range (for example 10.0.0.0/8)", s)}
			}
			c.TrustedProxies = append(c.TrustedProxies, p.Masked())
		}
	}
	if v, err := get("LOTSE_METRICS_TOKEN"); err != nil {
		return err
	} else if v != "" && len(v) < minMetricsToken {
		return &ConfigError{"LOTSE_METRICS_TOKEN", fmt.Sprintf("needs at least %d characters", minMetricsToken)}
	} else {
		c.MetricsToken = v
	}
	if v, err := get("LOTSE_DEVICE_KEY"); err != nil {
		return err
	} else if v != "" && len(v) < minDeviceKey {
		return &ConfigError{"LOTSE_DEVICE_KEY", fmt.Sprintf("needs at least %d characters (for example: openssl rand -base64 32)", minDeviceKey)}
	} else if v != "" {
		c.DeviceKey = []byte(v)
	}
	v, err := get("LOTSE_SECRET_KEYS")
	if err != nil {
		return err
	}
	if c.SecretKeys, err = parseSecretKeys(v); err != nil {
		return &ConfigError{"LOTSE_SECRET_KEYS", err.Error()}
	}
	return nil
}

// parseSecretKeys reads AES-256 keys in base64 separated by commas or white
// space, as LOTSE_SECRET_KEYS and the key file (secrets.go) hold them.
func parseSecretKeys(v string) ([][]byte, error) {
	var keys [][]byte
	for i, s := range fields(v) {
		k, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(k) != 32 {
			return nil, fmt.Errorf("key %d is not 32 bytes in base64 (for example: openssl rand -base64 32)", i+1)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// fields splits a list separated by commas or white space.
func fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
}

func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 0 && n <= 65535
}
