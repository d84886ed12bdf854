package content

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"

	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// xliffDoc is an XLIFF document as lotse exchanges it with translation
// agencies and Weblate.
//
// lotse writes and reads a subset of XLIFF 1.2: one <file> per guide, named
// guides/{slug}, whose build-num is the German revision ("Fassung") it was
// made from; one trans-unit each for the title ({slug}.title), the summary
// ({slug}.summary, when the German has one) and every paragraph of the body
// ({slug}.body.N, paragraphs split at blank lines). Sources and targets are
// plain Markdown; ::: lines (municipality sections, boxes) must stay as they
// are.
//
// Export (ExportXLIFF) offers every guide whose translation is missing or
// outdated and marks each unit with the state of its translation, so that a
// translator sees which paragraphs changed:
//
//   - state="translated", with the current translation as target: the German
//     unit did not change since the German revision the translation was made
//     from (paragraphs are matched by content, so an inserted paragraph does
//     not mark the ones after it as changed);
//   - state="needs-review-translation", with the current translation as
//     target: the German unit changed since then;
//   - state="needs-translation", with an empty target: there is nothing to
//     start from (no translation, a new paragraph, or a translation whose
//     paragraphs no longer line up with its German revision).
//
// Import (ImportXLIFF) checks the whole file and publishes nothing if any
// problem is found; every problem is reported by unit id (or file, or line and
// column for broken XML). The rules:
//
//   - the file must be XLIFF 1.2 XML for the language imported, with German
//     as source language and a build-num that is a published German revision;
//   - every unit id must belong to its guide and to that German revision, and
//     every unit of that revision must be present, once;
//   - a unit's <source> must be the German text of that revision (line ends
//     and surrounding white space aside): an edited source is rejected
//     (source_changed), since the translation would not match the German;
//   - a unit is open when its target is missing or empty, or when it is still
//     state="needs-review-translation" with the unchanged text of the
//     published translation (not reviewed yet); an empty target whose state
//     claims it is done (translated, final, …) is a problem (untranslated);
//   - a guide with an open unit is skipped: its published translation stays
//     as it was, and the import result lists it. So a file exported and
//     imported back unchanged changes nothing, and units with
//     state="needs-translation" and an empty target are simply ignored;
//   - a guide without an open unit is published as a translation made from
//     the file's German revision (up to date if that is the current one).
type xliffDoc struct {
	XMLName xml.Name    `xml:"urn:oasis:names:tc:xliff:document:1.2 xliff"`
	Version string      `xml:"version,attr"`
	Files   []xliffFile `xml:"file"`
}

// xliffNS is the XLIFF 1.2 namespace.
const xliffNS = "urn:oasis:names:tc:xliff:document:1.2"

// MaxXLIFF is the largest XLIFF file an import reads (50 MB).
const MaxXLIFF = 50 << 20

type xliffFile struct {
	Original   string      `xml:"original,attr"`
	SourceLang string      `xml:"source-language,attr"`
	TargetLang string      `xml:"target-language,attr"`
	Datatype   string      `xml:"datatype,attr"`
	BuildNum   string      `xml:"build-num,attr"`
	Units      []xliffUnit `xml:"body>trans-unit"`
}

type xliffUnit struct {
	ID     string       `xml:"id,attr"`
	Source string       `xml:"source"`
	Target *xliffTarget `xml:"target"`
	Note   string       `xml:"note,omitempty"`
}

type xliffTarget struct {
	State string `xml:"state,attr,omitempty"`
	Text  string `xml:",chardata"`
	// Inline holds any inline markup a tool added; lotse units are plain
	// Markdown, so markup is reported rather than silently dropped.
	Inline []struct {
		XMLName xml.Name
	} `xml:",any"`
}

// The target states lotse writes.
const (
	stateTranslated  = "translated"
	stateNeedsReview = "needs-review-translation"
	stateNeedsNew    = "needs-translation"
)

// unit is one translatable piece of a guide text: its id suffix and text.
type unit struct {
	id   string // "title", "summary", "body.3"
	text string
}

// textUnits splits a guide text into its units: the title, the summary when
// there is one, and the paragraphs of the body.
func textUnits(title, summary, bodyMD string) []unit {
	us := []unit{{"title", title}}
	if summary != "" {
		us = append(us, unit{"summary", summary})
	}
	for i, p := range paragraphs(bodyMD) {
		us = append(us, unit{"body." + strconv.Itoa(i+1), p})
	}
	return us
}

// ExportXLIFF writes every guide whose translation into lang is missing or
// outdated as XLIFF 1.2, each unit with the state of its translation (the
// rules are at xliffDoc).
func (s *Store) ExportXLIFF(ctx context.Context, lang string, w io.Writer) error {
	l, ok := i18n.Lookup(lang)
	if !ok || l.Code == i18n.Source {
		return errs.E(errs.Invalid, "error.bad_language")
	}
	snap, err := s.current(ctx)
	if err != nil {
		return err
	}
	work, err := s.TranslationWork(ctx, l.Code)
	if err != nil {
		return err
	}
	doc := xliffDoc{Version: "1.2"}
	for _, wk := range work {
		texts := snap.texts[wk.Slug]
		de, old := texts[i18n.Source], texts[l.Code]
		var base *Revision // the German the translation was made from
		if old != nil {
			r, err := s.GermanAt(ctx, wk.Slug, old.SourceRevision)
			switch {
			case err == nil:
				base = &r
			case errs.KindOf(err) != errs.NotFound:
				return err
			}
		}
		f := xliffFile{Original: "guides/" + wk.Slug, SourceLang: i18n.Source, TargetLang: l.Code,
			Datatype: "x-markdown", BuildNum: strconv.Itoa(de.Revision)}
		for _, u := range exportUnits(de, old, base) {
			f.Units = append(f.Units, xliffUnit{ID: wk.Slug + "." + u.id, Source: u.text, Target: u.target})
		}
		doc.Files = append(doc.Files, f)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return errs.Wrap(err, "encode XLIFF")
	}
	buf.WriteByte('\n')
	_, err = w.Write(buf.Bytes())
	return err
}

// exportUnit is a German unit with the target offered for it.
type exportUnit struct {
	unit
	target *xliffTarget
}

// exportUnits pairs the units of the current German text de with the
// translation old (nil when missing), made from the German revision base (nil
// when unknown), and gives each its state.
func exportUnits(de, old *Text, base *Revision) []exportUnit {
	cur := textUnits(de.Title, de.Summary, de.BodyMD)
	out := make([]exportUnit, len(cur))
	for i, u := range cur {
		out[i] = exportUnit{unit: u, target: &xliffTarget{State: stateNeedsNew}}
	}
	if old == nil {
		return out
	}
	offer := func(i int, prev string, same bool) {
		if strings.TrimSpace(prev) == "" {
			return
		}
		out[i].target = &xliffTarget{State: stateNeedsReview, Text: prev}
		if same {
			out[i].target.State = stateTranslated
		}
	}
	oldBody := paragraphs(old.BodyMD)
	var baseTitle, baseSummary string
	var baseBody []string
	if base != nil {
		baseTitle, baseSummary, baseBody = base.Title, base.Summary, paragraphs(base.BodyMD)
	}
	var curBody []string
	for i, u := range cur {
		switch {
		case u.id == "title":
			offer(i, old.Title, base != nil && baseTitle == de.Title)
		case u.id == "summary":
			offer(i, old.Summary, base != nil && baseSummary == de.Summary)
		default:
			curBody = append(curBody, u.text)
		}
	}
	first := len(cur) - len(curBody) // index of body.1 in cur
	switch {
	case base != nil && len(oldBody) == len(baseBody):
		// The translation lines up with its German revision: match the
		// German paragraphs then and now.
		for i, m := range alignParagraphs(baseBody, curBody) {
			if m.from >= 0 {
				offer(first+i, oldBody[m.from], m.same)
			}
		}
	case base == nil && len(oldBody) == len(curBody):
		// The German revision is unknown: offer paragraph for paragraph.
		for i, p := range oldBody {
			offer(first+i, p, false)
		}
	}
	return out
}

var blankLine = regexp.MustCompile(`\n[ \t]*\n`)

// paragraphs splits Markdown at blank lines; joinParagraphs undoes it.
func paragraphs(md string) []string {
	var out []string
	for _, p := range blankLine.Split(strings.ReplaceAll(md, "\r\n", "\n"), -1) {
		if p = strings.Trim(p, "\n"); strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

func joinParagraphs(ps []string) string {
	if len(ps) == 0 {
		return ""
	}
	return strings.Join(ps, "\n\n") + "\n"
}
