package floor

import (
	"context"
	"strings"
	"time"

	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/sched"
)

// Call is a visitor called to a desk: the ticket's label, the agency and
// the desk, numbered from 1 as the room shows it.
type Call struct {
	Ticket string
	Agency string
	Desk   int
}

// Call lets desk (1-based) of agency call the visitor the dispatcher
// proposes, and reports false when nobody can be called now. A desk that
// is unknown on the date is NotFound; one that is paused or already holds a
// visitor is a Conflict.
func (s *Store) Call(ctx context.Context, dateID int64, agency string, desk int) (Call, bool, error) {
	var c Call
	var ok bool
	err := s.write(ctx, dateID, func(tx *db.Tx, w *day) error {
		st, err := w.free(ctx, tx, agency, desk, onFloor)
		if err != nil {
			return err
		}
		next, found := s.disp.Next(st.floor(), sched.DeskID{Agency: agency, Index: desk - 1})
		if !found {
			return nil
		}
		t := st.byID(int64(next.Visitor))
		c, ok = Call{Ticket: t.label, Agency: agency, Desk: desk}, true
		return w.claim(ctx, tx, t, agency, desk)
	})
	return c, ok && err == nil, err
}

// Assign lets every free, present desk of the date call at once, as the
// dispatcher's Assign decides (the most loaded agency first, nobody to two
// desks), and returns the calls: what a floor that calls by itself runs
// whenever something changes, and what the simulator's floor engine plays.
func (s *Store) Assign(ctx context.Context, dateID int64) ([]Call, error) {
	var calls []Call
	err := s.write(ctx, dateID, func(tx *db.Tx, w *day) error {
		calls = nil
		st, err := load(ctx, tx, w.date, w.now, onFloor)
		if err != nil {
			return err
		}
		for _, c := range s.disp.Assign(st.floor()) {
			t := st.byID(int64(c.Visitor))
			if err := w.claim(ctx, tx, t, c.Desk.Agency, c.Desk.Index+1); err != nil {
				return err
			}
			calls = append(calls, Call{Ticket: t.label, Agency: c.Desk.Agency, Desk: c.Desk.Index + 1})
		}
		return nil
	})
	return calls, err
}

// CallTicket lets desk (1-based) of agency call the visitor of a given
// ticket, out of the dispatcher's order: one who still needs the agency
// (or missed its call) and is at no desk, with an interpreter free when
// they need one. Otherwise it is a Conflict; an unknown ticket NotFound.
func (s *Store) CallTicket(ctx context.Context, dateID int64, agency string, desk int, label string) (Call, error) {
	l, ok := ParseLabel(label)
	if !ok {
		return Call{}, notFound
	}
	err := s.write(ctx, dateID, func(tx *db.Tx, w *day) error {
		st, err := w.free(ctx, tx, agency, desk, everyone)
		if err != nil {
			return err
		}
		t := st.byLabel(l)
		if t == nil {
			return notFound
		}
		n := t.at(agency)
		switch {
		case t.gone || n == nil || (n.state != waiting && n.state != missed):
			return conflict("floor.error.not_needed", "ticket")
		case t.open() != nil:
			return conflict("floor.error.elsewhere", "ticket")
		case !st.interpreterFree(t):
			return conflict("floor.error.no_interpreter", "ticket")
		}
		return w.claim(ctx, tx, t, agency, desk)
	})
	return Call{Ticket: l, Agency: agency, Desk: desk}, err
}

// Start records that the desk's called visitor has come and the service
// began. Starting twice changes nothing.
func (s *Store) Start(ctx context.Context, dateID int64, agency string, desk int) (Call, error) {
	return s.atDesk(ctx, dateID, agency, desk, func(ctx context.Context, tx *db.Tx, w *day, t *ticket, n *need) error {
		if n.state == serving {
			return nil
		}
		return w.set(ctx, tx, t, n, "start", "state = 'serving', started_at = ?", w.now)
	})
}

// Done ends the service of the desk's visitor: that need is done. A service
// without a recorded start started at its call.
func (s *Store) Done(ctx context.Context, dateID int64, agency string, desk int) (Call, error) {
	return s.atDesk(ctx, dateID, agency, desk, func(ctx context.Context, tx *db.Tx, w *day, t *ticket, n *need) error {
		return w.set(ctx, tx, t, n, "end", "state = 'done', started_at = COALESCE(started_at, called_at), ended_at = ?", w.now)
	})
}

// NoShow ends the desk's call of a visitor who did not come: that need is
// missed and not called again by the dispatcher (a desk can call the ticket
// by its label, reception can add the need again). A visitor already being
// served is a Conflict.
func (s *Store) NoShow(ctx context.Context, dateID int64, agency string, desk int) (Call, error) {
	return s.atDesk(ctx, dateID, agency, desk, func(ctx context.Context, tx *db.Tx, w *day, t *ticket, n *need) error {
		if n.state != called {
			return conflict("floor.error.serving", "desk")
		}
		return w.set(ctx, tx, t, n, "no-show", "state = 'missed', ended_at = ?", w.now)
	})
}

// Recall calls the desk's visitor once more (the display shows the call
// again). A visitor already being served is a Conflict.
func (s *Store) Recall(ctx context.Context, dateID int64, agency string, desk int) (Call, error) {
	return s.atDesk(ctx, dateID, agency, desk, func(ctx context.Context, tx *db.Tx, w *day, t *ticket, n *need) error {
		if n.state != called {
			return conflict("floor.error.serving", "desk")
		}
		return w.log(ctx, tx, "recall", t.id, t.label, agency, desk)
	})
}

// atDesk runs fn on the visitor the desk holds; a desk holding nobody is a
// Conflict.
func (s *Store) atDesk(ctx context.Context, dateID int64, agency string, desk int,
	fn func(ctx context.Context, tx *db.Tx, w *day, t *ticket, n *need) error) (Call, error) {
	var c Call
	err := s.write(ctx, dateID, func(tx *db.Tx, w *day) error {
		st, err := load(ctx, tx, w.date, w.now, atTheDesk, agency, desk)
		if err != nil {
			return err
		}
		if err := st.desk(agency, desk); err != nil {
			return err
		}
		t, n := st.serving(agency, desk)
		if t == nil {
			return conflict("floor.error.desk_idle", "desk")
		}
		c = Call{Ticket: t.label, Agency: agency, Desk: desk}
		return fn(ctx, tx, w, t, n)
	})
	return c, err
}

// Pause marks a desk absent: it calls nobody until Resume; a service in
// progress goes on. back is when the desk is expected back (zero: not
// today), what the dispatcher's forecasts count on.
func (s *Store) Pause(ctx context.Context, dateID int64, agency string, desk int, back time.Time) error {
	return s.pause(ctx, dateID, agency, desk, true, back)
}

// Resume brings a paused desk back.
func (s *Store) Resume(ctx context.Context, dateID int64, agency string, desk int) error {
	return s.pause(ctx, dateID, agency, desk, false, time.Time{})
}

func (s *Store) pause(ctx context.Context, dateID int64, agency string, desk int, paused bool, back time.Time) error {
	return s.write(ctx, dateID, func(tx *db.Tx, w *day) error {
		st := &state{date: w.date}
		if err := st.desk(agency, desk); err != nil {
			return err
		}
		var at any
		if !back.IsZero() {
			at = back.UTC()
		}
		q, args := `INSERT INTO floor_desks (date_id, agency, desk, paused, back_at) VALUES (?, ?, ?, TRUE, ?)
			ON CONFLICT (date_id, agency, desk) DO UPDATE SET paused = TRUE, back_at = excluded.back_at WHERE NOT floor_desks.paused`,
			[]any{w.date.ID, agency, desk, at}
		if !paused {
			q, args = "UPDATE floor_desks SET paused = FALSE, back_at = NULL WHERE date_id = ? AND agency = ? AND desk = ? AND paused", args[:3]
		}
		r, err := tx.Exec(ctx, q, args...)
		if err != nil {
			return errs.Wrap(err, "floor pause")
		}
		if n, err := r.RowsAffected(); err != nil || n == 0 {
			return errs.Wrap(err, "floor pause")
		}
		kind := "resume"
		if paused {
			kind = "pause"
		}
		return w.log(ctx, tx, kind, 0, "", agency, desk)
	})
}

// free loads the floor for a call at desk (1-based) of agency (the tickets
// filter lets through, see load) and checks that the desk exists and is
// free and present.
func (w *day) free(ctx context.Context, tx *db.Tx, agency string, desk int, filter string) (*state, error) {
	st, err := load(ctx, tx, w.date, w.now, filter)
	if err != nil {
		return nil, err
	}
	if err := st.desk(agency, desk); err != nil {
		return nil, err
	}
	if t, _ := st.serving(agency, desk); t != nil {
		return nil, conflict("floor.error.desk_busy", "desk")
	}
	if _, paused := st.paused[sched.DeskID{Agency: agency, Index: desk - 1}]; paused {
		return nil, conflict("floor.error.desk_paused", "desk")
	}
	return st, nil
}

// interpreterFree reports whether t needs no interpreter or one of its
// language is at no desk now.
func (st *state) interpreterFree(t *ticket) bool {
	lang := st.interpreted(t)
	if lang == "" {
		return true
	}
	for _, in := range st.floor().Interpreters {
		if in.Language == lang && !in.Busy {
			return true
		}
	}
	return false
}

// claim calls t to desk (1-based) of agency. The UPDATE takes only a need
// that waits (or missed its call), and the partial unique indexes of
// floor_needs refuse a second open call of the ticket or a second visitor
// at the desk: either way the claim is a Conflict and nothing is stored.
func (w *day) claim(ctx context.Context, tx *db.Tx, t *ticket, agency string, desk int) error {
	r, err := tx.Exec(ctx, `UPDATE floor_needs SET state = 'called', desk = ?, called_at = ?, started_at = NULL, ended_at = NULL
		WHERE ticket_id = ? AND agency = ? AND state IN ('waiting', 'missed')`, desk, w.now, t.id, agency)
	if err != nil {
		if uniqueViolation(err) {
			return &errs.Error{Kind: errs.Conflict, MsgKey: "floor.error.elsewhere", Field: "ticket", Err: err}
		}
		return errs.Wrap(err, "floor claim")
	}
	if n, err := r.RowsAffected(); err != nil || n != 1 {
		return &errs.Error{Kind: errs.Conflict, MsgKey: "floor.error.elsewhere", Field: "ticket", Err: err}
	}
	return w.log(ctx, tx, "call", t.id, t.label, agency, desk)
}

// set changes the need n of t at its desk by the assignments sets (with
// args) and logs kind.
func (w *day) set(ctx context.Context, tx *db.Tx, t *ticket, n *need, kind, sets string, args ...any) error {
	args = append(args, t.id, n.agency)
	if _, err := tx.Exec(ctx, "UPDATE floor_needs SET "+sets+" WHERE ticket_id = ? AND agency = ? AND state IN ('called', 'serving')", args...); err != nil {
		return errs.Wrap(err, "floor %s", kind)
	}
	return w.log(ctx, tx, kind, t.id, t.label, n.agency, n.desk)
}

// uniqueViolation reports whether err is a unique index refusing a row:
// SQLite's "UNIQUE constraint failed", PostgreSQL's SQLSTATE 23505.
func uniqueViolation(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "23505")
}
