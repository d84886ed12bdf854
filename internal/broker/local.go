package broker

import (
	"context"
	"sync"
)

// Local is a broker inside one process: enough for SQLite, where one process
// owns the database, and the fan-out under Postgres. The zero value is not
// usable; call NewLocal.
type Local struct {
	mu     sync.Mutex
	topics map[string]map[*subscription]struct{}
	closed bool
}

// subscription is one subscriber's bounded queue.
type subscription struct {
	topic string
	ch    chan Event
}

// NewLocal returns an in-process broker.
func NewLocal() *Local {
	return &Local{topics: map[string]map[*subscription]struct{}{}}
}

// Publish delivers e to every subscriber of e.Topic without waiting for any of
// them: a subscriber whose queue is full has its queue replaced by one Resync
// marker (see deliver). The subscribers share one copy of e.Data.
func (l *Local) Publish(_ context.Context, e Event) error {
	if err := check(e); err != nil {
		return err
	}
	if e.Data != nil {
		e.Data = append([]byte(nil), e.Data...)
	}
	return l.fanOut(e)
}

// fanOut delivers an event already checked and copied.
func (l *Local) fanOut(e Event) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return ErrClosed
	}
	for s := range l.topics[e.Topic] {
		s.deliver(e)
	}
	return nil
}

// deliver queues e, or, when the subscriber is Buffer events behind, drops
// what it has not read and queues a Resync marker in their place: the
// subscriber reloads a snapshot, which contains e and everything before it.
// The caller holds l.mu, so nobody else sends on s.ch meanwhile and the
// channel has room after the drain.
func (s *subscription) deliver(e Event) {
	select {
	case s.ch <- e:
		return
	default:
	}
	s.resync()
}

// resync replaces the subscriber's queue by one Resync marker. The caller
// holds l.mu.
func (s *subscription) resync() {
drain:
	for {
		select {
		case <-s.ch:
		default:
			break drain
		}
	}
	select {
	case s.ch <- Event{Topic: s.topic, Resync: true}:
	default: // the marker is still queued: the subscriber has not read it yet
	}
}

// resyncAll tells every subscriber to reload: events may have been lost.
func (l *Local) resyncAll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, subs := range l.topics {
		for s := range subs {
			s.resync()
		}
	}
}

// Subscribe returns a channel of topic's events and a func that ends the
// subscription and closes the channel; calling it again does nothing. After
// Close the channel is closed at once.
func (l *Local) Subscribe(topic string) (<-chan Event, func()) {
	s := &subscription{topic: topic, ch: make(chan Event, Buffer)}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		close(s.ch)
		return s.ch, func() {}
	}
	subs := l.topics[topic]
	if subs == nil {
		subs = map[*subscription]struct{}{}
		l.topics[topic] = subs
	}
	subs[s] = struct{}{}
	return s.ch, func() { l.unsubscribe(s) }
}

func (l *Local) unsubscribe(s *subscription) {
	l.mu.Lock()
	defer l.mu.Unlock()
	subs, ok := l.topics[s.topic]
	if _, in := subs[s]; !ok || !in {
		return // cancelled before, or closed by Close
	}
	delete(subs, s)
	if len(subs) == 0 {
		delete(l.topics, s.topic)
	}
	close(s.ch)
}

// Subscribers reports how many subscriptions topic has, for tests and metrics.
func (l *Local) Subscribers(topic string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.topics[topic])
}

// Close closes every subscriber's channel; Publish then fails with ErrClosed.
func (l *Local) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	for _, subs := range l.topics {
		for s := range subs {
			close(s.ch)
		}
	}
	l.topics = nil
	return nil
}
