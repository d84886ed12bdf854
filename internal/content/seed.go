package content

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"lotse/internal/i18n"
)

// Seed loads a county from a folder in the layout of demo/README.md: county.json,
// municipalities.json, places.json and guides/{slug}/{lang}.md. It is how the demo
// county reaches an empty database, and how another county can start from ours.
func (s *Store) Seed(ctx context.Context, fsys fs.FS) error {
	var county County
	if err := readJSON(fsys, "county.json", &county); err != nil {
		return err
	}
	var munis []Municipality
	if err := readJSON(fsys, "municipalities.json", &munis); err != nil {
		return err
	}
	var places []Place
	if err := readJSON(fsys, "places.json", &places); err != nil {
		return err
	}
	for i, m := range munis {
		if err := s.PutMunicipality(ctx, m, i+1); err != nil {
			return err
		}
	}
	for i, p := range places {
		if err := s.PutPlace(ctx, p, i+1); err != nil {
			return err
		}
	}
	if err := s.seedGuides(ctx, fsys, county); err != nil {
		return err
	}
	// The county goes last: its presence marks the database as loaded.
	return s.SaveCounty(ctx, county)
}

func (s *Store) seedGuides(ctx context.Context, fsys fs.FS, county County) error {
	dirs, err := fs.ReadDir(fsys, "guides")
	if err != nil {
		return fmt.Errorf("seed guides: %w", err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		slug := d.Name()
		de, err := readGuideFile(fsys, path.Join("guides", slug, i18n.Source+".md"))
		if err != nil {
			return err
		}
		g := Guide{Slug: slug, Topic: de.meta["topic"], Position: guidePosition(county, slug, de.meta["topic"])}
		for p := range strings.SplitSeq(de.meta["places"], ",") {
			if p = strings.TrimSpace(p); p != "" {
				g.Places = append(g.Places, p)
			}
		}
		if err := s.PutGuide(ctx, g); err != nil {
			return err
		}
		rev, _ := strconv.Atoi(de.meta["revision"])
		deIn, err := de.input(max(rev, 1), 0, time.Time{})
		if err != nil {
			return fmt.Errorf("seed %s/de: %w", slug, err)
		}
		if err := s.Publish(ctx, slug, i18n.Source, deIn); err != nil {
			return fmt.Errorf("seed %s/de: %w", slug, err)
		}
		for _, l := range i18n.All() {
			if l.Code == i18n.Source {
				continue
			}
			f, err := readGuideFile(fsys, path.Join("guides", slug, l.Code+".md"))
			if err != nil {
				continue // not translated yet: readers get German with a notice
			}
			src, _ := strconv.Atoi(f.meta["source_revision"])
			in, err := f.input(0, src, deIn.Date)
			if err != nil {
				return fmt.Errorf("seed %s/%s: %w", slug, l.Code, err)
			}
			if err := s.Publish(ctx, slug, l.Code, in); err != nil {
				return fmt.Errorf("seed %s/%s: %w", slug, l.Code, err)
			}
		}
	}
	return nil
}

// guidePosition orders guides by the county's topic order, then top guides first.
func guidePosition(c County, slug, topic string) int {
	pos := 1000
	if i := slices.Index(c.Topics, topic); i >= 0 {
		pos = (i + 1) * 100
	}
	if i := slices.Index(c.TopGuides, slug); i >= 0 {
		pos += i
	} else {
		pos += 50
	}
	return pos
}

type guideFile struct {
	meta map[string]string
	body string
}

// input is the text of a guide file, dated by its `updated` date
// (YYYY-MM-DD, taken as noon in UTC, the same day in Europe) or else by
// fallback (zero: now).
func (f guideFile) input(revision, source int, fallback time.Time) (TextInput, error) {
	in := TextInput{Title: f.meta["title"], Summary: f.meta["summary"], BodyMD: f.body,
		Revision: revision, SourceRevision: source, Author: "seed", Date: fallback}
	if d := f.meta["updated"]; d != "" {
		day, err := time.Parse(time.DateOnly, d)
		if err != nil {
			return TextInput{}, fmt.Errorf("updated: %q is no date like 2026-11-24", d)
		}
		in.Date = day.Add(12 * time.Hour)
	}
	return in, nil
}

func readGuideFile(fsys fs.FS, name string) (guideFile, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return guideFile{}, err
	}
	meta, body, err := ParseFrontMatter(string(b))
	if err != nil {
		return guideFile{}, fmt.Errorf("%s: %w", name, err)
	}
	if meta["title"] == "" {
		return guideFile{}, fmt.Errorf("%s: no title", name)
	}
	return guideFile{meta: meta, body: body}, nil
}

// ParseFrontMatter splits a guide file into its `key: value` front matter and the
// Markdown body.
func ParseFrontMatter(src string) (map[string]string, string, error) {
	src = strings.TrimPrefix(src, "\ufeff")
	if !strings.HasPrefix(src, "---") {
		return nil, "", fmt.Errorf("no front matter")
	}
	meta := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	sc.Scan() // the opening ---
	offset := len(sc.Text()) + 1
	for sc.Scan() {
		line := sc.Text()
		offset += len(line) + 1
		if strings.TrimSpace(line) == "---" {
			return meta, strings.TrimLeft(src[min(offset, len(src)):], "\r\n"), nil
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		v = strings.Trim(v, `"`)
		meta[strings.TrimSpace(k)] = v
	}
	return nil, "", fmt.Errorf("front matter not closed")
}

func readJSON(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("seed %s: %w", name, err)
	}
	return nil
}
