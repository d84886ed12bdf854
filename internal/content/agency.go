package content

import (
	"context"

	"lotse/internal/onestop"
)

// AgencyName names One-Stop-Shop agency id of site as its place page does in
// lang, with the place's fallback to German, so that the dates API, a
// booking's card and its e-mails name it alike; the id itself when the agency
// or its place is unknown.
func (s *Store) AgencyName(ctx context.Context, site onestop.Site, id, lang string) string {
	a, ok := site.Agency(id)
	if !ok {
		return id
	}
	p, err := s.Place(ctx, a.Place)
	if err != nil {
		return id
	}
	return p.In(lang).Name.Text
}
