package onestop

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// Horizon is how many months ahead the rule's dates are made: a long-running
// server makes next month's date as the months pass (Ensure).
const Horizon = 6

// Store keeps One-Stop-Shop dates in the database. Exported methods open
// their own transaction.
type Store struct {
	db  *db.DB
	loc *time.Location
}

// NewStore returns a store on d whose dates are days in loc (Europe/Berlin,
// config Location).
func NewStore(d *db.DB, loc *time.Location) *Store {
	return &Store{db: d, loc: loc}
}

const dateColumns = "id, day, starts_at, ends_at, practice, cancelled, rule_day, roster"

// Ensure makes the rule's dates of the next Horizon months that are not
// stored yet, each with a copy of the site's roster template. A date once
// made is never made again, even when cancelled or when the rule changes. It
// writes only when a date is missing, so calling it before every read of the
// dates is cheap, and several instances may call it at once.
func (s *Store) Ensure(ctx context.Context, site Site, now time.Time) error {
	if len(site.Roster.Agencies) == 0 {
		return nil // nothing to hold a date with
	}
	days := site.Days(now, Horizon, s.loc)
	missing, err := s.missingRuleDays(ctx, days)
	if err != nil || len(missing) == 0 {
		return err
	}
	roster, err := json.Marshal(site.Roster)
	if err != nil {
		return errs.Wrap(err, "onestop roster")
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		for _, day := range missing {
			start, end := site.At(day, s.loc)
			d := day.Format(time.DateOnly)
			if _, err := tx.Exec(ctx, `INSERT INTO onestop_dates (day, starts_at, ends_at, practice, cancelled, rule_day, roster)
				VALUES (?, ?, ?, FALSE, FALSE, ?, ?) ON CONFLICT (rule_day) DO NOTHING`,
				d, start.UTC(), end.UTC(), d, string(roster)); err != nil {
				return errs.Wrap(err, "onestop ensure %s", d)
			}
		}
		return nil
	})
}

// missingRuleDays returns the days of days that have no rule date yet.
func (s *Store) missingRuleDays(ctx context.Context, days []time.Time) ([]time.Time, error) {
	if len(days) == 0 {
		return nil, nil
	}
	rows, err := s.db.Query(ctx, "SELECT rule_day FROM onestop_dates WHERE rule_day >= ?", days[0].Format(time.DateOnly))
	if err != nil {
		return nil, errs.Wrap(err, "onestop rule days")
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, errs.Wrap(err, "onestop rule days")
		}
		have[d] = true
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "onestop rule days")
	}
	var out []time.Time
	for _, d := range days {
		if !have[d.Format(time.DateOnly)] {
			out = append(out, d)
		}
	}
	return out, nil
}

// Upcoming returns the public dates (neither practice nor cancelled) that
// have not ended at now, earliest first.
func (s *Store) Upcoming(ctx context.Context, now time.Time) ([]Date, error) {
	return s.list(ctx, "SELECT "+dateColumns+` FROM onestop_dates
		WHERE ends_at > ? AND NOT practice AND NOT cancelled ORDER BY starts_at, id`, now.UTC())
}

// All returns every date, practice and cancelled ones too, that has not ended
// at now, earliest first: what staff set up.
func (s *Store) All(ctx context.Context, now time.Time) ([]Date, error) {
	return s.list(ctx, "SELECT "+dateColumns+" FROM onestop_dates WHERE ends_at > ? ORDER BY starts_at, id", now.UTC())
}

// Date returns the date with the given id, or a NotFound error.
func (s *Store) Date(ctx context.Context, id int64) (Date, error) {
	d, err := s.scan(s.db.QueryRow(ctx, "SELECT "+dateColumns+" FROM onestop_dates WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Date{}, errs.E(errs.NotFound, "error.not_found")
	}
	if err != nil {
		return Date{}, errs.Wrap(err, "onestop date %d", id)
	}
	return d, nil
}

func (s *Store) list(ctx context.Context, q string, args ...any) ([]Date, error) {
	rows, err := s.db.Query(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(err, "onestop dates")
	}
	defer rows.Close()
	var out []Date
	for rows.Next() {
		d, err := s.scan(rows)
		if err != nil {
			return nil, errs.Wrap(err, "onestop dates")
		}
		out = append(out, d)
	}
	return out, errs.Wrap(rows.Err(), "onestop dates")
}

// scan reads one row of dateColumns, with times in the store's location.
func (s *Store) scan(row interface{ Scan(...any) error }) (Date, error) {
	var (
		d       Date
		ruleDay sql.NullString
		roster  string
	)
	if err := row.Scan(&d.ID, &d.Day, &d.Start, &d.End, &d.Practice, &d.Cancelled, &ruleDay, &roster); err != nil {
		return Date{}, err
	}
	d.Start, d.End, d.FromRule = d.Start.In(s.loc), d.End.In(s.loc), ruleDay.Valid
	if err := json.Unmarshal([]byte(roster), &d.Roster); err != nil {
		return Date{}, err
	}
	return d, nil
}
