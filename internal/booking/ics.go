package booking

import (
	"errors"
	"net/url"
	"strings"

	ics "github.com/arran4/golang-ical"

	"lotse/internal/i18n"
)

// The calendar file of a booking holds one event for the whole visit, from
// the first stop's start to the last stop's end, with the stops in its
// description: the visit is one trip to one room without waiting in between,
// and a change of stops (an agency added or dropped) then updates one event
// instead of leaving orphans that would each need a cancellation.
//
// Times are in UTC (no VTIMEZONE needed). The UID is the booking code at the
// portal's host, so every version of the file names the same event; SEQUENCE
// is the card's revision and DTSTAMP the time of that revision, so a calendar
// that imports a newer file replaces the older one. A cancelled booking gives
// METHOD:CANCEL with STATUS:CANCELLED; every other version METHOD:PUBLISH
// (the visitor imports the file; there is no organizer to answer to).

// ICSContentType is the media type of the file ICS writes, for attachments
// and downloads; the method parameter follows the card's state.
func ICSContentType(c Card) string {
	return "text/calendar; charset=UTF-8; method=" + string(icsMethod(c))
}

// ICS writes the iCalendar file (RFC 5545) of a booking in the visitor's
// language. A card without stops is an error.
func ICS(c Card) ([]byte, error) {
	if len(c.Stops) == 0 {
		return nil, errors.New("booking: calendar file of a card without stops")
	}
	t := i18n.For(c.Lang)
	cal := ics.NewCalendar()
	cal.SetProductId("-//lotse//One-Stop-Shop//DE")
	cal.SetMethod(icsMethod(c))
	ev := cal.AddEvent(string(c.Code) + "@" + uidDomain(c.Link))
	lang := &ics.KeyValues{Key: string(ics.ParameterLanguage), Value: []string{t.Lang.Code}}
	ev.SetDtStampTime(c.Changed)
	ev.SetSequence(c.Revision)
	ev.SetStartAt(c.Start())
	ev.SetEndAt(c.End())
	ev.SetSummary(t.Get("mail.ics_summary", "County", c.County), lang)
	if c.Place != "" {
		ev.SetLocation(c.Place)
	}
	ev.SetDescription(icsDescription(t, c), lang)
	if c.Link != "" {
		ev.SetURL(c.Link)
	}
	if c.Cancelled {
		ev.SetStatus(ics.ObjectStatusCancelled)
	} else {
		ev.SetStatus(ics.ObjectStatusConfirmed)
	}
	return []byte(cal.Serialize(ics.WithNewLine("\r\n"))), nil
}

func icsMethod(c Card) ics.Method {
	if c.Cancelled {
		return ics.MethodCancel
	}
	return ics.MethodPublish
}

// icsDescription lists the code, each stop at its local time and the link.
func icsDescription(t *i18n.T, c Card) string {
	lines := []string{t.Get("mail.code") + ": " + string(c.Code)}
	for _, s := range c.Stops {
		lines = append(lines, t.ShortTime(c.Local(s.Start))+" "+s.Agency)
	}
	if c.Link != "" {
		lines = append(lines, t.Get("mail.manage")+": "+c.Link)
	}
	return strings.Join(lines, "\n")
}

// uidDomain is the host of the visitor's link, or "lotse" without one.
func uidDomain(link string) string {
	if u, err := url.Parse(link); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "lotse"
}
