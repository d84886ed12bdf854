package content

import (
	"context"
	"errors"
	"sync"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

// newGuideStore returns a store with one guide "g" in German.
func newGuideStore(t *testing.T, d *db.DB) *Store {
	t.Helper()
	ctx := context.Background()
	s := NewStore(d)
	if err := s.PutGuide(ctx, Guide{Slug: "g", Topic: "work", Position: 1}); err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(ctx, "g", "de", TextInput{Title: "Arbeit", Summary: "Kurz", BodyMD: "Erster Text.\n", Author: "seed"}); err != nil {
		t.Fatal(err)
	}
	return s
}

// step is one action of the translation workflow.
type step struct {
	name string
	do   func(t *testing.T, s *Store)
}

func save(lang string, publish, minor bool, source func(*Store) int) step {
	name := lang
	switch {
	case publish && minor:
		name += " minor publish"
	case publish:
		name += " publish"
	default:
		name += " draft"
	}
	return step{name, func(t *testing.T, s *Store) {
		t.Helper()
		ctx := context.Background()
		latest, _, err := s.Latest(ctx, "g", lang)
		if err != nil {
			t.Fatal(err)
		}
		in := TextInput{Title: lang + " title", BodyMD: "text " + name + "\n", Minor: minor, Author: "tester"}
		if source != nil {
			in.SourceRevision = source(s)
		}
		if _, err := s.Save(ctx, "g", lang, Edit{TextInput: in, Base: latest.Number, Publish: publish}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}}
}

// currentGerman and previousGerman are the German revisions a translator may
// have worked from.
func currentGerman(s *Store) int {
	t, _, _ := s.Published(context.Background(), "g", "de")
	return t.Revision
}

func previousGerman(s *Store) int { return currentGerman(s) - 1 }

var (
	deDraft        = save("de", false, false, nil)
	dePublish      = save("de", true, false, nil)
	deMinor        = save("de", true, true, nil)
	ukDraft        = save("uk", false, false, currentGerman)
	ukPublish      = save("uk", true, false, currentGerman)
	ukPublishStale = save("uk", true, false, previousGerman)
)

// TestTranslationStateMachine walks every transition of the Ukrainian status
// (missing, outdated, up to date) on every German and Ukrainian action, on both
// engines. The rows marked "Integreat" are the three bugs of Integreat's CMS
// that lotse must not have.
func TestTranslationStateMachine(t *testing.T) {
	toUpToDate := []step{ukPublish}
	toOutdated := []step{ukPublish, dePublish}
	tests := []struct {
		name  string
		start []step
		do    step
		want  string
	}{
		{"missing, German draft", nil, deDraft, StatusMissing},
		{"missing, German publish", nil, dePublish, StatusMissing},
		{"missing, translation draft", nil, ukDraft, StatusMissing},
		{"missing, translation publish", nil, ukPublish, StatusUpToDate},
		{"up to date, German draft (Integreat: a draft marked everything outdated)", toUpToDate, deDraft, StatusUpToDate},
		{"up to date, German minor edit (Integreat: minor edit was ignored)", toUpToDate, deMinor, StatusUpToDate},
		{"up to date, German publish", toUpToDate, dePublish, StatusOutdated},
		{"up to date, translation draft", toUpToDate, ukDraft, StatusUpToDate},
		{"up to date, translation republish", toUpToDate, ukPublish, StatusUpToDate},
		{"outdated, translation publish from current German (Integreat: publishing did not clear outdated)", toOutdated, ukPublish, StatusUpToDate},
		{"outdated, translation publish from the old German", toOutdated, ukPublishStale, StatusOutdated},
		{"outdated, translation draft", toOutdated, ukDraft, StatusOutdated},
		{"outdated, German draft", toOutdated, deDraft, StatusOutdated},
		{"outdated, German minor edit", toOutdated, deMinor, StatusOutdated},
		{"outdated, German publish", toOutdated, dePublish, StatusOutdated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				s := newGuideStore(t, d)
				ctx := context.Background()
				for _, st := range tt.start {
					st.do(t, s)
				}
				before, _, _ := s.Published(ctx, "g", "de")
				tt.do.do(t, s)
				st, err := s.Status(ctx, "g")
				if err != nil {
					t.Fatal(err)
				}
				if st["uk"] != tt.want {
					t.Errorf("after %s: uk is %s, want %s", tt.do.name, st["uk"], tt.want)
				}
				// A draft never changes what readers see.
				if tt.do.name == deDraft.name {
					after, _, _ := s.Published(ctx, "g", "de")
					if after.BodyMD != before.BodyMD || after.Revision != before.Revision {
						t.Errorf("a German draft changed the public text: %+v", after)
					}
				}
			})
		})
	}
}

// TestHistoryDiffRestore saves, publishes and restores, and checks the history
// and the diff between revisions.
func TestHistoryDiffRestore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newGuideStore(t, d)
		r2, err := s.Save(ctx, "g", "de", Edit{TextInput: TextInput{Title: "Arbeit", BodyMD: "Erster Text.\nNeue Zeile.\n", Author: "ed"}, Base: 1, Publish: true})
		if err != nil {
			t.Fatal(err)
		}
		if r2.Number != 2 || r2.TextRevision != 2 {
			t.Errorf("second revision: %+v", r2)
		}
		if _, err := s.Save(ctx, "g", "de", Edit{TextInput: TextInput{Title: "Arbeit", BodyMD: "Entwurf\n"}, Base: 2}); err != nil {
			t.Fatal(err)
		}
		h, err := s.History(ctx, "g", "de")
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 3 || h[0].Published || !h[1].Published || h[1].Author != "ed" {
			t.Fatalf("history: %+v", h)
		}
		want := []DiffLine{{Same, "Erster Text."}, {Added, "Neue Zeile."}}
		if got := Diff(h[2].BodyMD, h[1].BodyMD); !equalDiff(got, want) {
			t.Errorf("diff = %+v, want %+v", got, want)
		}
		if _, err := s.Restore(ctx, "g", "de", 1, 2, false, "ed"); errs.KindOf(err) != errs.Conflict {
			t.Errorf("restore from a stale base: %v", err)
		}
		r4, err := s.Restore(ctx, "g", "de", 1, 3, false, "ed")
		if err != nil {
			t.Fatal(err)
		}
		pub, _, _ := s.Published(ctx, "g", "de")
		if pub.BodyMD != "Erster Text.\n" || r4.TextRevision != 3 || pub.Revision != 3 {
			t.Errorf("after restore readers see %q at revision %d (%+v)", pub.BodyMD, pub.Revision, r4)
		}
		old, err := s.GermanAt(ctx, "g", 2)
		if err != nil || old.Number != 2 {
			t.Errorf("GermanAt(2) = %+v, %v", old, err)
		}
		if _, err := s.Save(ctx, "g", "uk", Edit{TextInput: TextInput{Title: "x", SourceRevision: 9}, Publish: true}); errs.KindOf(err) != errs.Invalid {
			t.Errorf("translation from a German revision that does not exist: %v", err)
		}
		if _, err := s.Save(ctx, "nope", "de", Edit{TextInput: TextInput{Title: "x"}}); errs.KindOf(err) != errs.NotFound {
			t.Errorf("unknown guide: %v", err)
		}
	})
}

func equalDiff(a, b []DiffLine) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestDiff(t *testing.T) {
	tests := []struct {
		a, b string
		want []DiffLine
	}{
		{"", "", nil},
		{"a\nb\n", "a\nb\n", []DiffLine{{Same, "a"}, {Same, "b"}}},
		{"a\nb\nc", "a\nx\nc", []DiffLine{{Same, "a"}, {Removed, "b"}, {Added, "x"}, {Same, "c"}}},
		{"a\r\nb", "b", []DiffLine{{Removed, "a"}, {Same, "b"}}},
		{"", "new", []DiffLine{{Added, "new"}}},
	}
	for _, tt := range tests {
		if got := Diff(tt.a, tt.b); !equalDiff(got, tt.want) {
			t.Errorf("Diff(%q, %q) = %+v, want %+v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestConcurrentEditors has two editors save the same guide from the same
// revision at once: exactly one wins, the other gets a conflict holding both
// texts, and nothing is overwritten.
func TestConcurrentEditors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newGuideStore(t, d)
		texts := []string{"Fassung von Anna\n", "Fassung von Ben\n"}
		results := make([]error, len(texts))
		var wg sync.WaitGroup
		for i, body := range texts {
			wg.Go(func() {
				_, results[i] = s.Save(ctx, "g", "de", Edit{TextInput: TextInput{Title: "Arbeit", BodyMD: body, Author: body}, Base: 1, Publish: true})
			})
		}
		wg.Wait()
		var wins int
		for i, err := range results {
			if err == nil {
				wins++
				continue
			}
			var c *Conflict
			if !errors.As(err, &c) || errs.KindOf(err) != errs.Conflict {
				t.Fatalf("loser got %v, want a conflict", err)
			}
			if c.Mine.BodyMD != texts[i] || c.Theirs.BodyMD != texts[1-i] {
				t.Errorf("conflict holds mine %q and theirs %q", c.Mine.BodyMD, c.Theirs.BodyMD)
			}
		}
		if wins != 1 {
			t.Errorf("%d editors won, want exactly 1", wins)
		}
		h, _ := s.History(ctx, "g", "de")
		if len(h) != 2 {
			t.Errorf("history has %d revisions, want 2", len(h))
		}
	})
}

// TestReadsCounter counts views in memory and flushes them in one write.
func TestReadsCounter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newGuideStore(t, d)
		if err := s.PutGuide(ctx, Guide{Slug: "h", Topic: "work", Position: 2}); err != nil {
			t.Fatal(err)
		}
		if err := s.Publish(ctx, "h", "de", TextInput{Title: "Zweiter"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Guides(ctx, "de"); err != nil { // load the snapshot
			t.Fatal(err)
		}
		for range 3 {
			s.CountRead("h")
		}
		s.CountRead("no-such-guide")
		s.CountRead("g")
		var stored int
		d.QueryRow(ctx, "SELECT reads FROM guides WHERE slug = 'h'").Scan(&stored)
		if stored != 0 {
			t.Errorf("a read wrote the database at once (%d)", stored)
		}
		work, err := s.TranslationWork(ctx, "uk")
		if err != nil {
			t.Fatal(err)
		}
		if len(work) != 2 || work[0].Slug != "h" || work[0].Reads != 3 || work[0].Status != StatusMissing {
			t.Errorf("translation work before flush: %+v", work)
		}
		if err := s.FlushReads(ctx); err != nil {
			t.Fatal(err)
		}
		d.QueryRow(ctx, "SELECT reads FROM guides WHERE slug = 'h'").Scan(&stored)
		if stored != 3 {
			t.Errorf("after flush h has %d reads, want 3", stored)
		}
		r, _ := s.Reads(ctx)
		if r["h"] != 3 || r["g"] != 1 {
			t.Errorf("reads after flush: %v", r)
		}
	})
}
