package floor

import (
	"context"
	"slices"
	"time"
)

// Board is what the call display in the room shows of a date's floor: the
// calls not yet answered, newest first, and how many visitors wait. It
// holds nothing else (no needs, no booked times), so a display cannot show
// more than the room may see.
type Board struct {
	Date    int64
	Version int64
	Calls   []BoardCall
	Waiting int
}

// BoardCall is one open call on the display: the ticket, the agency and
// desk (1-based) it is called to, the visitor's language (so the display can
// say it in their language and script too) and when it was called.
type BoardCall struct {
	Ticket   string
	Agency   string
	Desk     int
	Language string
	At       time.Time
}

// Board returns the call display's view of date dateID: every ticket called
// to a desk and not yet being served, newest call first, and the number of
// visitors on the floor who wait for a desk.
func (s *Store) Board(ctx context.Context, dateID int64) (Board, error) {
	st, version, err := s.read(ctx, dateID, onFloor)
	if err != nil {
		return Board{}, err
	}
	out := Board{Date: dateID, Version: version, Calls: []BoardCall{}}
	for _, t := range st.tickets {
		if !t.onFloor() {
			continue
		}
		if n := t.open(); n != nil {
			if n.state == called {
				out.Calls = append(out.Calls, BoardCall{Ticket: t.label, Agency: n.agency, Desk: n.desk, Language: t.language, At: n.called.Time})
			}
			continue
		}
		out.Waiting++
	}
	slices.SortStableFunc(out.Calls, func(a, b BoardCall) int { return b.At.Compare(a.At) })
	return out, nil
}
