-- +goose Up
-- Holds and bookings of One-Stop-Shop visits (internal/booking). A row is a
-- hold (status 'held', until expires_at), a booking ('confirmed') or a
-- cancelled one. hold_hash and token_hash are SHA-256 in hex of the secrets the
-- visitor holds. stops is the JSON of the itinerary in minutes from the
-- opening. idempotency_key makes a repeated confirmation find its booking.
CREATE TABLE bookings (
    id              BIGSERIAL PRIMARY KEY,
    date_id         BIGINT NOT NULL REFERENCES onestop_dates (id),
    hold_hash       TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    language        TEXT NOT NULL DEFAULT '',
    stops           TEXT NOT NULL,
    code            TEXT UNIQUE,
    token_hash      TEXT,
    idempotency_key TEXT UNIQUE,
    name            TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    revision        INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX bookings_date_status ON bookings (date_id, status, expires_at);

-- One row per resource (a desk "d:AGENCY:N" or an interpreter "i:LANG:N") and
-- minute that a hold or booking occupies. The primary key is what keeps a desk
-- from being booked twice: two transactions inserting the same row cannot both
-- commit, on either engine and across processes.
CREATE TABLE booking_slots (
    date_id    BIGINT NOT NULL,
    resource   TEXT NOT NULL,
    minute     INTEGER NOT NULL,
    booking_id BIGINT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    PRIMARY KEY (date_id, resource, minute)
);
CREATE INDEX booking_slots_booking ON booking_slots (booking_id);

-- +goose Down
DROP TABLE booking_slots;
DROP TABLE bookings;
