package content

import "lotse/internal/i18n"

// Served is one text as a reader gets it: in their language where it is
// translated, otherwise in German; Status is that of the reader's language,
// as for a guide.
type Served struct {
	Text   string `json:"text"`
	Lang   string `json:"lang"`
	Status string `json:"status"`
}

// ServedBranch is a branch as a reader sees it.
type ServedBranch struct {
	Name    Served `json:"name"`
	Address string `json:"address"`
}

// PlaceView is a place as a reader of one language sees it.
type PlaceView struct {
	Place     *Place
	Requested string // the reader's language
	Name      Served
	HelpsWith Served
	Hours     Served // empty Text when the place gives no hours
	Address   string
	Branches  []ServedBranch
	// Status is the most urgent status of the texts: missing when one is shown
	// in German, else outdated when one is behind the German.
	Status string
	// English is whether every text exists in English, to offer to a reader who
	// gets German instead of their language.
	English bool
}

// In returns the place as a reader of lang sees it.
func (p *Place) In(lang string) PlaceView {
	v := PlaceView{Place: p, Requested: lang, Address: p.Address}
	v.Name, v.HelpsWith, v.Hours = p.serve(p.Name, lang), p.serve(p.HelpsWith, lang), p.serve(p.Hours, lang)
	v.Status = worse(worse(v.Name.Status, v.HelpsWith.Status), v.Hours.Status)
	for _, b := range p.Branches {
		sb := ServedBranch{Name: p.serve(b.Name, lang), Address: b.Address}
		v.Branches = append(v.Branches, sb)
		v.Status = worse(v.Status, sb.Name.Status)
	}
	if lang != "en" {
		v.English = p.In("en").Status != StatusMissing
	}
	return v
}

// serve picks the text of one field for lang: the translation unless it is
// missing, then German. A field without German text (no hours given) is empty
// and has no status.
func (p *Place) serve(field Localized, lang string) Served {
	de := field[i18n.Source]
	if de == "" {
		return Served{}
	}
	if t := field[lang]; t != "" {
		return Served{Text: t, Lang: lang, Status: statusOf(lang, true, p.Translated[lang], p.Revision)}
	}
	return Served{Text: de, Lang: i18n.Source, Status: StatusMissing}
}

// At is the view of a municipal place at m's own office: the office's
// address, and its name in German or, translated, the place's name with the
// town's.
func (v PlaceView) At(m *Municipality) PlaceView {
	o, ok := m.Office(v.Place.Slug)
	if !ok {
		return v
	}
	if v.Name.Lang == i18n.Source {
		v.Name.Text = o.Name
	} else {
		v.Name.Text += " – " + m.Name
	}
	v.Address = o.Address
	return v
}

// Office returns the town's own office of kind ("buergerbuero" or "sozialamt").
func (m *Municipality) Office(kind string) (Office, bool) {
	switch kind {
	case "buergerbuero":
		return m.Buergerbuero, m.Buergerbuero.Name != ""
	case "sozialamt":
		return m.Sozialamt, m.Sozialamt.Name != ""
	}
	return Office{}, false
}
