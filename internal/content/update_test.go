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

func TestUpdatePlace(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newPlacesStore(t, d)
		orig, err := s.Place(ctx, "b")
		if err != nil {
			t.Fatal(err)
		}
		seen := PlaceVersion(*orig)
		p := *orig
		p.Name = map[string]string{"de": " Amt B neu ", "uk": "Відомство", "en": " "}
		p.Hours = map[string]string{"de": "Mo 8–12"}
		p.Guides, p.URL, p.OneStop = []string{"g"}, "https://example.org/b", true
		if err := s.UpdatePlace(ctx, p, seen); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Place(ctx, "b")
		want := Place{Slug: "b", OneStop: true, Name: map[string]string{"de": "Amt B neu", "uk": "Відомство"}, HelpsWith: map[string]string{},
			Hours: map[string]string{"de": "Mo 8–12"}, Languages: []string{"de"}, URL: "https://example.org/b", Guides: []string{"g"},
			Revision: 1, Translated: map[string]int{"uk": 1}}
		if diff := cmp.Diff(want, *got); diff != "" {
			t.Errorf("saved place (-want +got):\n%s", diff)
		}
		if all, _ := s.Places(ctx); len(all) != 2 || all[1].Slug != "b" {
			t.Errorf("the place moved in the list: %v", all)
		}
		// A second editor who opened the old version gets the current one back.
		p.Address = "Elsewhere 1"
		err = s.UpdatePlace(ctx, p, seen)
		var stale *Stale[Place]
		if errs.KindOf(err) != errs.Conflict || !errors.As(err, &stale) || stale.Current.Name["de"] != "Amt B neu" {
			t.Fatalf("stale save: %v", err)
		}
		if got, _ := s.Place(ctx, "b"); got.Address != "" {
			t.Error("a stale save was stored")
		}
		if err := s.UpdatePlace(ctx, Place{Slug: "zz", Name: map[string]string{"de": "X"}}, seen); errs.KindOf(err) != errs.NotFound {
			t.Errorf("unknown place: %v", err)
		}
	})
}

func TestUpdateInvalid(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newPlacesStore(t, d)
		if err := s.PutMunicipality(ctx, Municipality{Slug: "m", Name: "Nordstadt", Kind: "Stadt"}, 1); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			save func() error
			want FieldErrors
		}{
			{"place", func() error {
				return s.UpdatePlace(ctx, Place{Slug: "a", Name: map[string]string{"en": "Office", "xx": "?"}, Languages: []string{"de", "not a tag"},
					URL: "javascript:alert(1)", Guides: []string{"g", "nope"}}, "")
			}, FieldErrors{"name.de": "staff.error.required", "name": "staff.error.language", "languages": "staff.error.language_code",
				"url": "staff.error.url", "guides": "staff.error.unknown_guide"}},
			{"municipality", func() error {
				return s.UpdateMunicipality(ctx, Municipality{Slug: "m", Name: " ", Sozialamt: Office{Address: "Markt 1"}}, "")
			}, FieldErrors{"name": "staff.error.required", "sozialamt.name": "staff.error.office_name"}},
		}
		for _, tt := range tests {
			err := tt.save()
			var fe FieldErrors
			if errs.KindOf(err) != errs.Invalid || !errors.As(err, &fe) {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if diff := cmp.Diff(tt.want, fe); diff != "" {
				t.Errorf("%s problems (-want +got):\n%s", tt.name, diff)
			}
		}
		if p, _ := s.Place(ctx, "a"); p.Name["de"] != "Amt a" {
			t.Error("an invalid place was stored")
		}
	})
}

func TestUpdateMunicipality(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		m := Municipality{Slug: "m", Name: "Nordstadt", Kind: "Stadt", JobcenterSite: "Nord"}
		if err := s.PutMunicipality(ctx, m, 3); err != nil {
			t.Fatal(err)
		}
		seen := MunicipalityVersion(m)
		m.Name, m.Buergerbuero = "Nordstadt am See", Office{Name: "Bürgerbüro", Address: " Markt 2 "}
		if err := s.UpdateMunicipality(ctx, m, seen); err != nil {
			t.Fatal(err)
		}
		got, err := s.Municipality(ctx, "m")
		if err != nil {
			t.Fatal(err)
		}
		m.Buergerbuero.Address = "Markt 2"
		if diff := cmp.Diff(m, *got); diff != "" {
			t.Errorf("saved municipality (-want +got):\n%s", diff)
		}
		var name string
		if err := d.QueryRow(ctx, "SELECT name FROM municipalities WHERE slug = 'm'").Scan(&name); err != nil || name != "Nordstadt am See" {
			t.Errorf("name column %q, %v", name, err)
		}
		err = s.UpdateMunicipality(ctx, m, seen)
		var stale *Stale[Municipality]
		if !errors.As(err, &stale) || stale.Current.Name != "Nordstadt am See" {
			t.Errorf("stale save: %v", err)
		}
	})
}
