package content

import (
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// FieldErrors lists every problem of an edited record, form field → message
// key, so that a form can show each next to its field. Fields of a
// per-language value are named like "name.de".
type FieldErrors map[string]string

func (f FieldErrors) Error() string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(f)) {
		b.WriteString(k + ": " + f[k] + "; ")
	}
	return strings.TrimSuffix(b.String(), "; ")
}

func (f FieldErrors) err() error {
	return &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.form", Err: f}
}

// cleanPlace trims every value and drops empty per-language entries. It
// changes no slice or map of p, which may be the snapshot's.
func cleanPlace(p Place) Place {
	p.Name, p.HelpsWith, p.Hours = cleanMap(p.Name), cleanMap(p.HelpsWith), cleanMap(p.Hours)
	p.Branches = slices.Clone(p.Branches)
	for i, b := range p.Branches {
		p.Branches[i] = Branch{Name: cleanMap(b.Name), Address: strings.TrimSpace(b.Address)}
	}
	p.Address, p.URL = strings.TrimSpace(p.Address), strings.TrimSpace(p.URL)
	p.Languages, p.Guides = cleanList(p.Languages), cleanList(p.Guides)
	return p
}

func validatePlace(p Place, snap *snapshot) FieldErrors {
	fe := FieldErrors{}
	if p.Name[i18n.Source] == "" {
		fe["name."+i18n.Source] = "staff.error.required"
	}
	for lang := range p.Name {
		if _, ok := i18n.Lookup(lang); !ok {
			fe["name"] = "staff.error.language"
		}
	}
	for i, b := range p.Branches {
		if b.Name[i18n.Source] == "" {
			fe["branch."+strconv.Itoa(i)+"."+i18n.Source] = "staff.error.required"
		}
	}
	for _, l := range p.Languages {
		if _, err := language.Parse(l); err != nil {
			fe["languages"] = "staff.error.language_code"
		}
	}
	if p.URL != "" {
		if u, err := url.Parse(p.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			fe["url"] = "staff.error.url"
		}
	}
	for _, g := range p.Guides {
		if snap.guideBy[g] == nil {
			fe["guides"] = "staff.error.unknown_guide"
		}
	}
	return fe
}

// cleanMunicipality trims every value.
func cleanMunicipality(m Municipality) Municipality {
	m.Name, m.JobcenterSite = strings.TrimSpace(m.Name), strings.TrimSpace(m.JobcenterSite)
	for _, o := range []*Office{&m.Buergerbuero, &m.Sozialamt} {
		o.Name, o.Address = strings.TrimSpace(o.Name), strings.TrimSpace(o.Address)
	}
	return m
}

func validateMunicipality(m Municipality) FieldErrors {
	fe := FieldErrors{}
	if m.Name == "" {
		fe["name"] = "staff.error.required"
	}
	for field, o := range map[string]Office{"buergerbuero": m.Buergerbuero, "sozialamt": m.Sozialamt} {
		if o.Name == "" && o.Address != "" {
			fe[field+".name"] = "staff.error.office_name"
		}
	}
	return fe
}

func cleanMap(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if v = strings.TrimSpace(v); v != "" {
			out[k] = v
		}
	}
	return out
}

func cleanList(l []string) []string {
	out := []string{}
	for _, v := range l {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
