package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/lotse"
)

// The Lotse questionnaire is one page: with JavaScript it shows one question at a
// time (lotse.js), without it the whole short form; either way nothing is sent
// until the visitor asks for the plan. The plan's URL carries the answers as a
// token (lotse.Answers.Token), so nothing is stored on the server.

// nationalities offered by the questionnaire: the county's large origin groups and
// the countries the Kindergeld rules name; any other country is "other".
var nationalities = []string{"UA", "TR", "SY", "AF", "IQ", "RO", "PL", "BG", "RU", "CN", "EG", "IN", "BR",
	"IR", "ER", "NG", "DZ", "MA", "TN", "BA", "XK", "ME", "RS", "MK", "AL", "GE", "VN", "PK"}

type questionView struct {
	ID, Field, Kind, Text, Help string
	Options                     []optionView
	DontKnow                    bool
	Unanswered                  bool // "I don't know" chosen or nothing answered yet
	Value                       string
	Ask                         string // the condition under which it is asked, for lotse.js
	Error                       string
	Number                      int
}

type optionView struct {
	Value, Label string
	Checked      bool
	Count        int // for the children question: how many in this age group
}

type lotsePage struct {
	Questions []questionView
	Error     string
	ErrorID   string // the question the error is about, for a link to it
	// Logic is the rule book's predicates for lotse.js (when each question is
	// asked is on its fieldset); the template writes it as a JSON object.
	Logic map[string]any
}

// lotseForm shows the questionnaire, filled in from ?a=TOKEN when the visitor
// comes back to change answers.
func (s *Server) lotseForm(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	var answers lotse.Answers
	if tok := r.URL.Query().Get("a"); tok != "" {
		if a, err := lotse.ParseToken(tok); err == nil {
			answers = a
		}
	}
	answers = withRememberedMunicipality(r, answers)
	return s.renderLotseForm(w, r, lang, answers, nil, http.StatusOK)
}

// withRememberedMunicipality pre-selects the municipality of ?municipality= (a
// shared link), else the one saved on the home page, when the answers do not
// name one already: answers in the URL win. A value the rule book does not know
// is ignored.
func withRememberedMunicipality(r *http.Request, a lotse.Answers) lotse.Answers {
	if _, ok := a.Get("municipality"); ok {
		return a
	}
	slug := r.URL.Query().Get("municipality")
	if slug == "" {
		if c, err := r.Cookie(cookieMunicipality); err == nil {
			slug = c.Value
		}
	}
	if slug == "" {
		return a
	}
	if b, err := a.Set("municipality", slug); err == nil {
		return b
	}
	return a
}

func (s *Server) renderLotseForm(w http.ResponseWriter, r *http.Request, lang i18n.Language, answers lotse.Answers, inputErr *lotse.InputError, status int) error {
	t := i18n.For(lang.Code)
	asks := map[string]string{}
	rb := lotse.Rules()
	for _, q := range rb.Questions {
		asks[q.ID] = q.Ask
	}
	preds := map[string]string{}
	for _, p := range rb.Predicates {
		preds[p.Name] = p.When
	}
	p := lotsePage{Logic: map[string]any{"predicates": preds}}
	for i, q := range lotse.Questions(lang.Code) {
		v := questionView{ID: q.ID, Field: q.Field, Kind: q.Kind, Text: q.Text, Help: q.Help, DontKnow: q.DontKnow, Ask: asks[q.ID], Number: i + 1}
		cur, answered := answers.Get(q.Field)
		v.Unanswered = !answered
		v.Value = cur
		if inputErr != nil && inputErr.Field == q.Field {
			// The engine's message names fields as the contract spells them;
			// the visitor gets the question itself, in their language.
			v.Error = t.Get("lotse.check_answer", "Question", q.Text)
			p.Error, p.ErrorID = v.Error, "q-"+q.ID
		}
		switch q.Kind {
		case "country":
			v.Options = countryOptions(lang.Code, cur)
		case "multi":
			counts := map[string]int{}
			for c := range strings.SplitSeq(cur, ",") {
				counts[c]++
			}
			for _, o := range q.Options {
				v.Options = append(v.Options, optionView{Value: o.Value, Label: o.Label, Count: counts[o.Value]})
			}
		default:
			for _, o := range q.Options {
				v.Options = append(v.Options, optionView{Value: o.Value, Label: o.Label, Checked: answered && o.Value == cur})
			}
		}
		p.Questions = append(p.Questions, v)
	}
	if inputErr != nil && p.Error == "" {
		p.Error = inputErr.Msg // a problem not tied to one question (a damaged link)
	}
	return renderWith(s, w, r, status, "lotse", lang, t.Get("lotse.title"), p)
}

// renamedCountries are the countries whose name changed after the CLDR data
// of golang.org/x/text; their current names are in the locales.
var renamedCountries = map[string]string{"MK": "lotse.country_mk"}

// countryOptions lists the nationalities with their names in the reader's language.
func countryOptions(lang, current string) []optionView {
	t := i18n.For(lang)
	tag, err := language.Parse(lang)
	if err != nil || lang == i18n.Simple {
		tag = language.German
	}
	namer := display.Regions(tag)
	out := make([]optionView, 0, len(nationalities))
	for _, code := range nationalities {
		name := code
		if reg, err := language.ParseRegion(code); err == nil && namer != nil {
			if n := namer.Name(reg); n != "" {
				name = n
			}
		}
		if key, ok := renamedCountries[code]; ok {
			name = t.Get(key)
		}
		if code == "XK" && name == code {
			name = "Kosovo"
		}
		out = append(out, optionView{Value: code, Label: name, Checked: code == current})
	}
	return out
}

// answersFromForm reads the questionnaire's fields. Empty fields and "I don't
// know" stay unanswered; the children question gives a count per age group.
func answersFromForm(form url.Values, lang string) (lotse.Answers, *lotse.InputError) {
	var a lotse.Answers
	for _, q := range lotse.Questions(lang) {
		var err error
		switch q.Kind {
		case "multi":
			var list []string
			answered := false
			for _, o := range q.Options {
				raw := form.Get(q.Field + "." + o.Value)
				if raw == "" {
					continue
				}
				answered = true
				n, convErr := strconv.Atoi(raw)
				if convErr != nil || n < 0 || n > 20 {
					return a, &lotse.InputError{Field: q.Field, Code: "unknown_value", Msg: i18n.For(lang).Get("lotse.bad_count")}
				}
				for range n {
					list = append(list, o.Value)
				}
			}
			if answered {
				a, err = a.Set(q.Field, list...)
			}
		default:
			v := strings.TrimSpace(form.Get(q.Field))
			if v == "" {
				continue
			}
			a, err = a.Set(q.Field, v)
		}
		if err != nil {
			var ie *lotse.InputError
			if errors.As(err, &ie) {
				ie.Localize(lang)
				return a, ie
			}
			return a, &lotse.InputError{Field: q.Field, Code: "unknown_value", Msg: err.Error()}
		}
	}
	return a, nil
}

// lotseSubmit turns the submitted form into a plan link. Bad answers bring the
// form back with the message and everything the visitor chose.
func (s *Server) lotseSubmit(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return &errs.Error{Kind: errs.Invalid, MsgKey: "error.bad_form"}
	}
	a, inputErr := answersFromForm(r.Form, lang.Code)
	if inputErr == nil {
		// Cross-field checks run when the plan is built.
		if _, err := lotse.BuildAnswers(a, s.planOptions(r, lang.Code)); err != nil && !errors.As(err, &inputErr) {
			return err
		}
	}
	if inputErr != nil {
		return s.renderLotseForm(w, r, lang, a, inputErr, http.StatusBadRequest)
	}
	// The free-text profession is meant for a desk, not for a link that may be
	// shared or bookmarked; the plan does not depend on it.
	a = a.Unset("foreign_qualification.profession")
	http.Redirect(w, r, "/"+lang.Code+"/lotse/plan?a="+url.QueryEscape(a.Token()), http.StatusSeeOther)
	return nil
}
