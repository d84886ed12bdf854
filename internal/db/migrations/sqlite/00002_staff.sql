-- +goose Up
-- Staff accounts. email is stored lower-case; password_hash is a PHC string
-- (Argon2id), or for a display screen the SHA-256 of its token.
CREATE TABLE users (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    email                TEXT NOT NULL UNIQUE,
    role                 TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    totp_secret          TEXT NOT NULL DEFAULT '',
    totp_enabled         BOOLEAN NOT NULL DEFAULT FALSE,
    totp_last_step       INTEGER NOT NULL DEFAULT 0,
    languages            TEXT NOT NULL DEFAULT '',
    agency               TEXT NOT NULL DEFAULT '',
    disabled             BOOLEAN NOT NULL DEFAULT FALSE,
    session_epoch        INTEGER NOT NULL DEFAULT 0,
    created_at           TIMESTAMP NOT NULL
);

-- One-time recovery codes for the second factor, stored as SHA-256.
CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   TIMESTAMP,
    PRIMARY KEY (user_id, code_hash)
);

-- Staff sessions (scs). The token is stored as its SHA-256, so a copy of the
-- database does not let anyone take over a session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    data       BLOB NOT NULL,
    expiry     TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

-- Who changed what, when. Never holds a visitor's data.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TIMESTAMP NOT NULL,
    actor_id INTEGER,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);

-- The guide_texts.revision a published revision had, so that the German text a
-- translation was made from can be found again.
ALTER TABLE guide_revisions ADD COLUMN text_revision INTEGER;
UPDATE guide_revisions SET text_revision = (
    SELECT t.revision FROM guide_texts t WHERE t.guide_slug = guide_revisions.guide_slug AND t.lang = guide_revisions.lang)
WHERE published AND number = (
    SELECT MAX(r.number) FROM guide_revisions r
    WHERE r.guide_slug = guide_revisions.guide_slug AND r.lang = guide_revisions.lang AND r.published);

-- +goose Down
ALTER TABLE guide_revisions DROP COLUMN text_revision;
DROP TABLE audit_log;
DROP TABLE sessions;
DROP TABLE recovery_codes;
DROP TABLE users;
