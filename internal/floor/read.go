package floor

import (
	"context"
	"time"

	"lotse/internal/errs"
	"lotse/internal/onestop"
	"lotse/internal/sched"
)

// Snapshot is a date's whole floor as reception sees it: every ticket of
// the day and every desk.
type Snapshot struct {
	Date    int64
	Version int64
	Tickets []TicketView
	Desks   []DeskView
}

// TicketView is one ticket on reception's screen: who it is for (booked or
// not, language, interpreter), since when it waits, whether it is gone, and
// each of its needs.
type TicketView struct {
	Ticket      string
	Booked      bool
	Language    string
	Interpreter bool
	Arrived     time.Time
	// Since is when the visitor last began to wait (arrival or last end).
	Since time.Time
	Gone  bool
	Needs []NeedView
}

// NeedView is one agency of a ticket: its state (waiting, called, serving,
// done, missed, dropped), the desk while called or serving, and the booked
// start, if any.
type NeedView struct {
	Agency  string
	State   string
	Desk    int
	Planned *time.Time
}

// DeskView is one desk: paused or not, and the ticket it holds (called or
// serving since).
type DeskView struct {
	Agency string
	Desk   int
	Paused bool
	Ticket string
	State  string
	Since  time.Time
}

// Snapshot returns the floor of date dateID for reception.
func (s *Store) Snapshot(ctx context.Context, dateID int64) (Snapshot, error) {
	st, version, err := s.read(ctx, dateID, everyone)
	if err != nil {
		return Snapshot{}, err
	}
	out := Snapshot{Date: dateID, Version: version, Tickets: []TicketView{}, Desks: st.desks("")}
	for _, t := range st.tickets {
		tv := TicketView{Ticket: t.label, Booked: t.booked, Language: t.language, Interpreter: t.interpreter,
			Arrived: t.arrived, Since: t.since(), Gone: t.gone}
		for _, n := range t.needs {
			tv.Needs = append(tv.Needs, st.needView(n))
		}
		out.Tickets = append(out.Tickets, tv)
	}
	return out, nil
}

// AgencyFloor is what one agency's desks see: their desks, and the tickets
// that need the agency with that need alone; nothing of other agencies.
type AgencyFloor struct {
	Date    int64
	Version int64
	Agency  string
	Desks   []DeskView
	Tickets []AgencyTicket
}

// AgencyTicket is a ticket as an agency sees it: the label, its need at the
// agency, the language and whether an interpreter is needed, and since
// when the visitor waits.
type AgencyTicket struct {
	Ticket      string
	Need        NeedView
	Language    string
	Interpreter bool
	Since       time.Time
}

// ForAgency returns the floor of date dateID as agency's desks see it: the
// tickets on the floor that need agency (waiting, at one of its desks or
// missed there), each with that need only. An agency not on the date's
// roster is NotFound.
func (s *Store) ForAgency(ctx context.Context, dateID int64, agency string) (AgencyFloor, error) {
	st, version, err := s.read(ctx, dateID, onFloor)
	if err != nil {
		return AgencyFloor{}, err
	}
	if !hasDesk(st.date, agency) {
		return AgencyFloor{}, notFound
	}
	out := AgencyFloor{Date: dateID, Version: version, Agency: agency, Desks: st.desks(agency), Tickets: []AgencyTicket{}}
	for _, t := range st.tickets {
		n := t.at(agency)
		if n == nil || n.state == done || n.state == dropped {
			continue
		}
		out.Tickets = append(out.Tickets, AgencyTicket{Ticket: t.label, Need: st.needView(n), Language: t.language,
			Interpreter: t.interpreter, Since: t.since()})
	}
	return out, nil
}

// read loads the floor of a date from the read pool (the tickets filter
// lets through, see load), with its version.
func (s *Store) read(ctx context.Context, dateID int64, filter string) (*state, int64, error) {
	d, err := s.dates.Date(ctx, dateID)
	if err != nil {
		return nil, 0, err
	}
	var version int64
	if err := s.db.QueryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM floor_days WHERE date_id = ?", dateID).Scan(&version); err != nil {
		return nil, 0, errs.Wrap(err, "floor version")
	}
	st, err := load(ctx, s.db, d, s.now().UTC(), filter)
	return st, version, err
}

// desks lists the desks of agency ("" for every agency) in roster order.
func (st *state) desks(agency string) []DeskView {
	out := []DeskView{}
	for _, sta := range st.date.Roster.Agencies {
		if agency != "" && sta.Agency != agency {
			continue
		}
		for i := range sta.Desks {
			dv := DeskView{Agency: sta.Agency, Desk: i + 1}
			_, dv.Paused = st.paused[sched.DeskID{Agency: sta.Agency, Index: i}]
			if t, n := st.serving(sta.Agency, i+1); t != nil {
				dv.Ticket, dv.State, dv.Since = t.label, n.state, n.begun()
			}
			out = append(out, dv)
		}
	}
	return out
}

// needView shows a need, its booked start as a time of the date.
func (st *state) needView(n *need) NeedView {
	v := NeedView{Agency: n.agency, State: n.state}
	if atDesk(n.state) {
		v.Desk = n.desk
	}
	if n.planned.Valid {
		t := planned(st.date, n.planned.Int64)
		v.Planned = &t
	}
	return v
}

// planned is minute m of date d as a time.
func planned(d onestop.Date, m int64) time.Time {
	return d.Start.Add(time.Duration(m) * time.Minute).UTC()
}
