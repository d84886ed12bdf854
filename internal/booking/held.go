package booking

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// Held is a placed hold as its holder sees it again (the contact page):
// the itinerary it keeps and until when.
type Held struct {
	Itinerary
	Expires time.Time
}

// Held returns the hold with the secret id while it lasts; an unknown,
// lapsed or already confirmed hold is a Conflict (booking.error.expired),
// so a visitor who comes back late is told to choose again.
func (s *Store) Held(ctx context.Context, id string) (Held, error) {
	var (
		h      Held
		status string
		stops  string
	)
	if id == "" || len(id) > maxItineraryID {
		return h, errExpired
	}
	err := s.db.QueryRow(ctx, "SELECT date_id, status, expires_at, language, stops FROM bookings WHERE hold_hash = ?", hashHex(id)).
		Scan(&h.DateID, &status, &h.Expires, &h.Language, &stops)
	if err != nil {
		return Held{}, noRows(err, errExpired, "booking held")
	}
	if status != StatusHeld || !h.Expires.After(s.now()) {
		return Held{}, errExpired
	}
	return h, errs.Wrap(json.Unmarshal([]byte(stops), &h.Stops), "booking stops")
}

// errExpired is the conflict of a hold that lapsed or never was.
var errExpired = errs.E(errs.Conflict, "booking.error.expired")

// Recover gives a visitor who lost the link to their booking a new one:
// when code (as ParseCode reads it) names a booking whose name is name
// (compared without regard to case or repeated spaces), it draws a new
// token for it and returns the booking with that token. The old link stops
// working: the token is not stored, only its hash, so it cannot be handed
// out again. A wrong code, a wrong name or both are the same NotFound, so
// a guess learns nothing about which part was wrong.
func (s *Store) Recover(ctx context.Context, code, name string) (Booking, string, error) {
	c, err := ParseCode(code)
	if err != nil {
		return Booking{}, "", notFound
	}
	token := NewToken()
	var b Booking
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if b, err = readBooking(ctx, tx, "code = ?"+tx.ForUpdate(), string(c)); err != nil {
			return err
		}
		if !sameName(b.Contact.Name, name) {
			return notFound
		}
		_, err = tx.Exec(ctx, "UPDATE bookings SET token_hash = ? WHERE id = ?", hashHex(token), b.ID)
		return errs.Wrap(err, "booking recover")
	})
	if err != nil {
		return Booking{}, "", err
	}
	return b, token, nil
}

// sameName reports whether a typed name is the stored one, whatever the
// case and spacing.
func sameName(stored, typed string) bool {
	typed = strings.Join(strings.Fields(typed), " ")
	return typed != "" && strings.EqualFold(strings.Join(strings.Fields(stored), " "), typed)
}
