package floor

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"slices"
	"time"

	"lotse/internal/booking"
	"lotse/internal/errs"
	"lotse/internal/sched"
)

// Status is what a visitor's phone shows of their ticket. State is called
// ("go to desk 2 of Agency now"), serving, waiting ("you are number
// Position for Agency, expected around Expected"), done or gone.
// Remaining are the agencies still to see after the present one, in the
// order the forecast expects; Missed those whose call they missed.
type Status struct {
	Ticket    string
	Date      int64
	State     string
	Agency    string
	Desk      int
	Position  int
	Expected  time.Time
	Remaining []string
	Missed    []string
}

// The states of a Status beyond those of a need.
const (
	StateWaiting = waiting
	StateCalled  = called
	StateServing = serving
	StateDone    = done
	StateGone    = "gone"
)

// Status returns the status of the ticket with label for the holder of its
// token. An unknown ticket, a malformed label and a wrong token are the same
// NotFound. The place in the queue is the dispatcher's forecast of the rest
// of the day (sched.Dispatcher.Forecast), so it is what will happen if
// nothing changes, not a promise.
func (s *Store) Status(ctx context.Context, label, token string) (Status, error) {
	l, ok := ParseLabel(label)
	if !ok || token == "" {
		return Status{}, notFound
	}
	var (
		id, dateID int64
		stored     string
	)
	err := s.db.QueryRow(ctx, "SELECT id, date_id, label FROM floor_tickets WHERE token_hash = ?", hex.EncodeToString(booking.HashToken(token))).
		Scan(&id, &dateID, &stored)
	if errors.Is(err, sql.ErrNoRows) || err == nil && stored != l {
		return Status{}, notFound
	}
	if err != nil {
		return Status{}, errs.Wrap(err, "floor status")
	}
	st, _, err := s.read(ctx, dateID, everyone)
	if err != nil {
		return Status{}, err
	}
	t := st.byID(id)
	if t == nil {
		return Status{}, notFound
	}
	out := Status{Ticket: t.label, Date: dateID, State: StateDone}
	left := false
	for _, n := range t.needs {
		switch {
		case n.state == missed:
			out.Missed = append(out.Missed, n.agency)
		case atDesk(n.state):
			out.State, out.Agency, out.Desk = n.state, n.agency, n.desk
		case n.state == waiting:
			left = true
		}
	}
	if t.gone {
		out.State = StateGone
		return out, nil
	}
	if left {
		if err := st.forecast(s.disp, t, &out); err != nil {
			return Status{}, err
		}
	}
	return out, nil
}

// forecast fills in where t waits next and what remains, by the
// dispatcher's forecast of the floor.
func (st *state) forecast(disp sched.Dispatcher, t *ticket, out *Status) error {
	plan, err := disp.Forecast(st.floor())
	if err != nil {
		return errs.Wrap(err, "floor forecast")
	}
	var mine []sched.Planned
	for _, p := range plan {
		if p.Visitor == sched.VisitorID(t.id) {
			mine = append(mine, p)
		}
	}
	slices.SortFunc(mine, func(a, b sched.Planned) int { return cmp.Compare(a.Start, b.Start) })
	for _, p := range mine {
		out.Remaining = append(out.Remaining, p.Desk.Agency)
	}
	if out.State != StateDone || len(mine) == 0 {
		return nil
	}
	next := mine[0]
	out.State, out.Agency, out.Remaining = StateWaiting, next.Desk.Agency, out.Remaining[1:]
	out.Expected = planned(st.date, int64(next.Start))
	out.Position = 1
	for _, p := range plan {
		if p.Desk.Agency == next.Desk.Agency && p.Start < next.Start {
			out.Position++
		}
	}
	return nil
}
