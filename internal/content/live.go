package content

import (
	"context"
	"log/slog"
	"time"

	"lotse/internal/broker"
	"lotse/internal/db"
)

// Topic is the broker topic of content changes: every committed write
// publishes it, and every live store reloads when it hears it.
const Topic = "content"

// safetyPoll is how often a live store still checks the content version in
// the database: it catches writes of processes without a broker (a lotse
// command on the same SQLite file, SQL by hand). Events cover the rest.
const safetyPoll = time.Minute

// NewLiveStore returns a store on d that publishes Topic on b after every
// committed write and, once Follow runs, reloads as soon as any process on
// the database publishes it. It subscribes at once, so a change committed
// before Follow starts is not missed; the subscription lasts as long as b.
func NewLiveStore(d *db.DB, b broker.Broker, log *slog.Logger) *Store {
	s := NewStore(d)
	s.maxAge = safetyPoll
	s.broker, s.log = b, log
	s.events, _ = b.Subscribe(Topic)
	return s
}

// publish tells every process that the content changed. It runs after the
// write committed; when it fails the other processes see the change at their
// next safety poll.
func (s *Store) publish(ctx context.Context) {
	if s.broker == nil {
		return
	}
	if err := s.broker.Publish(context.WithoutCancel(ctx), broker.Event{Topic: Topic}); err != nil {
		s.log.Warn("publish content change", "error", err.Error())
	}
}

// Follow reloads the content whenever a Topic event (or a broker's resync)
// arrives, then calls changed, until ctx ends or the broker closes. Events
// that queue up while a reload runs are taken together. On a store from
// NewStore it returns at once.
func (s *Store) Follow(ctx context.Context, changed func()) {
	if s.events == nil {
		return
	}
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-s.events:
			if !ok {
				return
			}
		}
		for len(s.events) > 0 {
			<-s.events
		}
		if err := s.refresh(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			s.log.Warn("reload content after a change", "error", err.Error())
		}
		if changed != nil {
			changed()
		}
	}
}

// refresh checks the content version in the database now and reloads the
// snapshot if it changed; a write of this process has already done so.
func (s *Store) refresh(ctx context.Context) error {
	if snap := s.snap.Load(); snap != nil {
		snap.checked.Store(0)
	}
	_, err := s.current(ctx)
	return err
}
