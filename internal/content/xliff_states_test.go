package content

import (
	"bytes"
	"context"
	"encoding/xml"
	"slices"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

func TestAlignParagraphs(t *testing.T) {
	tests := []struct {
		name     string
		old, cur []string
		want     []match
	}{
		{"unchanged", []string{"a", "b"}, []string{"a", "b"}, []match{{0, true}, {1, true}}},
		{"changed", []string{"a", "b", "c"}, []string{"a", "B", "c"}, []match{{0, true}, {1, false}, {2, true}}},
		{"inserted", []string{"a", "b"}, []string{"a", "new", "b"}, []match{{0, true}, {-1, false}, {1, true}}},
		{"deleted", []string{"a", "b", "c"}, []string{"a", "c"}, []match{{0, true}, {2, true}}},
		{"changed and added at the end", []string{"a", "b"}, []string{"a", "B", "C"}, []match{{0, true}, {1, false}, {-1, false}}},
		{"moved", []string{"a", "b"}, []string{"b", "a"}, []match{{1, true}, {-1, false}}},
		{"all new", nil, []string{"a"}, []match{{-1, false}}},
		{"empty now", []string{"a"}, nil, []match{}},
	}
	for _, tt := range tests {
		if got := alignParagraphs(tt.old, tt.cur); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// setTargets changes the targets of the units named in edits (text and
// state) in an exported file.
func setTargets(t *testing.T, b []byte, edits map[string]xliffTarget) []byte {
	t.Helper()
	var doc xliffDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for i := range doc.Files {
		for j := range doc.Files[i].Units {
			u := &doc.Files[i].Units[j]
			if e, ok := edits[u.ID]; ok {
				u.Target = &e
			}
		}
	}
	out, err := xml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestXLIFFOpenUnits checks the import rules for work left open: a file
// imported back unchanged changes nothing (units to translate are empty, units
// to review still carry the old text), a guide is published once its changed
// paragraphs are reviewed, and the others keep their published text.
func TestXLIFFOpenUnits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newXLIFFStore(t, d)
		file := export(t, s, "uk")
		var before string
		d.QueryRow(ctx, "SELECT value FROM settings WHERE key = 'content_version'").Scan(&before)
		res, err := s.ImportXLIFF(ctx, bytes.NewReader(file), "uk", "agency")
		if err != nil {
			t.Fatalf("importing the export unchanged: %v", err)
		}
		if len(res.Imported) != 0 || !slices.Equal(res.Skipped, []string{"h", "k"}) {
			t.Errorf("unchanged import: imported %v, skipped %v; want none, [h k]", res.Imported, res.Skipped)
		}
		var after string
		d.QueryRow(ctx, "SELECT value FROM settings WHERE key = 'content_version'").Scan(&after)
		if before != after {
			t.Error("an unchanged import changed the database")
		}

		// Reviewing one changed paragraph is not enough ...
		half := setTargets(t, file, map[string]xliffTarget{"h.body.2": {State: "translated", Text: "Абзац, новий."}})
		if res, err := s.ImportXLIFF(ctx, bytes.NewReader(half), "uk", "agency"); err != nil || len(res.Imported) != 0 {
			t.Errorf("one of two changed paragraphs reviewed: %+v, %v; want nothing imported", res, err)
		}
		// ... both are: the second is confirmed as it was, by its state.
		done := setTargets(t, half, map[string]xliffTarget{"h.body.3": {State: "signed-off", Text: "::: municipality dueren\nУ Дюрені.\n:::"}})
		res, err = s.ImportXLIFF(ctx, bytes.NewReader(done), "uk", "agency")
		if err != nil || !slices.Equal(res.Imported, []string{"h"}) || !slices.Equal(res.Skipped, []string{"k"}) {
			t.Fatalf("h reviewed: %+v, %v; want h imported, k skipped", res, err)
		}
		h, _, _ := s.Published(ctx, "h", "uk")
		if want := "## Пошук\n\nАбзац, новий.\n\n::: municipality dueren\nУ Дюрені.\n:::\n"; h.BodyMD != want || h.Title != "Житло" || h.Summary != "Старе" {
			t.Errorf("h after review: %q %q %q", h.Title, h.Summary, h.BodyMD)
		}
		if st, _ := s.Status(ctx, "h"); st["uk"] != StatusUpToDate {
			t.Errorf("h is %s after review", st["uk"])
		}
		if _, ok, _ := s.Published(ctx, "k", "uk"); ok {
			t.Error("k got a translation from units left empty")
		}
		// A unit to translate filled in without changing its state counts.
		k := setTargets(t, export(t, s, "uk"), map[string]xliffTarget{
			"k.title": {State: "needs-translation", Text: "Діти"}, "k.body.1": {State: "needs-translation", Text: "Дитсадок."},
			"k.body.2": {State: "needs-translation", Text: "- один\n- два"}})
		if res, err := s.ImportXLIFF(ctx, bytes.NewReader(k), "uk", "agency"); err != nil || !slices.Equal(res.Imported, []string{"k"}) {
			t.Errorf("k filled in: %+v, %v", res, err)
		}
	})
}

// TestXLIFFInsertedParagraph checks that a paragraph inserted into the
// German marks only itself, not the paragraphs after it.
func TestXLIFFInsertedParagraph(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newXLIFFStore(t, d)
		if err := s.Publish(ctx, "g", "de", TextInput{Title: "Arbeit", BodyMD: "Neu davor.\n\nErster Text.\n"}); err != nil {
			t.Fatal(err)
		}
		g, _, _ := s.Published(ctx, "g", "de")
		if g.Revision != 2 {
			t.Fatalf("g is at German revision %d", g.Revision)
		}
		var doc xliffDoc
		if err := xml.Unmarshal(export(t, s, "uk"), &doc); err != nil {
			t.Fatal(err)
		}
		states := map[string]string{}
		for _, f := range doc.Files {
			for _, u := range f.Units {
				states[u.ID] = u.Target.State + " " + u.Target.Text
			}
		}
		want := map[string]string{"g.body.1": "needs-translation ", "g.body.2": "translated Перший текст."}
		for id, w := range want {
			if states[id] != w {
				t.Errorf("%s: %q, want %q", id, states[id], w)
			}
		}
	})
}
