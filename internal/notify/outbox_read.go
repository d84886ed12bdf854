package notify

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// maxTextPart bounds the plain-text part Read decodes; a message of the
// outbox is a few kilobytes.
const maxTextPart = 1 << 20

// Read returns the headers of one message of the outbox, by the name List
// gave, and its plain-text part decoded: what the admin page shows of it.
func (o *Outbox) Read(name string) (OutboxEntry, string, error) {
	e, err := o.entry(name)
	if err != nil {
		return OutboxEntry{}, "", err
	}
	f, err := o.Open(name)
	if err != nil {
		return OutboxEntry{}, "", err
	}
	defer f.Close()
	msg, err := mail.ReadMessage(f)
	if err != nil {
		return OutboxEntry{}, "", fmt.Errorf("notify: outbox %s: %w", name, err)
	}
	text, err := textPart(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	if err != nil {
		return OutboxEntry{}, "", fmt.Errorf("notify: outbox %s: %w", name, err)
	}
	return e, text, nil
}

// errNoText is a message without a text/plain part.
var errNoText = errors.New("no text/plain part")

// textPart finds the first text/plain part of a body of the content type,
// in nested multiparts too, and decodes its transfer encoding.
func textPart(contentType, encoding string, body io.Reader) (string, error) {
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", err
	}
	if strings.HasPrefix(media, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return "", errNoText
			}
			if err != nil {
				return "", err
			}
			text, err := textPart(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p)
			if !errors.Is(err, errNoText) {
				return text, err
			}
		}
	}
	if media != "text/plain" {
		return "", errNoText
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	b, err := io.ReadAll(io.LimitReader(body, maxTextPart))
	return strings.ReplaceAll(string(b), "\r\n", "\n"), err
}
