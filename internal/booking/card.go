package booking

import (
	"time"

	"lotse/internal/onestop"
)

// Card is what a visitor is told about a booking, the way an appointment card
// holds it: the e-mails, the calendar file and the printable page are built
// from it, so they never disagree. It holds no name, phone or e-mail address.
type Card struct {
	Code   Code
	Lang   string // the visitor's language code (i18n.For)
	County string // who runs the day, e.g. "Kreis Düren"
	Place  string // the One-Stop-Shop's address (the calendar's LOCATION)
	// Link is the visitor's page of the booking, token included; its host
	// also names the calendar UID's domain.
	Link  string
	Stops []CardStop // in time order, at least one
	// Zone is the local time of the day (LOTSE_TIMEZONE); nil is Europe/Berlin.
	Zone *time.Location
	// Revision is 0 when booked and raised by every change, cancellation
	// included: the calendar's SEQUENCE.
	Revision int
	// Changed is when this revision was made: the calendar's DTSTAMP.
	Changed time.Time
	// Cancelled is set once the visitor or the county has called it off.
	Cancelled bool
}

// CardStop is one agency of the visit and its time there.
type CardStop struct {
	Agency     string // the agency's name in the visitor's language
	Start, End time.Time
}

// Start is when the visit begins, in the day's local time.
func (c Card) Start() time.Time { return c.Stops[0].Start.In(c.zone()) }

// End is when the visit's last stop ends, in the day's local time.
func (c Card) End() time.Time { return c.Stops[len(c.Stops)-1].End.In(c.zone()) }

// Local returns t in the day's local time.
func (c Card) Local(t time.Time) time.Time { return t.In(c.zone()) }

func (c Card) zone() *time.Location {
	if c.Zone != nil {
		return c.Zone
	}
	if z, err := time.LoadLocation("Europe/Berlin"); err == nil {
		return z
	}
	return time.UTC
}

// Card is what the visitor of b is told, in lang, on date d of the One-Stop-Shop
// that county runs at place: name gives an agency's name in lang. The caller
// adds the Link, which holds the token only it knows.
func (b Booking) Card(d onestop.Date, lang, county, place string, zone *time.Location, name func(agency string) string) Card {
	c := Card{Code: b.Code, Lang: lang, County: county, Place: place, Zone: zone, Revision: b.Revision,
		Changed: b.Updated, Cancelled: b.Status == StatusCancelled}
	for _, st := range b.Stops {
		start, end := st.Times(d)
		c.Stops = append(c.Stops, CardStop{Agency: name(st.Agency), Start: start, End: end})
	}
	return c
}
