package booking

import (
	"context"
	"encoding/hex"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// Booking returns the booking with the code if token is its token; an
// unknown or malformed code and a wrong token are the same NotFound.
func (s *Store) Booking(ctx context.Context, code, token string) (Booking, error) {
	return authorized(ctx, s.db, code, token, "")
}

// ForCheckIn returns the booking with the code for reception, which holds
// the visitor's code (typed, or scanned from the QR) but not their token:
// the floor checks the visitor in with it. A malformed code is Invalid
// naming the field "code", an unknown one NotFound.
func (s *Store) ForCheckIn(ctx context.Context, code string) (Booking, error) {
	c, err := ParseCode(code)
	if err != nil {
		return Booking{}, err
	}
	return readBooking(ctx, s.db, "code = ?", string(c))
}

// Cancel cancels the booking with the code if token is its token, gives its
// desks and interpreters back after ReleaseDelay (the next hold of the date
// or a sweep frees them), and reports whether this call changed it:
// cancelling a cancelled booking changes nothing and returns it as it is.
func (s *Store) Cancel(ctx context.Context, code, token string) (Booking, bool, error) {
	var b Booking
	changed := false
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if b, err = authorized(ctx, tx, code, token, tx.ForUpdate()); err != nil || b.Status == StatusCancelled {
			return err
		}
		changed = true
		now := s.now().UTC()
		if _, err := tx.Exec(ctx, "UPDATE bookings SET status = ?, revision = revision + 1, updated_at = ?, expires_at = ? WHERE id = ?",
			StatusCancelled, now, now.Add(ReleaseDelay), b.ID); err != nil {
			return errs.Wrap(err, "booking cancel")
		}
		b, err = readBooking(ctx, tx, "id = ?", b.ID)
		return err
	})
	return b, changed && err == nil, err
}

// authorized reads the booking of code (lock: "" or a FOR UPDATE clause)
// and checks token against its hash in constant time.
func authorized(ctx context.Context, tx querier, code, token, lock string) (Booking, error) {
	c, err := ParseCode(code)
	if err != nil {
		return Booking{}, notFound
	}
	var hash string
	if err := tx.QueryRow(ctx, "SELECT token_hash FROM bookings WHERE code = ?"+lock, string(c)).Scan(&hash); err != nil {
		return Booking{}, noRows(err, notFound, "booking token")
	}
	raw, err := hex.DecodeString(hash)
	if err != nil || !CheckToken(token, raw) {
		return Booking{}, notFound
	}
	return readBooking(ctx, tx, "code = ?", string(c))
}
