package app

import (
	"fmt"
	"net"
	"net/mail"
	"strconv"
	"strings"

	"lotse/internal/notify"
)

// loadSMTP reads the mail server of LOTSE_SMTP_*. Without LOTSE_SMTP_HOST
// lotse writes e-mails to its outbox folder, and the other variables but
// LOTSE_SMTP_FROM are refused, so a half-done setup does not pass unnoticed.
func loadSMTP(c *Config, get func(string) (string, error)) error {
	vals := map[string]string{}
	for _, name := range []string{"HOST", "PORT", "USER", "PASSWORD", "FROM", "TLS"} {
		v, err := get("LOTSE_SMTP_" + name)
		if err != nil {
			return err
		}
		vals[name] = v
	}
	s := notify.SMTPConfig{Host: vals["HOST"], User: vals["USER"], Password: vals["PASSWORD"], From: vals["FROM"], TLS: notify.StartTLS}
	if s.From != "" {
		if _, err := mail.ParseAddress(s.From); err != nil {
			return &ConfigError{"LOTSE_SMTP_FROM", fmt.Sprintf("%q is not an e-mail address (for example: Welcome-Center <welcome@example.org>)", s.From)}
		}
	}
	if s.Host == "" {
		for _, name := range []string{"PORT", "USER", "PASSWORD", "TLS"} {
			if vals[name] != "" {
				return &ConfigError{"LOTSE_SMTP_" + name, "is set without LOTSE_SMTP_HOST"}
			}
		}
		c.SMTP = s
		return nil
	}
	if strings.ContainsAny(s.Host, "/ @") || (strings.Contains(s.Host, ":") && net.ParseIP(s.Host) == nil) {
		return &ConfigError{"LOTSE_SMTP_HOST", fmt.Sprintf("%q is not a host name (the port goes in LOTSE_SMTP_PORT)", s.Host)}
	}
	switch m := notify.TLSMode(vals["TLS"]); m {
	case "":
	case notify.StartTLS, notify.TLS, notify.NoTLS:
		s.TLS = m
	default:
		return &ConfigError{"LOTSE_SMTP_TLS", fmt.Sprintf("%q is not starttls, tls or none", m)}
	}
	s.Port = s.TLS.DefaultPort()
	if v := vals["PORT"]; v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 || p > 65535 {
			return &ConfigError{"LOTSE_SMTP_PORT", fmt.Sprintf("%q is not a port (for example 587)", v)}
		}
		s.Port = p
	}
	switch {
	case s.From == "":
		return &ConfigError{"LOTSE_SMTP_FROM", "is needed with LOTSE_SMTP_HOST: the sender of the e-mails"}
	case (s.User == "") != (s.Password == ""):
		return &ConfigError{"LOTSE_SMTP_PASSWORD", "LOTSE_SMTP_USER and LOTSE_SMTP_PASSWORD go together"}
	case s.User != "" && s.TLS == notify.NoTLS:
		return &ConfigError{"LOTSE_SMTP_TLS", "none would send the password unencrypted: use starttls or tls"}
	}
	c.SMTP = s
	return nil
}
