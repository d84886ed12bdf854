package content

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// MaxXLIFF is the largest XLIFF file an import reads (50 MB).
const MaxXLIFF = 50 << 20

// The XLIFF 1.2 subset lotse writes and reads: one <file> per guide, named
// guides/{slug}, whose build-num is the German revision it was made from; one
// trans-unit each for the title, the summary and every paragraph of the body.
type xliffDoc struct {
	XMLName xml.Name    `xml:"urn:oasis:names:tc:xliff:document:1.2 xliff"`
	Version string      `xml:"version,attr"`
	Files   []xliffFile `xml:"file"`
}

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

// ExportXLIFF writes every guide whose translation into lang is missing or
// outdated as XLIFF 1.2, for a translation agency or Weblate. An outdated
// translation's paragraphs are offered as targets to review when the German
// text still has as many paragraphs.
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
		f := xliffFile{Original: "guides/" + wk.Slug, SourceLang: i18n.Source, TargetLang: l.Code,
			Datatype: "x-markdown", BuildNum: strconv.Itoa(de.Revision)}
		add := func(id, src, prev string, canReview bool) {
			u := xliffUnit{ID: wk.Slug + "." + id, Source: src}
			if canReview && prev != "" {
				u.Target = &xliffTarget{State: "needs-review-translation", Text: prev}
			}
			f.Units = append(f.Units, u)
		}
		var oldTitle, oldSummary string
		var oldBody []string
		if old != nil {
			oldTitle, oldSummary, oldBody = old.Title, old.Summary, paragraphs(old.BodyMD)
		}
		add("title", de.Title, oldTitle, old != nil)
		if de.Summary != "" {
			add("summary", de.Summary, oldSummary, old != nil)
		}
		body := paragraphs(de.BodyMD)
		for i, p := range body {
			prev := ""
			if len(oldBody) == len(body) {
				prev = oldBody[i]
			}
			add("body."+strconv.Itoa(i+1), p, prev, old != nil)
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

// Problem is one thing wrong with an imported XLIFF file: the unit (or file) it
// concerns, a message key under staff.xliff., and a detail for the message.
type Problem struct {
	Unit   string
	Key    string
	Detail string
}

func (p Problem) String() string {
	s := p.Key
	if p.Unit != "" {
		s = p.Unit + ": " + s
	}
	if p.Detail != "" {
		s += " (" + p.Detail + ")"
	}
	return s
}

// ImportError lists every problem of a rejected import.
type ImportError struct{ Problems []Problem }

func (e *ImportError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return "XLIFF rejected: " + b.String()
}

// ImportResult says what an import published.
type ImportResult struct {
	Imported []string // guide slugs
	Skipped  []string // guides in the file without any translation
}

// importText is one translation ready to publish.
type importText struct {
	slug string
	in   TextInput
}

// ImportXLIFF reads a translated XLIFF file for lang and publishes every
// translated guide in it, each recorded as made from the German revision of the
// file. Any problem rejects the whole file with an ImportError naming every
// problem by unit id, and nothing is stored.
func (s *Store) ImportXLIFF(ctx context.Context, r io.Reader, lang, author string) (ImportResult, error) {
	var res ImportResult
	b, err := io.ReadAll(io.LimitReader(r, MaxXLIFF+1))
	if err != nil {
		return res, errs.Wrap(err, "read XLIFF")
	}
	if len(b) > MaxXLIFF {
		return res, rejected(Problem{Key: "too_large", Detail: "50 MB"})
	}
	snap, err := s.current(ctx)
	if err != nil {
		return res, err
	}
	german := map[string]int{}
	for slug, texts := range snap.texts {
		if de := texts[i18n.Source]; de != nil {
			german[slug] = de.Revision
		}
	}
	texts, skipped, problems := decodeXLIFF(b, lang, german)
	if len(problems) > 0 {
		return res, rejected(problems...)
	}
	type rendered struct {
		importText
		segs string
	}
	var all []rendered
	for _, t := range texts {
		segs, err := json.Marshal(Render(t.in.BodyMD))
		if err != nil {
			return res, errs.Wrap(err, "encode segments")
		}
		t.in.Author = author
		all = append(all, rendered{t, string(segs)})
	}
	err = s.write(ctx, func(tx *db.Tx) error {
		for _, t := range all {
			if _, err := saveTx(ctx, tx, t.slug, lang, t.in, true, -1, t.segs); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	for _, t := range texts {
		res.Imported = append(res.Imported, t.slug)
	}
	res.Skipped = skipped
	return res, nil
}

func rejected(p ...Problem) error {
	return &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.xliff", Err: &ImportError{Problems: p}}
}

var unitID = regexp.MustCompile(`^([a-z0-9-]+)\.(title|summary|body\.([1-9][0-9]{0,4}))$`)

// decodeXLIFF parses and checks a file for lang against the current German
// revision of each guide. It is pure, so that it can be fuzzed.
func decodeXLIFF(b []byte, lang string, german map[string]int) (texts []importText, skipped []string, problems []Problem) {
	var doc xliffDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, nil, []Problem{{Key: "broken_xml", Detail: fmt.Sprintf("line %d: %s", se.Line, se.Msg)}}
		}
		return nil, nil, []Problem{{Key: "not_xliff", Detail: err.Error()}}
	}
	if doc.Version != "1.2" {
		problems = append(problems, Problem{Key: "not_xliff", Detail: "version " + doc.Version})
	}
	if len(doc.Files) == 0 {
		problems = append(problems, Problem{Key: "empty"})
	}
	seenGuide := map[string]bool{}
	for _, f := range doc.Files {
		slug, ok := strings.CutPrefix(f.Original, "guides/")
		file := f.Original
		cur, known := german[slug]
		switch {
		case !ok || !known:
			problems = append(problems, Problem{Unit: file, Key: "unknown_guide"})
			continue
		case seenGuide[slug]:
			problems = append(problems, Problem{Unit: file, Key: "duplicate_guide"})
			continue
		}
		seenGuide[slug] = true
		if f.SourceLang != i18n.Source {
			problems = append(problems, Problem{Unit: file, Key: "wrong_source_language", Detail: f.SourceLang})
		}
		if l, ok := i18n.Lookup(f.TargetLang); !ok || l.Code != lang {
			problems = append(problems, Problem{Unit: file, Key: "wrong_language", Detail: f.TargetLang})
		}
		rev, err := strconv.Atoi(f.BuildNum)
		if err != nil || rev < 1 || rev > cur {
			problems = append(problems, Problem{Unit: file, Key: "bad_revision", Detail: f.BuildNum})
		}
		t, translated, ps := decodeGuide(slug, f)
		problems = append(problems, ps...)
		if !translated {
			skipped = append(skipped, slug)
			continue
		}
		t.in.SourceRevision = rev
		texts = append(texts, t)
	}
	return texts, skipped, problems
}

// decodeGuide assembles one guide's translation from its units. translated is
// false when no unit has a target (the guide was left for later).
func decodeGuide(slug string, f xliffFile) (t importText, translated bool, problems []Problem) {
	t.slug = slug
	body := map[int]string{}
	seen := map[string]bool{}
	var haveTitle bool
	for _, u := range f.Units {
		if u.Target != nil && strings.TrimSpace(u.Target.Text) != "" {
			translated = true
		}
	}
	for _, u := range f.Units {
		m := unitID.FindStringSubmatch(u.ID)
		if m == nil || m[1] != slug {
			problems = append(problems, Problem{Unit: u.ID, Key: "unknown_unit"})
			continue
		}
		if seen[u.ID] {
			problems = append(problems, Problem{Unit: u.ID, Key: "duplicate_unit"})
			continue
		}
		seen[u.ID] = true
		if !translated {
			continue
		}
		var text string
		switch {
		case u.Target == nil || strings.TrimSpace(u.Target.Text) == "":
			if strings.TrimSpace(u.Source) != "" {
				problems = append(problems, Problem{Unit: u.ID, Key: "untranslated"})
			}
		case len(u.Target.Inline) > 0:
			problems = append(problems, Problem{Unit: u.ID, Key: "inline_markup", Detail: u.Target.Inline[0].XMLName.Local})
		default:
			text = u.Target.Text
			if a, b := fences(u.Source), fences(text); a != b {
				problems = append(problems, Problem{Unit: u.ID, Key: "markers", Detail: a})
			}
		}
		switch m[2] {
		case "title":
			haveTitle = true
			t.in.Title = strings.TrimSpace(text)
		case "summary":
			t.in.Summary = strings.TrimSpace(text)
		default:
			n, _ := strconv.Atoi(m[3])
			body[n] = strings.Trim(text, "\n")
		}
	}
	if !translated {
		return t, false, problems
	}
	if !haveTitle {
		problems = append(problems, Problem{Unit: slug + ".title", Key: "missing_unit"})
	}
	ps := make([]string, len(body))
	for _, n := range slices.Sorted(maps.Keys(body)) {
		p := body[n]
		if n > len(body) {
			problems = append(problems, Problem{Unit: slug + ".body." + strconv.Itoa(n), Key: "missing_unit", Detail: "gap before it"})
			continue
		}
		ps[n-1] = p
	}
	t.in.BodyMD = joinParagraphs(ps)
	return t, true, problems
}

// fences returns the ::: block lines of a paragraph, which a translation must
// keep unchanged (they select municipality variants and boxes).
func fences(s string) string {
	var out []string
	for l := range strings.Lines(s) {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, ":::") {
			out = append(out, l)
		}
	}
	return strings.Join(out, " | ")
}
