package notify

import (
	"bytes"
	"errors"

	"github.com/wneessen/go-mail"
)

var (
	errUnknownKind = errors.New("notify: unknown message kind or a card without stops")
	// errRecipient stands for any error about the recipient's address, whose
	// own text would carry the address into a log.
	errRecipient = errors.New("notify: the recipient's address is not valid")
)

// kindHeader carries a message's Kind.
const kindHeader = "X-Lotse-Kind"

// build turns a message into a go-mail message from the address from: a
// multipart/alternative of text and HTML, in a multipart/mixed with the
// attachments. go-mail adds Date and Message-ID when it writes the message.
func build(m Message, from string) (*mail.Msg, error) {
	msg := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := msg.From(from); err != nil {
		return nil, err
	}
	if err := msg.To(m.To); err != nil {
		return nil, errRecipient
	}
	msg.Subject(m.Subject)
	msg.SetGenHeader(mail.HeaderContentLang, m.Lang)
	msg.SetGenHeader(kindHeader, m.Kind.String())
	msg.SetBodyString(mail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	for _, a := range m.Attachments {
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data), mail.WithFileContentType(mail.ContentType(a.ContentType))); err != nil {
			return nil, err
		}
	}
	return msg, nil
}
