package content

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

var update = flag.Bool("update", false, "rewrite golden files")

// newXLIFFStore has three guides: "g" with an up-to-date Ukrainian text,
// "h" whose Ukrainian text is outdated, and "k" without one.
func newXLIFFStore(t *testing.T, d *db.DB) *Store {
	t.Helper()
	ctx := context.Background()
	s := newGuideStore(t, d)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Publish(ctx, "g", "uk", TextInput{Title: "Робота", BodyMD: "Перший текст.\n", SourceRevision: 1}))
	must(s.PutGuide(ctx, Guide{Slug: "h", Topic: "work", Position: 2}))
	must(s.Publish(ctx, "h", "de", TextInput{Title: "Wohnen", Summary: "Eine Wohnung finden", BodyMD: "## Suche\n\nAbsatz & <Zeichen>.\n\n::: municipality dueren\nIn Düren: Amt A.\n:::\n"}))
	must(s.Publish(ctx, "h", "uk", TextInput{Title: "Житло", Summary: "Старе", BodyMD: "## Пошук\n\nАбзац.\n\n::: municipality dueren\nУ Дюрені.\n:::\n", SourceRevision: 1}))
	must(s.Publish(ctx, "h", "de", TextInput{Title: "Wohnen", Summary: "Eine Wohnung finden", BodyMD: "## Suche\n\nAbsatz & <Zeichen>, neu.\n\n::: municipality dueren\nIn Düren: Amt B.\n:::\n"}))
	must(s.PutGuide(ctx, Guide{Slug: "k", Topic: "work", Position: 3}))
	must(s.Publish(ctx, "k", "de", TextInput{Title: "Kinder", BodyMD: "Kita.\n\n- eins\n- zwei\n"}))
	return s
}

func export(t *testing.T, s *Store, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportXLIFF(context.Background(), lang, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestXLIFFRoundTrip exports what Ukrainian lacks (golden file: unchanged
// units translated, changed ones to review, new ones to translate),
// translates every unit, imports it and finds every guide up to date with the
// new text.
func TestXLIFFRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newXLIFFStore(t, d)
		got := export(t, s, "uk")
		path := filepath.Join("testdata", "xliff", "export-uk.xlf")
		if *update {
			os.WriteFile(path, got, 0o644)
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("export differs from %s:\n%s", path, got)
		}
		var doc xliffDoc
		if err := xml.Unmarshal(got, &doc); err != nil {
			t.Fatal(err)
		}
		for i := range doc.Files {
			for j := range doc.Files[i].Units {
				u := &doc.Files[i].Units[j]
				u.Target = &xliffTarget{State: "translated", Text: strings.ReplaceAll(u.Source, "Amt", "UA")}
			}
		}
		b, _ := xml.Marshal(doc)
		res, err := s.ImportXLIFF(ctx, bytes.NewReader(b), "uk", "agency")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Imported, []string{"h", "k"}) {
			t.Errorf("imported %v, want [h k]", res.Imported)
		}
		for _, slug := range []string{"g", "h", "k"} {
			st, _ := s.Status(ctx, slug)
			if st["uk"] != StatusUpToDate {
				t.Errorf("%s is %s after import", slug, st["uk"])
			}
		}
		h, _, _ := s.Published(ctx, "h", "uk")
		if want := "## Suche\n\nAbsatz & <Zeichen>, neu.\n\n::: municipality dueren\nIn Düren: UA B.\n:::\n"; h.BodyMD != want || h.Summary != "Eine Wohnung finden" {
			t.Errorf("imported h body %q", h.BodyMD)
		}
		if again := export(t, s, "uk"); bytes.Contains(again, []byte("<file")) {
			t.Errorf("nothing should be left to translate:\n%s", again)
		}
	})
}

// TestXLIFFRejects feeds broken files: each is rejected with every problem
// named by unit, and the database stays as it was.
func TestXLIFFRejects(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newXLIFFStore(t, d)
		good := string(export(t, s, "uk"))
		good = regexp.MustCompile(`\s*<target[^>]*>[^<]*</target>`).ReplaceAllString(good, "")
		translated := strings.NewReplacer("</source>", "</source><target>x</target>").Replace(good)
		tests := []struct {
			name string
			file string
			lang string
			want []string // "unit: key"
		}{
			{"broken XML", good[:len(good)/2], "uk", []string{"broken_xml"}},
			{"not XLIFF", "<html></html>", "uk", []string{"not_xliff"}},
			{"wrong language", translated, "ar", []string{"guides/h: wrong_language", "guides/k: wrong_language"}},
			{"wrong ids", strings.Replace(strings.Replace(translated, `id="h.title"`, `id="h.titel"`, 1), `id="k.body.1"`, `id="x.body.1"`, 1), "uk",
				[]string{"h.titel: unknown_unit", "x.body.1: unknown_unit", "h.title: missing_unit"}},
			{"unknown guide", strings.Replace(translated, `original="guides/k"`, `original="guides/zzz"`, 1), "uk", []string{"guides/zzz: unknown_guide"}},
			{"future revision", strings.Replace(translated, `build-num="2"`, `build-num="7"`, 1), "uk", []string{"guides/h: bad_revision"}},
			{"empty but translated", strings.Replace(translated, `<source>Kita.</source><target>x</target>`, `<source>Kita.</source><target state="translated"> </target>`, 1), "uk", []string{"k.body.1: untranslated"}},
			{"edited source", strings.Replace(translated, `<source>Kita.</source>`, `<source>Kita!</source>`, 1), "uk", []string{"k.body.1: source_changed"}},
			{"unit of no German paragraph", strings.Replace(translated, `id="k.body.2"`, `id="k.body.3"`, 1), "uk", []string{"k.body.3: unknown_unit", "k.body.2: missing_unit"}},
			{"empty file", " \n", "uk", []string{"empty_file"}},
			{"binary", "PK\x03\x04\x00\x00garbage", "uk", []string{"broken_xml"}},
			{"plain text", "hello", "uk", []string{"not_xliff"}},
			{"XLIFF 2.0", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>`, "uk", []string{"xliff_version"}},
			{"changed marker", strings.Replace(translated, "Amt B.&#xA;:::</source><target>x", "Amt B.&#xA;:::</source><target>::: municipality aachen&#xA;x&#xA;:::", 1), "uk", []string{"h.body.3: markers"}},
			{"inline markup", strings.Replace(translated, "<target>x</target>", "<target>x<g id=\"1\">y</g></target>", 1), "uk", []string{"h.title: inline_markup"}},
			{"too large", strings.Repeat(" ", MaxXLIFF+1), "uk", []string{"too_large"}},
		}
		var before string
		d.QueryRow(ctx, "SELECT value FROM settings WHERE key = 'content_version'").Scan(&before)
		for _, tt := range tests {
			_, err := s.ImportXLIFF(ctx, strings.NewReader(tt.file), tt.lang, "agency")
			var ie *ImportError
			if !errors.As(err, &ie) || errs.KindOf(err) != errs.Invalid {
				t.Errorf("%s: %v, want an import error", tt.name, err)
				continue
			}
			var got []string
			for _, p := range ie.Problems {
				got = append(got, strings.TrimPrefix(p.Unit+": "+p.Key, ": "))
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("%s: problems %v lack %q", tt.name, got, w)
				}
			}
			for _, p := range ie.Problems {
				if p.Key == "source_changed" && p.Revision != 1 {
					t.Errorf("%s: %v names German revision %d, want 1", tt.name, p, p.Revision)
				}
				if p.Key == "broken_xml" && p.Line == 0 {
					t.Errorf("%s: %v has no line", tt.name, p)
				}
			}
		}
		var after string
		var revs int
		d.QueryRow(ctx, "SELECT value FROM settings WHERE key = 'content_version'").Scan(&after)
		d.QueryRow(ctx, "SELECT COUNT(*) FROM guide_revisions WHERE lang = 'uk'").Scan(&revs)
		if before != after || revs != 2 {
			t.Errorf("a rejected import changed the database (version %s → %s, %d uk revisions)", before, after, revs)
		}
	})
}

// FuzzDecodeXLIFF feeds arbitrary bytes to the decoder: it must never panic and
// must either report problems or return texts with a title.
func FuzzDecodeXLIFF(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="guides/g" source-language="de" target-language="uk" build-num="1"><body><trans-unit id="g.title"><source>A</source><target>Б</target></trans-unit><trans-unit id="g.body.2"><source>x</source><target>y</target></trans-unit></body></file></xliff>`))
	f.Add([]byte(`<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="guides/g"><body><trans-unit id="g.body.99999"><target><x/></target></trans-unit></body></file></xliff>`))
	f.Add([]byte("<xliff"))
	german := map[string]string{"title": "A", "body.1": "x", "body.2": "y"}
	guides := map[string]*guideBase{"g": {current: 3, published: map[string]bool{"Б": true},
		german: func(int) (map[string]string, error) { return german, nil }}}
	f.Fuzz(func(t *testing.T, b []byte) {
		texts, _, problems, err := decodeXLIFF(b, "uk", guides)
		if err != nil {
			t.Fatal(err)
		}
		if len(problems) > 0 {
			return
		}
		for _, tx := range texts {
			if tx.slug != "g" || tx.in.SourceRevision < 1 || tx.in.SourceRevision > 3 || tx.in.Title == "" || len(paragraphs(tx.in.BodyMD)) != 2 {
				t.Errorf("accepted %+v", tx)
			}
		}
	})
}
