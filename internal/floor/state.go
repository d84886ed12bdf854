package floor

import (
	"cmp"
	"context"
	"database/sql"
	"math"
	"slices"
	"time"

	"lotse/internal/errs"
	"lotse/internal/onestop"
	"lotse/internal/sched"
)

// The states of a need.
const (
	waiting = "waiting"
	called  = "called"
	serving = "serving"
	done    = "done"
	missed  = "missed"
	dropped = "dropped"
)

// atDesk reports whether a need in state st holds a desk.
func atDesk(st string) bool { return st == called || st == serving }

// ticket is a ticket as stored, with its needs.
type ticket struct {
	id          int64
	label       string
	booked      bool
	language    string
	interpreter bool
	arrived     time.Time
	gone        bool
	needs       []*need
}

// need is one agency a ticket needs and how it stands.
type need struct {
	agency  string
	state   string
	planned sql.NullInt64
	desk    int // 1-based, while called or serving
	called  sql.NullTime
	started sql.NullTime
	ended   sql.NullTime
}

// at returns the ticket's need at agency, or nil.
func (t *ticket) at(agency string) *need {
	for _, n := range t.needs {
		if n.agency == agency {
			return n
		}
	}
	return nil
}

// open returns the ticket's need that holds a desk, or nil.
func (t *ticket) open() *need {
	for _, n := range t.needs {
		if atDesk(n.state) {
			return n
		}
	}
	return nil
}

// onFloor reports whether the ticket is on the floor: not gone, and waiting
// for or at some desk.
func (t *ticket) onFloor() bool {
	if t.gone {
		return false
	}
	for _, n := range t.needs {
		if n.state == waiting || atDesk(n.state) {
			return true
		}
	}
	return false
}

// since is when the ticket last began to wait: its last end, else arrival.
func (t *ticket) since() time.Time {
	s := t.arrived
	for _, n := range t.needs {
		if n.ended.Valid && n.ended.Time.After(s) {
			s = n.ended.Time
		}
	}
	return s
}

// state is a date's floor as read from the database.
type state struct {
	date    onestop.Date
	now     time.Time
	tickets []*ticket
	paused  map[sched.DeskID]sql.NullTime // paused desks: when back
}

// querier is a transaction or the database's read pool.
type querier interface {
	Query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// Filters of load: every ticket, those on the floor, the one at a desk
// (agency and desk as arguments), the one with a label (argument).
const (
	everyone = ""
	onFloor  = ` AND t.gone_at IS NULL AND EXISTS (SELECT 1 FROM floor_needs o WHERE o.ticket_id = t.id
		AND o.state IN ('waiting', 'called', 'serving'))`
	atTheDesk = ` AND t.id IN (SELECT o.ticket_id FROM floor_needs o WHERE o.date_id = t.date_id AND o.agency = ? AND o.desk = ?
		AND o.state IN ('called', 'serving'))`
	labelled = " AND t.label = ?"
)

// load reads the floor of date d at now: the tickets that filter (one of
// the filters above, with its args) lets through, with their needs,
// and the paused desks. Tickets and needs come from one statement, so they
// agree with each other.
func load(ctx context.Context, q querier, d onestop.Date, now time.Time, filter string, args ...any) (*state, error) {
	st := &state{date: d, now: now, paused: map[sched.DeskID]sql.NullTime{}}
	rows, err := q.Query(ctx, `SELECT t.id, t.label, t.booking_id IS NOT NULL, t.language, t.interpreter, t.arrived_at, t.gone_at IS NOT NULL,
			n.agency, n.state, n.planned, COALESCE(n.desk, 0), n.called_at, n.started_at, n.ended_at
		FROM floor_tickets t JOIN floor_needs n ON n.ticket_id = t.id
		WHERE t.date_id = ?`+filter+` ORDER BY t.number, n.agency`, append([]any{d.ID}, args...)...)
	if err != nil {
		return nil, errs.Wrap(err, "floor load")
	}
	defer rows.Close()
	var cur *ticket
	for rows.Next() {
		var t ticket
		n := &need{}
		if err := rows.Scan(&t.id, &t.label, &t.booked, &t.language, &t.interpreter, &t.arrived, &t.gone,
			&n.agency, &n.state, &n.planned, &n.desk, &n.called, &n.started, &n.ended); err != nil {
			return nil, errs.Wrap(err, "floor load")
		}
		if cur == nil || cur.id != t.id {
			cur = &t
			st.tickets = append(st.tickets, cur)
		}
		cur.needs = append(cur.needs, n)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "floor load")
	}
	prows, err := q.Query(ctx, "SELECT agency, desk, back_at FROM floor_desks WHERE date_id = ? AND paused", d.ID)
	if err != nil {
		return nil, errs.Wrap(err, "floor desks")
	}
	defer prows.Close()
	for prows.Next() {
		var (
			id   sched.DeskID
			back sql.NullTime
		)
		if err := prows.Scan(&id.Agency, &id.Index, &back); err != nil {
			return nil, errs.Wrap(err, "floor desks")
		}
		id.Index--
		st.paused[id] = back
	}
	return st, errs.Wrap(prows.Err(), "floor desks")
}

// byID returns the ticket with the given id, or nil.
func (st *state) byID(id int64) *ticket {
	for _, t := range st.tickets {
		if t.id == id {
			return t
		}
	}
	return nil
}

// byLabel returns the ticket with the given label, or nil.
func (st *state) byLabel(label string) *ticket {
	for _, t := range st.tickets {
		if t.label == label {
			return t
		}
	}
	return nil
}

// serving returns the ticket and need at a desk (1-based), or nils.
func (st *state) serving(agency string, desk int) (*ticket, *need) {
	for _, t := range st.tickets {
		if n := t.at(agency); n != nil && atDesk(n.state) && n.desk == desk {
			return t, n
		}
	}
	return nil, nil
}

// desk checks that agency has a desk numbered desk (1-based) on the date.
func (st *state) desk(agency string, desk int) error {
	s, ok := st.date.Roster.Station(agency)
	if !ok || desk < 1 || desk > s.Desks {
		return notFound
	}
	return nil
}

// minute is t in minutes after the date's opening, rounded down.
func (st *state) minute(t time.Time) sched.Minute {
	return sched.Minute(math.Floor(t.Sub(st.date.Start).Minutes()))
}

// interpreted returns the language a ticket needs an interpreter of, or ""
// when it needs none or the date has none of it (then it is served
// without one, as it could not be otherwise).
func (st *state) interpreted(t *ticket) string {
	if !t.interpreter {
		return ""
	}
	for _, in := range st.date.Roster.Interpreters {
		if in.Lang == t.language && in.Count > 0 {
			return t.language
		}
	}
	return ""
}

// floor is the dispatcher's view: the date's empty floor (onestop) with
// the visitors on the floor, their remaining needs at the agencies' mean
// minutes, what they have been served, their booked plans, the busy and
// paused desks and the interpreters at a desk.
func (st *state) floor() sched.Floor {
	f := st.date.Floor()
	f.Now = st.minute(st.now)
	est := st.date.Estimates()
	desks := map[sched.DeskID]*sched.Desk{}
	for i := range f.Desks {
		d := &f.Desks[i]
		if back, ok := st.paused[d.ID]; ok {
			d.Absent = true
			if back.Valid {
				d.BackAt = max(st.minute(back.Time), f.Now+1)
			}
		}
		desks[d.ID] = d
	}
	busy := map[string][]sched.Minute{} // per language, the expected ends
	for _, t := range st.tickets {
		if !t.onFloor() {
			continue
		}
		v := sched.Visitor{ID: sched.VisitorID(t.id), Arrived: min(st.minute(t.arrived), f.Now), Booked: t.booked, Language: st.interpreted(t)}
		for _, n := range t.needs {
			e := max(est[n.agency], 1)
			switch {
			case n.state == waiting && hasDesk(st.date, n.agency):
				v.Needs = append(v.Needs, sched.Need{Agency: n.agency, Estimate: e})
				if n.planned.Valid {
					v.Plan = append(v.Plan, sched.Appointment{Agency: n.agency, Start: sched.Minute(n.planned.Int64)})
				}
			case atDesk(n.state):
				if d := desks[sched.DeskID{Agency: n.agency, Index: n.desk - 1}]; d != nil {
					d.Busy, d.Serving, d.Since = true, v.ID, st.minute(n.begun())
					d.Until = d.Since + e
					if v.Language != "" {
						busy[v.Language] = append(busy[v.Language], d.Until)
					}
				}
			case n.state == done:
				v.Served += sched.Minute(math.Round(n.ended.Time.Sub(n.begun()).Minutes()))
			}
		}
		slices.SortFunc(v.Plan, func(a, b sched.Appointment) int { return cmp.Compare(a.Start, b.Start) })
		f.Visitors = append(f.Visitors, v)
	}
	for i := range f.Interpreters {
		if in := &f.Interpreters[i]; len(busy[in.Language]) > 0 {
			in.Busy, in.Until = true, busy[in.Language][0]
			busy[in.Language] = busy[in.Language][1:]
		}
	}
	return f
}

// begun is when a service began: its recorded start, else its call.
func (n *need) begun() time.Time {
	if n.started.Valid {
		return n.started.Time
	}
	return n.called.Time
}

// hasDesk reports whether agency has a desk on date d.
func hasDesk(d onestop.Date, agency string) bool {
	s, ok := d.Roster.Station(agency)
	return ok && s.Desks > 0
}
