package web

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"lotse/internal/broker"
	"lotse/internal/errs"
	"lotse/internal/floor"
	"lotse/internal/staff"
)

// floorWatchers follow a date's floor live: the call display, reception,
// the agencies' desks and admins, each in its own scope (apiFloorEvents).
var floorWatchers = []staff.Role{staff.Admin, staff.Reception, staff.Agency, staff.Display}

// apiFloorEvents streams a date's floor (text/event-stream): a "snapshot"
// event on every (re)connect and resync, then an "update" event per change.
// Every event is re-read through the caller's scope, never relayed: an
// agency account gets ForAgency of its own agency and only the changes at
// that agency, reception and admins the whole Snapshot, a display the Board
// (open calls and how many wait) and only calls.
func (s *Server) apiFloorEvents(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	id, err := floorDate(r)
	if err != nil {
		return err
	}
	read := s.floorScope(id, u)
	return s.serveEvents(w, r, eventStream{
		Topic:    floor.Topic(id),
		Snapshot: func(ctx context.Context) ([]byte, error) { return read(ctx, nil) },
		Update: func(ctx context.Context, e broker.Event) ([]byte, error) {
			var ev floor.Event
			if err := json.Unmarshal(e.Data, &ev); err != nil {
				return nil, errs.Wrap(err, "floor event")
			}
			var changes []floor.Change
			for _, c := range ev.Changes {
				if visibleChange(u, c) {
					changes = append(changes, c)
				}
			}
			if len(changes) == 0 {
				return nil, nil
			}
			return read(ctx, changes)
		},
	})
}

// floorEvent is the data of a stream's event: the changes the caller may
// see (none in a snapshot) and the floor in the caller's scope after them.
type floorEvent struct {
	Changes []floor.Change `json:"changes"`
	Floor   any            `json:"floor"`
}

// floorScope returns how the stream of date id reads the floor for u.
func (s *Server) floorScope(id int64, u *staff.User) func(ctx context.Context, changes []floor.Change) ([]byte, error) {
	return func(ctx context.Context, changes []floor.Change) ([]byte, error) {
		var v any
		var err error
		switch u.Role {
		case staff.Agency:
			v, err = s.floor.ForAgency(ctx, id, u.Agency)
		case staff.Display:
			v, err = s.boardOf(ctx, id)
		default:
			v, err = s.floor.Snapshot(ctx, id)
		}
		if err != nil {
			return nil, err
		}
		if changes == nil {
			changes = []floor.Change{}
		}
		return json.Marshal(floorEvent{Changes: changes, Floor: v})
	}
}

// visibleChange reports whether u's stream carries change c: an agency
// only its own agency's, a display only calls, reception and admins all.
func visibleChange(u *staff.User, c floor.Change) bool {
	switch u.Role {
	case staff.Agency:
		return c.Agency == u.Agency
	case staff.Display:
		return c.Kind == "call" || c.Kind == "recall"
	}
	return true
}

// apiBoard is what a call display gets: the open calls, newest first, each
// with the agency's name in German and in the visitor's language, and how
// many wait.
type apiBoard struct {
	Version int64          `json:"version"`
	Calls   []apiBoardCall `json:"calls"`
	Waiting int            `json:"waiting"`
}

// apiBoardCall is one call on the display.
type apiBoardCall struct {
	Ticket    string    `json:"ticket"`
	Agency    string    `json:"agency"`
	Name      string    `json:"name"`
	Desk      int       `json:"desk"`
	Language  string    `json:"language,omitempty"`
	LocalName string    `json:"local_name,omitempty"`
	At        time.Time `json:"at"`
}

// boardOf reads the display's view of date id and names its agencies.
func (s *Server) boardOf(ctx context.Context, id int64) (apiBoard, error) {
	b, err := s.floor.Board(ctx, id)
	if err != nil {
		return apiBoard{}, err
	}
	county, err := s.content.County(ctx)
	if err != nil {
		return apiBoard{}, err
	}
	out := apiBoard{Version: b.Version, Calls: []apiBoardCall{}, Waiting: b.Waiting}
	for _, c := range b.Calls {
		ac := apiBoardCall{Ticket: c.Ticket, Agency: c.Agency, Name: s.content.AgencyName(ctx, county.OneStop, c.Agency, "de"),
			Desk: c.Desk, Language: c.Language, At: c.At}
		if c.Language != "" && c.Language != "de" {
			ac.LocalName = s.content.AgencyName(ctx, county.OneStop, c.Agency, c.Language)
		}
		out.Calls = append(out.Calls, ac)
	}
	return out, nil
}
