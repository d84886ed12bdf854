package content

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// readFlushEvery is how often counted guide reads are written to the database.
// Counting in memory keeps a page view from ever writing the database.
const readFlushEvery = time.Minute

// readCounter counts guide page views in memory until the next flush. It counts
// per guide only: nothing about the reader.
type readCounter struct {
	mu       sync.Mutex
	pending  map[string]int64
	last     time.Time
	flushing atomic.Bool
}

// CountRead counts one view of a guide page; slugs of no known guide are
// ignored. At most once a minute it starts a background write of the counts.
func (s *Store) CountRead(slug string) {
	if snap := s.snap.Load(); snap == nil || snap.guideBy[slug] == nil {
		return
	}
	r := &s.reads
	r.mu.Lock()
	if r.pending == nil {
		r.pending = map[string]int64{}
		r.last = time.Now()
	}
	r.pending[slug]++
	due := time.Since(r.last) >= readFlushEvery
	r.mu.Unlock()
	if due && r.flushing.CompareAndSwap(false, true) {
		go func() {
			defer r.flushing.Store(false)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			s.FlushReads(ctx)
		}()
	}
}

// FlushReads adds the counted reads to the database. Counts that could not be
// written are kept for the next flush.
func (s *Store) FlushReads(ctx context.Context) error {
	r := &s.reads
	r.mu.Lock()
	batch := r.pending
	r.pending, r.last = map[string]int64{}, time.Now()
	r.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		for slug, n := range batch {
			if _, err := tx.Exec(ctx, "UPDATE guides SET reads = reads + ? WHERE slug = ?", n, slug); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		r.mu.Lock()
		for slug, n := range batch {
			r.pending[slug] += n
		}
		r.mu.Unlock()
		return errs.Wrap(err, "flush guide reads")
	}
	return nil
}

// Reads returns how often each guide was read: stored counts plus those not
// yet flushed.
func (s *Store) Reads(ctx context.Context) (map[string]int64, error) {
	rows, err := s.db.Query(ctx, "SELECT slug, reads FROM guides")
	if err != nil {
		return nil, errs.Wrap(err, "guide reads")
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var slug string
		var n int64
		if err := rows.Scan(&slug, &n); err != nil {
			return nil, errs.Wrap(err, "scan guide reads")
		}
		out[slug] = n
	}
	s.reads.mu.Lock()
	for slug, n := range s.reads.pending {
		out[slug] += n
	}
	s.reads.mu.Unlock()
	return out, rows.Err()
}
