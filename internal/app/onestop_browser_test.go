package app

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"lotse/internal/db"
	"lotse/internal/onestop"
	"lotse/internal/staff"
)

// TestBrowserOneStopAdmin sets up and cancels a One-Stop-Shop date in a real
// browser by keyboard alone: the admin signs in and turns on the second
// factor, types a one-off date into the dates form and sends it with Enter,
// changes the desks of an agency on the date's roster, and follows the
// cancel link and confirms with Enter; the date then leaves the public API.
func TestBrowserOneStopAdmin(t *testing.T) {
	ctx := browser(t)
	path := filepath.Join(t.TempDir(), "lotse.db")
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	svc := staff.New(d, staff.Options{Params: staff.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}})
	const pw = "correct horse battery staple"
	if _, _, err := svc.Create(context.Background(), staff.CLI, staff.NewUser{Email: "admin@example.org", Role: staff.Admin, Password: pw}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	url, _ := start(t, Config{DatabaseURL: path, Demo: true, Location: berlin})
	enter := chromedp.KeyEvent("\r")

	// Sign in; an admin without a second factor is sent to set it up.
	run(t, ctx, chromedp.Navigate(url+"/staff/login"), chromedp.WaitVisible("#email"),
		chromedp.SendKeys("#email", "admin@example.org"), chromedp.SendKeys("#password", pw), enter,
		chromedp.WaitVisible("code.secret"))
	secret := strings.ReplaceAll(value(t, ctx, chromedp.Text("code.secret")), " ", "")
	code, err := totp.GenerateCode(secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.SendKeys("#code", code), enter, chromedp.WaitVisible(".notice.ok"))

	// A one-off date on a Wednesday (the rule's dates are Fridays) that is
	// no holiday, with the rule's hours the form offers.
	day := time.Now().In(berlin).AddDate(0, 2, 0)
	for day.Weekday() != time.Wednesday || onestop.IsHoliday(day) {
		day = day.AddDate(0, 0, 1)
	}
	run(t, ctx, chromedp.Navigate(url+"/staff/onestop/"), chromedp.WaitVisible("#date"),
		chromedp.SendKeys("#date", day.Format(time.DateOnly)), enter, chromedp.WaitVisible(".notice.ok"))
	loc := value(t, ctx, chromedp.Location())
	if !strings.Contains(loc, "/staff/onestop/") || !strings.HasSuffix(loc, "?created=1") {
		t.Fatalf("after Enter in the dates form: %s", loc)
	}
	datePath := strings.TrimSuffix(strings.TrimPrefix(loc, url), "?created=1")

	// The first agency gets seven desks.
	run(t, ctx, chromedp.Clear(`input[name="a0.desks"]`), chromedp.SendKeys(`input[name="a0.desks"]`, "7"), enter,
		chromedp.WaitVisible(".notice.ok"))
	if loc := value(t, ctx, chromedp.Location()); !strings.HasSuffix(loc, datePath+"?saved=1") {
		t.Fatalf("after saving the roster: %s", loc)
	}
	if desks := value(t, ctx, chromedp.Value(`input[name="a0.desks"]`)); desks != "7" {
		t.Errorf("desks after saving: %q", desks)
	}

	// Cancel: the link, then the confirmation button, by Enter.
	run(t, ctx, chromedp.Focus(`a[href="`+datePath+`/cancel"]`), enter, chromedp.WaitVisible(`main form button`),
		chromedp.Focus(`main form button`), enter, chromedp.WaitVisible(`.notice.ok`))
	if loc := value(t, ctx, chromedp.Location()); !strings.Contains(loc, datePath+"?mailed=0") {
		t.Fatalf("after cancelling: %s", loc)
	}
	res, err := http.Get(url + "/api/v1/onestop/dates")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if strings.Contains(string(body), `"date":"`+day.Format(time.DateOnly)+`"`) {
		t.Errorf("the cancelled date is still listed: %s", body)
	}
}
