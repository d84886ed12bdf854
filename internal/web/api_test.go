package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"

	"lotse/internal/golden"
)

// apiCases are the API requests whose responses are compared with golden files and
// validated against openapi.yaml.
var apiCases = []struct {
	name   string
	path   string
	status int
}{
	{"languages", "/api/v1/languages", 200},
	{"municipalities", "/api/v1/municipalities", 200},
	{"guides-de", "/api/v1/guides?lang=de", 200},
	{"guides-uk", "/api/v1/guides?lang=uk", 200},
	{"guide-en", "/api/v1/guides/work-permit?lang=en", 200},
	{"guide-en-nordstadt", "/api/v1/guides/work-permit?lang=en&municipality=nordstadt", 200},
	{"guide-uk-outdated", "/api/v1/guides/work-permit?lang=uk", 200},
	{"guide-ar-missing", "/api/v1/guides/housing?lang=ar", 200},
	{"places-en", "/api/v1/places?lang=en", 200},
	{"place-de", "/api/v1/places/auslaenderamt?lang=de", 200},
	{"guide-unknown", "/api/v1/guides/nope?lang=en", 404},
	{"guides-bad-lang", "/api/v1/guides?lang=xx", 400},
	{"guide-bad-municipality", "/api/v1/guides/work-permit?lang=en&municipality=atlantis", 400},
	{"place-unknown", "/api/v1/places/nope", 404},
	{"search-en", "/api/v1/search?q=permit&lang=en", 200},
	{"search-uk-german", "/api/v1/search?q=Wohnung&lang=uk", 200},
	{"suggest-de", "/api/v1/suggest?q=Arb&lang=de", 200},
}

var timestamp = regexp.MustCompile(`"updated": "[^"]+"`)

func TestAPIGolden(t *testing.T) {
	spec := loadSpec(t)
	eachServer(t, func(t *testing.T, h http.Handler) {
		for _, c := range apiCases {
			t.Run(c.name, func(t *testing.T) {
				rec := get(h, c.path)
				if rec.Code != c.status {
					t.Fatalf("status %d, want %d: %s", rec.Code, c.status, rec.Body)
				}
				if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
					t.Errorf("Content-Type = %q", ct)
				}
				validate(t, spec, c.path, rec)
				var pretty bytes.Buffer
				if err := json.Indent(&pretty, rec.Body.Bytes(), "", "  "); err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join("testdata", "golden", "api-"+c.name+".json"), timestamp.ReplaceAll(pretty.Bytes(), []byte(`"updated": "TIME"`)))
			})
		}
	})
}

func TestAPIContract(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		var g map[string]any
		json.Unmarshal(get(h, "/api/v1/guides/housing?lang=ar").Body.Bytes(), &g)
		if g["lang"] != "de" || g["status"] != "missing" || g["requested_lang"] != "ar" {
			t.Errorf("missing translation: lang=%v status=%v", g["lang"], g["status"])
		}
		json.Unmarshal(get(h, "/api/v1/guides/work-permit?lang=uk").Body.Bytes(), &g)
		if g["lang"] != "uk" || g["status"] != "outdated" {
			t.Errorf("outdated translation: lang=%v status=%v", g["lang"], g["status"])
		}
		rec := get(h, "/api/v1/guides/work-permit", "Accept-Language", "en-GB")
		json.Unmarshal(rec.Body.Bytes(), &g)
		if g["lang"] != "en" {
			t.Errorf("Accept-Language en-GB served %v", g["lang"])
		}
		rec = get(h, "/api/v1/openapi.yaml")
		if rec.Code != 200 || !bytes.HasPrefix(rec.Body.Bytes(), []byte("openapi: 3")) {
			t.Errorf("openapi.yaml: %d", rec.Code)
		}
	})
}

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	b, err := openapiFS.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := openapi3.NewLoader().LoadFromData(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := spec.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.yaml is not valid: %v", err)
	}
	// The spec's server is relative; the router needs a host to match requests.
	spec.Servers = openapi3.Servers{{URL: "http://localhost/api/v1"}}
	return spec
}

// validate checks a recorded response against the spec's schema for its route.
func validate(t *testing.T, spec *openapi3.T, path string, rec *httptest.ResponseRecorder) {
	t.Helper()
	validateAs(t, spec, http.MethodGet, path, rec)
}

// validateAs is validate for a request of any method (the body is not
// checked, only the response).
func validateAs(t *testing.T, spec *openapi3.T, method, path string, rec *httptest.ResponseRecorder) {
	t.Helper()
	router, err := legacy.NewRouter(spec)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(method, "http://localhost"+path, nil)
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatalf("route %s not in openapi.yaml: %v", path, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: rec.Code, Header: rec.Header(),
		Body:    ioNopCloser(rec.Body.Bytes()),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("response does not match openapi.yaml: %v", err)
	}
}
