package booking

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/onestop"
)

// claim is one resource a stop needs: a desk of an agency or an interpreter
// of a language, one of count interchangeable ones, over [start, end).
type claim struct {
	kind, name string
	count      int
	start, end int
}

// resource names the i-th of the claim's resources in booking_slots, with a
// zero-padded index so that names sort as their indices do.
func (c claim) resource(i int) string { return fmt.Sprintf("%s:%s:%03d", c.kind, c.name, i) }

// claims lists the resources of an itinerary in one global order (desks
// before interpreters, then by name and start), the order every transaction
// inserts its rows in: two transactions waiting for each other's rows on
// PostgreSQL would need one of them to go back in that order, so they never
// deadlock.
func claims(it Itinerary, d onestop.Date) []claim {
	var out []claim
	for _, s := range it.Stops {
		st, _ := d.Roster.Station(s.Agency)
		out = append(out, claim{kind: "d", name: s.Agency, count: st.Desks - st.WalkIn, start: s.Start, end: s.End})
		if it.Language != "" {
			out = append(out, claim{kind: "i", name: it.Language, count: interpreters(d, it.Language), start: s.Start, end: s.End})
		}
	}
	slices.SortStableFunc(out, func(a, b claim) int {
		return cmp.Or(strings.Compare(a.kind, b.kind), strings.Compare(a.name, b.name), cmp.Compare(a.start, b.start))
	})
	return out
}

// errTaken is the conflict of an itinerary whose desks or interpreters are
// no longer free.
var errTaken = errs.E(errs.Conflict, "booking.error.taken")

// occupy inserts the booking's slot rows for every claim: for each, the
// first of its resources whose every minute is still free. A row another
// transaction holds makes the insert wait for it (PostgreSQL) or cannot
// happen at all (SQLite, one writer), and ON CONFLICT DO NOTHING reports a
// taken minute as a row not inserted, without aborting the transaction: the
// rows of that resource are taken back and the next one is tried. When no
// resource of a claim is free, occupy returns errTaken and the caller's
// transaction rolls back.
func occupy(ctx context.Context, tx *db.Tx, dateID, bookingID int64, cs []claim) error {
	for _, c := range cs {
		ok, err := occupyOne(ctx, tx, dateID, bookingID, c)
		if err != nil {
			return err
		}
		if !ok {
			return errTaken
		}
	}
	return nil
}

// occupyOne claims the first free resource of c, reporting whether one was.
func occupyOne(ctx context.Context, tx *db.Tx, dateID, bookingID int64, c claim) (bool, error) {
	n := c.end - c.start
	q := "INSERT INTO booking_slots (date_id, resource, minute, booking_id) VALUES " +
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?), ", n), ", ") + " ON CONFLICT DO NOTHING"
	for i := range c.count {
		res := c.resource(i)
		args := make([]any, 0, 4*n)
		for m := c.start; m < c.end; m++ {
			args = append(args, dateID, res, m, bookingID)
		}
		r, err := tx.Exec(ctx, q, args...)
		if err != nil && strings.Contains(err.Error(), "40P01") {
			return false, nil // PostgreSQL broke a rare wait cycle of interpreter rows: taken
		}
		if err != nil {
			return false, errs.Wrap(err, "booking occupy")
		}
		if got, err := r.RowsAffected(); err != nil {
			return false, errs.Wrap(err, "booking occupy")
		} else if got == int64(n) {
			return true, nil
		}
		if _, err := tx.Exec(ctx, "DELETE FROM booking_slots WHERE booking_id = ? AND resource = ?", bookingID, res); err != nil {
			return false, errs.Wrap(err, "booking occupy")
		}
	}
	return false, nil
}
