package app

import (
	"context"
	"os"

	"lotse/internal/db"
)

// openDatabase opens the database of the configuration in the environment, for
// subcommands that work on it before or beside the server ("lotse user").
func openDatabase(ctx context.Context) (*db.DB, error) {
	cfg, err := LoadConfig(os.Getenv)
	if err != nil {
		return nil, err
	}
	return db.Open(ctx, cfg.DatabaseURL)
}
