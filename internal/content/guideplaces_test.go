package content

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

// newPlacesStore returns newGuideStore with two places, a and b.
func newPlacesStore(t *testing.T, d *db.DB) *Store {
	t.Helper()
	s := newGuideStore(t, d)
	for i, slug := range []string{"a", "b"} {
		p := Place{Slug: slug, Name: map[string]string{"de": "Amt " + slug}, Languages: []string{"de"}}
		if err := s.PutPlace(context.Background(), p, i); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestSaveGuidePlaces: the agency links saved with a draft stay with the
// draft, publishing makes them public, and bad or stale saves change nothing.
func TestSaveGuidePlaces(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newPlacesStore(t, d)
		public := func() []string {
			t.Helper()
			v, err := s.Guide(ctx, "g", "de", "")
			if err != nil {
				t.Fatal(err)
			}
			return v.Guide.Places
		}
		pending := func() []string {
			t.Helper()
			p, err := s.GuidePlaces(ctx, "g")
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		if diff := cmp.Diff([]string{}, pending()); diff != "" {
			t.Errorf("links before any edit (-want +got):\n%s", diff)
		}
		edit := func(base int, publish bool) Edit {
			return Edit{TextInput: TextInput{Title: "Arbeit", BodyMD: "Text.\n", Author: "ed"}, Base: base, Publish: publish}
		}
		if _, err := s.SaveGuide(ctx, "g", edit(1, false), []string{"b", " a", "b", ""}); err != nil {
			t.Fatal(err)
		}
		if len(public()) != 0 {
			t.Errorf("a draft changed the public links: %v", public())
		}
		if diff := cmp.Diff([]string{"b", "a"}, pending()); diff != "" {
			t.Errorf("draft links (-want +got):\n%s", diff)
		}
		st, _ := s.Status(ctx, "g")
		if st["de"] != StatusUpToDate {
			t.Errorf("German status after a draft: %s", st["de"])
		}
		_, err := s.SaveGuide(ctx, "g", edit(2, true), []string{"a", "nowhere"})
		var e *errs.Error
		if !errors.As(err, &e) || e.Kind != errs.Invalid || e.Detail != "nowhere" {
			t.Fatalf("unknown place: %v", err)
		}
		if _, err := s.SaveGuide(ctx, "g", edit(1, true), []string{"a"}); errs.KindOf(err) != errs.Conflict {
			t.Fatalf("stale base: %v", err)
		}
		if _, err := s.SaveGuide(ctx, "g", edit(2, true), []string{"a"}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"a"}, public()); diff != "" {
			t.Errorf("published links (-want +got):\n%s", diff)
		}
		// A restore records no links: the editor continues from the public ones.
		if _, err := s.Restore(ctx, "g", "de", 1, 3, false, "ed"); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"a"}, pending()); diff != "" {
			t.Errorf("links after a restore (-want +got):\n%s", diff)
		}
		if _, err := s.GuidePlaces(ctx, "nothing"); errs.KindOf(err) != errs.NotFound {
			t.Errorf("links of no guide: %v", err)
		}
	})
}
