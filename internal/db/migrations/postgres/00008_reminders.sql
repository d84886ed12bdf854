-- +goose Up
-- When the reminder e-mail of a booking was claimed for sending (NULL: not
-- yet). Claiming sets it only where it is NULL, so of several lotse
-- processes on one database exactly one sends each reminder.
ALTER TABLE bookings ADD COLUMN reminded_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE bookings DROP COLUMN reminded_at;
