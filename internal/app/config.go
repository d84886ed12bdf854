// Package app wires lotse together: it reads the configuration from LOTSE_*
// environment variables, opens the database, loads the demo county into an empty
// database, starts the web server and dispatches the command-line subcommands.
// cmd/lotse only calls Main.
package app

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
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
}

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
	c := Config{Addr: ":8080", DatabaseURL: "data/lotse.db", Demo: true, LogLevel: slog.LevelInfo}
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
	return c, nil
}

func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 0 && n <= 65535
}
