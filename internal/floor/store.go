package floor

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"lotse/internal/booking"
	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/onestop"
	"lotse/internal/sched"
)

// Publish is told of a change of a date's floor after its transaction has
// committed: topic "floor/<date id>", data the JSON of an Event. The app
// wires it to the broker; nil publishes nothing.
type Publish func(ctx context.Context, topic string, data []byte)

// Event is what Publish receives: the date, the floor's version after the
// change, and the changes, in order.
type Event struct {
	Date    int64    `json:"date"`
	Version int64    `json:"version"`
	Changes []Change `json:"changes"`
}

// Change is one change of the floor: its kind (checkin, walkin, call,
// recall, start, end, no-show, pause, resume, need-add, need-drop, gone),
// the ticket's label and the agency and desk (1-based) it concerns, where
// it has them. It names no one.
type Change struct {
	Kind   string `json:"kind"`
	Ticket string `json:"ticket,omitempty"`
	Agency string `json:"agency,omitempty"`
	Desk   int    `json:"desk,omitempty"`
}

// Store keeps the floors of the One-Stop-Shop dates in the database.
// Exported methods open their own transaction.
type Store struct {
	db       *db.DB
	dates    *onestop.Store
	bookings *booking.Store
	loc      *time.Location
	now      func() time.Time
	publish  Publish
	disp     sched.Dispatcher
}

// NewStore returns a floor store on d whose dates are local days in loc,
// by the clock now (time.Now when nil), telling publish (nil: nobody) of
// every committed change.
func NewStore(d *db.DB, dates *onestop.Store, bookings *booking.Store, loc *time.Location, now func() time.Time, publish Publish) *Store {
	if now == nil {
		now = time.Now
	}
	if loc == nil {
		loc = time.UTC
	}
	return &Store{db: d, dates: dates, bookings: bookings, loc: loc, now: now, publish: publish, disp: sched.Live()}
}

// Topic is the broker topic of date id's floor.
func Topic(id int64) string { return "floor/" + strconv.FormatInt(id, 10) }

// day is one write of a date's floor: the date, the moment, the version the
// write gives the floor and the changes it logged.
type day struct {
	date    onestop.Date
	now     time.Time
	version int64
	changes []Change
}

// write runs fn in a transaction that holds the date's floor (see the
// package doc), after checking the floor is open, and publishes what fn
// logged once the transaction has committed.
func (s *Store) write(ctx context.Context, dateID int64, fn func(tx *db.Tx, w *day) error) error {
	d, err := s.open(ctx, dateID)
	if err != nil {
		return err
	}
	w := &day{date: d, now: s.now().UTC()}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		w.changes = nil
		if _, err := tx.Exec(ctx, "INSERT INTO floor_days (date_id) VALUES (?) ON CONFLICT (date_id) DO NOTHING", d.ID); err != nil {
			return errs.Wrap(err, "floor day")
		}
		if err := tx.QueryRow(ctx, "UPDATE floor_days SET version = version + 1 WHERE date_id = ? RETURNING version", d.ID).Scan(&w.version); err != nil {
			return errs.Wrap(err, "floor lock")
		}
		return fn(tx, w)
	})
	if err != nil || len(w.changes) == 0 || s.publish == nil {
		return err
	}
	data, err := json.Marshal(Event{Date: d.ID, Version: w.version, Changes: w.changes})
	if err != nil {
		return errs.Wrap(err, "floor event")
	}
	s.publish(ctx, Topic(d.ID), data)
	return nil
}

// log stores a change in the event log and keeps it for publishing.
// ticket is the ticket's id (0 for none), desk 1-based (0 for none).
func (w *day) log(ctx context.Context, tx *db.Tx, kind string, ticket int64, label, agency string, desk int) error {
	var tid, dk any
	if ticket != 0 {
		tid = ticket
	}
	if desk != 0 {
		dk = desk
	}
	if _, err := tx.Exec(ctx, "INSERT INTO floor_events (date_id, at, kind, ticket_id, agency, desk) VALUES (?, ?, ?, ?, ?, ?)",
		w.date.ID, w.now, kind, tid, agency, dk); err != nil {
		return errs.Wrap(err, "floor event log")
	}
	w.changes = append(w.changes, Change{Kind: kind, Ticket: label, Agency: agency, Desk: desk})
	return nil
}

// open returns the date if its floor is open now: on its local day, a
// practice date from now until its day is over; never when cancelled.
func (s *Store) open(ctx context.Context, dateID int64) (onestop.Date, error) {
	d, err := s.dates.Date(ctx, dateID)
	if err != nil {
		return d, err
	}
	today := s.now().In(s.loc).Format(time.DateOnly)
	switch {
	case d.Cancelled:
		return d, conflict("floor.error.date_cancelled", "date")
	case today == d.Day, d.Practice && today < d.Day:
		return d, nil
	}
	return d, conflict("floor.error.closed", "date")
}

// conflict is a Conflict error with a message key and a field.
func conflict(key, field string) error {
	return &errs.Error{Kind: errs.Conflict, MsgKey: key, Field: field}
}

// invalid is an Invalid error with a message key and a field.
func invalid(key, field string) error {
	return &errs.Error{Kind: errs.Invalid, MsgKey: key, Field: field}
}

// notFound answers an unknown ticket, desk or agency, and a wrong token.
var notFound = errs.E(errs.NotFound, "error.not_found")
