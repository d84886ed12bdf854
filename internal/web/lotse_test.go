package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"lotse/internal/i18n"
	"lotse/internal/lotse"
)

// familyForm answers the questionnaire like a Syrian family with recognised
// protection in Nordstadt would; the test county's municipality slugs are not in
// the rule book, so it answers "unknown".
var familyForm = url.Values{
	"citizenship_group": {"third_country"}, "nationality": {"SY"}, "residence_status": {"recognized_protection"},
	"purpose": {"protection"}, "arrival_stage": {"first_year"}, "municipality": {"unknown"},
	"registered": {"false"}, "housing": {"own_flat"}, "job.situation": {"job_seeking"},
	"job.work_authorization": {"yes"}, "foreign_qualification.level": {"vocational"},
	"foreign_qualification.regulated": {"no"}, "languages.german": {"A1"}, "languages.english": {"basic"},
	"children.3_5": {"1"}, "children.6_9": {"2"}, "health_insurance": {"yes"}, "bank_account": {"false"},
	"benefits": {"needed"}, "foreign_qualification.profession": {"Schneiderin"},
}

func TestLotseFlow(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		rec := get(h, "/en/lotse")
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, `name="citizenship_group"`) || !strings.Contains(body, `name="children.3_5"`) || !strings.Contains(body, "I don&#39;t know") {
			t.Fatalf("questionnaire: %d", rec.Code)
		}
		rec = get(h, "/en/lotse/answers?"+familyForm.Encode())
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/en/lotse/plan?a=") {
			t.Fatalf("submit: %d %q %s", rec.Code, rec.Header().Get("Location"), rec.Body)
		}
		planURL := rec.Header().Get("Location")
		rec = get(h, planURL)
		body = rec.Body.String()
		if rec.Code != 200 {
			t.Fatalf("plan: %d", rec.Code)
		}
		for _, w := range []string{`id="step-address-registration"`, `id="step-school-registration"`, `id="step-bank-account"`, "/en/onestop?agencies=", "Orientation"} {
			if !strings.Contains(body, w) {
				t.Errorf("plan lacks %q", w)
			}
		}
		if strings.Index(body, "step-address-registration") > strings.Index(body, "step-school-registration") {
			t.Error("address registration must come before school registration")
		}
		// The plan link opens the form again with the answers kept, except the
		// free-text profession, which stays out of a link that may be shared.
		tok := strings.TrimPrefix(planURL, "/en/lotse/plan?a=")
		if a, err := lotse.ParseToken(tok); err != nil {
			t.Fatal(err)
		} else if _, ok := a.Get("foreign_qualification.profession"); ok {
			t.Error("the plan link carries the free-text profession")
		}
		rec = get(h, "/en/lotse?a="+tok)
		if !strings.Contains(rec.Body.String(), `value="recognized_protection" checked`) {
			t.Error("changing answers does not keep them")
		}
		rec = get(h, "/ar/lotse/plan?a="+tok)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `dir="rtl"`) {
			t.Errorf("Arabic plan: %d", rec.Code)
		}
		rec = get(h, "/en/onestop?agencies=auslaenderamt&a="+tok)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Immigration office") || !strings.Contains(rec.Body.String(), "Friday, 4 December 2026") {
			t.Errorf("onestop page: %d", rec.Code)
		}
	})
}

func TestLotseBadInput(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		bad := url.Values{"citizenship_group": {"eu"}, "residence_status": {"blue_card"}, "children.3_5": {"1"}}
		rec := get(h, "/en/lotse/answers?"+bad.Encode())
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest || !strings.Contains(body, `class="error"`) || !strings.Contains(body, `value="eu" checked`) {
			t.Errorf("impossible combination: %d, want 400 with the answers kept", rec.Code)
		}
		rec = get(h, "/en/lotse/answers?children.3_5=many")
		if rec.Code != http.StatusBadRequest {
			t.Errorf("bad count: %d", rec.Code)
		}
		rec = get(h, "/en/lotse/answers?housing=castle")
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `<a href="#q-housing">Please check your answer to this question`) {
			t.Errorf("unknown value: %d", rec.Code)
		}
		for _, tok := range []string{"", "zzz", "9" + strings.Repeat("_", 40), "%ff"} {
			if rec := get(h, "/uk/lotse/plan?a="+tok); rec.Code != http.StatusBadRequest {
				t.Errorf("token %q: %d, want 400", tok, rec.Code)
			}
		}
	})
}

func TestAPIPlan(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		post := func(path, body string) *httptest.ResponseRecorder {
			req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			return serve(h, req)
		}
		answers := `{"citizenship_group":"ukraine","residence_status":"temporary_protection","purpose":"protection",
			"arrival_stage":"first_months","first_entry_date":"2025-06-01","municipality":"titz","registered":true,
			"housing":"own_flat","benefits":"needed","colour":"blue"}`
		rec := post("/api/v1/plan?lang=uk&as_of=2026-11-24", answers)
		if rec.Code != 200 {
			t.Fatalf("plan: %d %s", rec.Code, rec.Body)
		}
		var plan struct {
			Lang     string   `json:"lang"`
			Warnings []string `json:"warnings"`
			Missing  []string `json:"missing"`
			Steps    []struct {
				ID string `json:"id"`
			} `json:"steps"`
			OneStop []string `json:"onestop_agencies"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &plan); err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, s := range plan.Steps {
			ids[s.ID] = true
		}
		if plan.Lang != "uk" || !ids["asylum-seeker-benefits"] || ids["jobcenter-benefits"] || len(plan.Warnings) == 0 || len(plan.Missing) == 0 {
			t.Errorf("plan = %+v", plan)
		}
		rec = post("/api/v1/plan", `{"housing":"castle"}`)
		var e struct {
			Error struct {
				Field   string   `json:"field"`
				Allowed []string `json:"allowed"`
			} `json:"error"`
		}
		json.Unmarshal(rec.Body.Bytes(), &e)
		if rec.Code != 400 || e.Error.Field != "housing" || len(e.Error.Allowed) != 5 {
			t.Errorf("unknown value: %d %s", rec.Code, rec.Body)
		}
		for _, body := range []string{"", "[]", "{", strings.Repeat("x", maxAnswersBody+1)} {
			if rec := post("/api/v1/plan", body); rec.Code != 400 {
				t.Errorf("body %.10q: %d, want 400", body, rec.Code)
			}
		}
		if rec := post("/api/v1/plan?as_of=tomorrow", "{}"); rec.Code != 400 {
			t.Errorf("bad as_of: %d", rec.Code)
		}
	})
}

// TestLotseRulesPage checks the caseworkers' rule book: conditions as
// sentences in the reader's language, no raw expressions, and sources as
// links in numeric order, each step linking its sources (issue 9, item 13).
func TestLotseRulesPage(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		rec := get(h, "/de/lotse/rules")
		if rec.Code != 200 {
			t.Fatalf("rules page: %d", rec.Code)
		}
		page := parsePage(t, rec.Body.String())
		row := selectAll(page, "tr", "id=rule-address-registration")
		if len(row) != 1 {
			t.Fatal("no row for address-registration")
		}
		cells := selectAll(row[0], "td")
		if show := textOf(cells[0]); show != "Anmeldung: „Nein“" {
			t.Errorf("address-registration is shown when %q", show)
		}
		if len(selectAll(row[0], "a", "href=#S30")) != 1 {
			t.Error("address-registration does not link its source S30")
		}
		for _, c := range selectAll(page, "td") {
			if text := textOf(c); strings.Contains(text, "==") || strings.Contains(text, " in {") {
				t.Errorf("raw condition %q", text)
			}
		}
		var keys []string
		for _, dt := range selectAll(page, "dt", "class=source") {
			keys = append(keys, textOf(dt))
		}
		if len(keys) < 3 || keys[0] != "S1" || keys[1] != "S2" || keys[2] != "S12" {
			t.Errorf("sources in order %v", keys)
		}
		for _, dd := range selectAll(page, "dd", "class=source") {
			if len(selectAll(dd, "a")) == 0 {
				t.Errorf("source without a link: %q", textOf(dd))
			}
		}
	})
}

// TestPlanNamesEachOfficeOnce checks that a step whose rules name the
// office's site (the Welcome-Center in the Bismarck Quartier, job-com's
// Jülich office) shows that site only, not the place's address as well
// (issue 9, item 14).
func TestPlanNamesEachOfficeOnce(t *testing.T) {
	form := url.Values{
		"citizenship_group": {"third_country"}, "nationality": {"MA"}, "residence_status": {"residence_permit"},
		"purpose": {"family"}, "arrival_stage": {"first_months"}, "municipality": {"juelich"}, "registered": {"true"},
		"housing": {"own_flat"}, "job.situation": {"not_seeking"}, "foreign_qualification.level": {"none"},
		"languages.german": {"A1"}, "languages.english": {"none"}, "health_insurance": {"yes"},
		"bank_account": {"true"}, "benefits": {"needed"},
	}
	eachDemoServer(t, func(t *testing.T, h http.Handler) {
		rec := get(h, "/en/lotse/answers?"+form.Encode())
		page := parsePage(t, get(h, rec.Header().Get("Location")).Body.String())
		for id, site := range map[string]string{"step-welcome-center-visit": "Moltkestraße 39", "step-jobcenter-benefits": "Jülich office"} {
			li := selectAll(page, "li", "id="+id)
			if len(li) != 1 {
				t.Fatalf("plan has no %s", id)
			}
			where := selectAll(li[0], "dd")[0]
			if text := textOf(where); !strings.Contains(text, site) || len(selectAll(where, "br")) > 0 {
				t.Errorf("%s: where = %q, want the site %q and no second address", id, text, site)
			}
		}
	})
}

// TestCountryNamesCurrent checks that the nationality list calls MK by its
// name since 2019, North Macedonia, in every language (issue 9, item 12).
func TestCountryNamesCurrent(t *testing.T) {
	want := map[string]string{
		"de": "Nordmazedonien", "de-x-simple": "Nordmazedonien", "en": "North Macedonia", "ar": "مقدونيا الشمالية",
		"fa": "مقدونیه شمالی", "uk": "Північна Македонія", "ru": "Северная Македония", "tr": "Kuzey Makedonya",
		"pl": "Macedonia Północna", "ro": "Macedonia de Nord", "bg": "Северна Македония", "zh-Hans": "北马其顿",
	}
	for _, l := range i18n.All() {
		for _, o := range countryOptions(l.Code, "") {
			if o.Value == "MK" && o.Label != want[l.Code] {
				t.Errorf("%s: MK is %q, want %q", l.Code, o.Label, want[l.Code])
			}
		}
	}
}
