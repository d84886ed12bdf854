package content

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// Problem is one thing wrong with an imported XLIFF file: the unit (or file) it
// concerns, a message key under staff.xliff., a detail quoted from the file,
// the German revision it was checked against, and where broken XML broke.
type Problem struct {
	Unit     string
	Key      string
	Detail   string
	Revision int // for source_changed: the German revision of the file
	Line     int // for broken_xml: 1-based line and column, 0 if unknown
	Column   int
}

func (p Problem) String() string {
	s := p.Key
	if p.Unit != "" {
		s = p.Unit + ": " + s
	}
	if p.Revision != 0 {
		s += " (German revision " + strconv.Itoa(p.Revision) + ")"
	}
	if p.Detail != "" {
		s += " (" + p.Detail + ")"
	}
	if p.Line != 0 {
		s += fmt.Sprintf(" at line %d, column %d", p.Line, p.Column)
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
	Skipped  []string // guides with an open unit, whose translation stays as it was
}

// importText is one translation ready to publish.
type importText struct {
	slug string
	in   TextInput
}

// guideBase is what an import checks one guide of the file against.
type guideBase struct {
	current int // the current German revision
	// german returns the units of German revision rev by id suffix.
	german func(rev int) (map[string]string, error)
	// published holds the unit texts of the published translation, to tell
	// a target left unreviewed.
	published map[string]bool
}

// ImportXLIFF reads a translated XLIFF file for lang and publishes every
// finished guide in it, each recorded as made from the German revision of the
// file. Any problem rejects the whole file with an ImportError naming every
// problem by unit id, and nothing is stored. The rules are at xliffDoc.
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
	guides := map[string]*guideBase{}
	for slug, texts := range snap.texts {
		de := texts[i18n.Source]
		if de == nil {
			continue
		}
		g := &guideBase{current: de.Revision, published: map[string]bool{}, german: func(rev int) (map[string]string, error) {
			r, err := s.GermanAt(ctx, slug, rev)
			if err != nil {
				return nil, err
			}
			m := map[string]string{}
			for _, u := range textUnits(r.Title, r.Summary, r.BodyMD) {
				m[u.id] = u.text
			}
			return m, nil
		}}
		if t := texts[lang]; t != nil {
			for _, u := range textUnits(t.Title, t.Summary, t.BodyMD) {
				g.published[normalUnit(u.text)] = true
			}
		}
		guides[slug] = g
	}
	texts, skipped, problems, err := decodeXLIFF(b, lang, guides)
	if err != nil {
		return res, err
	}
	if len(problems) > 0 {
		return res, rejected(problems...)
	}
	type rendered struct {
		importText
		segs string
	}
	var all []rendered
	for _, t := range texts {
		out, err := Render(ctx, t.in.BodyMD)
		if errs.KindOf(err) == errs.Invalid {
			problems = append(problems, Problem{Unit: t.slug, Key: "body_limits"})
			continue
		}
		if err != nil {
			return res, err
		}
		segs, err := json.Marshal(out)
		if err != nil {
			return res, errs.Wrap(err, "encode segments")
		}
		t.in.Author = author
		all = append(all, rendered{t, string(segs)})
	}
	if len(problems) > 0 {
		return res, rejected(problems...)
	}
	if len(all) == 0 {
		res.Skipped = skipped
		return res, nil
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

// normalUnit is a unit's text as sources and targets are compared: line ends
// and surrounding white space do not count.
func normalUnit(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// parseXLIFF reads the XML of an XLIFF 1.2 document. A file that is not one
// gives a single problem saying why, with the line and column where the XML
// broke, never the XML parser's own words.
func parseXLIFF(b []byte) (xliffDoc, *Problem) {
	var doc xliffDoc
	if len(bytes.TrimSpace(b)) == 0 {
		return doc, &Problem{Key: "empty_file"}
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	broken := func() *Problem {
		line, col := dec.InputPos()
		return &Problem{Key: "broken_xml", Line: line, Column: col}
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return doc, &Problem{Key: "not_xliff"}
		}
		if err != nil {
			return doc, broken()
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if start.Name.Local != "xliff" {
			return doc, &Problem{Key: "not_xliff", Detail: "<" + start.Name.Local + ">"}
		}
		if start.Name.Space != xliffNS {
			for _, a := range start.Attr {
				if a.Name.Local == "version" {
					return doc, &Problem{Key: "xliff_version", Detail: a.Value}
				}
			}
			return doc, &Problem{Key: "not_xliff", Detail: start.Name.Space}
		}
		if err := dec.DecodeElement(&doc, &start); err != nil {
			return doc, broken()
		}
		if doc.Version != "1.2" {
			return doc, &Problem{Key: "xliff_version", Detail: doc.Version}
		}
		return doc, nil
	}
}

// decodeXLIFF parses and checks a file for lang against the guides, and
// returns the translations of the finished guides and the slugs of those with
// an open unit. err is set only when a German revision cannot be read.
func decodeXLIFF(b []byte, lang string, guides map[string]*guideBase) (texts []importText, skipped []string, problems []Problem, err error) {
	doc, p := parseXLIFF(b)
	if p != nil {
		return nil, nil, []Problem{*p}, nil
	}
	if len(doc.Files) == 0 {
		problems = append(problems, Problem{Key: "empty"})
	}
	seenGuide := map[string]bool{}
	for _, f := range doc.Files {
		slug, ok := strings.CutPrefix(f.Original, "guides/")
		file := f.Original
		g := guides[slug]
		switch {
		case !ok || g == nil:
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
		rev, aerr := strconv.Atoi(f.BuildNum)
		var german map[string]string
		if aerr == nil && rev >= 1 && rev <= g.current {
			german, err = g.german(rev)
			if errs.KindOf(err) == errs.NotFound {
				german, err = nil, nil
			}
			if err != nil {
				return nil, nil, nil, err
			}
		}
		if german == nil {
			problems = append(problems, Problem{Unit: file, Key: "bad_revision", Detail: f.BuildNum})
			continue
		}
		t, finished, ps := decodeGuide(slug, rev, f, german, g.published)
		problems = append(problems, ps...)
		if !finished {
			skipped = append(skipped, slug)
			continue
		}
		texts = append(texts, t)
	}
	return texts, skipped, problems, nil
}
