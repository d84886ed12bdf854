-- +goose Up
-- What a booking remembers of its visitor besides the contact: the UI
-- language they booked in (ui_lang, so reminders and cancellations are
-- written in it; '' for bookings made before) and the concerns they chose
-- (concerns, a JSON array of the county's concern ids), so the desks know
-- what they come for.
ALTER TABLE bookings ADD COLUMN ui_lang TEXT NOT NULL DEFAULT '';
ALTER TABLE bookings ADD COLUMN concerns TEXT NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE bookings DROP COLUMN concerns;
ALTER TABLE bookings DROP COLUMN ui_lang;
