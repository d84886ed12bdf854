package web

import (
	"bytes"
	"context"
	"net/http"
	"time"

	"lotse/internal/broker"
)

// Live pages (the call display, reception, a desk, a visitor's phone) follow
// a topic of the broker as a Server-Sent Events stream. The model is the
// broker's: the stream opens with a full snapshot, then carries what changed,
// and whenever events may have been lost — a reconnect, a resync from the
// broker — the client gets a full snapshot again instead of a replay. So a
// stream has no event ids to resume from: a client that sends Last-Event-ID
// (every reconnecting EventSource does once ids were sent, and some proxies
// always) gets a snapshot like everyone else.

// Timings of an event stream.
const (
	// heartbeatEvery is how often a quiet stream sends a comment, so that
	// proxies and NAT keep the connection and a client notices a dead one.
	heartbeatEvery = 15 * time.Second
	// streamWriteWait bounds one write to the client; a client that takes
	// longer (a phone that lost its signal) loses the stream and reconnects.
	// It replaces the server's WriteTimeout, which would end every stream.
	streamWriteWait = 20 * time.Second
	// reconnectAfter is the delay the stream asks a client's EventSource to
	// wait before reconnecting.
	reconnectAfter = "retry: 2000\n\n"
)

// eventStream is what a live route streams: the topic it follows and how to
// turn the state and the topic's events into SSE data (JSON, usually).
type eventStream struct {
	Topic string
	// Snapshot returns the data of a "snapshot" event: the full state the page
	// shows. It opens every stream and follows every resync.
	Snapshot func(ctx context.Context) ([]byte, error)
	// Update returns the data of an "update" event for e: what the page
	// needs to apply the change (a route may re-read its state here and
	// leave out what this client must not see). Nil data sends nothing. A
	// nil Update sends e.Data as it is.
	Update func(ctx context.Context, e broker.Event) ([]byte, error)
}

// serveEvents streams es to the client as text/event-stream until the client
// goes, the server shuts down (EndStreams) or the broker closes. An error
// before the stream starts (the first snapshot) is returned for handle to
// render; once the stream runs, an error ends it, since the client
// reconnects and starts from a snapshot anyway.
//
// The stream goes through the middleware untouched: the compressor leaves
// text/event-stream alone and passes each flush through. Never register a
// stream with s.cache: the render cache records a whole body before sending.
// The server's WriteTimeout would cut a long stream; each write moves the
// deadline to streamWriteWait from now instead. (ReadTimeout does not
// matter: net/http lifts the read deadline once a request without a body
// has been read.)
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request, es eventStream) error {
	ctx := r.Context()
	// Subscribe before the snapshot: a change committed in between is then
	// both in the snapshot and in an update, never in neither.
	events, cancel := s.broker.Subscribe(es.Topic)
	defer cancel()
	snap, err := es.Snapshot(ctx)
	if err != nil {
		return err
	}
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	var buf bytes.Buffer
	send := func() bool {
		rc.SetWriteDeadline(time.Now().Add(streamWriteWait))
		_, err := w.Write(buf.Bytes())
		buf.Reset()
		return err == nil && rc.Flush() == nil
	}
	buf.WriteString(reconnectAfter)
	appendEvent(&buf, "snapshot", snap)
	if !send() {
		return nil
	}
	heartbeat := time.NewTicker(heartbeatEvery)
	defer heartbeat.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil // the client went
		case <-s.closing.Done():
			return nil // graceful shutdown: the client reconnects elsewhere or later
		case <-heartbeat.C:
			buf.WriteString(": heartbeat\n\n")
		case e, ok := <-events:
			if !ok {
				return nil // the broker closed
			}
			if err := s.appendChange(ctx, &buf, es, e); err != nil {
				if ctx.Err() == nil {
					s.log.WarnContext(ctx, "event stream ended", "request_id", requestID(ctx), "topic", es.Topic, "error", err.Error())
				}
				return nil
			}
			if buf.Len() == 0 {
				continue
			}
		}
		if !send() {
			return nil
		}
	}
}

// appendChange appends to buf what the client gets for e: a snapshot after
// a resync, else the update (nothing when Update returns nil).
func (s *Server) appendChange(ctx context.Context, buf *bytes.Buffer, es eventStream, e broker.Event) error {
	if e.Resync {
		snap, err := es.Snapshot(ctx)
		if err != nil {
			return err
		}
		appendEvent(buf, "snapshot", snap)
		return nil
	}
	data := e.Data
	if es.Update != nil {
		var err error
		if data, err = es.Update(ctx, e); err != nil {
			return err
		}
		if data == nil {
			return nil
		}
	}
	appendEvent(buf, "update", data)
	return nil
}

// appendEvent appends one SSE event; every line of data (ended by \n, \r\n
// or \r, as the SSE grammar has it) becomes a "data:" line, so data with line
// breaks arrives whole.
func appendEvent(buf *bytes.Buffer, name string, data []byte) {
	buf.WriteString("event: ")
	buf.WriteString(name)
	buf.WriteByte('\n')
	for {
		line, rest := data, []byte(nil)
		if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
			line, rest = data[:i], data[i+1:]
			if data[i] == '\r' && len(rest) > 0 && rest[0] == '\n' {
				rest = rest[1:]
			}
		}
		buf.WriteString("data: ")
		buf.Write(line)
		buf.WriteByte('\n')
		if rest == nil {
			break
		}
		data = rest
	}
	buf.WriteByte('\n')
}

// EndStreams ends every open event stream. The application registers it
// with http.Server.RegisterOnShutdown: Shutdown waits for handlers to
// return, and a stream never would by itself.
func (s *Server) EndStreams() { s.endStreams() }
