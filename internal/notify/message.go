// Package notify tells visitors about their bookings by e-mail: it composes
// localized messages (plain text and HTML, right to left for Arabic and
// Dari/Persian, the calendar file attached) from a booking.Card, and sends
// them through a Mailer: SMTP when LOTSE_SMTP_HOST is set, otherwise a folder
// of .eml files that an admin can read, so a demo needs no mail server.
// Nothing here logs a recipient's address, and errors leave it out too.
package notify

import (
	"bytes"
	"context"
	"embed"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"

	"lotse/internal/booking"
	"lotse/internal/i18n"
)

// Mailer delivers a message. Implementations: SMTP and Outbox (New picks one).
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// Message is one e-mail to one visitor, ready to send: the Mailer adds the
// sender, the date and the Message-ID.
type Message struct {
	Kind        Kind   // what it is about, in the X-Lotse-Kind header
	To          string // the visitor's address
	Lang        string // BCP 47, for Content-Language
	Subject     string
	Text        string // the plain-text part
	HTML        string // the HTML part, the same content
	Attachments []Attachment
}

// Attachment is a file sent with a message, such as the booking's .ics.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Kind is what a message is about.
type Kind int

// The messages a booking gets.
const (
	Confirmed     Kind = iota // the booking is made: code, times, link, .ics
	Reminder                  // the day before: code, times, link
	Cancelled                 // the visitor cancelled: a CANCEL .ics
	DateCancelled             // the county called the date off: a CANCEL .ics
	// Changed: the visitor changed the booking's date, times or agencies:
	// the new times, the link and an .ics whose SEQUENCE replaces the old.
	Changed
)

// String is the kind's name in the X-Lotse-Kind header of a message, so
// that the outbox page can tell them apart: "confirmed", "reminder",
// "cancelled", "date_cancelled" or "changed".
func (k Kind) String() string { return kindTexts[k].name }

// kindTexts are the name, message keys and parts of each kind. A cancellation
// attaches a calendar file with METHOD:CANCEL, so a calendar that imported
// the booking removes it; it has no link, as there is nothing left to change.
var kindTexts = map[Kind]struct {
	name, subject, intro string
	link, calendar       bool
}{
	Confirmed:     {"confirmed", "mail.confirmed.subject", "mail.confirmed.intro", true, true},
	Reminder:      {"reminder", "mail.reminder.subject", "mail.reminder.intro", true, false},
	Cancelled:     {"cancelled", "mail.cancelled.subject", "mail.cancelled.intro", false, true},
	DateCancelled: {"date_cancelled", "mail.date_cancelled.subject", "mail.date_cancelled.intro", false, true},
	Changed:       {"changed", "mail.changed.subject", "mail.changed.intro", true, true},
}

//go:embed templates
var templateFS embed.FS

var (
	textTmpl = texttemplate.Must(texttemplate.ParseFS(templateFS, "templates/mail.txt"))
	htmlTmpl = htmltemplate.Must(htmltemplate.ParseFS(templateFS, "templates/mail.html"))
)

// view is what the templates show, every string already in the visitor's
// language, so the templates only lay it out.
type view struct {
	Lang, Dir                   string
	Subject, Greeting, Intro    string
	CodeLabel, Code, Date       string
	StopsLabel                  string
	Stops                       []viewStop
	WhereLabel, Place           string
	ManageLabel, Link, Calendar string
	Footer                      string
}

type viewStop struct{ Time, Agency string }

// Compose writes the message of a kind about a booking to the address to, in
// the card's language. For the cancellation kinds the card counts as
// cancelled; the caller raises its Revision with every change.
func Compose(kind Kind, to string, c booking.Card) (Message, error) {
	k, ok := kindTexts[kind]
	if !ok || len(c.Stops) == 0 {
		return Message{}, errUnknownKind
	}
	if kind == Cancelled || kind == DateCancelled {
		c.Cancelled = true
	}
	t := i18n.For(c.Lang)
	date := t.LongDate(c.Start())
	v := view{
		Lang: t.Lang.Code, Dir: t.Lang.Dir,
		Subject:    t.Get(k.subject, "Date", date),
		Greeting:   t.Get("mail.greeting"),
		Intro:      t.Get(k.intro),
		CodeLabel:  t.Get("mail.code"),
		Code:       string(c.Code),
		Date:       date,
		StopsLabel: t.Get("mail.stops"),
		WhereLabel: t.Get("home.where"),
		Place:      c.Place,
		Footer:     t.Get("mail.footer", "County", c.County),
	}
	for _, s := range c.Stops {
		v.Stops = append(v.Stops, viewStop{t.ShortTime(c.Local(s.Start)), s.Agency})
	}
	m := Message{Kind: kind, To: to, Lang: t.Lang.Code, Subject: v.Subject}
	if k.link && c.Link != "" {
		v.ManageLabel, v.Link = t.Get("mail.manage"), c.Link
	}
	if k.calendar {
		ics, err := booking.ICS(c)
		if err != nil {
			return Message{}, err
		}
		v.Calendar = t.Get("mail.calendar")
		m.Attachments = append(m.Attachments, Attachment{Name: "one-stop-shop.ics", ContentType: booking.ICSContentType(c), Data: ics})
	}
	var text, html bytes.Buffer
	if err := textTmpl.Execute(&text, v); err != nil {
		return Message{}, err
	}
	if err := htmlTmpl.Execute(&html, v); err != nil {
		return Message{}, err
	}
	m.Text, m.HTML = strings.TrimSpace(text.String())+"\n", html.String()
	return m, nil
}
