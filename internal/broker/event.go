package broker

import (
	"context"
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Event says that something changed. Subscribers re-read the state from the
// database; the event only says what changed, so it stays small.
type Event struct {
	// Topic names what changed: "floor/42" (the floor of One-Stop-Shop date
	// 42), "content" (guides, places, municipalities).
	Topic string
	// Data is small JSON describing the change. Every subscriber receives the
	// same slice: read it, never modify it.
	Data []byte
	// Resync marks an event the broker made, not a publisher: events of the
	// topic may have been lost (the subscriber was too slow, or the broker's
	// database connection dropped), so the subscriber reloads a full snapshot.
	// Data is nil. Publish refuses events with Resync set.
	Resync bool
}

// Broker carries events from the process that committed a change to every
// subscriber of its topic.
type Broker interface {
	// Publish sends e to every subscriber of e.Topic in every process on the
	// database. Call it only after the transaction that made the change has
	// committed (db.Tx.AfterCommit), with a context a client's leaving does
	// not cancel (context.WithoutCancel): the change is made, others must hear.
	Publish(ctx context.Context, e Event) error
	// Subscribe returns a channel of the topic's events and a cancel func that
	// ends the subscription and closes the channel. A subscriber that falls
	// Buffer events behind loses them and receives a Resync marker instead;
	// it never blocks Publish or other subscribers.
	Subscribe(topic string) (<-chan Event, func())
	// Close ends every subscription (closing their channels) and releases the
	// broker's connections. Publish after Close fails with ErrClosed.
	Close() error
}

// Buffer is how many events a subscriber may fall behind before it loses
// them to a Resync marker.
const Buffer = 32

// MaxSize bounds len(Topic)+len(Data) of a published event. PostgreSQL's
// NOTIFY takes payloads below 8000 bytes; the broker keeps some for its own
// header, and Local refuses the same sizes so that a store tested on SQLite
// does not fail on PostgreSQL.
const MaxSize = 7900

// Errors of Publish.
var (
	ErrClosed   = errors.New("broker: closed")
	ErrTooLarge = fmt.Errorf("broker: event larger than %d bytes (topic and data); publish what changed, not the state", MaxSize)
)

// check refuses an event that not every broker can carry: a resync marker,
// an empty topic or one with spaces or control characters (the PostgreSQL
// payload separates the topic by a space), an oversized event, or data that
// is not UTF-8 text without NUL bytes (a NOTIFY payload is text).
func check(e Event) error {
	if e.Resync {
		return errors.New("broker: resync markers come from the broker, not from publishers")
	}
	if e.Topic == "" {
		return errors.New("broker: event without a topic")
	}
	for _, r := range e.Topic {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError {
			return fmt.Errorf("broker: topic %q has a space or control character", e.Topic)
		}
	}
	if len(e.Topic)+len(e.Data) > MaxSize {
		return ErrTooLarge
	}
	if !utf8.Valid(e.Data) {
		return errors.New("broker: event data is not UTF-8 text")
	}
	for _, b := range e.Data {
		if b == 0 {
			return errors.New("broker: event data contains a NUL byte")
		}
	}
	return nil
}

// Both brokers implement Broker.
var (
	_ Broker = (*Local)(nil)
	_ Broker = (*Postgres)(nil)
)
