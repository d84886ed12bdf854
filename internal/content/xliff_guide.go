package content

import (
	"strconv"
	"strings"
)

// decodeGuide checks the units of one guide's <file> against German revision
// rev (its units by id suffix) and assembles the translation. finished is
// false when a unit is open: its target is missing or empty, or it is still
// marked for review with the published translation's text unchanged.
func decodeGuide(slug string, rev int, f xliffFile, german map[string]string, published map[string]bool) (t importText, finished bool, problems []Problem) {
	t.slug, t.in.SourceRevision = slug, rev
	done := map[string]string{}
	seen := map[string]bool{}
	open := false
	for _, u := range f.Units {
		m := unitID.FindStringSubmatch(u.ID)
		if m == nil || m[1] != slug {
			problems = append(problems, Problem{Unit: u.ID, Key: "unknown_unit"})
			continue
		}
		src, known := german[m[2]]
		switch {
		case !known:
			problems = append(problems, Problem{Unit: u.ID, Key: "unknown_unit"})
			continue
		case seen[m[2]]:
			problems = append(problems, Problem{Unit: u.ID, Key: "duplicate_unit"})
			continue
		}
		seen[m[2]] = true
		if normalUnit(u.Source) != normalUnit(src) {
			problems = append(problems, Problem{Unit: u.ID, Key: "source_changed", Revision: rev})
		}
		text, state := "", ""
		if u.Target != nil {
			text, state = u.Target.Text, u.Target.State
		}
		switch {
		case strings.TrimSpace(text) == "" && (state == "" || strings.HasPrefix(state, "needs-") || state == "new"):
			open = true // left for later: the published text stays
		case strings.TrimSpace(text) == "":
			problems = append(problems, Problem{Unit: u.ID, Key: "untranslated", Detail: state})
		case len(u.Target.Inline) > 0:
			problems = append(problems, Problem{Unit: u.ID, Key: "inline_markup", Detail: u.Target.Inline[0].XMLName.Local})
		case state == stateNeedsReview && published[normalUnit(text)]:
			open = true // not reviewed yet
		case len(paragraphs(text)) != 1:
			// A unit is one paragraph, so that the next export lines the
			// translation up with the German again.
			problems = append(problems, Problem{Unit: u.ID, Key: "blank_line"})
		default:
			if a, b := fences(src), fences(text); a != b {
				problems = append(problems, Problem{Unit: u.ID, Key: "markers", Detail: a})
			}
			done[m[2]] = text
		}
	}
	var body []string
	for _, id := range unitIDs(german) {
		if !seen[id] {
			problems = append(problems, Problem{Unit: slug + "." + id, Key: "missing_unit"})
			continue
		}
		switch text := done[id]; id {
		case "title":
			t.in.Title = strings.TrimSpace(text)
		case "summary":
			t.in.Summary = strings.TrimSpace(text)
		default:
			body = append(body, strings.Trim(text, "\n"))
		}
	}
	t.in.BodyMD = joinParagraphs(body)
	return t, !open, problems
}

// unitIDs lists the id suffixes of a text's units in order: the title, the
// summary if there is one, and body.1, body.2, … as far as they go.
func unitIDs(units map[string]string) []string {
	ids := []string{"title"}
	if _, ok := units["summary"]; ok {
		ids = append(ids, "summary")
	}
	for n := 1; ; n++ {
		id := "body." + strconv.Itoa(n)
		if _, ok := units[id]; !ok {
			return ids
		}
		ids = append(ids, id)
	}
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
