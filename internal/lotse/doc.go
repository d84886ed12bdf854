// Package lotse is the Lotse ("pilot"): a short questionnaire whose answers
// become an ordered plan of what a newcomer to the county should do, where,
// with which papers and why.
//
// The rules are data, not code: rules.json holds the answer schema, the
// switches an admin may change (contract §0), the derived predicates, the
// step catalog with show and never conditions, soft ranks, hard ordering
// constraints, agencies, documents and sources; texts/{lang}.json holds the
// words in each language. Conditions are written in a small language
// (expr.go) that is parsed and type-checked when the package loads, so a
// caseworker can read every rule and a typo fails the tests.
//
// The fixed outside contract is ../shared/lotse-contract.md: Build and
// Command produce its plan format (§d). Everything here is orientation, not
// legal advice.
package lotse
