package floor

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"lotse/internal/booking"
	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/onestop"
)

// testSite has the Ausländeramt with two desks, the bank and the job-com
// with one each, and one Ukrainian interpreter.
func testSite() onestop.Site {
	return onestop.Site{
		Agencies: []onestop.Agency{{ID: "abh", Place: "auslaenderamt"}, {ID: "bank", Place: "bank"}, {ID: "jobcom", Place: "jobcenter"}},
		Roster: onestop.Roster{
			Agencies: []onestop.Station{
				{Agency: "abh", Desks: 2, Services: []onestop.Service{{ID: "work-permit", Minutes: 20}}},
				{Agency: "bank", Desks: 1, Services: []onestop.Service{{ID: "account", Minutes: 15}}},
				{Agency: "jobcom", Desks: 1, Services: []onestop.Service{{ID: "benefits", Minutes: 30}}},
			},
			Interpreters: []onestop.Interpreter{{Lang: "uk", Count: 1}},
		},
	}
}

// testDay is the fixture's date, 9:00–12:00 in Berlin (UTC+1 in March).
const testDay = "2030-03-13"

// opening is 9:00 on testDay.
var opening = time.Date(2030, 3, 13, 8, 0, 0, 0, time.UTC)

// clock is a test clock that tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// published records what a store publishes.
type published struct {
	mu     sync.Mutex
	events []Event
}

func (p *published) publish(_ context.Context, topic string, data []byte) {
	var e Event
	if err := json.Unmarshal(data, &e); err != nil || topic != Topic(e.Date) {
		panic("bad event " + topic + " " + string(data))
	}
	p.mu.Lock()
	p.events = append(p.events, e)
	p.mu.Unlock()
}

// kinds lists the kinds of the changes published so far.
func (p *published) kinds() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, e := range p.events {
		for _, c := range e.Changes {
			out = append(out, c.Kind)
		}
	}
	return out
}

// fixture is a floor store on a fresh database with the date testDay, its
// clock at 9:30 on that day.
type fixture struct {
	s        *Store
	dates    *onestop.Store
	bookings *booking.Store
	date     onestop.Date
	clock    *clock
	pub      *published
	loc      *time.Location
}

func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{clock: &clock{t: time.Date(2030, 3, 1, 10, 0, 0, 0, time.UTC)}, pub: &published{}, loc: loc}
	f.dates = onestop.NewStore(d, loc)
	site := testSite()
	id, err := f.dates.Create(context.Background(), site, onestop.Input{Date: testDay, Start: "09:00", End: "12:00", Roster: site.Roster}, f.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	if f.date, err = f.dates.Date(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	f.bookings = booking.NewStore(d, f.dates, 0, f.clock.now)
	f.s = NewStore(d, f.dates, f.bookings, loc, f.clock.now, f.pub.publish)
	f.clock.set(opening.Add(30 * time.Minute))
	return f
}

// book books stops on the fixture's date the day before and returns the code.
func (f *fixture) book(t testing.TB, language string, stops ...booking.Stop) string {
	t.Helper()
	ctx := context.Background()
	at := f.clock.now()
	f.clock.set(opening.Add(-24 * time.Hour))
	defer f.clock.set(at)
	h, err := f.bookings.Hold(ctx, booking.Itinerary{DateID: f.date.ID, Language: language, Stops: stops}, f.date)
	if err != nil {
		t.Fatal(err)
	}
	b, _, _, err := f.bookings.Confirm(ctx, booking.Confirmation{Hold: h.ID, Contact: booking.Contact{Name: "T. Est"}, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	return string(b.Code)
}

// walkIn hands out a walk-in ticket or fails the test.
func (f *fixture) walkIn(t testing.TB, agencies ...string) (string, string) {
	t.Helper()
	l, token, err := f.s.WalkIn(context.Background(), f.date.ID, agencies, "uk", false)
	if err != nil {
		t.Fatal(err)
	}
	return l, token
}

// is reports whether err is an errs.Error of kind with the message key.
func is(err error, kind errs.Kind, key string) bool {
	var e *errs.Error
	return errors.As(err, &e) && e.Kind == kind && (key == "" || e.MsgKey == key)
}
