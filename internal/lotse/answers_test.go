package lotse

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestInputErrors(t *testing.T) {
	tests := []struct {
		name      string
		answers   string
		field     string
		code      string
		inAllowed string
	}{
		{"not JSON", `{`, "", "json", ""},
		{"array", `[]`, "", "json", ""},
		{"unknown value", `{"citizenship_group": "mars"}`, "citizenship_group", "unknown_value", "third_country"},
		{"nested unknown value", `{"job": {"situation": "astronaut"}}`, "job.situation", "unknown_value", "job_seeking"},
		{"wrong type", `{"registered": "yes"}`, "registered", "unknown_value", "true"},
		{"bad child", `{"children": ["3_5", "teen"]}`, "children", "unknown_value", "10_17"},
		{"bad date", `{"first_entry_date": "2025-13-01"}`, "first_entry_date", "unknown_value", "YYYY-MM-DD"},
		{"bad country", `{"nationality": "Syria"}`, "nationality", "unknown_value", ""},
		{"unknown region", `{"nationality": "ZZ"}`, "nationality", "unknown_value", ""},
		{"region, not a country", `{"nationality": "eu"}`, "nationality", "unknown_value", ""},
		{"deprecated code", `{"nationality": "UK"}`, "nationality", "unknown_value", ""},
		{"group not object", `{"job": "none"}`, "job", "type", "job.situation"},
		{"EU with a visa", `{"citizenship_group": "eu", "residence_status": "visa"}`, "residence_status", "combination", "not_required"},
		{"third country not required", `{"citizenship_group": "third_country", "residence_status": "not_required"}`, "residence_status", "combination", "visa"},
		{"Ukrainian benefits without date", `{"citizenship_group": "ukraine", "benefits": "needed"}`, "first_entry_date", "required", "YYYY-MM-DD"},
		{"profession too long", `{"foreign_qualification": {"profession": "` + strings.Repeat("x", 201) + `"}}`, "foreign_qualification.profession", "too_long", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build([]byte(tt.answers), Options{AsOf: contractDate, Lang: "de"})
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, want an InputError", err)
			}
			if ie.Field != tt.field || ie.Code != tt.code || (tt.inAllowed != "" && !slices.Contains(ie.Allowed, tt.inAllowed)) {
				t.Errorf("got %+v", ie)
			}
			if ie.Msg == "" || strings.Contains(ie.Msg, "{") {
				t.Errorf("message %q", ie.Msg)
			}
		})
	}
}

func TestValidCombinations(t *testing.T) {
	for _, s := range []string{
		`{"citizenship_group": "eu"}`,
		`{"citizenship_group": "german_returnee", "residence_status": "not_required"}`,
		`{"citizenship_group": "ukraine", "benefits": "none"}`,
		`{"citizenship_group": "ukraine", "benefits": "needed", "first_entry_date": "2024-01-01"}`,
		`{"residence_status": "not_required"}`,
		`{"nationality": null, "first_entry_date": null, "job": null}`,
		`{"nationality": "sy"}`,
		`{"nationality": "XK"}`,
		`{"nationality": "xk"}`,
	} {
		if _, err := Build([]byte(s), Options{AsOf: contractDate}); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
}

func TestForcedResidenceStatus(t *testing.T) {
	a, _, err := DecodeAnswers([]byte(`{"citizenship_group": "eu"}`))
	if err != nil {
		t.Fatal(err)
	}
	a, err = book.validate(a)
	if v, _ := a.Get("residence_status"); err != nil || v != "not_required" {
		t.Errorf("residence_status %q, %v", v, err)
	}
}

func TestWarnings(t *testing.T) {
	p, err := Build([]byte(`{"registered": false, "shoe_size": 42, "job": {"situation": "employed", "salary": 1}}`), Options{AsOf: contractDate})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) != 2 || !strings.Contains(p.Warnings[0], "job.salary") || !strings.Contains(p.Warnings[1], "shoe_size") {
		t.Errorf("warnings %q", p.Warnings)
	}
}

// TestFutureEntryDate checks that a first entry after as_of is a warning
// that names the field in the plan's language, not an error.
func TestFutureEntryDate(t *testing.T) {
	for date, want := range map[string]int{"2026-11-25": 1, "2026-11-24": 0, "2025-05-20": 0} {
		in := patch{"citizenship_group": "ukraine", "residence_status": "temporary_protection", "first_entry_date": date}
		p, err := Build(mustJSON(t, in.apply(base())), Options{AsOf: contractDate, Lang: "de"})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Warnings) != want || want == 1 && !strings.Contains(p.Warnings[0], "Datum der ersten Einreise") {
			t.Errorf("%s: warnings %q", date, p.Warnings)
		}
	}
}

// TestPersonaFile checks that a whole persona file given as answers uses
// its answers object.
func TestPersonaFile(t *testing.T) {
	p, err := Build([]byte(`{"answers": {"registered": false}, "must_include": ["address-registration"]}`), Options{AsOf: contractDate})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) != 1 || len(p.Steps) == 0 || p.Steps[0].ID != "address-registration" || p.Steps[0].Maybe {
		t.Errorf("warnings %v, first step %+v", p.Warnings, p.Steps[0])
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	in := mustJSON(t, patch{"foreign_qualification.profession": "Ärztin \"Dr.\"", "children": []string{"3_5", "3_5"}}.apply(base()))
	a, _, err := DecodeAnswers(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := DecodeAnswers(out)
	if err != nil {
		t.Fatal(err)
	}
	var x, y map[string]any
	if json.Unmarshal(in, &x) != nil || json.Unmarshal(out, &y) != nil {
		t.Fatalf("bad JSON %s", out)
	}
	if a.Token() != b.Token() || len(x) != len(y) {
		t.Errorf("round trip changed the answers:\n%s\n%s", in, out)
	}
}

func TestSetGet(t *testing.T) {
	var a Answers
	a, err := a.Set("children", "3_5", "6_9")
	if err != nil {
		t.Fatal(err)
	}
	if a, err = a.Set("registered", "false"); err != nil {
		t.Fatal(err)
	}
	if v, ok := a.Get("children"); !ok || v != "3_5,6_9" {
		t.Errorf("children %q", v)
	}
	for _, bad := range [][]string{{"registered", "maybe"}, {"purpose"}, {"no_field", "x"}, {"children", "7"}} {
		if _, err := a.Set(bad[0], bad[1:]...); err == nil {
			t.Errorf("Set%v: no error", bad)
		}
	}
	if _, ok := a.Unset("registered").Get("registered"); ok {
		t.Error("Unset kept the answer")
	}
	if _, ok := a.Get("registered"); !ok {
		t.Error("Unset changed the original")
	}
}

func FuzzDecodeAnswers(f *testing.F) {
	f.Add(string(mustJSON(f, base())))
	f.Add(`{"citizenship_group": "ukraine", "benefits": "needed", "first_entry_date": "2025-05-01"}`)
	f.Add(`{"answers": {"children": []}}`)
	f.Add(`{"job": {"situation": null}, "children": [1]}`)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Build([]byte(s), Options{AsOf: contractDate})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Msg == "" {
				t.Fatalf("not an InputError: %v", err)
			}
			return
		}
		for i, st := range p.Steps {
			if st.Position != i+1 || st.Title == "" {
				t.Fatalf("bad step %+v", st)
			}
		}
		a, _, err := DecodeAnswers([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		b, err := ParseToken(a.Token())
		if err != nil || b.Token() != a.Token() {
			t.Fatalf("token round trip: %v", err)
		}
	})
}

// TestNationalityUpperCase checks that a lower-case code is stored in
// upper case, so that the Kindergeld exceptions match it.
func TestNationalityUpperCase(t *testing.T) {
	a, _, err := DecodeAnswers([]byte(`{"nationality": "xk"}`))
	if v, _ := a.Get("nationality"); err != nil || v != "XK" {
		t.Errorf("nationality %q, %v", v, err)
	}
}

// TestErrorMessages checks the wording of messages: the bare value, the
// sub-fields of a group, and every code in every shipped language.
func TestErrorMessages(t *testing.T) {
	tests := []struct {
		answers, lang, want string
	}{
		{`{"registered": "yes"}`, "en", `registered: "yes" is not allowed. Allowed: true, false.`},
		{`{"citizenship_group": "mars"}`, "de", "citizenship_group: „mars“ ist nicht erlaubt."},
		{`{"children": [1]}`, "en", `children: "[1]" is not allowed.`},
		{`{"job": "seeking"}`, "de", "job muss ein Objekt mit diesen Feldern sein: job.situation, job.work_authorization."},
		{`{"job": "seeking"}`, "en", "job must be an object with these fields: job.situation, job.work_authorization."},
	}
	for _, tt := range tests {
		_, err := Build([]byte(tt.answers), Options{AsOf: contractDate, Lang: tt.lang})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s in %s: %v, want %q", tt.answers, tt.lang, err, tt.want)
		}
	}
	inputs := map[string]string{
		"unknown_value": `{"purpose": "fun"}`, "type": `{"job": 1}`, "json": `[`,
		"required":    `{"citizenship_group": "ukraine", "benefits": "needed"}`,
		"combination": `{"citizenship_group": "eu", "residence_status": "visa"}`,
		"too_long":    `{"foreign_qualification": {"profession": "` + strings.Repeat("x", 201) + `"}}`,
	}
	for _, lang := range shippedLangs {
		tx := book.texts[strings.ToLower(lang)]
		for code, in := range inputs {
			_, err := Build([]byte(in), Options{AsOf: contractDate, Lang: lang})
			var ie *InputError
			if !errors.As(err, &ie) || ie.Code != code {
				t.Fatalf("%s: %v, want code %s", in, err, code)
			}
			want := strings.NewReplacer("{field}", ie.Field, "{value}", ie.Value, "{allowed}", strings.Join(ie.Allowed, ", ")).Replace(tx.Errors[code])
			if ie.Msg != want || tx.Errors[code] == "" {
				t.Errorf("%s %s: %q, want %q", lang, code, ie.Msg, want)
			}
		}
		for _, e := range []*InputError{
			{Field: "token", Code: "token", Msg: "english"},
			{Field: "x", Code: "unknown_field", Msg: "english"},
		} {
			e.Localize(lang)
			if want := strings.ReplaceAll(tx.Errors[e.Code], "{field}", e.Field); e.Msg != want {
				t.Errorf("%s %s: %q, want %q", lang, e.Code, e.Msg, want)
			}
		}
	}
}
