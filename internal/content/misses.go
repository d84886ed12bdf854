package content

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"lotse/internal/errs"
)

// Miss is a search query that found nothing, with how often it was asked.
type Miss struct {
	Query    string
	Lang     string
	Count    int
	LastSeen time.Time
}

// maxMissQuery bounds a stored query; longer ones are cut at a rune boundary.
const maxMissQuery = 100

// CountMiss records that a search found nothing. Only the query text (trimmed,
// lower-cased, shortened) and its language are kept, never who searched.
func (s *Store) CountMiss(ctx context.Context, query, lang string) error {
	q := strings.ToLower(strings.Join(strings.Fields(query), " "))
	if q == "" {
		return nil
	}
	for len(q) > maxMissQuery {
		_, size := utf8.DecodeLastRuneInString(q)
		q = q[:len(q)-size]
	}
	_, err := s.db.Exec(ctx, `INSERT INTO search_misses (query, lang, count, last_seen) VALUES (?, ?, 1, ?)
		ON CONFLICT (query, lang) DO UPDATE SET count = search_misses.count + 1, last_seen = excluded.last_seen`,
		q, lang, time.Now().UTC())
	if err != nil {
		return errs.Wrap(err, "count search miss")
	}
	return nil
}

// Misses lists the most frequent searches without a hit, for editors.
func (s *Store) Misses(ctx context.Context, limit int) ([]Miss, error) {
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
