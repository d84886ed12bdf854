package sim

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"lotse/internal/booking"
	"lotse/internal/db"
	"lotse/internal/errs"
	floorstore "lotse/internal/floor"
	"lotse/internal/onestop"
)

// Engines are what S1 and S2 can be played on: the simulator's own model of
// the floor, or the product (`lotse sim --engine floor`).
var Engines = []string{"model", "floor"}

// roomDay is the calendar day the floor engine holds every simulated day
// on: a Wednesday without a holiday.
const roomDay = "2030-03-13"

// room is one simulated day played through the product: a fresh SQLite
// database holding the day as a One-Stop-Shop date, the booking and floor
// services on it, and the clock the simulation moves.
type room struct {
	db       *db.DB
	dates    *onestop.Store
	bookings *booking.Store
	floor    *floorstore.Store
	date     onestop.Date
	clock    time.Time
	index    map[string]int
}

// newRoom opens a database in dir and sets the scenario's day up as a date:
// every agency with its desks, one service of the agency's mean minutes (so
// the dispatcher's estimates are the model's), the walk-in shares and
// count, the interpreters. It opens at 14:00 (minute 0) and ends where the
// last first start a booking may have is the scenario's last entry.
func newRoom(ctx context.Context, sc *Scenario, dir string) (*room, error) {
	d, err := db.Open(ctx, filepath.Join(dir, "floor.db"))
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		d.Close()
		return nil, err
	}
	r := &room{db: d, index: map[string]int{}, clock: time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC)}
	now := func() time.Time { return r.clock }
	site := onestop.Site{}
	roster := onestop.Roster{Walkins: int(math.Round(sc.ArrivalsMean * (1 - sc.BookedShare))), LastEntry: sc.LastEntryMin}
	longest := 1
	for a, ag := range sc.Agencies {
		r.index[ag.ID] = a
		site.Agencies = append(site.Agencies, onestop.Agency{ID: ag.ID, Place: ag.ID})
		roster.Agencies = append(roster.Agencies, onestop.Station{Agency: ag.ID, Desks: ag.Desks, WalkinShare: ag.Share,
			Services: []onestop.Service{{ID: "service", Minutes: estimate(ag)}}})
		longest = max(longest, estimate(ag))
	}
	for _, p := range sc.Interpreters {
		roster.Interpreters = append(roster.Interpreters, onestop.Interpreter{Lang: p.Language, Count: p.Count})
	}
	clock := func(m int) string { return fmt.Sprintf("%02d:%02d", 14+m/60, m%60) }
	r.dates = onestop.NewStore(d, loc)
	id, err := r.dates.Create(ctx, site, onestop.Input{Date: roomDay, Start: clock(sc.OpenMin), End: clock(sc.CloseMin), Roster: roster}, r.clock)
	if err == nil {
		r.date, err = r.dates.Date(ctx, id)
	}
	if err != nil {
		d.Close()
		return nil, err
	}
	r.bookings = booking.NewStore(d, r.dates, 0, now)
	r.floor = floorstore.NewStore(d, r.dates, r.bookings, loc, now, nil)
	return r, nil
}

// at sets the clock to minute m of the day.
func (r *room) at(m int) { r.clock = r.date.Start.Add(time.Duration(m) * time.Minute) }

// book is S2's booking through the booking service, the day before: each
// booker, in booking order, asks for proposals of their agencies (with an
// interpreter of their language, as a visitor who needs one books) and
// books the best one still free. It returns the appointment start per visitor and
// agency (-1 for none) and each booker's code.
func (r *room) book(ctx context.Context, sc *Scenario, d *day) ([][]int, map[int]string, error) {
	appt := unbooked(d, len(sc.Agencies))
	codes := map[int]string{}
	r.clock = r.date.Start.Add(-24 * time.Hour)
	for _, v := range d.bookingOrder {
		req := booking.Request{Language: d.visitors[v].lang}
		for _, a := range d.visitors[v].needs {
			req.Agencies = append(req.Agencies, sc.Agencies[a].ID)
		}
		its, err := r.bookings.Proposals(ctx, r.date, req)
		if err != nil {
			return nil, nil, err
		}
		for _, it := range its {
			h, err := r.bookings.Hold(ctx, it, r.date)
			if errs.KindOf(err) == errs.Conflict {
				continue
			}
			if err != nil {
				return nil, nil, err
			}
			b, _, _, err := r.bookings.Confirm(ctx, booking.Confirmation{Hold: h.ID, Contact: booking.Contact{Name: "V" + strconv.Itoa(v)}, Consent: true})
			if err != nil {
				return nil, nil, err
			}
			codes[v] = string(b.Code)
			for _, st := range b.Stops {
				appt[v][r.index[st.Agency]] = st.Start
			}
			break
		}
	}
	return appt, codes, nil
}

// playRoom plays policy (S1 or S2) on day d through the product.
func playRoom(sc *Scenario, d *day, policy string) (outcome, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "lotse-sim-")
	if err != nil {
		return outcome{}, err
	}
	defer os.RemoveAll(dir)
	r, err := newRoom(ctx, sc, dir)
	if err != nil {
		return outcome{}, err
	}
	defer r.db.Close()
	var appt [][]int
	codes := map[int]string{}
	if policy == "S2" {
		if appt, codes, err = r.book(ctx, sc, d); err != nil {
			return outcome{}, err
		}
	}
	rr := &roomRules{r: r, ctx: ctx, codes: codes, visitor: map[string]int{}, at: map[[2]int]int{}}
	for _, ag := range sc.Agencies {
		rr.paused = append(rr.paused, make([]bool, ag.Desks))
	}
	o := onFloor(sc, d, policy, appt, rr)
	return o, rr.err
}
