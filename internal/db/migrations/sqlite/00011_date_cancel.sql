-- +goose Up
-- A booking the county's cancellation of its date called off
-- (internal/booking, date_cancel.go): date_cancelled_at is when, and
-- date_notified_at when its DateCancelled e-mail was claimed for sending
-- (NULL: not yet). Claiming sets it only where it is NULL, so of several
-- requests or lotse processes exactly one sends each e-mail.
ALTER TABLE bookings ADD COLUMN date_cancelled_at TIMESTAMP;
ALTER TABLE bookings ADD COLUMN date_notified_at TIMESTAMP;

-- +goose Down
ALTER TABLE bookings DROP COLUMN date_notified_at;
ALTER TABLE bookings DROP COLUMN date_cancelled_at;
