package lotse

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// contractDate is the as_of of the contract's outside checks.
var contractDate = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// base is a settled worker whom almost no step concerns; table tests patch
// it to reach one rule at a time.
func base() map[string]any {
	return map[string]any{
		"citizenship_group": "third_country", "nationality": "IN", "residence_status": "residence_permit",
		"purpose": "work", "arrival_stage": "settled", "municipality": "dueren", "registered": true,
		"housing":               "own_flat",
		"job":                   map[string]any{"situation": "employed", "work_authorization": "yes"},
		"foreign_qualification": map[string]any{"level": "none"},
		"languages":             map[string]any{"german": "B2", "english": "good"},
		"children":              []string{}, "health_insurance": "yes", "bank_account": true, "benefits": "none",
	}
}

// patch is a change to base: dotted keys reach nested objects; a nil value
// removes the field.
type patch map[string]any

func (p patch) apply(m map[string]any) map[string]any {
	for k, v := range p {
		dst, key := m, k
		if g, sub, ok := strings.Cut(k, "."); ok {
			inner, _ := m[g].(map[string]any)
			if inner == nil {
				inner = map[string]any{}
				m[g] = inner
			}
			dst, key = inner, sub
		}
		if v == nil {
			delete(dst, key)
		} else {
			dst[key] = v
		}
	}
	return m
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// decisions evaluates every step for base+p on a date with default
// switches plus overrides.
func decisions(t *testing.T, p patch, asOf time.Time, overrides map[string]string) map[string]decision {
	t.Helper()
	a, _, err := DecodeAnswers(mustJSON(t, p.apply(base())))
	if err != nil {
		t.Fatal(err)
	}
	if a, err = book.validate(a); err != nil {
		t.Fatal(err)
	}
	date := asOfDate(asOf)
	sw, err := book.effectiveSwitches(date, overrides)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]decision{}
	for i, d := range book.decide(a, sw, date) {
		out[book.steps[i].rule.ID] = d
	}
	return out
}

// planIDs builds a plan and returns its step ids in order.
func planIDs(t *testing.T, answers []byte, opt Options) []string {
	t.Helper()
	p, err := Build(answers, opt)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range p.Steps {
		ids = append(ids, s.ID)
	}
	return ids
}

func indexIn(ids []string, id string) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return -1
}
