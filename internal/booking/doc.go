// Package booking holds a newcomer's booked One-Stop-Shop visit: the code and
// token that identify it, its calendar file and QR code, and the holds and
// bookings in the database.
//
// # The way of a booking
//
// Proposals asks sched.Propose for itineraries over the date's live holds
// and bookings and keeps those whose desks are free. The visitor picks one:
// Hold places a hold for ten minutes (configurable) and hands back a secret
// hold id; Confirm turns the hold into a booking with a code and a token
// (derived from the hold's secret, so a repeated confirmation gets the same
// token without it being stored); Cancel gives the places back after
// ReleaseDelay, against slot trading. A hold that lapses is deleted by the
// next hold on its date or by Sweep, which also release cancelled places.
//
// # Never double-booked
//
// A stop of an itinerary needs one desk of its agency (and, with an
// interpreter, one interpreter of the language) for every minute of the stop.
// Desks of an agency are interchangeable, so they are numbered 0…n-1, and
// every minute a hold or a booking occupies is one row of booking_slots with
// the primary key (date, resource, minute), the resource being "d:abh:001"
// or "i:uk:000". Hold inserts the rows of every stop in the same transaction
// as the hold, with INSERT … ON CONFLICT DO NOTHING, trying the resources of
// a stop in order until one takes every minute; if none does, the whole
// transaction rolls back and the visitor gets a Conflict with fresh
// proposals.
//
// The primary key decides every race, on both engines and across
// processes: SQLite has one writer at a time (IMMEDIATE transactions), and on
// PostgreSQL an insert of a key that another open transaction has inserted
// waits for that transaction and then inserts nothing if it committed. No
// read-then-write is trusted, so no isolation level above READ COMMITTED is
// needed and no row has to be locked first. Rows are inserted in one global
// order (desks before interpreters, by name, by start, resources in
// ascending number), so two transactions rarely wait for each other both
// ways; when PostgreSQL still breaks such a cycle, the loser counts as taken.
// Racing for one itinerary, at most as many holds win as the agency has
// desks. Confirm only changes the status of the hold's row (under a row lock)
// and keeps its slot rows, so a booking can never lose or gain a desk; the
// rows of a cancelled booking go once its ReleaseDelay is over. The idempotency key is unique among bookings.
//
// # Reminders
//
// DueReminders lists, from ReminderHour of the day before a date, its
// confirmed bookings that gave an e-mail address and have no reminder yet.
// ClaimReminder sets reminded_at only where it is still NULL and reports
// whether it did, so of several processes on one database exactly one sends
// each reminder (the app's reminder job).
package booking
