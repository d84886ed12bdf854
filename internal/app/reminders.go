package app

import (
	"cmp"
	"context"
	"log/slog"
	"strings"
	"time"

	"lotse/internal/booking"
	"lotse/internal/content"
	"lotse/internal/floor"
	"lotse/internal/notify"
	"lotse/internal/onestop"
	"lotse/internal/web"
)

// remindInterval is how often the reminder job looks for due reminders.
const remindInterval = 5 * time.Minute

// reminders is the background job of the day before a date: it e-mails
// every confirmed booking of the next day that gave an address its
// reminder, deletes the practice dates that are over, and erases the
// personal data of dates past the retention period (forget). A booking's
// reminder is claimed in the database before it is sent, so of several
// lotse processes on one database exactly one sends it.
type reminders struct {
	bookings *booking.Store
	floor    *floor.Store
	dates    *onestop.Store
	// retention is how long after a date its personal data is kept.
	retention time.Duration
	content   *content.Store
	mailer    notify.Mailer
	log       *slog.Logger
	loc       *time.Location
	now       func() time.Time
	// base is the portal's public URL (LOTSE_BASE_URL) for the link in the
	// reminder; without it the reminder has none.
	base string
}

// every runs run at every interval until ctx ends; a failed run is logged
// and tried again at the next tick.
func (r *reminders) every(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := r.run(ctx); err != nil && ctx.Err() == nil {
				r.log.WarnContext(ctx, "reminders", slog.String("error", err.Error()))
			}
		}
	}
}

// run purges the practice dates that are over and sends the reminders due
// now. A reminder that fails to send is logged by its code alone.
func (r *reminders) run(ctx context.Context) error {
	now := r.now().In(r.loc)
	if _, err := r.dates.PurgePractice(ctx, now); err != nil {
		return err
	}
	if err := r.forget(ctx, now); err != nil {
		return err
	}
	due, err := r.bookings.DueReminders(ctx, now)
	if err != nil || len(due) == 0 {
		return err
	}
	county, err := r.content.County(ctx)
	if err != nil {
		return err
	}
	for _, b := range due {
		claimed, err := r.bookings.ClaimReminder(ctx, b.ID)
		if err != nil {
			return err
		}
		if !claimed {
			continue
		}
		if err := r.send(ctx, county, b); err != nil {
			r.log.ErrorContext(ctx, "reminder not sent", slog.String("code", string(b.Code)), slog.String("error", err.Error()))
		}
	}
	return nil
}

// send e-mails booking b its reminder in the language it was booked in
// (for bookings made before lotse kept it, the interpreter language). The
// link of the booking's page holds its token, which is not stored, so the
// reminder links the page that finds the booking by its code (filled in)
// and the visitor's name.
func (r *reminders) send(ctx context.Context, county content.County, b booking.Booking) error {
	d, err := r.dates.Date(ctx, b.DateID)
	if err != nil {
		return err
	}
	lang := cmp.Or(b.Lang, b.Language)
	name := func(id string) string { return r.content.AgencyName(ctx, county.OneStop, id, lang) }
	c := b.Card(d, lang, county.Name, county.OneStop.Where(), r.loc, name)
	if r.base != "" {
		c.Link = strings.TrimSuffix(r.base, "/") + web.ManagePath(lang, b.Code)
	}
	m, err := notify.Compose(notify.Reminder, b.Contact.Email, c)
	if err != nil {
		return err
	}
	return r.mailer.Send(ctx, m)
}

// forget erases the personal data of the dates that ended more than the
// retention period before now: bookings' contacts and handover notes.
// Counts and the floor's event log, which name no one, stay.
func (r *reminders) forget(ctx context.Context, now time.Time) error {
	cutoff := now.Add(-r.retention)
	if _, err := r.bookings.Forget(ctx, cutoff); err != nil {
		return err
	}
	_, err := r.floor.Forget(ctx, cutoff)
	return err
}
