package app

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lotse/internal/booking"
	"lotse/internal/onestop"
	"lotse/internal/staff"
)

// signIn signs the browser in as email on the staff login form.
func signIn(t *testing.T, ctx context.Context, url, email string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(url+"/staff/login"), chromedp.WaitVisible("input[name=email]"),
		chromedp.SetValue("input[name=email]", email), chromedp.SetValue("input[name=password]", floorPassword),
		chromedp.Submit("input[name=password]"), chromedp.WaitVisible("form[action='/staff/logout']"))
}

// signOut signs the browser out.
func signOut(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, chromedp.Click("form[action='/staff/logout'] button"), chromedp.WaitVisible("input[name=email]"))
}

const floorPassword = "Rurtal Lerche 7 Brueckenbogen"

// TestBrowserFloorDay plays a practice day in a real browser: reception
// checks in a booked visitor by the code typed as a scanner types it (and
// Enter) and hands out a walk-in ticket with its slip; two desks of the
// Ausländeramt call and serve them; one hands over to the Familienbüro with
// the visitor's consent, the other without; the Familienbüro's desk reads
// the first note and not the second.
func TestBrowserFloorDay(t *testing.T) {
	ctx := browser(t)
	a, _ := startApp(t, Config{DatabaseURL: filepath.Join(t.TempDir(), "lotse.db"), Demo: true, PowDifficulty: 0})
	url := a.URL()
	bg := context.Background()
	county, err := a.content.County(bg)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	dates := onestop.NewStore(a.db, time.UTC)
	id, err := dates.Create(bg, county.OneStop, onestop.Input{Date: now.Format(time.DateOnly), Start: "00:00", End: "23:59", Practice: true, Roster: county.OneStop.Roster}, now)
	if err != nil {
		t.Fatal(err)
	}
	date, err := dates.Date(bg, id)
	if err != nil {
		t.Fatal(err)
	}
	bookings := booking.NewStore(a.db, dates, 0, nil)
	start := int(now.Sub(date.Start).Minutes()) + 30
	h, err := bookings.Hold(bg, booking.Itinerary{DateID: id, Stops: []booking.Stop{{Agency: "abh", Start: start, End: start + 20}}}, date)
	if err != nil {
		t.Fatal(err)
	}
	b, _, _, err := bookings.Confirm(bg, booking.Confirmation{Hold: h.ID, Contact: booking.Contact{Name: "B. Rowser"}, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	svc := staff.New(a.db, staff.Options{})
	for _, u := range []staff.NewUser{
		{Email: "reception@example.org", Role: staff.Reception},
		{Email: "abh@example.org", Role: staff.Agency, Agency: "abh"},
		{Email: "famb@example.org", Role: staff.Agency, Agency: "famb"},
	} {
		u.Password = floorPassword
		if _, _, err := svc.Create(bg, staff.CLI, u); err != nil {
			t.Fatal(err)
		}
	}
	floor := url + "/staff/floor/" + strconv.FormatInt(id, 10)

	// Reception: the code field has the focus; a scanner types and presses Enter.
	signIn(t, ctx, url, "reception@example.org")
	run(t, ctx, chromedp.Navigate(floor), chromedp.WaitVisible("#code"))
	if !value(t, ctx, chromedp.Evaluate[bool](`document.activeElement.id === "code"`)) {
		t.Errorf("the code field has no focus")
	}
	run(t, ctx, chromedp.KeyEvent(string(b.Code)+"\r"), chromedp.WaitVisible("#checkin p.notice"))
	if got := value(t, ctx, chromedp.Text("#checkin p.notice")); !strings.Contains(got, "A 1") {
		t.Errorf("check-in says %q", got)
	}
	run(t, ctx, chromedp.Click("input[name=agencies][value=abh]"), chromedp.SetValue("#language", "ar"),
		chromedp.Submit("#language"), chromedp.WaitVisible("section.slip"))
	if got := value(t, ctx, chromedp.Text(".slip-ticket")); got != "A 2" {
		t.Errorf("slip shows %q", got)
	}
	if !value(t, ctx, chromedp.Evaluate[bool](`document.querySelector("section.slip").dir === "rtl" && !!document.querySelector(".slip-qr svg")`)) {
		t.Errorf("the slip is not in Arabic with a QR code")
	}
	signOut(t, ctx)

	// Two desks of the Ausländeramt call and serve; one handover with
	// consent, one without.
	signIn(t, ctx, url, "abh@example.org")
	for n, tt := range []struct{ note, answer string }{{"Bring the rental contract.", "given"}, {"Has a new address.", "refused"}} {
		desk := floor + "/desks/abh/" + strconv.Itoa(n+1)
		run(t, ctx, chromedp.Navigate(desk), chromedp.WaitVisible("form[action$='/call'] button"),
			chromedp.Click("form[action$='/call'] button"), chromedp.WaitVisible(".desk-ticket"),
			chromedp.Click("form[action$='/start'] button"), chromedp.WaitVisible("form[action$='/done'] button"),
			chromedp.SetValue("#to", "famb"), chromedp.SetValue("#note", tt.note),
			chromedp.Submit("#note"), chromedp.WaitVisible(".consent-ask"),
			chromedp.Click(".consent-ask form[action$='/"+tt.answer+"'] button"), chromedp.WaitNotPresent(".consent-ask"),
			chromedp.Click("form[action$='/done'] button"), chromedp.WaitVisible("form[action$='/call'] button"))
	}
	signOut(t, ctx)

	signIn(t, ctx, url, "famb@example.org")
	run(t, ctx, chromedp.Navigate(floor+"/desks/famb/1"), chromedp.WaitVisible("#waiting-h"))
	body := value(t, ctx, chromedp.Text("main"))
	if !strings.Contains(body, "Bring the rental contract.") {
		t.Errorf("the Familienbüro does not read the note shared with consent:\n%s", body)
	}
	if strings.Contains(body, "new address") {
		t.Errorf("the Familienbüro reads a note without consent")
	}
	if !strings.Contains(body, "A 1") || !strings.Contains(body, "A 2") {
		t.Errorf("the Familienbüro's desk does not list both handed-over tickets:\n%s", body)
	}
}
