-- +goose Up
-- One-Stop-Shop dates (internal/onestop). day is the local calendar day in the
-- county's time zone; starts_at and ends_at are UTC. rule_day repeats day for a
-- date made from the county's rule and is NULL otherwise: its unique key lets
-- several instances make the rule's dates at once without a duplicate, and
-- keeps a cancelled rule date from coming back. roster is the JSON of
-- onestop.Roster: agencies with desks and services, interpreters.
CREATE TABLE onestop_dates (
    id        BIGSERIAL PRIMARY KEY,
    day       TEXT NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at   TIMESTAMPTZ NOT NULL,
    practice  BOOLEAN NOT NULL DEFAULT FALSE,
    cancelled BOOLEAN NOT NULL DEFAULT FALSE,
    rule_day  TEXT UNIQUE,
    roster    TEXT NOT NULL
);
CREATE INDEX onestop_dates_ends_at ON onestop_dates (ends_at);

-- +goose Down
DROP TABLE onestop_dates;
