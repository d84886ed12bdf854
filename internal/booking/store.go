package booking

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/onestop"
)

// ReleaseDelay is how long a cancelled booking keeps its desks from others
// before they are offered again: whoever cancels to hand a slot to someone
// waiting for it cannot tell when it comes free (against slot trading).
const ReleaseDelay = 2 * time.Minute

// DefaultHold is how long a hold keeps its itinerary for the visitor to
// give their contact: ten minutes, as issue 10 asks.
const DefaultHold = 10 * time.Minute

// The statuses of a row of bookings.
const (
	StatusHeld      = "held"
	StatusConfirmed = "confirmed"
	StatusCancelled = "cancelled"
)

// Store keeps holds and bookings in the database.
type Store struct {
	db      *db.DB
	dates   *onestop.Store
	holdFor time.Duration
	now     func() time.Time
}

// NewStore returns a store on d whose holds last holdFor (DefaultHold when
// zero) by the clock now (time.Now when nil).
func NewStore(d *db.DB, dates *onestop.Store, holdFor time.Duration, now func() time.Time) *Store {
	if holdFor <= 0 {
		holdFor = DefaultHold
	}
	if now == nil {
		now = time.Now
	}
	return &Store{db: d, dates: dates, holdFor: holdFor, now: now}
}

// Date returns a date open to booking: public and not yet over. Another one
// is Invalid naming the field "date"; an unknown id is NotFound.
func (s *Store) Date(ctx context.Context, id int64) (onestop.Date, error) {
	d, err := s.dates.Date(ctx, id)
	if err != nil {
		return d, err
	}
	if !d.Public() || !d.End.After(s.now()) {
		return d, &errs.Error{Kind: errs.Invalid, MsgKey: "booking.error.date", Field: "date"}
	}
	return d, nil
}

// Hold is a placed hold: its secret ID, which only its holder knows and
// confirms with, and when it lapses.
type Hold struct {
	ID      string
	Expires time.Time
}

// Hold places a hold on the itinerary of date d, or returns a Conflict
// (booking.error.taken) when a desk or an interpreter it needs is taken.
// Before that it frees the date's lapsed holds, so an abandoned hold is in
// nobody's way.
func (s *Store) Hold(ctx context.Context, it Itinerary, d onestop.Date) (Hold, error) {
	now := s.now()
	if first, _ := it.Stops[0].Times(d); !first.After(now) {
		return Hold{}, errTaken
	}
	stops, err := json.Marshal(it.Stops)
	if err != nil {
		return Hold{}, errs.Wrap(err, "booking stops")
	}
	h := Hold{ID: NewToken(), Expires: now.Add(s.holdFor).UTC()}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := expire(ctx, tx, "date_id = ? AND ", now, d.ID); err != nil {
			return err
		}
		id, err := tx.InsertID(ctx, `INSERT INTO bookings (date_id, hold_hash, status, expires_at, language, stops, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, hashHex(h.ID), StatusHeld, h.Expires, it.Language, string(stops), now.UTC(), now.UTC())
		if err != nil {
			return errs.Wrap(err, "booking hold")
		}
		return occupy(ctx, tx, d.ID, id, claims(it, d))
	})
	return h, err
}

// Sweep deletes every lapsed hold with its slot rows and returns how many;
// it also frees the desks of cancellations whose ReleaseDelay is over.
func (s *Store) Sweep(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		n, err = expireCount(ctx, tx, "", s.now())
		return err
	})
	return n, err
}

// SweepEvery runs Sweep at every interval until ctx ends, so lapsed holds
// of dates nobody books any more leave the database too; a failed sweep is
// handed to report and tried again at the next tick.
func (s *Store) SweepEvery(ctx context.Context, interval time.Duration, report func(error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := s.Sweep(ctx); err != nil && ctx.Err() == nil {
				report(err)
			}
		}
	}
}

// expire deletes the lapsed holds matching where (a condition ending in
// "AND ", or "") with their slot rows, and the slot rows of cancelled
// bookings whose ReleaseDelay is over.
func expire(ctx context.Context, tx *db.Tx, where string, now time.Time, args ...any) error {
	_, err := expireCount(ctx, tx, where, now, args...)
	return err
}

func expireCount(ctx context.Context, tx *db.Tx, where string, now time.Time, args ...any) (int64, error) {
	cond := " FROM bookings WHERE " + where + "expires_at <= ? AND status "
	args = append(args, now.UTC())
	if _, err := tx.Exec(ctx, "DELETE FROM booking_slots WHERE booking_id IN (SELECT id"+cond+"<> 'confirmed')", args...); err != nil {
		return 0, errs.Wrap(err, "booking expire")
	}
	r, err := tx.Exec(ctx, "DELETE"+cond+"= 'held'", args...)
	if err != nil {
		return 0, errs.Wrap(err, "booking expire")
	}
	n, err := r.RowsAffected()
	return n, errs.Wrap(err, "booking expire")
}

// hashHex is the stored form of a secret: its SHA-256 in hex.
func hashHex(secret string) string { return hex.EncodeToString(HashToken(secret)) }

// notFound is the answer to an unknown code or a wrong token alike, so a
// guess learns nothing about which codes exist.
var notFound = errs.E(errs.NotFound, "error.not_found")

// noRows maps sql.ErrNoRows to e and wraps any other error.
func noRows(err error, e error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return e
	}
	return errs.Wrap(err, "%s", what)
}
