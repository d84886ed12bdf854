-- +goose Up
-- A desk's handover of a ticket to another agency (internal/floor,
-- handover.go). The need is added to floor_needs whatever the visitor says;
-- this row is the short note and the visitor's consent to share it, bound to
-- its purpose: this ticket, from this agency, to that one, this date. The
-- row's id is the note's id. note is NULL once the visitor refused or
-- withdrew consent, and after the retention period; the times stay, for
-- the audit and statistics.
CREATE TABLE floor_handovers (
    id           BIGSERIAL PRIMARY KEY,
    date_id      BIGINT NOT NULL REFERENCES onestop_dates (id) ON DELETE CASCADE,
    ticket_id    BIGINT NOT NULL REFERENCES floor_tickets (id) ON DELETE CASCADE,
    from_agency  TEXT NOT NULL,
    to_agency    TEXT NOT NULL,
    note         TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    given_at     TIMESTAMPTZ,
    refused_at   TIMESTAMPTZ,
    withdrawn_at TIMESTAMPTZ
);
CREATE INDEX floor_handovers_date ON floor_handovers (date_id, to_agency);

-- +goose Down
DROP TABLE floor_handovers;
