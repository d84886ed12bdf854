package floor

import (
	"context"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// AddNeed adds agency to what the ticket needs (reception, or a desk's
// handover): a need the ticket had done, missed or dropped waits again; one
// it waits for or is at changes nothing. An agency without desks on the
// date is Invalid, an unknown ticket NotFound, a ticket gone a Conflict.
func (s *Store) AddNeed(ctx context.Context, dateID int64, label, agency string) error {
	return s.reception(ctx, dateID, label, func(ctx context.Context, tx *db.Tx, w *day, t *ticket) error {
		return w.addNeed(ctx, tx, t, agency)
	})
}

// addNeed is AddNeed on a ticket loaded in the floor's transaction.
func (w *day) addNeed(ctx context.Context, tx *db.Tx, t *ticket, agency string) error {
	if !hasDesk(w.date, agency) {
		return invalid("floor.error.agencies", "agency")
	}
	n := t.at(agency)
	switch {
	case n == nil:
		if _, err := tx.Exec(ctx, "INSERT INTO floor_needs (ticket_id, date_id, agency, state) VALUES (?, ?, ?, ?)", t.id, w.date.ID, agency, waiting); err != nil {
			return errs.Wrap(err, "floor add need")
		}
	case n.state == waiting || atDesk(n.state):
		return nil
	default:
		if _, err := tx.Exec(ctx, `UPDATE floor_needs SET state = 'waiting', desk = NULL, called_at = NULL, started_at = NULL, ended_at = NULL
			WHERE ticket_id = ? AND agency = ?`, t.id, agency); err != nil {
			return errs.Wrap(err, "floor add need")
		}
	}
	return w.log(ctx, tx, "need-add", t.id, t.label, agency, 0)
}

// DropNeed drops agency from what the ticket still needs. A need at a desk
// is a Conflict (the desk ends it); one done or not there changes nothing.
func (s *Store) DropNeed(ctx context.Context, dateID int64, label, agency string) error {
	return s.reception(ctx, dateID, label, func(ctx context.Context, tx *db.Tx, w *day, t *ticket) error {
		n := t.at(agency)
		switch {
		case n == nil || n.state == done || n.state == dropped:
			return nil
		case atDesk(n.state):
			return conflict("floor.error.at_desk", "agency")
		}
		if _, err := tx.Exec(ctx, "UPDATE floor_needs SET state = 'dropped' WHERE ticket_id = ? AND agency = ?", t.id, agency); err != nil {
			return errs.Wrap(err, "floor drop need")
		}
		return w.log(ctx, tx, "need-drop", t.id, t.label, agency, 0)
	})
}

// Gone marks the ticket's visitor as gone: nobody calls them any more, what
// they waited for is dropped. A visitor being served is a Conflict (the desk
// ends the service first); a call not yet answered ends as missed.
func (s *Store) Gone(ctx context.Context, dateID int64, label string) error {
	return s.reception(ctx, dateID, label, func(ctx context.Context, tx *db.Tx, w *day, t *ticket) error {
		if n := t.open(); n != nil && n.state == serving {
			return conflict("floor.error.at_desk", "ticket")
		}
		if _, err := tx.Exec(ctx, "UPDATE floor_needs SET state = 'missed', ended_at = ? WHERE ticket_id = ? AND state = 'called'", w.now, t.id); err != nil {
			return errs.Wrap(err, "floor gone")
		}
		if _, err := tx.Exec(ctx, "UPDATE floor_needs SET state = 'dropped' WHERE ticket_id = ? AND state = 'waiting'", t.id); err != nil {
			return errs.Wrap(err, "floor gone")
		}
		if _, err := tx.Exec(ctx, "UPDATE floor_tickets SET gone_at = ? WHERE id = ?", w.now, t.id); err != nil {
			return errs.Wrap(err, "floor gone")
		}
		return w.log(ctx, tx, "gone", t.id, t.label, "", 0)
	})
}

// reception runs fn on the ticket with label of a date, unless it is gone
// (a Conflict) or unknown (NotFound).
func (s *Store) reception(ctx context.Context, dateID int64, label string, fn func(ctx context.Context, tx *db.Tx, w *day, t *ticket) error) error {
	l, ok := ParseLabel(label)
	if !ok {
		return notFound
	}
	return s.write(ctx, dateID, func(tx *db.Tx, w *day) error {
		st, err := load(ctx, tx, w.date, w.now, labelled, l)
		if err != nil {
			return err
		}
		t := st.byLabel(l)
		switch {
		case t == nil:
			return notFound
		case t.gone:
			return conflict("floor.error.gone", "ticket")
		}
		return fn(ctx, tx, w, t)
	})
}
