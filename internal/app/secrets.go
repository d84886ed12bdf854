package app

import (
	"context"
	"log/slog"

	"lotse/internal/staff"
)

// encryptSecrets encrypts the second-factor secrets with the first of
// LOTSE_SECRET_KEYS at start, the plain ones and those under an older key
// (staff.Service.RekeyTOTP); without keys it warns that they lie in plain
// text. A secret under a key that is not configured stops the start.
func encryptSecrets(ctx context.Context, accounts *staff.Service, cfg Config, log *slog.Logger) error {
	n, err := accounts.RekeyTOTP(ctx)
	if err != nil {
		return &ConfigError{"LOTSE_SECRET_KEYS", err.Error()}
	}
	if n > 0 {
		log.Info("encrypted second-factor secrets with the first secret key", "count", n)
	}
	if len(cfg.SecretKeys) == 0 {
		log.Warn("LOTSE_SECRET_KEYS is not set: second-factor secrets are stored unencrypted")
	}
	return nil
}
