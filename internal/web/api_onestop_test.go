package web

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type testOneStopDate struct {
	ID       string `json:"id"`
	Date     string `json:"date"`
	Start    string `json:"start"`
	End      string `json:"end"`
	Agencies []struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Desks int    `json:"desks"`
	} `json:"agencies"`
}

func oneStopDates(t *testing.T, h http.Handler, lang string) []testOneStopDate {
	t.Helper()
	rec := get(h, "/api/v1/onestop/dates?lang="+lang)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET dates: %d %s", rec.Code, rec.Body)
	}
	validate(t, loadSpec(t), "/api/v1/onestop/dates?lang="+lang, rec)
	var out []testOneStopDate
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAPIOneStopDates lists the rule's coming dates, holidays skipped, with
// the agencies named in the reader's language or else German.
func TestAPIOneStopDates(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		en := oneStopDates(t, h, "en")
		var days []string
		for _, d := range en {
			days = append(days, d.Date)
		}
		// 24 November 2026: November's is over, 1 January 2027 is New Year's Day.
		if diff := cmp.Diff([]string{"2026-12-04", "2027-01-08", "2027-02-05", "2027-03-05", "2027-04-02"}, days); diff != "" {
			t.Errorf("dates (-want +got):\n%s", diff)
		}
		first := en[0]
		if first.ID == "" || first.Start != "2026-12-04T09:00:00+01:00" || first.End != "2026-12-04T12:00:00+01:00" {
			t.Errorf("first date %+v", first)
		}
		if len(first.Agencies) != 2 || first.Agencies[0].ID != "abh" || first.Agencies[0].Name != "Immigration office" || first.Agencies[0].Desks != 2 {
			t.Errorf("agencies in English %+v", first.Agencies)
		}
		if uk := oneStopDates(t, h, "uk"); uk[0].Agencies[0].Name != "Ausländeramt" {
			t.Errorf("no Ukrainian name: %q, want the German", uk[0].Agencies[0].Name)
		}
		if rec := get(h, "/api/v1/onestop/dates?lang=xx"); rec.Code != http.StatusBadRequest {
			t.Errorf("unknown language: %d", rec.Code)
		}
	})
}
