package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	"lotse/internal/db"
	"lotse/internal/staff"
)

// secretKeyFile holds the keys of the second-factor secrets when
// LOTSE_SECRET_KEYS is not set: it lies in the data directory (next to the
// SQLite file, or the working directory on PostgreSQL), the first start
// creates it with one random key readable only by lotse's user, and it has
// the format of LOTSE_SECRET_KEYS (a rotation puts the new key on its first
// line).
const secretKeyFile = "secret.key"

// envSecretKeys names where the keys come from when the variable is set.
const envSecretKeys = "LOTSE_SECRET_KEYS"

// secretKeys returns the keys that encrypt second-factor secrets and where
// they come from: LOTSE_SECRET_KEYS when set, else the key file in the data
// directory. On PostgreSQL several instances may share the database: each
// needs the same keys, so lotse warns that the variable should be set there,
// and an instance whose key file differs stops at start (encryptSecrets)
// rather than lock staff out.
func secretKeys(cfg Config, dialect string, log *slog.Logger) ([][]byte, string, error) {
	if len(cfg.SecretKeys) > 0 {
		return cfg.SecretKeys, envSecretKeys, nil
	}
	path, err := filepath.Abs(filepath.Join(dataDir(cfg.DatabaseURL, dialect), secretKeyFile))
	if err != nil {
		return nil, "", err
	}
	keys, created, err := readKeyFile(path)
	if err != nil {
		return nil, "", &ConfigError{envSecretKeys, fmt.Sprintf("not set, so lotse uses the key file %s, which %v", path, err)}
	}
	if created {
		log.Warn("created the key file of the second-factor secrets: back it up with the database", "path", path)
	}
	if dialect != db.SQLite {
		log.Warn("LOTSE_SECRET_KEYS is not set: on PostgreSQL every instance must use the same keys; set the variable (or copy the key file) before starting another one", "path", path)
	}
	return keys, path, nil
}

// readKeyFile reads the key file at path, which it creates when missing. A
// file that other users may read is refused, not fixed: its key may have
// leaked, and the operator decides whether to replace it.
func readKeyFile(path string) ([][]byte, bool, error) {
	created, err := createKeyFile(path)
	if err != nil {
		return nil, false, fmt.Errorf("cannot be created: %w", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, false, fmt.Errorf("cannot be read: %w", err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return nil, false, fmt.Errorf("other users may read (mode %04o): make it private with chmod 600 %s (or set LOTSE_SECRET_KEYS)", perm, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, false, fmt.Errorf("cannot be read: %w", err)
	}
	keys, err := parseSecretKeys(string(b))
	if err == nil && len(keys) == 0 {
		err = errors.New("holds no key")
	}
	if err != nil {
		return nil, false, fmt.Errorf("is wrong: %w", err)
	}
	return keys, created, nil
}

// createKeyFile writes a new random key to path with mode 0600 unless the
// file exists, and reports whether it did. The file appears complete or not
// at all, also when two instances start at once.
func createKeyFile(path string) (bool, error) {
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	key := make([]byte, 32)
	rand.Read(key)
	tmp, err := os.CreateTemp(filepath.Dir(path), secretKeyFile+".*") // mode 0600
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
	if err := errors.Join(err, tmp.Sync(), tmp.Close()); err != nil {
		return false, err
	}
	err = os.Link(tmp.Name(), path)
	if errors.Is(err, os.ErrExist) {
		return false, nil // another instance was first
	}
	return err == nil, err
}

// encryptSecrets encrypts the second-factor secrets with the first key at
// start, the plain ones and those under an older key
// (staff.Service.RekeyTOTP). A secret under a key that is not among the keys
// (from LOTSE_SECRET_KEYS or the key file) stops the start.
func encryptSecrets(ctx context.Context, accounts *staff.Service, from string, log *slog.Logger) error {
	n, err := accounts.RekeyTOTP(ctx)
	if err != nil {
		msg := err.Error()
		if from != envSecretKeys {
			msg += " (the variable is not set; the keys came from " + from + ")"
		}
		return &ConfigError{envSecretKeys, msg}
	}
	if n > 0 {
		log.Info("encrypted second-factor secrets with the first secret key", "count", n)
	}
	return nil
}
