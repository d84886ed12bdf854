package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Outbox is the Mailer without SMTP: it writes every message as an RFC 5322
// file (name.eml, mode 0600, in a folder of mode 0700) instead of sending
// it, so the demo works without a mail server and an admin can read what
// would have gone out. The files hold visitors' addresses: they are kept as
// private as the database.
type Outbox struct {
	dir, from string
	now       func() time.Time
}

// NewOutbox returns the outbox in dir, with from as the messages' sender.
func NewOutbox(dir, from string) *Outbox {
	return &Outbox{dir: dir, from: from, now: time.Now}
}

// Send writes the message to a new file; a reader never sees half of one.
func (o *Outbox) Send(_ context.Context, m Message) error {
	msg, err := build(m, o.from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return fmt.Errorf("notify: outbox: %w", err)
	}
	var suffix [4]byte
	rand.Read(suffix[:])
	name := o.now().UTC().Format("20060102T150405.000000000Z") + "-" + hex.EncodeToString(suffix[:]) + ".eml"
	tmp, err := os.CreateTemp(o.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("notify: outbox: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := msg.WriteTo(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("notify: outbox: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("notify: outbox: %w", err)
	}
	return os.Rename(tmp.Name(), filepath.Join(o.dir, name))
}

// OutboxEntry describes one message in the outbox, for the admin's list.
type OutboxEntry struct {
	Name    string // the file name, for Open
	Kind    string // Kind.String() of the message, "" for none
	Date    time.Time
	To      string
	Subject string // decoded from RFC 2047
	Size    int64
}

// List returns the messages in the outbox, newest first. An outbox nothing
// was written to yet is empty; a file that is no message is listed by its
// name alone.
func (o *Outbox) List() ([]OutboxEntry, error) {
	files, err := os.ReadDir(o.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("notify: outbox: %w", err)
	}
	var list []OutboxEntry
	for _, f := range files {
		if !validName(f.Name()) {
			continue
		}
		e, err := o.entry(f.Name())
		if errors.Is(err, os.ErrNotExist) {
			continue // removed since ReadDir
		}
		if err != nil {
			e = OutboxEntry{Name: f.Name()} // listed by name, so one damaged file hides no other
		}
		list = append(list, e)
	}
	slices.Reverse(list) // names begin with the time, and ReadDir sorts them
	return list, nil
}

// entry reads the headers of one message.
func (o *Outbox) entry(name string) (OutboxEntry, error) {
	f, err := o.Open(name)
	if err != nil {
		return OutboxEntry{}, err
	}
	defer f.Close()
	e := OutboxEntry{Name: name}
	if st, err := f.(*os.File).Stat(); err == nil {
		e.Size = st.Size()
	}
	msg, err := mail.ReadMessage(f)
	if err != nil {
		return e, fmt.Errorf("notify: outbox %s: %w", name, err)
	}
	e.Date, _ = msg.Header.Date()
	e.Kind = msg.Header.Get(kindHeader)
	e.To = msg.Header.Get("To")
	if a, err := mail.ParseAddress(e.To); err == nil {
		e.To = a.Address
	}
	dec := new(mime.WordDecoder)
	if e.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		e.Subject = msg.Header.Get("Subject")
	}
	return e, nil
}

// Open opens one message of the outbox by the name List gave; any other
// name, such as one with a path in it, is an os.ErrNotExist.
func (o *Outbox) Open(name string) (io.ReadCloser, error) {
	if !validName(name) {
		return nil, os.ErrNotExist
	}
	return os.OpenInRoot(o.dir, name)
}

// validName reports whether name can be a message file of the outbox.
func validName(name string) bool {
	return strings.HasSuffix(name, ".eml") && !strings.HasPrefix(name, ".") && filepath.Base(name) == name
}
