package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"lotse/internal/db/dbtest"
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

// TestDefaultKeyFile: on SQLite without LOTSE_SECRET_KEYS the first start
// creates secret.key next to the database (mode 0600, one key), encrypts the
// second-factor secrets found in plain text with it, and later starts reuse
// it; a key file other users may read stops the start with a message that
// names the variable and the fix.
func TestDefaultKeyFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cfg := Config{DatabaseURL: filepath.Join(dir, "lotse.db"), Location: time.UTC}
	a, err := New(ctx, cfg, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, secretKeyFile)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no key file: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %04o, want 0600", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if keys, err := parseSecretKeys(string(b)); err != nil || len(keys) != 1 {
		t.Errorf("key file %q: %d keys, %v", b, len(keys), err)
	}
	// A secret from before encryption: the next start encrypts it.
	if _, err := a.db.Exec(ctx, "UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXP', totp_enabled = TRUE"); err != nil {
		t.Fatal(err)
	}
	a.Close()
	for range 2 {
		if a, err = New(ctx, cfg, io.Discard); err != nil {
			t.Fatal(err)
		}
		var v string
		if err := a.db.QueryRow(ctx, "SELECT totp_secret FROM users").Scan(&v); err != nil || !strings.HasPrefix(v, "v1:") {
			t.Errorf("secret after a start with the key file: %q, %v", v, err)
		}
		a.Close()
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, b) {
		t.Error("a later start replaced the key file")
	}
	if runtime.GOOS == "windows" {
		return
	}
	os.Chmod(path, 0o644)
	var ce *ConfigError
	if _, err := New(ctx, cfg, io.Discard); !errors.As(err, &ce) || ce.Var != "LOTSE_SECRET_KEYS" || !strings.Contains(ce.Msg, "chmod 600 "+path) {
		t.Errorf("start with a key file others may read: %v", err)
	}
}

// TestPostgresKeyFile: on PostgreSQL without LOTSE_SECRET_KEYS lotse still
// starts (README: the same command runs on both engines), with a private key
// file in the working directory and a warning that names the variable, since
// several instances sharing the database need the same keys.
func TestPostgresKeyFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t.Chdir(dir)
	cfg := Config{DatabaseURL: dbtest.PostgresURL(t), Location: time.UTC}
	var log bytes.Buffer
	a, err := New(ctx, cfg, &log)
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	fi, err := os.Stat(filepath.Join(dir, secretKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("key file mode %04o, want 0600", perm)
	}
	if !strings.Contains(log.String(), "LOTSE_SECRET_KEYS is not set") {
		t.Errorf("no warning naming LOTSE_SECRET_KEYS in the log:\n%s", log.String())
	}
}
