package booking

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"time"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// Booking is a confirmed (or since cancelled) visit as the visitor sees it.
// Contact is personal data: never logged.
type Booking struct {
	ID       int64
	DateID   int64
	Code     Code
	Status   string // StatusConfirmed or StatusCancelled
	Language string // interpreter language, "" for none
	Stops    []Stop
	Contact  Contact
	Revision int
	Updated  time.Time
	// Lang is the UI language the visitor booked in ("" for bookings made
	// before it was kept): the language of their e-mails and pages.
	Lang string
	// Concerns are the ids of the county's concerns the visitor chose
	// (onestop.Concern), so the desks know what they come for.
	Concerns []string
}

// Confirmation turns a hold into a booking.
type Confirmation struct {
	Hold    string
	Contact Contact
	Consent bool
	// IdempotencyKey makes a repeated confirmation (a lost answer, a second
	// tap) find the booking the first one made.
	IdempotencyKey string
	// Lang is the visitor's UI language, Concerns the concern ids they
	// chose: kept with the booking (at most MaxConcerns of at most
	// MaxConcernID characters each).
	Lang     string
	Concerns []string
}

// Limits of what a booking remembers besides the contact.
const (
	MaxConcerns  = 32
	MaxConcernID = 64
	maxLang      = 16
)

// Confirm books the held itinerary and returns the booking with its token
// and whether this call made it. A confirmation of a hold already confirmed
// with the same idempotency key returns that booking and the same token (the
// token is derived from the hold's secret, so it need not be stored); with
// another key it is a Conflict. A lapsed or unknown hold is a Conflict
// (booking.error.expired); missing consent or a bad contact is Invalid.
func (s *Store) Confirm(ctx context.Context, in Confirmation) (Booking, string, bool, error) {
	contact, err := in.Contact.Validate()
	if err != nil {
		return Booking{}, "", false, err
	}
	switch {
	case !in.Consent:
		return Booking{}, "", false, invalid("booking.error.consent", "consent")
	case len(in.IdempotencyKey) > MaxKey:
		return Booking{}, "", false, invalid("booking.error.key", "idempotency_key")
	case in.Hold == "" || len(in.Hold) > maxItineraryID:
		return Booking{}, "", false, invalid("booking.error.expired", "hold")
	}
	concerns, err := concernsJSON(in.Concerns)
	if err != nil {
		return Booking{}, "", false, err
	}
	if len(in.Lang) > maxLang {
		in.Lang = ""
	}
	token := tokenFor(in.Hold)
	now := s.now()
	var (
		b       Booking
		created bool
	)
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		var (
			id      int64
			status  string
			expires time.Time
			key     sql.NullString
		)
		err := tx.QueryRow(ctx, "SELECT id, status, expires_at, idempotency_key FROM bookings WHERE hold_hash = ?"+tx.ForUpdate(),
			hashHex(in.Hold)).Scan(&id, &status, &expires, &key)
		if err != nil {
			return noRows(err, errs.E(errs.Conflict, "booking.error.expired"), "booking confirm")
		}
		switch {
		case status != StatusHeld && key.String == in.IdempotencyKey:
			b, err = readBooking(ctx, tx, "id = ?", id)
			return err
		case status != StatusHeld:
			return &errs.Error{Kind: errs.Conflict, MsgKey: "booking.error.key", Field: "idempotency_key"}
		case !expires.After(now):
			return errs.E(errs.Conflict, "booking.error.expired")
		}
		if err := underContactLimit(ctx, tx, id, contact); err != nil {
			return err
		}
		code, err := freeCode(ctx, tx)
		if err != nil {
			return err
		}
		var keyArg any
		if in.IdempotencyKey != "" {
			keyArg = in.IdempotencyKey
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM bookings WHERE idempotency_key = ?", in.IdempotencyKey).Scan(&n); err != nil {
				return errs.Wrap(err, "booking confirm")
			}
			if n > 0 { // another hold's booking has the key
				return &errs.Error{Kind: errs.Conflict, MsgKey: "booking.error.key", Field: "idempotency_key"}
			}
		}
		_, err = tx.Exec(ctx, `UPDATE bookings SET status = ?, code = ?, token_hash = ?, idempotency_key = ?, name = ?, phone = ?, email = ?, ui_lang = ?, concerns = ?, updated_at = ?
			WHERE id = ?`, StatusConfirmed, string(code), hashHex(token), keyArg, contact.Name, contact.Phone, contact.Email, in.Lang, concerns, now.UTC(), id)
		if err != nil {
			return errs.Wrap(err, "booking confirm")
		}
		created = true
		b, err = readBooking(ctx, tx, "id = ?", id)
		return err
	})
	return b, token, created, err
}

// underContactLimit refuses a booking whose phone number or e-mail address
// already has MaxPerContact bookings on the date of hold id (a Conflict
// naming the field). The count is a read before the write, so when the
// contact has a phone or an e-mail address the date's row is locked first:
// confirmations with a contact on one date take turns on PostgreSQL (and
// across processes), as all writes do on SQLite, so two racing ones cannot
// both pass the limit. Confirmations without a contact lock nothing.
func underContactLimit(ctx context.Context, tx *db.Tx, id int64, c Contact) error {
	if c.Phone == "" && c.Email == "" {
		return nil
	}
	var date int64
	if err := tx.QueryRow(ctx, "SELECT id FROM onestop_dates WHERE id = (SELECT date_id FROM bookings WHERE id = ?)"+tx.ForUpdate(), id).Scan(&date); err != nil {
		return errs.Wrap(err, "booking contact limit")
	}
	for _, f := range []struct{ field, value string }{{"phone", c.Phone}, {"email", c.Email}} {
		if f.value == "" {
			continue
		}
		var n int
		err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM bookings WHERE status = 'confirmed' AND "+f.field+" = ? AND date_id = ? AND id <> ?",
			f.value, date, id).Scan(&n)
		if err != nil {
			return errs.Wrap(err, "booking contact limit")
		}
		if n >= MaxPerContact {
			return &errs.Error{Kind: errs.Conflict, MsgKey: "booking.error.contact", Field: f.field}
		}
	}
	return nil
}

// tokenFor derives a booking's token from its hold's secret: only the
// holder can compute it, and a repeated confirmation gets the same one.
func tokenFor(hold string) string {
	h := sha256.Sum256([]byte("lotse booking token\x00" + hold))
	return base64.RawURLEncoding.EncodeToString(h[:16])
}

// freeCode draws codes until one is not taken (a second draw is already
// rare: 29⁷ codes).
func freeCode(ctx context.Context, tx *db.Tx) (Code, error) {
	for range 8 {
		c := NewCode()
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM bookings WHERE code = ?", string(c)).Scan(&n); err != nil {
			return "", errs.Wrap(err, "booking code")
		}
		if n == 0 {
			return c, nil
		}
	}
	return "", errs.Wrap(errs.E(errs.Internal, "error.internal"), "no free booking code")
}

// querier is a database or a transaction: reads run on either.
type querier interface {
	QueryRow(ctx context.Context, q string, args ...any) *sql.Row
}

// bookingColumns are what readBooking scans.
const bookingColumns = "id, date_id, code, status, language, stops, name, phone, email, revision, updated_at, ui_lang, concerns"

// readBooking reads the one confirmed or cancelled booking matching where.
func readBooking(ctx context.Context, tx querier, where string, args ...any) (Booking, error) {
	return scanBooking(tx.QueryRow(ctx, "SELECT "+bookingColumns+" FROM bookings WHERE status <> 'held' AND "+where, args...))
}

// scanBooking scans a row of bookingColumns.
func scanBooking(row interface{ Scan(...any) error }) (Booking, error) {
	var (
		b        Booking
		code     sql.NullString
		stops    string
		concerns string
	)
	err := row.Scan(&b.ID, &b.DateID, &code, &b.Status, &b.Language, &stops, &b.Contact.Name, &b.Contact.Phone, &b.Contact.Email, &b.Revision, &b.Updated,
		&b.Lang, &concerns)
	if err != nil {
		return Booking{}, noRows(err, notFound, "booking read")
	}
	b.Code = Code(code.String)
	if err := json.Unmarshal([]byte(concerns), &b.Concerns); err != nil {
		return Booking{}, errs.Wrap(err, "booking concerns")
	}
	return b, errs.Wrap(json.Unmarshal([]byte(stops), &b.Stops), "booking stops")
}

// concernsJSON checks a booking's concern ids and returns them as stored:
// a JSON array, "[]" for none. Too many or too long ids are Invalid
// naming the field "concerns".
func concernsJSON(ids []string) (string, error) {
	if len(ids) > MaxConcerns {
		return "", invalid("booking.error.concerns", "concerns")
	}
	for _, id := range ids {
		if id == "" || len(id) > MaxConcernID {
			return "", invalid("booking.error.concerns", "concerns")
		}
	}
	if ids == nil {
		ids = []string{}
	}
	b, err := json.Marshal(ids)
	return string(b), errs.Wrap(err, "booking concerns")
}
