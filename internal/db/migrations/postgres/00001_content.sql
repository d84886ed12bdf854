-- +goose Up
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE municipalities (
    slug     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    position INTEGER NOT NULL,
    data     TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE places (
    slug      TEXT PRIMARY KEY,
    position  INTEGER NOT NULL,
    onestop   BOOLEAN NOT NULL DEFAULT FALSE,
    municipal BOOLEAN NOT NULL DEFAULT FALSE,
    data      TEXT NOT NULL
);

CREATE TABLE guides (
    slug     TEXT PRIMARY KEY,
    topic    TEXT NOT NULL,
    position INTEGER NOT NULL,
    places   TEXT NOT NULL DEFAULT '',
    reads    INTEGER NOT NULL DEFAULT 0
);

-- Every save of a guide text in one language, drafts included.
CREATE TABLE guide_revisions (
    id              BIGSERIAL PRIMARY KEY,
    guide_slug      TEXT NOT NULL REFERENCES guides(slug),
    lang            TEXT NOT NULL,
    number          INTEGER NOT NULL,
    source_revision INTEGER,
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL,
    body_md         TEXT NOT NULL,
    published       BOOLEAN NOT NULL DEFAULT FALSE,
    minor           BOOLEAN NOT NULL DEFAULT FALSE,
    author          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (guide_slug, lang, number)
);

-- The published text of a guide per language. For German, revision counts the
-- published non-minor revisions; translations record the German revision they
-- were made from in source_revision.
CREATE TABLE guide_texts (
    guide_slug      TEXT NOT NULL REFERENCES guides(slug),
    lang            TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    source_revision INTEGER,
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL,
    body_md         TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (guide_slug, lang)
);

-- +goose Down
DROP TABLE guide_texts;
DROP TABLE guide_revisions;
DROP TABLE guides;
DROP TABLE places;
DROP TABLE municipalities;
DROP TABLE settings;
