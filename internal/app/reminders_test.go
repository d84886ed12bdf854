package app

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"lotse/demo"
	"lotse/internal/booking"
	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/floor"
	"lotse/internal/i18n"
	"lotse/internal/notify"
	"lotse/internal/onestop"
)

// TestReminders runs the reminder job of two workers at once, on one
// database, the day before a date: the booking of the next day with an
// e-mail address gets one reminder in its language; one without an
// address, a cancelled one and one of the next week get none.
func TestReminders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		berlin, err := time.LoadLocation("Europe/Berlin")
		if err != nil {
			t.Fatal(err)
		}
		cs := content.NewStore(d)
		if err := cs.Seed(ctx, demo.County()); err != nil {
			t.Fatal(err)
		}
		county, err := cs.County(ctx)
		if err != nil {
			t.Fatal(err)
		}
		dates := onestop.NewStore(d, berlin)
		roster := county.OneStop.Roster
		roster.Interpreters = []onestop.Interpreter{{Lang: "uk", Count: 1}}
		store := booking.NewStore(d, dates, 0, nil)
		day := func(s string) onestop.Date {
			id, err := dates.Create(ctx, county.OneStop, onestop.Input{Date: s, Start: "09:00", End: "12:00", Roster: roster}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			date, err := store.Date(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return date
		}
		tomorrow, nextWeek := day("2030-03-13"), day("2030-03-20")
		agency := roster.Agencies[0].Agency
		book := func(date onestop.Date, start int, lang string, c booking.Contact) (booking.Booking, string) {
			it := booking.Itinerary{DateID: date.ID, Language: lang, Stops: []booking.Stop{{Agency: agency, Start: start, End: start + 15}}}
			h, err := store.Hold(ctx, it, date)
			if err != nil {
				t.Fatal(err)
			}
			b, token, _, err := store.Confirm(ctx, booking.Confirmation{Hold: h.ID, Contact: c, Consent: true})
			if err != nil {
				t.Fatal(err)
			}
			return b, token
		}
		want, _ := book(tomorrow, 0, "uk", booking.Contact{Name: "Olena", Email: "olena@example.org"})
		book(tomorrow, 15, "", booking.Contact{Name: "Nomail", Phone: "+49 2421 220"})
		gone, token := book(tomorrow, 30, "", booking.Contact{Name: "Gone", Email: "gone@example.org"})
		if _, _, err := store.Cancel(ctx, string(gone.Code), token); err != nil {
			t.Fatal(err)
		}
		book(nextWeek, 0, "", booking.Contact{Name: "Later", Email: "later@example.org"})

		outbox := notify.NewOutbox(filepath.Join(t.TempDir(), "outbox"), notify.DefaultFrom)
		var logs bytes.Buffer
		log := slog.New(slog.NewJSONHandler(&logs, nil))
		now := func() time.Time { return time.Date(2030, 3, 12, 10, 5, 0, 0, berlin) }
		var wg sync.WaitGroup
		for range 2 {
			bookings := booking.NewStore(d, dates, 0, nil)
			r := &reminders{bookings: bookings, floor: floor.NewStore(d, dates, bookings, berlin, now, nil), dates: dates, content: cs,
				mailer: outbox, log: log, loc: berlin, now: now, retention: 30 * 24 * time.Hour, base: "https://welcome.example.org"}
			wg.Go(func() {
				for range 3 {
					if err := r.run(ctx); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()

		sent, err := outbox.List()
		if err != nil {
			t.Fatal(err)
		}
		if len(sent) != 1 || sent[0].To != "olena@example.org" {
			t.Fatalf("sent %+v, want one reminder to Olena", sent)
		}
		uk := i18n.For("uk")
		if subject := uk.Get("mail.reminder.subject", "Date", uk.LongDate(tomorrow.Start)); sent[0].Subject != subject {
			t.Errorf("subject %q, want %q", sent[0].Subject, subject)
		}
		f, err := outbox.Open(sent[0].Name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		raw, err := io.ReadAll(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(raw), "Content-Language: uk") || !strings.Contains(string(raw), string(want.Code)) {
			t.Errorf("the reminder is not in Ukrainian or lacks the code %s", want.Code)
		}
		if link := "https://welcome.example.org/uk/onestop/manage?code=3D" + string(want.Code); !strings.Contains(string(raw), link) {
			t.Errorf("the reminder does not link the manage page with the code (%s):\n%s", link, raw)
		}
		if strings.Contains(logs.String(), "@example.org") || strings.Contains(logs.String(), "Olena") {
			t.Errorf("the log names a visitor: %s", logs.String())
		}
	})
}
