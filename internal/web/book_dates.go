package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"lotse/internal/booking"
	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/onestop"
)

// bookDatesPage is step 2: the coming dates and, for the chosen one, the
// itineraries to choose from.
type bookDatesPage struct {
	Q bookQuery
	proposalsView
	// Errors name the fields of the choice form.
	Errors  fieldErrors
	Hidden  []hiddenField
	Back    string // step 1 with the choices kept
	Pow     bool   // the form needs proof-of-work
	PowPass bool   // a reception pass may stand in for it (no JavaScript)
}

// proposalsView is what a visitor chooses from for a request: the coming
// dates, the chosen one and its itineraries, or a notice saying why there
// is nothing to choose on it or that the choice was just taken. Step 2 and
// staff booking on behalf of a visitor show it.
type proposalsView struct {
	Dates   []dateOption
	Date    dateOption // the chosen date
	Options []itineraryView
	Notice  string
}

// dateOption is a date to choose, in the reader's language.
type dateOption struct {
	ID      int64
	Label   string
	Hours   string
	ISO     string
	Link    string
	Current bool
}

// itineraryView is an itinerary as the pages show it: its stops with the
// agencies' names and local times.
type itineraryView struct {
	ID      string
	N       int
	From    string // first stop's start, local
	To      string // last stop's end
	Minutes int    // time on site
	Stops   []stopView
}

// stopView is one agency of an itinerary.
type stopView struct {
	Agency     string
	Start, End string
	ISO        string
}

// bookDates shows step 2 for the choices in the query.
func (s *Server) bookDates(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	return s.renderBookDates(w, r, lang, readBookQuery(r.URL.Query()), http.StatusOK, "", nil)
}

// renderBookDates renders step 2 for q with status, a notice over the
// choices and the errors of the form's fields. Choices step 1 cannot take
// (no concern, an unknown one) send the visitor back there with 422.
func (s *Server) renderBookDates(w http.ResponseWriter, r *http.Request, lang i18n.Language, q bookQuery, status int, notice string, errors fieldErrors) error {
	county, err := s.content.County(r.Context())
	if err != nil {
		return err
	}
	req, err := bookRequest(county, q)
	if err != nil {
		return s.bookStartErrors(w, r, lang, q, err)
	}
	t := i18n.For(lang.Code)
	link := func(dq bookQuery) string { return dq.link(lang.Code, "book/dates", true) + "#itineraries" }
	v, st, err := s.proposals(r.Context(), t, county, req, q, notice, link)
	if err != nil {
		return err
	}
	p := bookDatesPage{Q: q, proposalsView: v, Errors: errors, Back: q.link(lang.Code, "book", false),
		Pow: !s.pow.Off(), PowPass: !s.pow.Off(), Hidden: hiddenOf(q)}
	if v.Date.ID != 0 {
		p.Hidden = append(p.Hidden, hiddenField{"date", strconv.FormatInt(v.Date.ID, 10)})
	}
	return renderWith(s, w, r, max(status, st), "book_dates", lang, t.Get("book.dates_title"), p)
}

// proposals shows, in t's language, the coming dates (each linked by link
// with q on that date), q's date (the first when q names none) and the
// itineraries of req on it. notice, when given, goes over the choices;
// else the view says why there are none. A date in q that is not open to
// booking gives status 422 and the first date, else the status is 200.
func (s *Server) proposals(ctx context.Context, t *i18n.T, county content.County, req booking.Request, q bookQuery, notice string, link func(bookQuery) string) (proposalsView, int, error) {
	dates, err := s.upcomingOneStop(ctx, county)
	if err != nil {
		return proposalsView{}, 0, err
	}
	v, status := proposalsView{Notice: notice}, http.StatusOK
	i := slices.IndexFunc(dates, func(d onestop.Date) bool { return d.ID == q.Date })
	if q.Date != 0 && i < 0 {
		status, v.Notice = http.StatusUnprocessableEntity, t.Get("booking.error.date")
	}
	i = max(i, 0)
	for j, d := range dates {
		dq := q
		dq.Date = d.ID
		v.Dates = append(v.Dates, dateOption{ID: d.ID, Label: longDate(t, d.Start.In(s.loc)), ISO: d.Start.Format(time.RFC3339),
			Hours: t.Get("time.range", "From", t.ShortTime(d.Start.In(s.loc)), "To", t.ShortTime(d.End.In(s.loc))),
			Link:  link(dq), Current: j == i})
	}
	if len(dates) == 0 {
		v.Notice = t.Get("book.no_dates")
		return v, status, nil
	}
	d := dates[i]
	v.Date = v.Dates[i]
	its, err := s.bookings.Proposals(ctx, d, req)
	switch {
	case errs.KindOf(err) == errs.Invalid: // the date lacks an agency or the interpreter
		if v.Notice == "" {
			v.Notice = t.Get(errs.MsgKeyOf(err))
		}
	case err != nil:
		return proposalsView{}, 0, err
	default:
		v.Options = s.itineraryViews(ctx, t, county, d, t.Lang.Code, its)
		if len(v.Options) == 0 && v.Notice == "" {
			v.Notice = t.Get("book.full")
		}
	}
	return v, status, nil
}

// hiddenOf lists the choices of q for the hidden fields of a form.
func hiddenOf(q bookQuery) []hiddenField { return hiddenFields(q.values(false)) }

// hiddenFields lists v as the hidden fields of a form, by name.
func hiddenFields(v url.Values) []hiddenField {
	var out []hiddenField
	for k, vs := range v {
		for _, v := range vs {
			out = append(out, hiddenField{k, v})
		}
	}
	slices.SortStableFunc(out, func(a, b hiddenField) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// itineraryViews shows itineraries of date d, the shortest time on site
// first (of equal ones, the earliest).
func (s *Server) itineraryViews(ctx context.Context, t *i18n.T, county content.County, d onestop.Date, lang string, its []booking.Itinerary) []itineraryView {
	out := make([]itineraryView, 0, len(its))
	for _, it := range its {
		v := s.stopsView(ctx, t, county, d, lang, it.Stops)
		v.ID = it.ID()
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(a, b itineraryView) int { return a.Minutes - b.Minutes })
	for i := range out {
		out[i].N = i + 1
	}
	return out
}

// stopsView shows the stops of date d in lang.
func (s *Server) stopsView(ctx context.Context, t *i18n.T, county content.County, d onestop.Date, lang string, stops []booking.Stop) itineraryView {
	var v itineraryView
	for _, st := range stops {
		start, end := st.Times(d)
		start, end = start.In(s.loc), end.In(s.loc)
		v.Stops = append(v.Stops, stopView{Agency: s.content.AgencyName(ctx, county.OneStop, st.Agency, lang),
			Start: t.ShortTime(start), End: t.ShortTime(end), ISO: start.Format(time.RFC3339)})
	}
	if n := len(stops); n > 0 {
		v.From, v.To = v.Stops[0].Start, v.Stops[n-1].End
		v.Minutes = stops[n-1].End - stops[0].Start
	}
	return v
}
