package app

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"lotse/internal/notify"
)

func TestLoadSMTPConfig(t *testing.T) {
	pwFile := filepath.Join(t.TempDir(), "smtp-password")
	os.WriteFile(pwFile, []byte("s3cret\n"), 0o600)
	from := "Welcome-Center <welcome@example.org>"
	tests := []struct {
		name   string
		env    map[string]string
		badVar string
		want   notify.SMTPConfig
	}{
		{"none: the outbox", nil, "", notify.SMTPConfig{TLS: notify.StartTLS}},
		{"outbox with a sender", map[string]string{"LOTSE_SMTP_FROM": from}, "", notify.SMTPConfig{From: from, TLS: notify.StartTLS}},
		{"starttls by default", map[string]string{"LOTSE_SMTP_HOST": "mail.example.org", "LOTSE_SMTP_FROM": from, "LOTSE_SMTP_USER": "lotse", "LOTSE_SMTP_PASSWORD_FILE": pwFile}, "",
			notify.SMTPConfig{Host: "mail.example.org", Port: 587, User: "lotse", Password: "s3cret", From: from, TLS: notify.StartTLS}},
		{"implicit tls", map[string]string{"LOTSE_SMTP_HOST": "mail.example.org", "LOTSE_SMTP_FROM": from, "LOTSE_SMTP_TLS": "tls"}, "",
			notify.SMTPConfig{Host: "mail.example.org", Port: 465, From: from, TLS: notify.TLS}},
		{"local relay", map[string]string{"LOTSE_SMTP_HOST": "::1", "LOTSE_SMTP_FROM": from, "LOTSE_SMTP_TLS": "none", "LOTSE_SMTP_PORT": "2525"}, "",
			notify.SMTPConfig{Host: "::1", Port: 2525, From: from, TLS: notify.NoTLS}},
		{"port without host", map[string]string{"LOTSE_SMTP_PORT": "587"}, "LOTSE_SMTP_PORT", notify.SMTPConfig{}},
		{"host with port", map[string]string{"LOTSE_SMTP_HOST": "mail.example.org:587", "LOTSE_SMTP_FROM": from}, "LOTSE_SMTP_HOST", notify.SMTPConfig{}},
		{"host as URL", map[string]string{"LOTSE_SMTP_HOST": "smtp://mail.example.org", "LOTSE_SMTP_FROM": from}, "LOTSE_SMTP_HOST", notify.SMTPConfig{}},
		{"bad port", map[string]string{"LOTSE_SMTP_HOST": "mail.example.org", "LOTSE_SMTP_FROM": from, "LOTSE_SMTP_PORT": "0"}, "LOTSE_SMTP_PORT", notify.SMTPConfig{}},
		{"bad tls", map[string]string{"LOTSE_SMTP_HOST": "mail.example.org", "LOTSE_SMTP_FROM": from, "LOTSE_SMTP_TLS": "ssl"}, "LOTSE_SMTP_TLS", notify.SMTPConfig{}},
		{"no sender", map[string]string{"LOTSE_SMTP_HOST": "mail.example.org"}, "LOTSE_SMTP_FROM", notify.SMTPConfig{}},
		{"bad sender", map[string]string{"LOTSE_SMTP_FROM": "welcome at example.org"}, "LOTSE_SMTP_FROM", notify.SMTPConfig{}},
		{"user without password", map[string]string{"LOTSE_SMTP_HOST": "mail.example.org", "LOTSE_SMTP_FROM": from, "LOTSE_SMTP_USER": "lotse"}, "LOTSE_SMTP_PASSWORD", notify.SMTPConfig{}},
		{"password in the clear", map[string]string{"LOTSE_SMTP_HOST": "mail.example.org", "LOTSE_SMTP_FROM": from, "LOTSE_SMTP_USER": "lotse", "LOTSE_SMTP_PASSWORD": "x", "LOTSE_SMTP_TLS": "none"}, "LOTSE_SMTP_TLS", notify.SMTPConfig{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadConfig(func(k string) string { return tt.env[k] })
			if tt.badVar != "" {
				var ce *ConfigError
				if !errors.As(err, &ce) || ce.Var != tt.badVar {
					t.Fatalf("err = %v, want a ConfigError naming %s", err, tt.badVar)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, c.SMTP); diff != "" {
				t.Errorf("SMTP config (-want +got):\n%s", diff)
			}
		})
	}
}
