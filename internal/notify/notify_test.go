package notify

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"lotse/internal/booking"
	"lotse/internal/golden"
	"lotse/internal/i18n"
)

const visitor = "newcomer@example.org"

// testCard is a booking of two stops in the visitor's language.
func testCard(t *testing.T, lang string) booking.Card {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	code, err := booking.ParseCode("K7MA-4QX5")
	if err != nil {
		t.Fatal(err)
	}
	at := func(h, m int) time.Time { return time.Date(2026, 12, 9, h, m, 0, 0, berlin) }
	return booking.Card{
		Code: code, Lang: lang, County: "Kreis Düren",
		Place:   "Kreishaus Düren, Bismarckstraße 16, 52351 Düren",
		Link:    "https://welcome.example.org/" + lang + "/booking/K7MA-4QX5?t=0123456789abcdefghijkl",
		Zone:    berlin,
		Changed: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC),
		Stops: []booking.CardStop{
			{Agency: "Ausländeramt", Start: at(9, 20), End: at(9, 45)},
			{Agency: "job-com", Start: at(9, 45), End: at(10, 5)},
		},
	}
}

var kindNames = map[Kind]string{Confirmed: "confirmed", Reminder: "reminder", Cancelled: "cancelled", DateCancelled: "date-cancelled", Changed: "changed"}

// TestSMTPGolden sends every kind of message in German and Arabic through an
// SMTP server in the test and compares what arrives with golden files.
func TestSMTPGolden(t *testing.T) {
	srv := startServer(t, "lotse", "s3cret-pass")
	m := NewSMTP(SMTPConfig{Host: srv.Host, Port: srv.Port, User: "lotse", Password: "s3cret-pass", From: "Welcome-Center <welcome@example.org>", TLS: StartTLS})
	m.tls = clientTLS(srv)
	for _, lang := range []string{"de", "ar"} {
		for kind, name := range kindNames {
			file := fmt.Sprintf("%s-%s.golden", name, lang)
			t.Run(file, func(t *testing.T) {
				c := testCard(t, lang)
				if kind == Changed {
					c.Revision = 1 // a change raises the calendar's SEQUENCE
				}
				msg, err := Compose(kind, visitor, c)
				if err != nil {
					t.Fatal(err)
				}
				if kind == Changed && (len(msg.Attachments) != 1 || !bytes.Contains(msg.Attachments[0].Data, []byte("SEQUENCE:1\r\n"))) {
					t.Errorf("the change's calendar file does not replace the booked one (SEQUENCE:1)")
				}
				before := len(srv.messages())
				if err := m.Send(context.Background(), msg); err != nil {
					t.Fatal(err)
				}
				got := srv.messages()
				if len(got) != before+1 {
					t.Fatalf("server got %d messages, want %d", len(got), before+1)
				}
				r := got[len(got)-1]
				if r.From != "welcome@example.org" || r.To != visitor || r.User != "lotse" {
					t.Errorf("envelope from %q to %q as %q", r.From, r.To, r.User)
				}
				golden.Check(t, filepath.Join("testdata", file), normalize(r.Data))
				checkStructure(t, r.Data, lang, kind)
			})
		}
	}
}

// checkStructure parses a message as a mail client would: text and HTML
// alternatives, the HTML's language and direction, and a calendar file
// whose method fits the kind.
func checkStructure(t *testing.T, data []byte, lang string, kind Kind) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if cl := msg.Header.Get("Content-Language"); cl != lang {
		t.Errorf("Content-Language %q, want %s", cl, lang)
	}
	parts := map[string][]byte{}
	walkParts(t, msg.Header.Get("Content-Type"), msg.Body, parts)
	if len(parts["text/plain"]) == 0 || len(parts["text/html"]) == 0 {
		t.Fatalf("parts %v: want text/plain and text/html", keys(parts))
	}
	if !bytes.Contains(parts["text/plain"], []byte("K7MA-4QX5")) {
		t.Error("the text part lacks the booking code")
	}
	doc, err := html.Parse(bytes.NewReader(parts["text/html"]))
	if err != nil {
		t.Fatal(err)
	}
	dir := "ltr"
	if i18n.MustLookup(lang).RTL() {
		dir = "rtl"
	}
	root := doc.FirstChild.NextSibling // after the doctype
	if attr(root, "lang") != lang || attr(root, "dir") != dir {
		t.Errorf("<html lang=%q dir=%q>, want %s %s", attr(root, "lang"), attr(root, "dir"), lang, dir)
	}
	ics, hasICS := parts["text/calendar"]
	if want := kindTexts[kind].calendar; hasICS != want {
		t.Fatalf("calendar attached: %v, want %v", hasICS, want)
	}
	if hasICS {
		method := "PUBLISH"
		if kind == Cancelled || kind == DateCancelled {
			method = "CANCEL"
		}
		if !bytes.Contains(ics, []byte("METHOD:"+method+"\r\n")) {
			t.Errorf("calendar file without METHOD:%s:\n%s", method, ics)
		}
	}
	if link := bytes.Contains(parts["text/plain"], []byte("/booking/K7MA-4QX5")); link != kindTexts[kind].link {
		t.Errorf("link in the text: %v, want %v", link, kindTexts[kind].link)
	}
}

// walkParts collects the decoded leaf parts of a MIME body by media type.
func walkParts(t *testing.T, contentType string, body io.Reader, parts map[string][]byte) {
	t.Helper()
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		t.Fatalf("Content-Type %q: %v", contentType, err)
	}
	if !strings.HasPrefix(media, "multipart/") {
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		parts[media] = b
		return
	}
	mr := multipart.NewReader(body, params["boundary"])
	for {
		p, err := mr.NextPart() // decodes quoted-printable itself
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		var r io.Reader = p
		if p.Header.Get("Content-Transfer-Encoding") == "base64" {
			r = base64Reader(p)
		} else if p.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
			r = quotedprintable.NewReader(p)
		}
		walkParts(t, p.Header.Get("Content-Type"), r, parts)
	}
}

// TestEveryLanguage composes each kind in every UI language: no message key
// shows through, and every language but German's two has its own subject.
func TestEveryLanguage(t *testing.T) {
	for _, l := range i18n.All() {
		for kind, name := range kindNames {
			m, err := Compose(kind, visitor, testCard(t, l.Code))
			if err != nil {
				t.Fatalf("%s %s: %v", l.Code, name, err)
			}
			if messageKey.MatchString(m.Text + m.HTML + m.Subject) {
				t.Errorf("%s %s: a message key shows: %s", l.Code, name, m.Subject)
			}
			de, _ := Compose(kind, visitor, testCard(t, "de"))
			if l.Code != "de" && l.Code != i18n.Simple && m.Subject == de.Subject {
				t.Errorf("%s %s: subject is the German one", l.Code, name)
			}
		}
	}
	if _, err := Compose(Kind(99), visitor, testCard(t, "de")); err == nil {
		t.Error("an unknown kind composed a message")
	}
}

// TestOutbox writes messages to the folder and reads them back as the admin
// page will, and checks that they match what SMTP sends.
func TestOutbox(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "outbox")
	ob := New(SMTPConfig{From: "Welcome-Center <welcome@example.org>"}, dir).(*Outbox)
	clock := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	ob.now = func() time.Time { clock = clock.Add(time.Second); return clock }
	if list, err := ob.List(); err != nil || len(list) != 0 {
		t.Fatalf("empty outbox: %v, %v", list, err)
	}
	for _, kind := range []Kind{Confirmed, Reminder} {
		m, err := Compose(kind, visitor, testCard(t, "ar"))
		if err != nil {
			t.Fatal(err)
		}
		if err := ob.Send(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("outbox folder: %v, %v; want mode 0700", st.Mode(), err)
	}
	list, err := ob.List()
	if err != nil || len(list) != 2 {
		t.Fatalf("List = %v, %v; want two messages", list, err)
	}
	reminder, _ := Compose(Reminder, visitor, testCard(t, "ar"))
	if list[0].Subject != reminder.Subject || list[0].To != visitor || list[0].Date.IsZero() || list[0].Size == 0 {
		t.Errorf("newest entry %+v, want the reminder to %s", list[0], visitor)
	}
	for _, e := range list {
		st, err := os.Stat(filepath.Join(dir, e.Name))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, %v; want mode 0600", e.Name, st.Mode(), err)
		}
	}
	f, err := ob.Open(list[1].Name)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	f.Close()
	golden.Check(t, filepath.Join("testdata", "confirmed-ar.golden"), normalize(b))
	e, text, err := ob.Read(list[0].Name)
	if err != nil || e.Kind != "reminder" || text != reminder.Text {
		t.Errorf("Read = %+v, %v, text %q; want the reminder's kind and text %q", e, err, text, reminder.Text)
	}
	if _, _, err := ob.Read("../" + list[0].Name); err == nil {
		t.Error("Read of a path outside the outbox succeeded")
	}
	// A damaged file is listed by name and hides no other message.
	if err := os.WriteFile(filepath.Join(dir, "20261201T100100.000000000Z-00000000.eml"), []byte("no\x00 message\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if list, err := ob.List(); err != nil || len(list) != 3 || list[0].Name != "20261201T100100.000000000Z-00000000.eml" || list[0].Subject != "" {
		t.Errorf("List with a damaged file = %+v, %v", list, err)
	}
	for _, bad := range []string{"../outbox/" + list[0].Name, list[0].Name + ".txt", ".tmp-1.eml", "/etc/passwd"} {
		if _, err := ob.Open(bad); err == nil {
			t.Errorf("Open(%q) succeeded", bad)
		}
	}
}

// TestErrorsLeaveOutTheAddress checks that a refused delivery and a
// malformed address give errors without the recipient's address.
func TestErrorsLeaveOutTheAddress(t *testing.T) {
	srv := startServer(t, "", "")
	m := NewSMTP(SMTPConfig{Host: srv.Host, Port: srv.Port, From: "welcome@example.org", TLS: NoTLS})
	for _, to := range []string{"amira.haddad@refused.example", "amira.haddad@@example"} {
		msg, err := Compose(Confirmed, to, testCard(t, "de"))
		if err != nil {
			t.Fatal(err)
		}
		err = m.Send(context.Background(), msg)
		if err == nil {
			t.Fatalf("sending to %s succeeded", to)
		}
		if strings.Contains(err.Error(), "amira") {
			t.Errorf("error names the recipient: %v", err)
		}
	}
}

func TestDefaultPort(t *testing.T) {
	for mode, want := range map[TLSMode]int{StartTLS: 587, TLS: 465, NoTLS: 25} {
		if got := mode.DefaultPort(); got != want {
			t.Errorf("%s: port %d, want %d", mode, got, want)
		}
	}
}

var (
	messageKey = regexp.MustCompile(`mail\.[a-z_]`)
	dateHeader = regexp.MustCompile(`(?m)^Date: .*\r\n`)
	idHeader   = regexp.MustCompile(`(?m)^Message-ID: .*\r\n`)
	boundary   = regexp.MustCompile(`boundary="?([0-9A-Za-z'()+_,./:=?-]+)"?`)
)

// normalize replaces what differs between two sendings of the same message,
// the date, the Message-ID and the MIME boundaries, with fixed stand-ins.
func normalize(b []byte) []byte {
	b = dateHeader.ReplaceAll(b, []byte("Date: DATE\r\n"))
	b = idHeader.ReplaceAll(b, []byte("Message-ID: <ID>\r\n"))
	for i, m := range boundary.FindAllSubmatch(b, -1) {
		b = bytes.ReplaceAll(b, m[1], fmt.Appendf(nil, "BOUNDARY-%d", i+1))
	}
	return b
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func base64Reader(r io.Reader) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, r)
}
