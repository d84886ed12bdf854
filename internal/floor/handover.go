package floor

import (
	"context"
	"database/sql"
	"strings"
	"time"
	"unicode/utf8"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// MaxNote is how many characters a handover's note may have: a short note,
// not a file.
const MaxNote = 500

// The states of a handover's consent.
const (
	ConsentPending   = "pending"   // asked, not answered yet
	ConsentGiven     = "given"     // the receiving agency sees the note
	ConsentRefused   = "refused"   // the note is erased
	ConsentWithdrawn = "withdrawn" // given, then withdrawn: the note is erased
)

// Handover is a desk's note about a ticket for another agency, bound to its
// purpose: this ticket, from this agency, to that one, this date; ID is the
// note's id. Note is filled only for whom may read it: the sending agency
// while the consent is pending or stands, the receiving agency while it
// stands; it is empty otherwise, and erased for good on a refusal or
// withdrawal. Language is the visitor's, to ask for consent in.
type Handover struct {
	ID        int64
	Ticket    string
	Language  string
	From, To  string
	Note      string
	State     string
	Created   time.Time
	Given     time.Time
	Withdrawn time.Time
}

// Handover hands a ticket from a desk of agency from over to agency to:
// the ticket needs to (AddNeed, whatever the visitor says), and a note that
// is not blank is kept for to, shared only once the visitor consents
// (Consent). It returns the note's id, 0 without a note. The ticket must
// have needed from; a note longer than MaxNote, or to the agency itself, is
// Invalid naming the field.
func (s *Store) Handover(ctx context.Context, dateID int64, label, from, to, note string) (int64, error) {
	note = strings.TrimSpace(note)
	switch {
	case from == to:
		return 0, invalid("floor.error.handover_self", "agency")
	case utf8.RuneCountInString(note) > MaxNote:
		return 0, invalid("floor.error.note_long", "note")
	}
	var id int64
	err := s.reception(ctx, dateID, label, func(ctx context.Context, tx *db.Tx, w *day, t *ticket) error {
		if t.at(from) == nil {
			return notFound
		}
		if err := w.addNeed(ctx, tx, t, to); err != nil {
			return err
		}
		if note == "" {
			return nil
		}
		err := tx.QueryRow(ctx, `INSERT INTO floor_handovers (date_id, ticket_id, from_agency, to_agency, note, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, w.date.ID, t.id, from, to, note, w.now).Scan(&id)
		if err != nil {
			return errs.Wrap(err, "floor handover")
		}
		return w.log(ctx, tx, "handover", t.id, t.label, to, 0)
	})
	return id, err
}

// Consent records the visitor's answer to handover id, asked on a desk of
// agency from: given shares the note with the receiving agency, refused
// erases it. A handover of another agency or date is NotFound, one already
// answered a Conflict.
func (s *Store) Consent(ctx context.Context, dateID, id int64, from string, given bool) error {
	return s.consent(ctx, dateID, id, func(ctx context.Context, tx *db.Tx, w *day, h handoverRow) error {
		switch {
		case h.from != from:
			return notFound
		case h.given.Valid || h.refused.Valid:
			return conflict("floor.error.consent_answered", "consent")
		}
		q, kind := "UPDATE floor_handovers SET given_at = ? WHERE id = ?", "consent"
		if !given {
			q, kind = "UPDATE floor_handovers SET refused_at = ?, note = NULL WHERE id = ?", "consent-refused"
		}
		if _, err := tx.Exec(ctx, q, w.now, id); err != nil {
			return errs.Wrap(err, "floor consent")
		}
		return w.log(ctx, tx, kind, h.ticket, h.label, h.to, 0)
	})
}

// Withdraw records that the visitor withdrew the consent they gave to
// handover id, told at a desk of either agency: the note is erased and the
// receiving agency sees it no more. A handover of neither agency is
// NotFound; one without consent standing a Conflict.
func (s *Store) Withdraw(ctx context.Context, dateID, id int64, agency string) error {
	return s.consent(ctx, dateID, id, func(ctx context.Context, tx *db.Tx, w *day, h handoverRow) error {
		switch {
		case h.from != agency && h.to != agency:
			return notFound
		case !h.given.Valid || h.withdrawn.Valid:
			return conflict("floor.error.consent_not_given", "consent")
		}
		if _, err := tx.Exec(ctx, "UPDATE floor_handovers SET withdrawn_at = ?, note = NULL WHERE id = ?", w.now, id); err != nil {
			return errs.Wrap(err, "floor withdraw")
		}
		return w.log(ctx, tx, "consent-withdrawn", h.ticket, h.label, h.to, 0)
	})
}

// handoverRow is a handover as stored, for Consent and Withdraw.
type handoverRow struct {
	ticket                    int64
	label, from, to           string
	given, refused, withdrawn sql.NullTime
}

// consent runs fn on handover id of date dateID in the floor's transaction.
func (s *Store) consent(ctx context.Context, dateID, id int64, fn func(ctx context.Context, tx *db.Tx, w *day, h handoverRow) error) error {
	return s.write(ctx, dateID, func(tx *db.Tx, w *day) error {
		var h handoverRow
		err := tx.QueryRow(ctx, `SELECT h.ticket_id, t.label, h.from_agency, h.to_agency, h.given_at, h.refused_at, h.withdrawn_at
			FROM floor_handovers h JOIN floor_tickets t ON t.id = h.ticket_id WHERE h.id = ? AND h.date_id = ?`, id, dateID).
			Scan(&h.ticket, &h.label, &h.from, &h.to, &h.given, &h.refused, &h.withdrawn)
		if err == sql.ErrNoRows {
			return notFound
		}
		if err != nil {
			return errs.Wrap(err, "floor handover")
		}
		return fn(ctx, tx, w, h)
	})
}

// Handovers returns the handovers of date dateID that agency may know of:
// those it sent (with the note while it is pending or shared) and those sent
// to it whose consent stands (with the note). Handovers refused, withdrawn
// or still unanswered are not shown to the receiving agency at all.
func (s *Store) Handovers(ctx context.Context, dateID int64, agency string) ([]Handover, error) {
	rows, err := s.db.Query(ctx, `SELECT h.id, t.label, t.language, h.from_agency, h.to_agency, h.note, h.created_at, h.given_at, h.refused_at, h.withdrawn_at
		FROM floor_handovers h JOIN floor_tickets t ON t.id = h.ticket_id
		WHERE h.date_id = ? AND (h.from_agency = ? OR (h.to_agency = ? AND h.given_at IS NOT NULL AND h.withdrawn_at IS NULL AND h.note IS NOT NULL))
		ORDER BY h.id`, dateID, agency, agency)
	if err != nil {
		return nil, errs.Wrap(err, "floor handovers")
	}
	defer rows.Close()
	var out []Handover
	for rows.Next() {
		var h Handover
		var note sql.NullString
		var given, refused, withdrawn sql.NullTime
		if err := rows.Scan(&h.ID, &h.Ticket, &h.Language, &h.From, &h.To, &note, &h.Created, &given, &refused, &withdrawn); err != nil {
			return nil, errs.Wrap(err, "floor handovers")
		}
		h.Note, h.Given, h.Withdrawn = note.String, given.Time, withdrawn.Time
		h.Created = h.Created.UTC()
		switch {
		case withdrawn.Valid:
			h.State, h.Note = ConsentWithdrawn, ""
		case refused.Valid:
			h.State, h.Note = ConsentRefused, ""
		case given.Valid:
			h.State = ConsentGiven
		default:
			h.State = ConsentPending
		}
		out = append(out, h)
	}
	return out, errs.Wrap(rows.Err(), "floor handovers")
}
