package floor

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"lotse/internal/booking"
	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/onestop"
)

// letters are the letters of ticket labels: no I or O, which read as 1
// and 0 on a display.
const letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"

// perLetter is how many numbers each letter has, so a label is at most a
// letter and two digits ("A 1" … "A 99", "B 1" …).
const perLetter = 99

// MaxTickets is how many tickets one date can hand out.
const MaxTickets = len(letters) * perLetter

// label is the label of the date's n-th ticket (1-based): "A 17".
func label(n int) string {
	return string(letters[(n-1)/perLetter]) + " " + strconv.Itoa((n-1)%perLetter+1)
}

// ParseLabel reads a ticket label as someone types it ("a17", "A-17",
// "A 17") and returns its canonical form "A 17"; ok is false when it is
// none.
func ParseLabel(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '.' {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
	if len(s) < 2 || len(s) > 3 || !strings.ContainsRune(letters, rune(s[0])) {
		return "", false
	}
	n, err := strconv.Atoi(s[1:])
	if err != nil || n < 1 || n > perLetter || s[1] == '0' {
		return "", false
	}
	return s[:1] + " " + strconv.Itoa(n), true
}

// CheckIn checks the visitor of the booking with code in at date dateID
// and returns their ticket's label. The booking's stops become the ticket's
// needs, each with its booked start. Checking in twice gives the same
// ticket. A cancelled booking or one of another date is a Conflict naming
// the field "code"; an unknown code is NotFound.
func (s *Store) CheckIn(ctx context.Context, dateID int64, code string) (string, error) {
	b, err := s.bookings.ForCheckIn(ctx, code)
	if err != nil {
		return "", err
	}
	var out string
	err = s.write(ctx, dateID, func(tx *db.Tx, w *day) error {
		switch {
		case b.DateID != dateID:
			return conflict("floor.error.other_date", "code")
		case b.Status != booking.StatusConfirmed:
			return conflict("floor.error.booking_cancelled", "code")
		}
		err := tx.QueryRow(ctx, "SELECT label FROM floor_tickets WHERE date_id = ? AND booking_id = ?", dateID, b.ID).Scan(&out)
		if !errors.Is(err, sql.ErrNoRows) {
			return errs.Wrap(err, "floor check-in")
		}
		needs := make([]newNeed, 0, len(b.Stops))
		for _, st := range b.Stops {
			needs = append(needs, newNeed{agency: st.Agency, planned: sql.NullInt64{Int64: int64(st.Start), Valid: true}})
		}
		id, l, err := w.ticket(ctx, tx, b.ID, "", b.Language, b.Language != "", needs)
		out = l
		if err != nil {
			return err
		}
		return w.log(ctx, tx, "checkin", id, l, "", 0)
	})
	return out, err
}

// WalkIn hands out a ticket to a visitor without a booking at date dateID
// who needs agencies (each on the date's roster, at least one, each once),
// speaks language and needs an interpreter of it or not. It returns the
// ticket's label and the secret token the visitor follows it with (Status).
// A bad agency or an interpreter language the date lacks is Invalid naming
// the field.
func (s *Store) WalkIn(ctx context.Context, dateID int64, agencies []string, language string, interpreter bool) (string, string, error) {
	if !languageTag(language) {
		return "", "", invalid("floor.error.language", "language")
	}
	token := booking.NewToken()
	var out string
	err := s.write(ctx, dateID, func(tx *db.Tx, w *day) error {
		needs, err := walkInNeeds(w.date, agencies)
		if err != nil {
			return err
		}
		if interpreter && !slices.ContainsFunc(w.date.Roster.Interpreters, func(in onestop.Interpreter) bool { return in.Lang == language && in.Count > 0 }) {
			return invalid("floor.error.language", "language")
		}
		id, l, err := w.ticket(ctx, tx, 0, hex.EncodeToString(booking.HashToken(token)), language, interpreter, needs)
		out = l
		if err != nil {
			return err
		}
		return w.log(ctx, tx, "walkin", id, l, "", 0)
	})
	if err != nil {
		return "", "", err
	}
	return out, token, nil
}

// languageTag reports whether s looks like a language tag ("uk",
// "zh-Hans") or is empty (not said): letters, digits and dashes, at most 35.
func languageTag(s string) bool {
	return len(s) <= 35 && !strings.ContainsFunc(s, func(r rune) bool {
		return r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-')
	})
}

// walkInNeeds checks a walk-in's agencies against date d.
func walkInNeeds(d onestop.Date, agencies []string) ([]newNeed, error) {
	if len(agencies) == 0 {
		return nil, invalid("floor.error.agencies", "agencies")
	}
	var needs []newNeed
	for i, a := range agencies {
		if !hasDesk(d, a) || slices.Contains(agencies[:i], a) {
			return nil, invalid("floor.error.agencies", "agencies")
		}
		needs = append(needs, newNeed{agency: a})
	}
	return needs, nil
}

// newNeed is a need of a new ticket: an agency and a booked start, if any.
type newNeed struct {
	agency  string
	planned sql.NullInt64
}

// ticket stores a new ticket of the day with its needs, numbered next, and
// returns its id and label. bookingID is 0 for a walk-in, tokenHash "" for
// a checked-in booking.
func (w *day) ticket(ctx context.Context, tx *db.Tx, bookingID int64, tokenHash, language string, interpreter bool, needs []newNeed) (int64, string, error) {
	var n int
	if err := tx.QueryRow(ctx, "UPDATE floor_days SET tickets = tickets + 1 WHERE date_id = ? RETURNING tickets", w.date.ID).Scan(&n); err != nil {
		return 0, "", errs.Wrap(err, "floor ticket number")
	}
	if n > MaxTickets {
		return 0, "", conflict("floor.error.full", "")
	}
	var bid, hash any
	if bookingID != 0 {
		bid = bookingID
	}
	if tokenHash != "" {
		hash = tokenHash
	}
	l := label(n)
	id, err := tx.InsertID(ctx, `INSERT INTO floor_tickets (date_id, number, label, booking_id, token_hash, language, interpreter, arrived_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, w.date.ID, n, l, bid, hash, language, interpreter, w.now)
	if err != nil {
		return 0, "", errs.Wrap(err, "floor ticket")
	}
	for _, nd := range needs {
		if _, err := tx.Exec(ctx, "INSERT INTO floor_needs (ticket_id, date_id, agency, state, planned) VALUES (?, ?, ?, ?, ?)",
			id, w.date.ID, nd.agency, waiting, nd.planned); err != nil {
			return 0, "", errs.Wrap(err, "floor need")
		}
	}
	return id, l, nil
}
