-- +goose Up
-- Staff API tokens (Authorization: Bearer). token_hash is the SHA-256 of the
-- token in hex: the token itself is shown once when it is made and never
-- stored. role and agency are what the token may do, as for an account;
-- last_used_at is updated at most once a minute. Revoking deletes the row.
CREATE TABLE api_tokens (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL,
    agency       TEXT NOT NULL DEFAULT '',
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ
);

-- +goose Down
DROP TABLE api_tokens;
