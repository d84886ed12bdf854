package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

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

func TestLotseRulesPage(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		rec := get(h, "/de/lotse/rules")
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "address-registration") || !strings.Contains(rec.Body.String(), "S30") {
			t.Errorf("rules page: %d", rec.Code)
		}
	})
}
