-- +goose Up
-- Searches that found nothing, so editors see what newcomers look for in vain.
-- Only the normalised query text and its language are kept, never who asked.
CREATE TABLE search_misses (
    query     TEXT NOT NULL,
    lang      TEXT NOT NULL,
    count     INTEGER NOT NULL DEFAULT 1,
    last_seen TIMESTAMP NOT NULL,
    PRIMARY KEY (query, lang)
);

-- +goose Down
DROP TABLE search_misses;
