package floor

import (
	"context"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

// notes returns the notes agency reads of date's handovers, by ticket, and
// fails the test on an error.
func notes(t *testing.T, f *fixture, agency string) map[string]string {
	t.Helper()
	hs, err := f.s.Handovers(context.Background(), f.date.ID, agency)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, h := range hs {
		if h.To == agency {
			out[h.Ticket] = h.Note
		}
	}
	return out
}

// TestHandoverConsent: a handover adds the need whatever the visitor says;
// its note reaches the receiving agency only while the visitor's consent
// stands, never before, never after a refusal or withdrawal, and never
// another agency.
func TestHandoverConsent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		a, _ := f.walkIn(t, "abh")
		b, _ := f.walkIn(t, "abh")

		id, err := f.s.Handover(ctx, f.date.ID, a, "abh", "jobcom", "  Needs the benefits form in Ukrainian.  ")
		if err != nil || id == 0 {
			t.Fatalf("handover: %d, %v", id, err)
		}
		if got := notes(t, f, "jobcom"); len(got) != 0 {
			t.Errorf("before consent jobcom reads %v", got)
		}
		af, err := f.s.ForAgency(ctx, f.date.ID, "jobcom")
		if err != nil || len(af.Tickets) != 1 || af.Tickets[0].Ticket != a {
			t.Fatalf("jobcom's floor after the handover: %+v, %v", af.Tickets, err)
		}
		if err := f.s.Consent(ctx, f.date.ID, id, "jobcom", true); !is(err, errs.NotFound, "") {
			t.Errorf("consent asked by the receiver: %v, want NotFound", err)
		}
		if err := f.s.Consent(ctx, f.date.ID, id, "abh", true); err != nil {
			t.Fatal(err)
		}
		if got := notes(t, f, "jobcom"); got[a] != "Needs the benefits form in Ukrainian." {
			t.Errorf("with consent jobcom reads %v", got)
		}
		if got := notes(t, f, "bank"); len(got) != 0 {
			t.Errorf("bank reads %v", got)
		}
		if hs, _ := f.s.Handovers(ctx, f.date.ID, "bank"); len(hs) != 0 {
			t.Errorf("bank sees handovers %+v", hs)
		}
		if err := f.s.Consent(ctx, f.date.ID, id, "abh", false); !is(err, errs.Conflict, "floor.error.consent_answered") {
			t.Errorf("second answer: %v, want Conflict", err)
		}
		if err := f.s.Withdraw(ctx, f.date.ID, id, "bank"); !is(err, errs.NotFound, "") {
			t.Errorf("withdrawn at another agency: %v, want NotFound", err)
		}
		if err := f.s.Withdraw(ctx, f.date.ID, id, "jobcom"); err != nil {
			t.Fatal(err)
		}
		if got := notes(t, f, "jobcom"); len(got) != 0 {
			t.Errorf("after withdrawal jobcom reads %v", got)
		}
		hs, err := f.s.Handovers(ctx, f.date.ID, "abh")
		if err != nil || len(hs) != 1 || hs[0].State != ConsentWithdrawn || hs[0].Note != "" || hs[0].Given.IsZero() || hs[0].Withdrawn.IsZero() {
			t.Errorf("sender's view after withdrawal: %+v, %v", hs, err)
		}
		if err := f.s.Withdraw(ctx, f.date.ID, id, "abh"); !is(err, errs.Conflict, "floor.error.consent_not_given") {
			t.Errorf("withdrawn twice: %v, want Conflict", err)
		}
		var stored *string
		if err := d.QueryRow(ctx, "SELECT note FROM floor_handovers WHERE id = ?", id).Scan(&stored); err != nil || stored != nil {
			t.Errorf("note stored after withdrawal: %v, %v", stored, err)
		}

		// Refused: the need stands, the note is erased and never shown.
		id2, err := f.s.Handover(ctx, f.date.ID, b, "abh", "bank", "Opens an account today.")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.s.Consent(ctx, f.date.ID, id2, "abh", false); err != nil {
			t.Fatal(err)
		}
		if got := notes(t, f, "bank"); len(got) != 0 {
			t.Errorf("after refusal bank reads %v", got)
		}
		if af, _ := f.s.ForAgency(ctx, f.date.ID, "bank"); len(af.Tickets) != 1 || af.Tickets[0].Ticket != b {
			t.Errorf("bank's floor after a refused handover: %+v", af.Tickets)
		}
		if err := d.QueryRow(ctx, "SELECT note FROM floor_handovers WHERE id = ?", id2).Scan(&stored); err != nil || stored != nil {
			t.Errorf("note stored after refusal: %v, %v", stored, err)
		}
	})
}

// TestHandoverRefused: bad handovers are refused with the field named and
// change nothing; one without a note adds the need and keeps no row.
func TestHandoverRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		a, _ := f.walkIn(t, "abh")
		for _, tt := range []struct {
			name, label, from, to, note string
			kind                        errs.Kind
		}{
			{"to itself", a, "abh", "abh", "x", errs.Invalid},
			{"too long", a, "abh", "bank", strings.Repeat("ü", MaxNote+1), errs.Invalid},
			{"unknown agency", a, "abh", "zoo", "x", errs.Invalid},
			{"not the sender's", a, "bank", "jobcom", "x", errs.NotFound},
			{"unknown ticket", "Z 99", "abh", "bank", "x", errs.NotFound},
		} {
			if _, err := f.s.Handover(ctx, f.date.ID, tt.label, tt.from, tt.to, tt.note); !is(err, tt.kind, "") {
				t.Errorf("%s: %v, want %v", tt.name, err, tt.kind)
			}
		}
		id, err := f.s.Handover(ctx, f.date.ID, a, "abh", "bank", "   ")
		if err != nil || id != 0 {
			t.Fatalf("without a note: %d, %v", id, err)
		}
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM floor_handovers").Scan(&n); err != nil || n != 0 {
			t.Errorf("%d handover rows, %v", n, err)
		}
		if af, _ := f.s.ForAgency(ctx, f.date.ID, "bank"); len(af.Tickets) != 1 {
			t.Errorf("bank's floor: %+v", af.Tickets)
		}
	})
}
