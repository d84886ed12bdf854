package broker

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
)

// receive returns the next event on ch or fails when none is queued.
func receive(t *testing.T, ch <-chan Event) Event {
	t.Helper()
	select {
	case e, ok := <-ch:
		if !ok {
			t.Fatal("channel closed")
		}
		return e
	default:
		t.Fatal("no event queued")
		return Event{}
	}
}

// empty fails when ch holds an event.
func empty(t *testing.T, ch <-chan Event) {
	t.Helper()
	select {
	case e := <-ch:
		t.Fatalf("unexpected event %+v", e)
	default:
	}
}

func TestLocalFanOut(t *testing.T) {
	b := NewLocal()
	defer b.Close()
	a1, cancel1 := b.Subscribe("floor/1")
	defer cancel1()
	a2, cancel2 := b.Subscribe("floor/1")
	defer cancel2()
	other, cancel3 := b.Subscribe("floor/2")
	defer cancel3()

	data := []byte(`{"ticket":"A 17"}`)
	if err := b.Publish(context.Background(), Event{Topic: "floor/1", Data: data}); err != nil {
		t.Fatal(err)
	}
	copy(data, "XXXXX") // the publisher reuses its buffer: subscribers keep what was published
	for _, ch := range []<-chan Event{a1, a2} {
		e := receive(t, ch)
		if e.Topic != "floor/1" || string(e.Data) != `{"ticket":"A 17"}` || e.Resync {
			t.Errorf("got %+v %s", e, e.Data)
		}
		empty(t, ch)
	}
	empty(t, other)
}

func TestLocalUnsubscribe(t *testing.T) {
	b := NewLocal()
	defer b.Close()
	ch, cancel := b.Subscribe("content")
	stay, cancelStay := b.Subscribe("content")
	defer cancelStay()
	cancel()
	cancel() // a second cancel does nothing
	if _, ok := <-ch; ok {
		t.Fatal("channel still open after cancel")
	}
	if n := b.Subscribers("content"); n != 1 {
		t.Fatalf("%d subscribers, want 1", n)
	}
	if err := b.Publish(context.Background(), Event{Topic: "content"}); err != nil {
		t.Fatal(err) // must not send on the closed channel
	}
	receive(t, stay)
	cancelStay()
	if n := b.Subscribers("content"); n != 0 {
		t.Fatalf("%d subscribers, want 0", n)
	}
}

// TestLocalSlowSubscriber: a subscriber that reads nothing never blocks
// Publish or a subscriber that keeps up; once more than Buffer events wait,
// it finds one Resync marker, then the newer events.
func TestLocalSlowSubscriber(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := NewLocal()
		defer b.Close()
		slow, cancelSlow := b.Subscribe("floor/1")
		defer cancelSlow()
		fast, cancelFast := b.Subscribe("floor/1")
		defer cancelFast()
		got := make(chan int)
		go func() {
			n := 0
			for e := range fast {
				if e.Resync {
					t.Error("the fast subscriber got a resync")
				}
				n++
			}
			got <- n
		}()
		for range Buffer + 5 {
			published := make(chan struct{})
			go func() {
				if err := b.Publish(context.Background(), Event{Topic: "floor/1", Data: []byte(`{}`)}); err != nil {
					t.Error(err)
				}
				close(published)
			}()
			// Every goroutine is blocked or done: the fast subscriber has read
			// the event, and a Publish that waits for the slow one is stuck.
			synctest.Wait()
			select {
			case <-published:
			default:
				t.Fatal("Publish blocked on a slow subscriber")
			}
		}
		// Buffer events fit; the next one overflowed: resync; then 4 more.
		if e := receive(t, slow); !e.Resync || e.Topic != "floor/1" || e.Data != nil {
			t.Fatalf("first event after overflow %+v, want a resync marker", e)
		}
		for range 4 {
			if e := receive(t, slow); e.Resync {
				t.Fatal("a second resync")
			}
		}
		empty(t, slow)
		cancelFast()
		if n := <-got; n != Buffer+5 {
			t.Fatalf("fast subscriber got %d events, want %d", n, Buffer+5)
		}
	})
}

func TestLocalClose(t *testing.T) {
	b := NewLocal()
	ch, cancel := b.Subscribe("content")
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-ch; ok {
		t.Fatal("subscription open after Close")
	}
	cancel() // after Close: nothing to do, no panic
	if err := b.Publish(context.Background(), Event{Topic: "content"}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Publish after Close: %v, want ErrClosed", err)
	}
	late, _ := b.Subscribe("content")
	if _, ok := <-late; ok {
		t.Fatal("Subscribe after Close returned an open channel")
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestResyncAll(t *testing.T) {
	b := NewLocal()
	defer b.Close()
	ch, cancel := b.Subscribe("floor/1")
	defer cancel()
	b.Publish(context.Background(), Event{Topic: "floor/1"})
	b.resyncAll()
	b.resyncAll()
	if e := receive(t, ch); !e.Resync {
		t.Fatalf("got %+v, want the resync marker in place of the queued event", e)
	}
	empty(t, ch)
}

func TestPublishRefuses(t *testing.T) {
	b := NewLocal()
	defer b.Close()
	for _, tc := range []struct {
		name string
		e    Event
		want string
	}{
		{"no topic", Event{}, "without a topic"},
		{"space in topic", Event{Topic: "floor 1"}, "space or control"},
		{"newline in topic", Event{Topic: "floor\n1"}, "space or control"},
		{"too large", Event{Topic: "t", Data: []byte(strings.Repeat("x", MaxSize))}, "larger than"},
		{"not UTF-8", Event{Topic: "t", Data: []byte{0xff}}, "UTF-8"},
		{"NUL", Event{Topic: "t", Data: []byte("a\x00b")}, "NUL"},
		{"resync", Event{Topic: "t", Resync: true}, "resync markers"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := b.Publish(context.Background(), tc.e)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
	if err := b.Publish(context.Background(), Event{Topic: "t", Data: []byte(strings.Repeat("x", MaxSize-1))}); err != nil {
		t.Fatalf("an event of MaxSize bytes: %v", err)
	}
}
