package itinerary

import "fmt"

// Code names what is wrong with a Day or a Request, so that a caller can
// pick a translated message without parsing English text.
type Code string

// The codes a ValidationError carries. CodeBadDay is a configuration error of
// the One-Stop-Shop day (an administrator's fault); every other code is about
// the visitor's request and maps to HTTP 400.
const (
	CodeBadDay           Code = "bad_day"
	CodeEmptyRequest     Code = "empty_request"
	CodeUnknownAgency    Code = "unknown_agency"
	CodeDuplicateAgency  Code = "duplicate_agency"
	CodeTooManyAgencies  Code = "too_many_agencies"
	CodeNoInterpreter    Code = "no_interpreter"
	CodeWindowOutsideDay Code = "window_outside_day"
	CodeBadWindow        Code = "bad_window"
	CodeBadGap           Code = "bad_gap"
	CodeBadK             Code = "bad_k"
)

// ValidationError reports a Day or Request that cannot be planned for.
// "No capacity left" is not a ValidationError: Plan then returns no
// itineraries and a nil error.
type ValidationError struct {
	Code   Code   // what kind of problem
	Field  string // the offending field, e.g. "Agencies[2]" or "Agencies[1].Desks"
	Detail string // a short English explanation with the offending value
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("itinerary: invalid %s (%s): %s", e.Field, e.Code, e.Detail)
}

func invalid(code Code, field, format string, args ...any) *ValidationError {
	return &ValidationError{Code: code, Field: field, Detail: fmt.Sprintf(format, args...)}
}

// Violation reports a set of bookings that does not fit the day: a desk or
// an interpreter over capacity, a visitor in two places at once, or a visit
// that refers to something the day does not have. Check returns it, and Plan
// returns it when the existing bookings are already inconsistent (a server
// side problem, not the visitor's).
type Violation struct {
	Booking int    // index into the bookings passed in
	Visit   int    // index into that booking's Visits
	Minute  int    // first minute (from opening) where the problem shows, or -1
	Reason  string // English explanation naming the resource
}

func (v *Violation) Error() string {
	if v.Minute < 0 {
		return fmt.Sprintf("itinerary: booking %d visit %d: %s", v.Booking, v.Visit, v.Reason)
	}
	return fmt.Sprintf("itinerary: booking %d visit %d at minute %d: %s", v.Booking, v.Visit, v.Minute, v.Reason)
}
