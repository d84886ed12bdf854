-- +goose Up
-- The agency links (places, comma-separated) an editor saved with a German
-- revision. A draft keeps them here until it is published; NULL where the
-- revision did not set them.
ALTER TABLE guide_revisions ADD COLUMN places TEXT;

-- +goose Down
ALTER TABLE guide_revisions DROP COLUMN places;
