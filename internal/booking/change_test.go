package booking

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

func TestConfirmKeepsLangAndConcerns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, date := newTestStore(t, d, nil)
		h, err := s.Hold(ctx, bankAt(date, 0), date)
		if err != nil {
			t.Fatal(err)
		}
		b, tok, _, err := s.Confirm(ctx, Confirmation{Hold: h.ID, Contact: Contact{Name: "A"}, Consent: true, Lang: "uk", Concerns: []string{"work-permit"}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Booking(ctx, string(b.Code), tok)
		if err != nil || got.Lang != "uk" || !slices.Equal(got.Concerns, []string{"work-permit"}) {
			t.Fatalf("booking: %v, lang %q, concerns %q", err, got.Lang, got.Concerns)
		}
		if _, _, _, err := s.Confirm(context.Background(), Confirmation{Hold: "x", Contact: Contact{Name: "A"}, Consent: true, Concerns: []string{""}}); errs.KindOf(err) != errs.Invalid {
			t.Errorf("an empty concern id: %v, want Invalid", err)
		}
	})
}

func TestChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, date := newTestStore(t, d, nil)
		b, tok := book(t, s, date, 0, Contact{Name: "A", Phone: "0241 123456"})
		h, err := s.Hold(ctx, bankAt(date, 60), date)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Change(ctx, string(b.Code), tok, h.ID, []string{"account"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Code != b.Code || got.Revision != b.Revision+1 || got.Stops[0].Start != 60 || !slices.Equal(got.Concerns, []string{"account"}) {
			t.Fatalf("changed: %+v", got)
		}
		if again, err := s.Booking(ctx, string(b.Code), tok); err != nil || again.Stops[0].Start != 60 {
			t.Fatalf("the token after the change: %v, %+v", err, again)
		}
		if _, err := s.Hold(ctx, bankAt(date, 0), date); err != nil {
			t.Errorf("the old place is not free at once: %v", err)
		}
		if _, err := s.Hold(ctx, bankAt(date, 60), date); errs.KindOf(err) != errs.Conflict {
			t.Errorf("the new place is free: %v, want a Conflict", err)
		}
		if _, err := s.Change(ctx, string(b.Code), tok, h.ID, nil); errs.KindOf(err) != errs.Conflict {
			t.Errorf("a change with a hold used already: %v, want a Conflict", err)
		}
	})
}

func TestChangeFailedKeepsBooking(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Now()
		s, date := newTestStore(t, d, func() time.Time { return now })
		b, tok := book(t, s, date, 0, Contact{Name: "A"})
		lapsed, err := s.Hold(ctx, bankAt(date, 30), date)
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(11 * time.Minute)
		fresh, err := s.Hold(ctx, bankAt(date, 90), date)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name, token, hold string
			kind              errs.Kind
		}{
			{"lapsed hold", tok, lapsed.ID, errs.Conflict},
			{"unknown hold", tok, "nope", errs.Conflict},
			{"wrong token", "wrong", fresh.ID, errs.NotFound},
		} {
			if _, err := s.Change(ctx, string(b.Code), tc.token, tc.hold, nil); errs.KindOf(err) != tc.kind {
				t.Errorf("%s: %v, want %v", tc.name, err, tc.kind)
			}
		}
		got, err := s.Booking(ctx, string(b.Code), tok)
		if err != nil || got.Revision != b.Revision || got.Stops[0].Start != 0 || got.Status != StatusConfirmed {
			t.Fatalf("after failed changes: %v, %+v", err, got)
		}
		if _, err := s.Hold(ctx, bankAt(date, 0), date); errs.KindOf(err) != errs.Conflict {
			t.Errorf("the booking lost its place: %v", err)
		}
		if _, _, err := s.Cancel(ctx, string(b.Code), tok); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Change(ctx, string(b.Code), tok, fresh.ID, nil); errs.KindOf(err) != errs.Conflict {
			t.Errorf("change of a cancelled booking: %v, want a Conflict", err)
		}
	})
}

// TestContactLimitRace confirms eight holds with one phone number at once:
// exactly MaxPerContact may book, however the confirmations interleave.
func TestContactLimitRace(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, date := newTestStore(t, d, nil)
		var holds []Hold
		for i := range 2 * MaxPerContact {
			h, err := s.Hold(ctx, bankAt(date, 15*i), date)
			if err != nil {
				t.Fatal(err)
			}
			holds = append(holds, h)
		}
		var (
			wg              sync.WaitGroup
			mu              sync.Mutex
			booked, refused int
		)
		for _, h := range holds {
			wg.Go(func() {
				_, _, _, err := s.Confirm(ctx, Confirmation{Hold: h.ID, Contact: Contact{Name: "A", Phone: "+49 241 123456"}, Consent: true})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					booked++
				case errs.KindOf(err) == errs.Conflict && errOf(err).Field == "phone":
					refused++
				default:
					t.Errorf("confirm: %v", err)
				}
			})
		}
		wg.Wait()
		if booked != MaxPerContact || refused != MaxPerContact {
			t.Fatalf("booked %d, refused %d; want %d each", booked, refused, MaxPerContact)
		}
	})
}

func TestHeldAndRecover(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, date := newTestStore(t, d, nil)
		h, err := s.Hold(ctx, bankAt(date, 0), date)
		if err != nil {
			t.Fatal(err)
		}
		held, err := s.Held(ctx, h.ID)
		if err != nil || held.DateID != date.ID || held.Stops[0].Agency != "bank" || held.Expires.Sub(h.Expires).Abs() > time.Millisecond {
			t.Fatalf("held: %v, %+v", err, held)
		}
		b, tok, _, err := s.Confirm(ctx, Confirmation{Hold: h.ID, Contact: Contact{Name: "Olena  K."}, Consent: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Held(ctx, h.ID); errs.KindOf(err) != errs.Conflict {
			t.Errorf("held after the confirmation: %v, want a Conflict", err)
		}
		for _, tc := range []struct{ code, name string }{{string(b.Code), "Olena"}, {"K7MA-4QX5", "Olena K."}, {string(b.Code), ""}} {
			if _, _, err := s.Recover(ctx, tc.code, tc.name); errs.KindOf(err) != errs.NotFound {
				t.Errorf("recover %q %q: %v, want NotFound", tc.code, tc.name, err)
			}
		}
		got, tok2, err := s.Recover(ctx, string(b.Code), " olena k. ")
		if err != nil || got.Code != b.Code || tok2 == tok {
			t.Fatalf("recover: %v, %s, same token %v", err, got.Code, tok2 == tok)
		}
		if _, err := s.Booking(ctx, string(b.Code), tok2); err != nil {
			t.Errorf("the new token: %v", err)
		}
		if _, err := s.Booking(ctx, string(b.Code), tok); errs.KindOf(err) != errs.NotFound {
			t.Errorf("the old token still works: %v", err)
		}
	})
}
