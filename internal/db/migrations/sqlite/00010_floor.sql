-- +goose Up
-- The One-Stop-Shop floor of a date (internal/floor). floor_days holds one
-- row per date with a floor: every write of the floor first updates it, so
-- the writes of one day run one after another on every engine and across
-- processes (its row lock), version counts them and tickets numbers the
-- day's tickets.
CREATE TABLE floor_days (
    date_id INTEGER PRIMARY KEY REFERENCES onestop_dates (id) ON DELETE CASCADE,
    version INTEGER NOT NULL DEFAULT 0,
    tickets INTEGER NOT NULL DEFAULT 0
);

-- A visitor on the floor: a booking checked in (booking_id) or a walk-in
-- (token_hash, the SHA-256 in hex of the secret the visitor's phone follows
-- the ticket with). label is what the room reads aloud ("A 17"). language is
-- the visitor's language, interpreter whether they need one of it. No names.
CREATE TABLE floor_tickets (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    date_id     INTEGER NOT NULL REFERENCES onestop_dates (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    label       TEXT NOT NULL,
    booking_id  INTEGER REFERENCES bookings (id) ON DELETE CASCADE,
    token_hash  TEXT UNIQUE,
    language    TEXT NOT NULL DEFAULT '',
    interpreter BOOLEAN NOT NULL DEFAULT FALSE,
    arrived_at  TIMESTAMP NOT NULL,
    gone_at     TIMESTAMP,
    UNIQUE (date_id, number),
    UNIQUE (date_id, label),
    UNIQUE (date_id, booking_id)
);

-- Each agency a ticket needs and where that stands: waiting, called or
-- serving at desk (1-based), done, missed (no-show) or dropped. planned is
-- a booked appointment in minutes from the opening. The two partial unique
-- indexes are the floor's invariants, kept by the database whoever writes:
-- a ticket has at most one open call, a desk at most one visitor.
CREATE TABLE floor_needs (
    ticket_id  INTEGER NOT NULL REFERENCES floor_tickets (id) ON DELETE CASCADE,
    date_id    INTEGER NOT NULL REFERENCES onestop_dates (id) ON DELETE CASCADE,
    agency     TEXT NOT NULL,
    state      TEXT NOT NULL,
    planned    INTEGER,
    desk       INTEGER,
    called_at  TIMESTAMP,
    started_at TIMESTAMP,
    ended_at   TIMESTAMP,
    PRIMARY KEY (ticket_id, agency)
);
CREATE UNIQUE INDEX floor_needs_one_call ON floor_needs (ticket_id) WHERE state IN ('called', 'serving');
CREATE UNIQUE INDEX floor_needs_one_visitor ON floor_needs (date_id, agency, desk) WHERE state IN ('called', 'serving');
CREATE INDEX floor_needs_date ON floor_needs (date_id, state);

-- Desks that are paused (absent) and when they are expected back (NULL:
-- not today); a desk without a row is present.
CREATE TABLE floor_desks (
    date_id INTEGER NOT NULL REFERENCES onestop_dates (id) ON DELETE CASCADE,
    agency  TEXT NOT NULL,
    desk    INTEGER NOT NULL,
    paused  BOOLEAN NOT NULL DEFAULT FALSE,
    back_at TIMESTAMP,
    PRIMARY KEY (date_id, agency, desk)
);

-- Every change of the floor with its time, the input of statistics: check-in,
-- walk-in, call, recall, start, end, no-show, pause, resume, need added or
-- dropped, gone. Tickets and desks, never names.
CREATE TABLE floor_events (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    date_id   INTEGER NOT NULL REFERENCES onestop_dates (id) ON DELETE CASCADE,
    at        TIMESTAMP NOT NULL,
    kind      TEXT NOT NULL,
    ticket_id INTEGER REFERENCES floor_tickets (id) ON DELETE CASCADE,
    agency    TEXT NOT NULL DEFAULT '',
    desk      INTEGER
);
CREATE INDEX floor_events_date ON floor_events (date_id, id);

-- +goose Down
DROP TABLE floor_events;
DROP TABLE floor_desks;
DROP TABLE floor_needs;
DROP TABLE floor_tickets;
DROP TABLE floor_days;
