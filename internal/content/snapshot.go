package content

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"lotse/internal/broker"
	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// snapshot is everything the public portal reads, loaded at once. The portal reads
// far more than staff write, so reads come from memory and every write reloads.
type snapshot struct {
	county   County
	munis    []Municipality
	muniBy   map[string]*Municipality
	places   []Place
	placeBy  map[string]*Place
	guides   []Guide
	guideBy  map[string]*Guide
	texts    map[string]map[string]*Text // slug → lang → text
	version  string
	loadedAt time.Time
	checked  atomic.Int64 // unix nanoseconds of the last version check
}

func (s *snapshot) checkedAt() time.Time { return time.Unix(0, s.checked.Load()) }

// Store reads and writes the content of the portal.
type Store struct {
	db *db.DB
	// maxAge bounds how long another instance's write can stay unseen: after it,
	// a read checks the content version in the database. A live store
	// (NewLiveStore) hears of writes at once and keeps maxAge as a safety poll.
	maxAge time.Duration
	// broker, when set, carries Topic events: the store publishes one after
	// each write and reloads on each it receives (live.go).
	broker broker.Broker
	events <-chan broker.Event
	log    *slog.Logger

	mu   sync.Mutex // serialises reloads
	snap atomic.Pointer[snapshot]

	reads  readCounter
	misses missCounter
}

// NewStore returns a store on d that checks for other instances' writes
// every 5 seconds; NewLiveStore hears of them at once.
func NewStore(d *db.DB) *Store { return &Store{db: d, maxAge: 5 * time.Second} }

// current returns a snapshot no older than maxAge, reloading it when the content
// version in the database changed.
func (s *Store) current(ctx context.Context) (*snapshot, error) {
	if snap := s.snap.Load(); snap != nil && time.Since(snap.checkedAt()) < s.maxAge {
		return snap, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := s.snap.Load()
	if snap != nil && time.Since(snap.checkedAt()) < s.maxAge {
		return snap, nil // another reader refreshed it meanwhile
	}
	version, err := s.version(ctx)
	if err != nil {
		return nil, err
	}
	if snap != nil && snap.version == version {
		snap.checked.Store(time.Now().UnixNano())
		return snap, nil
	}
	snap, err = s.load(ctx)
	if err != nil {
		return nil, err
	}
	snap.version = version
	s.snap.Store(snap)
	return snap, nil
}

// Version identifies the content readers currently see; it changes with every
// write, so caches of rendered pages can key on it.
func (s *Store) Version(ctx context.Context) (string, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return "", err
	}
	return snap.version + "/" + strconv.FormatInt(snap.loadedAt.UnixNano(), 36), nil
}

// invalidate drops the snapshot after a write in this instance.
func (s *Store) invalidate() {
	s.mu.Lock()
	s.snap.Store(nil)
	s.mu.Unlock()
}

func (s *Store) version(ctx context.Context) (string, error) {
	var v string
	err := s.db.QueryRow(ctx, "SELECT value FROM settings WHERE key = 'content_version'").Scan(&v)
	if err != nil && !isNoRows(err) {
		return "", errs.Wrap(err, "content version")
	}
	return v, nil
}

func (s *Store) load(ctx context.Context) (*snapshot, error) {
	snap := &snapshot{
		muniBy:   map[string]*Municipality{},
		placeBy:  map[string]*Place{},
		guideBy:  map[string]*Guide{},
		texts:    map[string]map[string]*Text{},
		loadedAt: time.Now(),
	}
	snap.checked.Store(time.Now().UnixNano())
	var countyJSON string
	err := s.db.QueryRow(ctx, "SELECT value FROM settings WHERE key = 'county'").Scan(&countyJSON)
	if err != nil && !isNoRows(err) {
		return nil, errs.Wrap(err, "load county")
	}
	if countyJSON != "" {
		if err := json.Unmarshal([]byte(countyJSON), &snap.county); err != nil {
			return nil, errs.Wrap(err, "decode county")
		}
	}
	if err := s.loadMunicipalities(ctx, snap); err != nil {
		return nil, err
	}
	if err := s.loadPlaces(ctx, snap); err != nil {
		return nil, err
	}
	if err := s.loadGuides(ctx, snap); err != nil {
		return nil, err
	}
	return snap, nil
}

func (s *Store) loadMunicipalities(ctx context.Context, snap *snapshot) error {
	rows, err := s.db.Query(ctx, "SELECT data FROM municipalities ORDER BY position, slug")
	if err != nil {
		return errs.Wrap(err, "load municipalities")
	}
	defer rows.Close()
	for rows.Next() {
		var data string
		var m Municipality
		if err := rows.Scan(&data); err != nil {
			return errs.Wrap(err, "scan municipality")
		}
		if err := json.Unmarshal([]byte(data), &m); err != nil {
			return errs.Wrap(err, "decode municipality")
		}
		snap.munis = append(snap.munis, m)
	}
	for i := range snap.munis {
		snap.muniBy[snap.munis[i].Slug] = &snap.munis[i]
	}
	return rows.Err()
}

func (s *Store) loadPlaces(ctx context.Context, snap *snapshot) error {
	rows, err := s.db.Query(ctx, "SELECT data FROM places ORDER BY position, slug")
	if err != nil {
		return errs.Wrap(err, "load places")
	}
	defer rows.Close()
	for rows.Next() {
		var data string
		var p Place
		if err := rows.Scan(&data); err != nil {
			return errs.Wrap(err, "scan place")
		}
		if err := json.Unmarshal([]byte(data), &p); err != nil {
			return errs.Wrap(err, "decode place")
		}
		snap.places = append(snap.places, p)
	}
	for i := range snap.places {
		snap.placeBy[snap.places[i].Slug] = &snap.places[i]
	}
	return rows.Err()
}

func (s *Store) loadGuides(ctx context.Context, snap *snapshot) error {
	rows, err := s.db.Query(ctx, "SELECT slug, topic, position, places FROM guides ORDER BY position, slug")
	if err != nil {
		return errs.Wrap(err, "load guides")
	}
	for rows.Next() {
		var g Guide
		var places string
		if err := rows.Scan(&g.Slug, &g.Topic, &g.Position, &places); err != nil {
			rows.Close()
			return errs.Wrap(err, "scan guide")
		}
		for p := range strings.SplitSeq(places, ",") {
			if p = strings.TrimSpace(p); p != "" {
				g.Places = append(g.Places, p)
			}
		}
		snap.guides = append(snap.guides, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "load guides")
	}
	for i := range snap.guides {
		snap.guideBy[snap.guides[i].Slug] = &snap.guides[i]
		snap.texts[snap.guides[i].Slug] = map[string]*Text{}
	}
	rows, err = s.db.Query(ctx, `SELECT guide_slug, lang, revision, COALESCE(source_revision, 0), title, summary, body_md, body_html, updated_at
		FROM guide_texts`)
	if err != nil {
		return errs.Wrap(err, "load guide texts")
	}
	defer rows.Close()
	for rows.Next() {
		var slug, html string
		t := &Text{}
		if err := rows.Scan(&slug, &t.Lang, &t.Revision, &t.SourceRevision, &t.Title, &t.Summary, &t.BodyMD, &html, &t.Updated); err != nil {
			return errs.Wrap(err, "scan guide text")
		}
		if err := json.Unmarshal([]byte(html), &t.Segments); err != nil {
			return errs.Wrap(fmt.Errorf("guide %s/%s: %w", slug, t.Lang, err), "decode segments")
		}
		if l, ok := i18n.Lookup(t.Lang); ok && l.RTL() {
			for i := range t.Segments {
				t.Segments[i].HTML = IsolateLTR(t.Segments[i].HTML)
			}
		}
		if m, ok := snap.texts[slug]; ok {
			m[t.Lang] = t
		}
	}
	return rows.Err()
}
