// Package content holds what the public portal shows: guides in many languages with
// their translation status, the county's municipalities, and its agencies and
// places. German is the source language of every guide; a translation records the
// German revision it was made from, so the portal can tell a reader when it is
// missing or older than the German text and show the German text instead.
package content

import (
	"time"

	"lotse/internal/onestop"
)

// Translation statuses, as the API and the pages report them.
const (
	StatusUpToDate = "up-to-date"
	StatusOutdated = "outdated"
	StatusMissing  = "missing"
)

// County is the county the portal serves, with what the home page and the footer
// show. It is data, so another county runs the same binary.
type County struct {
	Name    string            `json:"name"`
	Short   string            `json:"short"`
	About   map[string]string `json:"about"`
	Center  Office            `json:"welcome_center"`
	OneStop onestop.Site      `json:"onestop"`
	Imprint Imprint           `json:"imprint"`
	// Topics orders the guide topics on the home page; TopGuides are the guides
	// translated into every language, shown first.
	Topics    []string `json:"topics"`
	TopGuides []string `json:"top_guides"`
	// Checked is when an editor last checked the content against the offices.
	Checked string `json:"checked"`
}

// Office is a named address with contact details.
type Office struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	Email   string `json:"email,omitempty"`
	Phone   string `json:"phone,omitempty"`
	URL     string `json:"url,omitempty"`
}

// Imprint is the legally responsible publisher for the imprint page.
type Imprint struct {
	Publisher   string `json:"publisher"`
	Represented string `json:"represented_by"`
	Address     string `json:"address"`
	Email       string `json:"email"`
	Phone       string `json:"phone"`
}

// Municipality is one of the county's towns and municipalities.
type Municipality struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Kind string `json:"kind"` // "Stadt" or "Gemeinde"
	// Buergerbuero is the address registration office, Sozialamt the benefits
	// office; JobcenterSite names the job-com site serving the town.
	Buergerbuero  Office `json:"buergerbuero"`
	Sozialamt     Office `json:"sozialamt"`
	JobcenterSite string `json:"jobcenter_site"`
}

// Place is an agency or place a newcomer meets. Its texts (name, what it helps
// with, opening hours, branch names) are written in German and translated like
// a guide: Revision counts the saves that changed a German text, and
// Translated records per language the Revision its texts were last brought up
// to date with, so a translation behind Revision is outdated (see PlaceView).
type Place struct {
	Slug       string         `json:"slug"`
	OneStop    bool           `json:"onestop"`
	Municipal  bool           `json:"municipal"`
	Name       Localized      `json:"name"`
	HelpsWith  Localized      `json:"helps_with"`
	Address    string         `json:"address"`
	Branches   []Branch       `json:"branches,omitempty"`
	Hours      Localized      `json:"hours,omitempty"`
	Languages  []string       `json:"languages"`
	URL        string         `json:"url"`
	Guides     []string       `json:"guides"`
	Revision   int            `json:"revision,omitempty"`
	Translated map[string]int `json:"translated,omitempty"`
}

// Branch is a further address of a place, such as a branch office.
type Branch struct {
	Name    Localized `json:"name"`
	Address string    `json:"address"`
}

// Guide is a guide independent of language.
type Guide struct {
	Slug     string
	Topic    string
	Position int
	Places   []string
}

// Text is the published text of a guide in one language.
type Text struct {
	Lang string
	// Revision is, for German, the number of the current published revision that
	// changed meaning (minor edits keep it); for a translation, its own revision.
	Revision int
	// SourceRevision is the German revision a translation was made from.
	SourceRevision int
	Title          string
	Summary        string
	BodyMD         string
	Segments       []Segment
	Updated        time.Time
}
