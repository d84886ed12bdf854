package floor

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"lotse/internal/booking"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
	"lotse/internal/onestop"
)

// TestCheckIn checks a booked visitor in (twice: one ticket), with the
// booking's stops as needs, and refuses what does not fit: a malformed or
// unknown code, a cancelled booking, a booking of another date, a cancelled
// date, a date that is not today; a practice date is open at once.
func TestCheckIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		code := f.book(t, "uk", booking.Stop{Agency: "bank", Start: 30, End: 45}, booking.Stop{Agency: "abh", Start: 60, End: 80})
		first, err := f.s.CheckIn(ctx, f.date.ID, code)
		if err != nil || first != "A 1" {
			t.Fatalf("check-in: %q %v", first, err)
		}
		if again, err := f.s.CheckIn(ctx, f.date.ID, code); err != nil || again != first {
			t.Errorf("second check-in: %q %v, want %q", again, err, first)
		}
		snap, err := f.s.Snapshot(ctx, f.date.ID)
		if err != nil || len(snap.Tickets) != 1 {
			t.Fatalf("snapshot: %+v %v", snap, err)
		}
		tv := snap.Tickets[0]
		if !tv.Booked || !tv.Interpreter || tv.Language != "uk" || len(tv.Needs) != 2 || tv.Needs[1].Agency != "bank" ||
			tv.Needs[1].Planned == nil || !tv.Needs[1].Planned.Equal(opening.Add(30*time.Minute)) || tv.Needs[0].State != waiting {
			t.Errorf("checked-in ticket: %+v", tv)
		}

		other, err := f.dates.Create(ctx, testSite(), onestop.Input{Date: "2030-03-20", Start: "09:00", End: "12:00", Roster: testSite().Roster}, opening)
		if err != nil {
			t.Fatal(err)
		}
		// A booking cancelled by its visitor (Cancel needs the token).
		var cancelled string
		{
			f.clock.set(opening.Add(-24 * time.Hour))
			h, err := f.bookings.Hold(ctx, booking.Itinerary{DateID: f.date.ID, Stops: []booking.Stop{{Agency: "bank", Start: 120, End: 135}}}, f.date)
			if err != nil {
				t.Fatal(err)
			}
			b, token, _, err := f.bookings.Confirm(ctx, booking.Confirmation{Hold: h.ID, Contact: booking.Contact{Name: "C. Ancel"}, Consent: true})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := f.bookings.Cancel(ctx, string(b.Code), token); err != nil {
				t.Fatal(err)
			}
			cancelled = string(b.Code)
			f.clock.set(opening.Add(30 * time.Minute))
		}
		tests := []struct {
			name string
			date int64
			code string
			kind errs.Kind
			key  string
		}{
			{"malformed code", f.date.ID, "nonsense", errs.Invalid, ""},
			{"unknown code", f.date.ID, "K7MA-4QX5", errs.NotFound, ""},
			{"cancelled booking", f.date.ID, cancelled, errs.Conflict, "floor.error.booking_cancelled"},
			{"other date", other, code, errs.Conflict, "floor.error.closed"},
			{"unknown date", 999999, code, errs.NotFound, ""},
		}
		for _, tt := range tests {
			if _, err := f.s.CheckIn(ctx, tt.date, tt.code); !is(err, tt.kind, tt.key) {
				t.Errorf("%s: %v, want kind %d %s", tt.name, err, tt.kind, tt.key)
			}
		}
		// On the other date's day, this date's booking is of another date.
		f.clock.set(time.Date(2030, 3, 20, 9, 0, 0, 0, time.UTC))
		if _, err := f.s.CheckIn(ctx, other, code); !is(err, errs.Conflict, "floor.error.other_date") {
			t.Errorf("booking of another date: %v", err)
		}
		if err := f.dates.Cancel(ctx, other); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.s.WalkIn(ctx, other, []string{"abh"}, "", false); !is(err, errs.Conflict, "floor.error.date_cancelled") {
			t.Errorf("walk-in on a cancelled date: %v", err)
		}
		// A practice date is open at once, days before.
		f.clock.set(opening.Add(-48 * time.Hour))
		practice, err := f.dates.Create(ctx, testSite(), onestop.Input{Date: "2030-03-14", Start: "09:00", End: "12:00", Practice: true, Roster: testSite().Roster}, f.clock.now())
		if err != nil {
			t.Fatal(err)
		}
		if l, _, err := f.s.WalkIn(ctx, practice, []string{"abh"}, "", false); err != nil || l != "A 1" {
			t.Errorf("walk-in on a practice date before its day: %q %v", l, err)
		}
		if _, _, err := f.s.WalkIn(ctx, f.date.ID, []string{"abh"}, "", false); !is(err, errs.Conflict, "floor.error.closed") {
			t.Errorf("walk-in on a public date before its day: %v", err)
		}
	})
}

// TestWalkIn numbers tickets per date and refuses bad agencies and an
// interpreter language the date lacks, naming the field.
func TestWalkIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		for _, tt := range []struct {
			name        string
			agencies    []string
			language    string
			interpreter bool
			field       string
		}{
			{"none", nil, "uk", false, "agencies"},
			{"unknown", []string{"zoo"}, "uk", false, "agencies"},
			{"twice", []string{"abh", "abh"}, "uk", false, "agencies"},
			{"no interpreter", []string{"abh"}, "ar", true, "language"},
			{"bad language", []string{"abh"}, "<script>", false, "language"},
		} {
			_, _, err := f.s.WalkIn(ctx, f.date.ID, tt.agencies, tt.language, tt.interpreter)
			var e *errs.Error
			if !is(err, errs.Invalid, "") || !errors.As(err, &e) || e.Field != tt.field {
				t.Errorf("%s: %v, want Invalid on %s", tt.name, err, tt.field)
			}
		}
		var labels []string
		for range 3 {
			l, token := f.walkIn(t, "abh")
			if len(token) < 20 {
				t.Errorf("token %q", token)
			}
			labels = append(labels, l)
		}
		if !slices.Equal(labels, []string{"A 1", "A 2", "A 3"}) {
			t.Errorf("labels %v", labels)
		}
		for i, want := range map[int]string{1: "A 1", 99: "A 99", 100: "B 1", 199: "C 1", MaxTickets: "Z 99"} {
			if got := label(i); got != want {
				t.Errorf("label(%d) = %q, want %q", i, got, want)
			}
			if got, ok := ParseLabel(want); !ok || got != want {
				t.Errorf("ParseLabel(%q) = %q %v", want, got, ok)
			}
		}
		for _, s := range []string{"a17", "A-17", " a 17 "} {
			if got, ok := ParseLabel(s); !ok || got != "A 17" {
				t.Errorf("ParseLabel(%q) = %q %v", s, got, ok)
			}
		}
		for _, s := range []string{"", "A", "A0", "A100", "I1", "17", "AA1", "A01", "Ä1"} {
			if got, ok := ParseLabel(s); ok {
				t.Errorf("ParseLabel(%q) = %q, want none", s, got)
			}
		}
	})
}

// TestCallServeAndDesks walks a desk through call, start, done; a busy,
// paused or unknown desk; nobody to call; a service without a start that
// started at its call; no-show, recall and calling a specific ticket.
func TestCallServeAndDesks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		id := f.date.ID
		if _, ok, err := f.s.Call(ctx, id, "abh", 1); ok || err != nil {
			t.Errorf("call on an empty floor: %v %v", ok, err)
		}
		a1, _ := f.walkIn(t, "abh", "bank")
		a2, _ := f.walkIn(t, "bank")
		c, ok, err := f.s.Call(ctx, id, "bank", 1)
		if err != nil || !ok || c.Ticket != a2 || c.Agency != "bank" || c.Desk != 1 {
			t.Fatalf("bank call: %+v %v %v, want %s (less work left)", c, ok, err, a2)
		}
		if _, _, err := f.s.Call(ctx, id, "bank", 1); !is(err, errs.Conflict, "floor.error.desk_busy") {
			t.Errorf("call at a busy desk: %v", err)
		}
		for _, desk := range []struct {
			agency string
			n      int
		}{{"bank", 2}, {"abh", 0}, {"abh", 3}, {"zoo", 1}} {
			if _, _, err := f.s.Call(ctx, id, desk.agency, desk.n); !is(err, errs.NotFound, "") {
				t.Errorf("call at %s/%d: %v, want NotFound", desk.agency, desk.n, err)
			}
		}
		if _, err := f.s.Done(ctx, id, "abh", 2); !is(err, errs.Conflict, "floor.error.desk_idle") {
			t.Errorf("done at an idle desk: %v", err)
		}
		f.clock.add(4 * time.Minute)
		if _, err := f.s.Recall(ctx, id, "bank", 1); err != nil {
			t.Errorf("recall: %v", err)
		}
		f.clock.add(time.Minute)
		if _, err := f.s.Done(ctx, id, "bank", 1); err != nil {
			t.Fatal(err)
		}
		var began, ended time.Time
		if err := d.QueryRow(ctx, "SELECT n.started_at, n.ended_at FROM floor_needs n JOIN floor_tickets t ON t.id = n.ticket_id WHERE t.label = ? AND n.agency = 'bank'", a2).
			Scan(&began, &ended); err != nil || !began.Equal(opening.Add(30*time.Minute)) || ended.Sub(began) != 5*time.Minute {
			t.Errorf("service without a start: %v–%v %v, want from its call, 5 minutes", began, ended, err)
		}
		// Pause: nobody is called there until resumed.
		if err := f.s.Pause(ctx, id, "abh", 1, time.Time{}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.s.Call(ctx, id, "abh", 1); !is(err, errs.Conflict, "floor.error.desk_paused") {
			t.Errorf("call at a paused desk: %v", err)
		}
		if err := f.s.Resume(ctx, id, "abh", 1); err != nil {
			t.Fatal(err)
		}
		// Start, and no recall or no-show once served.
		if c, ok, err := f.s.Call(ctx, id, "abh", 1); err != nil || !ok || c.Ticket != a1 {
			t.Fatalf("abh call: %+v %v %v", c, ok, err)
		}
		if _, err := f.s.Start(ctx, id, "abh", 1); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.NoShow(ctx, id, "abh", 1); !is(err, errs.Conflict, "floor.error.serving") {
			t.Errorf("no-show of a visitor being served: %v", err)
		}
		f.clock.add(10 * time.Minute)
		if _, err := f.s.Done(ctx, id, "abh", 1); err != nil {
			t.Fatal(err)
		}
		// a1 still needs the bank: a no-show there is missed, and nobody
		// calls them by rule; the desk can by the label.
		if c, ok, err := f.s.Call(ctx, id, "bank", 1); err != nil || !ok || c.Ticket != a1 {
			t.Fatalf("bank call of %s: %+v %v %v", a1, c, ok, err)
		}
		if _, err := f.s.NoShow(ctx, id, "bank", 1); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := f.s.Call(ctx, id, "bank", 1); ok || err != nil {
			t.Errorf("call after a no-show: %v %v, want nobody", ok, err)
		}
		if c, err := f.s.CallTicket(ctx, id, "bank", 1, "a1"); err != nil || c.Ticket != a1 {
			t.Errorf("call by label: %+v %v", c, err)
		}
		if _, err := f.s.CallTicket(ctx, id, "abh", 2, a2); !is(err, errs.Conflict, "floor.error.not_needed") {
			t.Errorf("call by label for an agency not needed: %v", err)
		}
		if _, err := f.s.CallTicket(ctx, id, "abh", 2, "Z 99"); !is(err, errs.NotFound, "") {
			t.Errorf("call of an unknown ticket: %v", err)
		}
		want := []string{"walkin", "walkin", "call", "recall", "end", "pause", "resume", "call", "start", "end", "call", "no-show", "call"}
		if got := f.pub.kinds(); !slices.Equal(got, want) {
			t.Errorf("published %v, want %v", got, want)
		}
		var logged int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM floor_events WHERE date_id = ?", id).Scan(&logged); err != nil || logged != len(want) {
			t.Errorf("event log has %d rows (%v), want %d", logged, err, len(want))
		}
	})
}

// TestNeverTwoDesks: a visitor at one desk is called nowhere else, by rule
// or by label, and the database itself refuses a second open call of a
// ticket and a second visitor at a desk.
func TestNeverTwoDesks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		id := f.date.ID
		a1, _ := f.walkIn(t, "abh", "bank")
		if c, ok, err := f.s.Call(ctx, id, "abh", 1); err != nil || !ok || c.Ticket != a1 {
			t.Fatalf("call: %+v %v %v", c, ok, err)
		}
		if _, ok, err := f.s.Call(ctx, id, "bank", 1); ok || err != nil {
			t.Errorf("bank calls the visitor at the abh desk: %v %v", ok, err)
		}
		if _, err := f.s.CallTicket(ctx, id, "bank", 1, a1); !is(err, errs.Conflict, "floor.error.elsewhere") {
			t.Errorf("call by label of a visitor at another desk: %v", err)
		}
		a2, _ := f.walkIn(t, "abh")
		for _, tt := range []struct{ name, q string }{
			{"ticket at two desks", "UPDATE floor_needs SET state = 'called', desk = 1 WHERE agency = 'bank'"},
			{"desk with two visitors", "UPDATE floor_needs SET state = 'called', desk = 1 WHERE ticket_id = (SELECT id FROM floor_tickets WHERE label = '" + a2 + "')"},
		} {
			err := d.InTx(ctx, func(tx *db.Tx) error {
				_, err := tx.Exec(ctx, tt.q)
				return err
			})
			if err == nil || !uniqueViolation(err) {
				t.Errorf("%s: the database accepts it (%v)", tt.name, err)
			}
		}
	})
}

// TestReception adds and drops needs and marks a visitor gone.
func TestReception(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		id := f.date.ID
		a1, _ := f.walkIn(t, "abh")
		if err := f.s.AddNeed(ctx, id, a1, "zoo"); !is(err, errs.Invalid, "floor.error.agencies") {
			t.Errorf("add an unknown agency: %v", err)
		}
		if err := f.s.AddNeed(ctx, id, "Q 5", "bank"); !is(err, errs.NotFound, "") {
			t.Errorf("add to an unknown ticket: %v", err)
		}
		if err := f.s.AddNeed(ctx, id, a1, "bank"); err != nil {
			t.Fatal(err)
		}
		if c, ok, err := f.s.Call(ctx, id, "bank", 1); err != nil || !ok || c.Ticket != a1 {
			t.Fatalf("bank call after adding the need: %+v %v %v", c, ok, err)
		}
		if err := f.s.DropNeed(ctx, id, a1, "bank"); !is(err, errs.Conflict, "floor.error.at_desk") {
			t.Errorf("drop a need at a desk: %v", err)
		}
		if _, err := f.s.Start(ctx, id, "bank", 1); err != nil {
			t.Fatal(err)
		}
		if err := f.s.Gone(ctx, id, a1); !is(err, errs.Conflict, "floor.error.at_desk") {
			t.Errorf("gone while served: %v", err)
		}
		if _, err := f.s.Done(ctx, id, "bank", 1); err != nil {
			t.Fatal(err)
		}
		if err := f.s.DropNeed(ctx, id, a1, "abh"); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := f.s.Call(ctx, id, "abh", 1); ok || err != nil {
			t.Errorf("call of a dropped need: %v %v", ok, err)
		}
		a2, _ := f.walkIn(t, "abh", "jobcom")
		if _, _, err := f.s.Call(ctx, id, "abh", 2); err != nil {
			t.Fatal(err)
		}
		if err := f.s.Gone(ctx, id, a2); err != nil {
			t.Fatal(err)
		}
		if err := f.s.AddNeed(ctx, id, a2, "bank"); !is(err, errs.Conflict, "floor.error.gone") {
			t.Errorf("add to a ticket gone: %v", err)
		}
		snap, err := f.s.Snapshot(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		states := map[string]string{}
		for _, tv := range snap.Tickets {
			for _, n := range tv.Needs {
				states[tv.Ticket+" "+n.Agency] = n.State
			}
		}
		want := map[string]string{a1 + " abh": dropped, a1 + " bank": done, a2 + " abh": missed, a2 + " jobcom": dropped}
		if !maps.Equal(states, want) || !snap.Tickets[1].Gone || snap.Desks[1].Ticket != "" {
			t.Errorf("snapshot %v %+v, want %v", states, snap, want)
		}
	})
}

// TestForAgency shows a desk only its agency's needs, and Status a visitor
// where they stand.
func TestForAgencyAndStatus(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		id := f.date.ID
		a1, tok1 := f.walkIn(t, "bank", "jobcom")
		a2, tok2 := f.walkIn(t, "bank")
		f.walkIn(t, "abh")
		view, err := f.s.ForAgency(ctx, id, "bank")
		if err != nil {
			t.Fatal(err)
		}
		if len(view.Tickets) != 2 || len(view.Desks) != 1 || view.Tickets[0].Ticket != a1 || view.Tickets[0].Need.Agency != "bank" || view.Tickets[1].Need.Agency != "bank" {
			t.Errorf("bank's view: %+v", view)
		}
		if _, err := f.s.ForAgency(ctx, id, "zoo"); !is(err, errs.NotFound, "") {
			t.Errorf("view of an unknown agency: %v", err)
		}
		// a2 has less to do and goes first at the bank; a1 waits behind.
		st, err := f.s.Status(ctx, a1, tok1)
		if err != nil || st.State != StateWaiting || st.Position == 0 {
			t.Fatalf("status of %s: %+v %v", a1, st, err)
		}
		if _, _, err := f.s.Call(ctx, id, "bank", 1); err != nil {
			t.Fatal(err)
		}
		if st, err := f.s.Status(ctx, a2, tok2); err != nil || st.State != StateCalled || st.Agency != "bank" || st.Desk != 1 {
			t.Errorf("called: %+v %v", st, err)
		}
		st, err = f.s.Status(ctx, a1, tok1)
		if err != nil || st.State != StateWaiting || st.Agency != "jobcom" || st.Position != 1 || !slices.Equal(st.Remaining, []string{"bank"}) {
			t.Errorf("waiting: %+v %v, want first at the free job-com, then the bank", st, err)
		}
		for _, tt := range []struct{ label, token string }{{a1, tok2}, {a1, ""}, {"nonsense", tok1}, {a2, tok1}} {
			if _, err := f.s.Status(ctx, tt.label, tt.token); !is(err, errs.NotFound, "") {
				t.Errorf("status of %q with a wrong token: %v", tt.label, err)
			}
		}
		if _, err := f.s.Done(ctx, id, "bank", 1); err != nil {
			t.Fatal(err)
		}
		if st, err := f.s.Status(ctx, a2, tok2); err != nil || st.State != StateDone {
			t.Errorf("done: %+v %v", st, err)
		}
	})
}

// TestPublishAfterCommit: what is published is committed when the callback
// runs; a refused change publishes nothing.
func TestPublishAfterCommit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		var seen []int
		f.s.publish = func(ctx context.Context, topic string, data []byte) {
			var n int
			if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM floor_events WHERE date_id = ?", f.date.ID).Scan(&n); err != nil {
				t.Error(err)
			}
			seen = append(seen, n)
			f.pub.publish(ctx, topic, data)
		}
		f.walkIn(t, "abh")
		if _, _, err := f.s.Call(ctx, f.date.ID, "abh", 1); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.s.Call(ctx, f.date.ID, "abh", 1); err == nil {
			t.Fatal("a busy desk called")
		}
		if _, _, err := f.s.WalkIn(ctx, f.date.ID, []string{"zoo"}, "", false); err == nil {
			t.Fatal("a bad walk-in passed")
		}
		if _, ok, err := f.s.Call(ctx, f.date.ID, "abh", 2); ok || err != nil {
			t.Fatalf("nobody left: %v %v", ok, err)
		}
		if !slices.Equal(seen, []int{1, 2}) {
			t.Errorf("the callback saw %v events committed, want [1 2]: one per change, after its commit, none for refusals", seen)
		}
		f.pub.mu.Lock()
		defer f.pub.mu.Unlock()
		if e := f.pub.events; len(e) != 2 || e[1].Version <= e[0].Version || e[1].Changes[0] != (Change{Kind: "call", Ticket: "A 1", Agency: "abh", Desk: 1}) {
			t.Errorf("events %+v", e)
		}
	})
}

// TestAssign calls to every free desk at once, nobody twice, and skips busy
// and paused desks.
func TestAssign(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		id := f.date.ID
		for range 3 {
			f.walkIn(t, "abh", "bank")
		}
		if err := f.s.Pause(ctx, id, "abh", 2, opening.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		calls, err := f.s.Assign(ctx, id)
		if err != nil || len(calls) != 2 {
			t.Fatalf("assign: %+v %v, want abh/1 and bank/1", calls, err)
		}
		if calls[0].Ticket == calls[1].Ticket {
			t.Errorf("one ticket at two desks: %+v", calls)
		}
		for _, c := range calls {
			if c.Desk != 1 || c.Agency == "jobcom" {
				t.Errorf("call to %s/%d", c.Agency, c.Desk)
			}
		}
		if again, err := f.s.Assign(ctx, id); err != nil || len(again) != 0 {
			t.Errorf("assign with every desk busy or paused: %+v %v", again, err)
		}
	})
}
