package content

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// Miss is a search query that found nothing, with how often it was asked.
type Miss struct {
	Query    string
	Lang     string
	Count    int
	LastSeen time.Time
}

const (
	// MissRetention is how long a search without a hit is kept after it was
	// last asked; older ones are deleted at the next flush.
	MissRetention = 90 * 24 * time.Hour
	// missFlushEvery is how often counted misses are written to the database.
	// Counting in memory keeps an anonymous search from ever writing it.
	missFlushEvery = time.Minute
	// maxPendingMisses bounds the distinct misses held between flushes; more
	// are not counted.
	maxPendingMisses = 10_000
	// maxMissQuery bounds a stored query; longer ones are cut at a rune boundary.
	maxMissQuery = 100
	// maxMissDigits is how many digits a query may hold at all: more, and it
	// may be a date of birth, a phone number or a file number, and is dropped.
	maxMissDigits = 4
)

type missKey struct{ query, lang string }

// missCounter counts searches without a hit in memory until the next flush.
type missCounter struct {
	mu       sync.Mutex
	pending  map[missKey]*Miss
	last     time.Time
	flushing atomic.Bool
}

// missQuery is what may be kept of a query that found nothing: lower-cased
// words without any word that holds a digit ("§24", "b1", "2026"); nothing
// when the query holds an e-mail address or more than maxMissDigits digits
// in all (a date of birth, a phone number, an address), since a query with
// such data often names a person too.
func missQuery(query string) string {
	if strings.Contains(query, "@") || digits(query) > maxMissDigits {
		return ""
	}
	var words []string
	for _, w := range strings.Fields(strings.ToLower(query)) {
		if !strings.ContainsFunc(w, unicode.IsDigit) {
			words = append(words, w)
		}
	}
	q := strings.Join(words, " ")
	for len(q) > maxMissQuery {
		_, size := utf8.DecodeLastRuneInString(q)
		q = q[:len(q)-size]
	}
	return q
}

// digits counts the digits in s.
func digits(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// CountMiss counts in memory that a search found nothing: only what missQuery
// keeps of the query and its language, never who searched. At most once a
// minute it starts a background write of the counts (FlushMisses).
func (s *Store) CountMiss(query, lang string) {
	q := missQuery(query)
	if q == "" {
		return
	}
	m := &s.misses
	now := time.Now().UTC()
	m.mu.Lock()
	if m.pending == nil {
		m.pending, m.last = map[missKey]*Miss{}, now
	}
	k := missKey{q, lang}
	switch p := m.pending[k]; {
	case p != nil:
		p.Count++
		p.LastSeen = now
	case len(m.pending) < maxPendingMisses:
		m.pending[k] = &Miss{Query: q, Lang: lang, Count: 1, LastSeen: now}
	}
	due := now.Sub(m.last) >= missFlushEvery
	m.mu.Unlock()
	if due && m.flushing.CompareAndSwap(false, true) {
		go func() {
			defer m.flushing.Store(false)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			s.FlushMisses(ctx)
		}()
	}
}

// FlushMisses adds the misses counted in memory to the database in one
// transaction and deletes those not asked for MissRetention. Counts that
// could not be written are kept for the next flush.
func (s *Store) FlushMisses(ctx context.Context) error {
	m := &s.misses
	m.mu.Lock()
	batch := m.pending
	m.pending, m.last = map[missKey]*Miss{}, time.Now().UTC()
	m.mu.Unlock()
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		for _, p := range batch {
			if _, err := tx.Exec(ctx, `INSERT INTO search_misses (query, lang, count, last_seen) VALUES (?, ?, ?, ?)
				ON CONFLICT (query, lang) DO UPDATE SET count = search_misses.count + excluded.count, last_seen = excluded.last_seen`,
				p.Query, p.Lang, p.Count, p.LastSeen); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, "DELETE FROM search_misses WHERE last_seen < ?", time.Now().UTC().Add(-MissRetention))
		return err
	})
	if err != nil {
		m.mu.Lock()
		for k, p := range batch {
			if q := m.pending[k]; q != nil {
				q.Count += p.Count
			} else {
				m.pending[k] = p
			}
		}
		m.mu.Unlock()
		return errs.Wrap(err, "flush search misses")
	}
	return nil
}

// Flush writes what is counted in memory (guide reads, searches without a
// hit) to the database; call it before closing the database.
func (s *Store) Flush(ctx context.Context) error {
	if err := s.FlushReads(ctx); err != nil {
		return err
	}
	return s.FlushMisses(ctx)
}

// Misses lists the most frequent searches without a hit, for editors, after
// writing those counted in memory.
func (s *Store) Misses(ctx context.Context, limit int) ([]Miss, error) {
	if err := s.FlushMisses(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, "SELECT query, lang, count, last_seen FROM search_misses ORDER BY count DESC, last_seen DESC LIMIT ?", limit)
	if err != nil {
		return nil, errs.Wrap(err, "list search misses")
	}
	defer rows.Close()
	var out []Miss
	for rows.Next() {
		var m Miss
		if err := rows.Scan(&m.Query, &m.Lang, &m.Count, &m.LastSeen); err != nil {
			return nil, errs.Wrap(err, "scan search miss")
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
