package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStartEncryptsSecrets: a start with LOTSE_SECRET_KEYS encrypts the
// second-factor secrets already stored in plain text; a start without the key
// that encrypted them stops with an error naming LOTSE_SECRET_KEYS.
func TestStartEncryptsSecrets(t *testing.T) {
	ctx := context.Background()
	cfg := Config{DatabaseURL: filepath.Join(t.TempDir(), "lotse.db"), Location: time.UTC}
	a, err := New(ctx, cfg, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.Exec(ctx, "UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXP', totp_enabled = TRUE"); err != nil {
		t.Fatal(err)
	}
	a.Close()
	cfg.SecretKeys = [][]byte{bytes.Repeat([]byte{7}, 32)}
	if a, err = New(ctx, cfg, io.Discard); err != nil {
		t.Fatal(err)
	}
	var v string
	if err := a.db.QueryRow(ctx, "SELECT totp_secret FROM users").Scan(&v); err != nil || strings.Contains(v, "JBSWY3DPEHPK3PXP") {
		t.Errorf("secret after a start with a key: %q, %v", v, err)
	}
	a.Close()
	cfg.SecretKeys = nil
	var ce *ConfigError
	if _, err := New(ctx, cfg, io.Discard); !errors.As(err, &ce) || ce.Var != "LOTSE_SECRET_KEYS" {
		t.Errorf("start without the key: %v", err)
	}
}
