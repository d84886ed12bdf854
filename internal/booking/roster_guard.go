package booking

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/onestop"
)

// Displaced is the Conflict of a roster that would drop desks or
// interpreters that live holds or bookings occupy: per agency or language,
// who is in the way. Desks of an agency are numbered 0…n-1 in booking_slots
// (doc.go), so a roster with fewer bookable desks drops the highest numbers;
// the error names the bookings on those.
type Displaced struct {
	Resources []DisplacedResource
}

// DisplacedResource is an agency's desks (Kind "d") or a language's
// interpreters (Kind "i") that a roster would take from bookings: the codes
// of the bookings on them and how many unconfirmed holds.
type DisplacedResource struct {
	Kind, Name string
	Codes      []Code
	Holds      int
}

// Codes are the codes of the bookings in the way, each once, in order.
func (e *Displaced) Codes() []Code {
	var out []Code
	for _, r := range e.Resources {
		for _, c := range r.Codes {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

func (e *Displaced) Error() string { return "booking: the roster drops occupied desks or interpreters" }

// Unwrap makes Displaced a Conflict with its message key for errs.
func (e *Displaced) Unwrap() error { return errs.E(errs.Conflict, "staff.onestop.error.displaced") }

// GuardRoster is an onestop.Guard: it refuses next as the roster of date d
// with a *Displaced error when it keeps fewer bookable desks of an agency,
// or interpreters of a language, than the confirmed bookings and live holds
// of the date occupy by number. It runs in the transaction that stores the
// roster; a hold racing it reads the roster before, so an admin should not
// shrink a date while it is being booked (the hold then keeps its desk).
func (s *Store) GuardRoster(ctx context.Context, tx *db.Tx, d onestop.Date, next onestop.Roster) error {
	rows, err := tx.Query(ctx, `SELECT DISTINCT s.resource, b.id, b.code FROM booking_slots s JOIN bookings b ON b.id = s.booking_id
		WHERE s.date_id = ? AND (b.status = ? OR (b.status = ? AND b.expires_at > ?)) ORDER BY s.resource, b.id`,
		d.ID, StatusConfirmed, StatusHeld, s.now().UTC())
	if err != nil {
		return errs.Wrap(err, "booking guard roster")
	}
	defer rows.Close()
	var out Displaced
	seen := map[int64]bool{} // a booking is named once per resource group
	for rows.Next() {
		var (
			resource string
			id       int64
			code     *string
		)
		if err := rows.Scan(&resource, &id, &code); err != nil {
			return errs.Wrap(err, "booking guard roster")
		}
		kind, name, index, ok := parseResource(resource)
		if !ok || index < capacity(next, kind, name) {
			continue
		}
		i := slices.IndexFunc(out.Resources, func(r DisplacedResource) bool { return r.Kind == kind && r.Name == name })
		if i < 0 {
			out.Resources = append(out.Resources, DisplacedResource{Kind: kind, Name: name})
			i = len(out.Resources) - 1
			clear(seen)
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		if code == nil {
			out.Resources[i].Holds++
		} else {
			out.Resources[i].Codes = append(out.Resources[i].Codes, Code(*code))
		}
	}
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "booking guard roster")
	}
	if len(out.Resources) > 0 {
		return &out
	}
	return nil
}

// parseResource splits a resource name of booking_slots ("d:abh:001").
func parseResource(r string) (kind, name string, index int, ok bool) {
	kind, rest, ok1 := strings.Cut(r, ":")
	name, num, ok2 := strings.Cut(rest, ":")
	n, err := strconv.Atoi(num)
	return kind, name, n, ok1 && ok2 && err == nil
}

// capacity is how many desks of an agency (kind "d") open to booking, or
// interpreters of a language (kind "i"), roster r has.
func capacity(r onestop.Roster, kind, name string) int {
	if kind == "d" {
		st, _ := r.Station(name)
		return st.Desks - st.WalkIn
	}
	d := onestop.Date{Roster: r}
	return interpreters(d, name)
}
