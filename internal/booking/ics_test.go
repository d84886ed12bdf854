package booking

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"lotse/internal/golden"
)

// testCard is a booking of three stops on the first Monday after the change
// to summer time, so local 09:20 is 07:20 UTC.
func testCard(lang string) Card {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	at := func(h, m int) time.Time { return time.Date(2026, 3, 30, h, m, 0, 0, berlin) }
	code := validCode("K7MA4QX")
	return Card{
		Code:    code,
		Lang:    lang,
		County:  "Kreis Düren",
		Place:   "Kreishaus Düren, Bismarckstraße 16, 52351 Düren",
		Link:    "https://welcome.example.org/" + lang + "/booking/" + string(code) + "?t=tok",
		Zone:    berlin,
		Changed: time.Date(2026, 3, 2, 14, 5, 0, 0, time.UTC),
		Stops: []CardStop{
			{Agency: "Ausländeramt", Start: at(9, 20), End: at(9, 45)},
			{Agency: "job-com", Start: at(9, 45), End: at(10, 5)},
			{Agency: "AOK Rheinland/Hamburg", Start: at(10, 5), End: at(10, 25)},
		},
	}
}

func TestICS(t *testing.T) {
	cancelled := testCard("ar")
	cancelled.Revision, cancelled.Cancelled = 2, true
	cancelled.Changed = cancelled.Changed.Add(48 * time.Hour)
	tests := []struct {
		golden   string
		card     Card
		method   string
		status   string
		sequence string
		descHas  string
	}{
		{"confirmed-de.ics", testCard("de"), "PUBLISH", "CONFIRMED", "0", "09:20 Ausländeramt"},
		{"cancelled-ar.ics", cancelled, "CANCEL", "CANCELLED", "2", "9:20 ص Ausländeramt"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			b, err := ICS(tt.card)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tt.golden), b)
			if !bytes.Contains(b, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(b, []byte("\r\n"), nil), []byte("\n")) {
				t.Error("lines do not all end in CRLF")
			}
			cal, err := ics.ParseCalendar(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if m := calendarProperty(cal, ics.PropertyMethod); m != tt.method {
				t.Errorf("METHOD = %q, want %q", m, tt.method)
			}
			evs := cal.Events()
			if len(evs) != 1 {
				t.Fatalf("%d events, want one for the visit", len(evs))
			}
			ev := evs[0]
			start, err1 := ev.GetStartAt()
			end, err2 := ev.GetEndAt()
			if err1 != nil || err2 != nil || !start.Equal(tt.card.Stops[0].Start) || !end.Equal(tt.card.Stops[2].End) {
				t.Errorf("event %v–%v (%v, %v), want the visit %v–%v", start, end, err1, err2, tt.card.Stops[0].Start, tt.card.Stops[2].End)
			}
			if s := ev.GetProperty(ics.ComponentPropertyDtStart).Value; s != "20260330T072000Z" {
				t.Errorf("DTSTART = %q, want UTC 07:20 (09:20 summer time)", s)
			}
			want := map[ics.ComponentProperty]string{
				ics.ComponentPropertyUniqueId: string(tt.card.Code) + "@welcome.example.org",
				ics.ComponentPropertySequence: tt.sequence,
				ics.ComponentPropertyStatus:   tt.status,
				ics.ComponentPropertyLocation: tt.card.Place,
				ics.ComponentPropertyDtstamp:  tt.card.Changed.UTC().Format("20060102T150405Z"),
			}
			for p, w := range want {
				if got := ev.GetProperty(p); got == nil || got.Value != w {
					t.Errorf("%s = %v, want %q", p, got, w)
				}
			}
			desc := ev.GetProperty(ics.ComponentPropertyDescription)
			if desc == nil || !strings.Contains(desc.Value, tt.descHas) || !strings.Contains(desc.Value, string(tt.card.Code)) {
				t.Errorf("DESCRIPTION = %v, want the code and %q", desc, tt.descHas)
			}
			if l := desc.ICalParameters["LANGUAGE"]; len(l) != 1 || l[0] != tt.card.Lang {
				t.Errorf("DESCRIPTION;LANGUAGE = %v, want %s", l, tt.card.Lang)
			}
			if ct := ICSContentType(tt.card); !strings.HasSuffix(ct, "method="+tt.method) {
				t.Errorf("content type %q does not name method %s", ct, tt.method)
			}
		})
	}
}

func TestICSWithoutStops(t *testing.T) {
	c := testCard("de")
	c.Stops = nil
	if _, err := ICS(c); err == nil {
		t.Error("a card without stops gave a calendar file")
	}
}

func calendarProperty(cal *ics.Calendar, p ics.Property) string {
	for _, cp := range cal.CalendarProperties {
		if cp.IANAToken == string(p) {
			return cp.Value
		}
	}
	return ""
}
