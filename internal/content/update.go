package content

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// PlaceVersion stamps a place's content. An edit form carries the stamp of
// what the editor saw, and UpdatePlace refuses the save when the place changed
// since, so that two editors never overwrite each other silently.
func PlaceVersion(p Place) string { return stamp(p) }

// MunicipalityVersion stamps a municipality's content, like PlaceVersion.
func MunicipalityVersion(m Municipality) string { return stamp(m) }

func stamp(v any) string {
	b, _ := json.Marshal(v) // plain structs of strings, maps and slices always encode
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

// Stale is why an update failed with errs.Conflict: the record was saved by
// someone else after the editor opened it. Current is it as saved now.
type Stale[T any] struct {
	Current T
}

func (s *Stale[T]) Error() string { return "changed in the meantime" }

// UpdatePlace replaces a place after validating it, keeping its position in
// lists. version is the PlaceVersion the editor started from.
func (s *Store) UpdatePlace(ctx context.Context, p Place, version string) error {
	snap, err := s.current(ctx)
	if err != nil {
		return err
	}
	p = cleanPlace(p)
	if fe := validatePlace(p, snap); len(fe) > 0 {
		return fe.err()
	}
	return s.write(ctx, func(tx *db.Tx) error {
		var cur Place
		if err := lockRecord(ctx, tx, "places", p.Slug, &cur, "error.place_not_found"); err != nil {
			return err
		}
		if PlaceVersion(cur) != version {
			return &errs.Error{Kind: errs.Conflict, MsgKey: "staff.error.changed", Err: &Stale[Place]{Current: cur}}
		}
		b, err := json.Marshal(revise(cur, p))
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "UPDATE places SET onestop = ?, municipal = ?, data = ? WHERE slug = ?", p.OneStop, p.Municipal, string(b), p.Slug)
		return err
	})
}

// UpdateMunicipality replaces a municipality after validating it, keeping its
// position. version is the MunicipalityVersion the editor started from.
func (s *Store) UpdateMunicipality(ctx context.Context, m Municipality, version string) error {
	m = cleanMunicipality(m)
	if fe := validateMunicipality(m); len(fe) > 0 {
		return fe.err()
	}
	return s.write(ctx, func(tx *db.Tx) error {
		var cur Municipality
		if err := lockRecord(ctx, tx, "municipalities", m.Slug, &cur, "error.municipality_not_found"); err != nil {
			return err
		}
		if MunicipalityVersion(cur) != version {
			return &errs.Error{Kind: errs.Conflict, MsgKey: "staff.error.changed", Err: &Stale[Municipality]{Current: cur}}
		}
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "UPDATE municipalities SET name = ?, kind = ?, data = ? WHERE slug = ?", m.Name, m.Kind, string(b), m.Slug)
		return err
	})
}

// lockRecord reads and locks the JSON data of row slug of table into v.
func lockRecord(ctx context.Context, tx *db.Tx, table, slug string, v any, notFound string) error {
	var data string
	err := tx.QueryRow(ctx, "SELECT data FROM "+table+" WHERE slug = ?"+tx.ForUpdate(), slug).Scan(&data)
	if isNoRows(err) {
		return errs.E(errs.NotFound, notFound)
	}
	if err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(data), v); err != nil {
		return fmt.Errorf("decode %s %s: %w", table, slug, err)
	}
	return nil
}
