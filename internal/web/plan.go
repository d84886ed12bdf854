package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/lotse"
)

// planOptions are the Lotse's options for a request: the reader's language,
// today in the county's time zone, and the agencies of the next One-Stop-Shop.
func (s *Server) planOptions(r *http.Request, lang string) lotse.Options {
	opt := lotse.Options{Lang: lang, AsOf: s.now().In(s.loc)}
	if c, err := s.content.County(r.Context()); err == nil {
		opt.OneStopAgencies = c.OneStop.Places()
	}
	return opt
}

type planPage struct {
	Plan       *lotse.Plan
	Steps      []planStep
	Token      string
	Link       string
	Missing    []questionView
	OneStop    []placeLink
	OneStopURL string
	// BookURL books the One-Stop-Shop agencies of the plan (step 1 of the
	// booking, their concerns ticked).
	BookURL string
	Print   bool
}

// lotsePlan shows the plan for the answers in ?a=TOKEN.
func (s *Server) lotsePlan(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	tok := r.URL.Query().Get("a")
	a, err := lotse.ParseToken(tok)
	if err != nil {
		return &errs.Error{Kind: errs.Invalid, MsgKey: "lotse.bad_link"}
	}
	plan, err := lotse.BuildAnswers(a, s.planOptions(r, lang.Code))
	if err != nil {
		var ie *lotse.InputError
		if errors.As(err, &ie) {
			return s.renderLotseForm(w, r, lang, a, ie, http.StatusBadRequest)
		}
		return err
	}
	p := planPage{Plan: plan, Token: tok, Print: r.URL.Query().Get("print") == "1"}
	t := i18n.For(lang.Code)
	for _, st := range plan.Steps {
		ps := planStep{Step: st, WhereHTML: show(content.Served{Text: st.Where, Lang: lang.Code}, lang.Code),
			WhyHTML: show(content.Served{Text: st.Why, Lang: lang.Code}, lang.Code)}
		if st.Legal != "" {
			ps.LegalHTML = show(content.Served{Text: "(" + st.Legal + ")", Lang: lang.Code}, lang.Code)
		}
		if st.Site == "" { // a named site is already part of st.Where
			ps.Address = s.placeAddress(r, st.Place)
		}
		if st.ID == oneStopVisit {
			if county, err := s.content.County(r.Context()); err == nil {
				next := s.nextOneStop(r, t, county)
				ps.Next = &next
			}
		}
		p.Steps = append(p.Steps, ps)
	}
	p.Link = "/" + lang.Code + "/lotse/plan?a=" + url.QueryEscape(tok)
	questions := lotse.Questions(lang.Code)
	for _, field := range plan.Missing {
		for _, q := range questions {
			if q.Field == field {
				p.Missing = append(p.Missing, questionView{ID: q.ID, Field: q.Field, Text: q.Text})
			}
		}
	}
	for _, slug := range plan.OneStopAgencies {
		if l, ok := s.agencyLink(r, slug, lang.Code); ok {
			p.OneStop = append(p.OneStop, l)
		}
	}
	if len(plan.OneStopAgencies) > 0 {
		p.OneStopURL = "/" + lang.Code + "/onestop?agencies=" + url.QueryEscape(strings.Join(plan.OneStopAgencies, ",")) + "&a=" + url.QueryEscape(tok)
		if county, err := s.content.County(r.Context()); err == nil {
			p.BookURL = bookLink(county.OneStop, lang.Code, plan.OneStopAgencies)
		}
	}
	return render(s, w, r, "plan", lang, t.Get("lotse.plan_title"), p)
}

// oneStopVisit is the rule (internal/lotse/rules.json) of the visit to the
// One-Stop-Shop, whose page shows the next date instead of the rule's words.
const oneStopVisit = "welcome-center-visit"

// planStep is a step of the plan with the address of its office, so that a
// printed plan says where to go, and its texts as the page shows them: in
// right-to-left languages German names, addresses and legal references are
// isolated (the plan's JSON stays plain text).
type planStep struct {
	lotse.Step
	Address                       string
	WhereHTML, WhyHTML, LegalHTML shown
	// Next is the next One-Stop-Shop date, for the step of the visit there.
	Next *nextDate
}

// placeAddress finds the address of a plan's place: "auslaenderamt", or a
// town's own office such as "titz/buergerbuero".
func (s *Server) placeAddress(r *http.Request, place string) string {
	ctx := r.Context()
	if muni, kind, ok := strings.Cut(place, "/"); ok {
		m, err := s.content.Municipality(ctx, muni)
		if err != nil {
			return ""
		}
		if kind == "sozialamt" {
			return m.Sozialamt.Address
		}
		return m.Buergerbuero.Address
	}
	if pl, err := s.content.Place(ctx, place); err == nil {
		return pl.Address
	}
	return ""
}

type onestopPage struct {
	Next     nextDate
	Agencies []placeLink
	PlanLink string
	BookURL  string // booking in lotse, the agencies shown pre-selected
}

// nextDate is the next One-Stop-Shop as pages show it.
type nextDate struct {
	Date  string // in words, in the reader's language
	Hours string
	ISO   string // for <time datetime>
}

// nextOneStop is the next public One-Stop-Shop date, or by the county's rule
// when none is stored (a county without a roster template).
func (s *Server) nextOneStop(r *http.Request, t *i18n.T, county content.County) nextDate {
	start, end := county.OneStop.Next(s.now(), s.loc)
	if dates, err := s.upcomingOneStop(r.Context(), county); err == nil && len(dates) > 0 {
		start, end = dates[0].Start, dates[0].End
	}
	return nextDate{
		Date:  longDate(t, start),
		Hours: t.Get("time.range", "From", start.Format("15:04"), "To", end.Format("15:04")),
		ISO:   start.Format(time.RFC3339),
	}
}

// oneStopAgencies links the agencies present at the One-Stop-Shop, in the
// county's order; a non-empty only keeps those named there.
func (s *Server) oneStopAgencies(r *http.Request, county content.County, lang string, only []string) []placeLink {
	var out []placeLink
	for _, slug := range county.OneStop.Places() {
		if len(only) > 0 && !slices.Contains(only, slug) {
			continue
		}
		if l, ok := s.agencyLink(r, slug, lang); ok {
			out = append(out, l)
		}
	}
	return out
}

// agencyLink links the page of the agency slug, named as that page names it
// (the one language fallback of places, PlaceView); false when there is no
// such place.
func (s *Server) agencyLink(r *http.Request, slug, lang string) (placeLink, bool) {
	pl, err := s.content.Place(r.Context(), slug)
	if err != nil {
		return placeLink{}, false
	}
	return linkTo(pl.In(lang), lang, "/"+lang+"/places/"+slug), true
}

// onestop shows the next One-Stop-Shop for the agencies a plan named: when,
// where, whom to see and how to book.
func (s *Server) onestop(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	county, err := s.content.County(r.Context())
	if err != nil {
		return err
	}
	t := i18n.For(lang.Code)
	var only []string
	if a := r.URL.Query().Get("agencies"); a != "" {
		only = strings.Split(a, ",")
	}
	p := onestopPage{Next: s.nextOneStop(r, t, county), Agencies: s.oneStopAgencies(r, county, lang.Code, only),
		BookURL: bookLink(county.OneStop, lang.Code, only)}
	if tok := r.URL.Query().Get("a"); tok != "" {
		if _, err := lotse.ParseToken(tok); err == nil {
			p.PlanLink = "/" + lang.Code + "/lotse/plan?a=" + url.QueryEscape(tok)
		}
	}
	return render(s, w, r, "onestop", lang, t.Get("onestop.title"), p)
}

type rulesPage struct {
	Rules *lotse.ReadableRules
}

// lotseRules shows the rule book, so a caseworker can read why the Lotse
// suggests what it does.
func (s *Server) lotseRules(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	return render(s, w, r, "rules", lang, i18n.For(lang.Code).Get("lotse.rules_title"), rulesPage{Rules: lotse.RulesIn(lang.Code)})
}

// maxAnswersBody bounds the body of POST /api/v1/plan.
const maxAnswersBody = 64 << 10

type apiInputError struct {
	Error *lotse.InputError `json:"error"`
}

// apiPlan builds a plan from answers in the contract's JSON format. Invalid
// answers give 400 with the field and the allowed values.
func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request) error {
	lang, err := apiLang(r)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxAnswersBody))
	if err != nil {
		return &errs.Error{Kind: errs.Invalid, MsgKey: "error.too_large", Field: "body"}
	}
	opt := s.planOptions(r, lang.Code)
	if d := r.URL.Query().Get("as_of"); d != "" {
		t, err := time.ParseInLocation(time.DateOnly, d, s.loc)
		if err != nil {
			return &errs.Error{Kind: errs.Invalid, MsgKey: "error.bad_date", Field: "as_of"}
		}
		opt.AsOf = t
	}
	plan, err := lotse.Build(body, opt)
	if err != nil {
		var ie *lotse.InputError
		if errors.As(err, &ie) {
			writeJSONStatus(w, http.StatusBadRequest, apiInputError{Error: ie})
			return nil
		}
		return err
	}
	return writeJSON(w, plan)
}
