package onestop

import (
	"context"
	"encoding/json"
	"time"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// Input is a date staff set up by hand: the local day ("2027-03-12"), the
// local opening hours ("09:00", "12:00"), whether it is a practice date, and
// the roster.
type Input struct {
	Date     string
	Start    string
	End      string
	Practice bool
	Roster   Roster
}

// Create validates in against the site and stores it as a new date, returning
// its id. A date in the past, a public date on a public holiday of North
// Rhine-Westphalia, or a public date on a day that already has one is
// refused; every refusal is an Invalid or Conflict error naming the field.
func (s *Store) Create(ctx context.Context, site Site, in Input, now time.Time) (int64, error) {
	day, err := time.ParseInLocation(time.DateOnly, in.Date, s.loc)
	if err != nil {
		return 0, invalid("onestop.error.date", "date")
	}
	open, ok := parseClock(in.Start)
	if !ok {
		return 0, invalid("onestop.error.time", "start")
	}
	close, ok := parseClock(in.End)
	if !ok || close <= open {
		return 0, invalid("onestop.error.time", "end")
	}
	start, end := clockOn(day, open, s.loc), clockOn(day, close, s.loc)
	if !end.After(now) {
		return 0, invalid("onestop.error.date", "date")
	}
	if !in.Practice && IsHoliday(day) {
		return 0, invalid("onestop.error.holiday", "date")
	}
	if err := in.Roster.Validate(site, open, close); err != nil {
		return 0, err
	}
	roster, err := json.Marshal(in.Roster)
	if err != nil {
		return 0, errs.Wrap(err, "onestop roster")
	}
	var id int64
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if !in.Practice {
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM onestop_dates WHERE day = ? AND NOT practice AND NOT cancelled", in.Date).Scan(&n); err != nil {
				return errs.Wrap(err, "onestop create")
			}
			if n > 0 {
				e := errs.E(errs.Conflict, "onestop.error.taken")
				e.Field = "date"
				return e
			}
		}
		id, err = tx.InsertID(ctx, `INSERT INTO onestop_dates (day, starts_at, ends_at, practice, cancelled, rule_day, roster)
			VALUES (?, ?, ?, ?, FALSE, NULL, ?)`, in.Date, start.UTC(), end.UTC(), in.Practice, string(roster))
		return errs.Wrap(err, "onestop create")
	})
	return id, err
}

// Cancel cancels the date: it is no longer listed or bookable, and stays
// stored so that its bookings can tell their visitors. Cancelling twice is
// no change; an unknown id is NotFound.
func (s *Store) Cancel(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, "UPDATE onestop_dates SET cancelled = TRUE WHERE id = ?", id)
		if err != nil {
			return errs.Wrap(err, "onestop cancel %d", id)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errs.E(errs.NotFound, "error.not_found")
		}
		return nil
	})
}

// CopyRoster is the roster template: it copies the roster of date id to the
// next n dates after it that are neither practice nor cancelled, and returns
// how many it changed.
func (s *Store) CopyRoster(ctx context.Context, id int64, n int) (int, error) {
	changed := 0
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var roster string
		var starts time.Time
		if err := tx.QueryRow(ctx, "SELECT roster, starts_at FROM onestop_dates WHERE id = ?"+tx.ForUpdate(), id).Scan(&roster, &starts); err != nil {
			return errs.E(errs.NotFound, "error.not_found")
		}
		rows, err := tx.Query(ctx, "SELECT id"+copyTargets, starts.UTC(), n)
		if err != nil {
			return errs.Wrap(err, "onestop copy roster")
		}
		var ids []int64
		for rows.Next() {
			var next int64
			if err := rows.Scan(&next); err != nil {
				rows.Close()
				return errs.Wrap(err, "onestop copy roster")
			}
			ids = append(ids, next)
		}
		rows.Close()
		for _, next := range ids {
			if _, err := tx.Exec(ctx, "UPDATE onestop_dates SET roster = ? WHERE id = ?", roster, next); err != nil {
				return errs.Wrap(err, "onestop copy roster")
			}
		}
		changed = len(ids)
		return nil
	})
	return changed, err
}

// PurgePractice deletes the practice dates whose day is over at now (in the
// county's time zone), and returns how many. Tables that hang off a date
// (bookings, check-ins) reference it ON DELETE CASCADE, so a practice day's
// data goes with it.
func (s *Store) PurgePractice(ctx context.Context, now time.Time) (int64, error) {
	today := now.In(s.loc).Format(time.DateOnly)
	var n int64
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM onestop_dates WHERE practice AND day < ?", today)
		if err != nil {
			return errs.Wrap(err, "onestop purge practice")
		}
		n, err = res.RowsAffected()
		return errs.Wrap(err, "onestop purge practice")
	})
	return n, err
}
