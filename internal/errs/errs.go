// Package errs defines the few kinds of error lotse distinguishes, so that every
// feature package can say what went wrong and the web layer can map it to an HTTP
// status and a message in the reader's language in exactly one place.
package errs

import (
	"errors"
	"fmt"
	"net/http"
)

// Kind classifies an error by what the caller can do about it.
type Kind int

// The kinds of error. Internal is the zero value so that an unclassified error is
// never shown to a user in detail.
const (
	Internal Kind = iota
	NotFound
	Invalid
	Conflict
	Forbidden
	Unauthenticated
	TooManyRequests
	// MethodNotAllowed is a known path asked with a method it does not answer;
	// the handler sets the Allow header.
	MethodNotAllowed
)

// Error is an error with a kind, a message key for the user and the underlying cause
// for the log. MsgKey names a UI string in internal/i18n/locales; Field names the
// form or JSON field that was wrong, if any.
type Error struct {
	Kind   Kind
	MsgKey string
	Field  string
	Detail string
	Err    error
}

// Error returns a description for logs; it is never shown to a visitor as is.
func (e *Error) Error() string {
	s := e.MsgKey
	if e.Field != "" {
		s += " (" + e.Field + ")"
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// E builds an error of a kind with a message key.
func E(kind Kind, msgKey string) *Error { return &Error{Kind: kind, MsgKey: msgKey} }

// Wrap builds an internal error that keeps err as the cause for the log.
func Wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: Internal, MsgKey: "error.internal", Detail: fmt.Sprintf(format, args...), Err: err}
}

// KindOf reports the kind of err; errors that are not *Error are Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// MsgKeyOf returns the user-facing message key of err.
func MsgKeyOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.MsgKey != "" && e.Kind != Internal {
		return e.MsgKey
	}
	switch KindOf(err) {
	case NotFound:
		return "error.not_found"
	default:
		return "error.internal"
	}
}

// Status maps a kind to its HTTP status code.
func Status(k Kind) int {
	switch k {
	case NotFound:
		return http.StatusNotFound
	case Invalid:
		return http.StatusBadRequest
	case Conflict:
		return http.StatusConflict
	case Forbidden:
		return http.StatusForbidden
	case Unauthenticated:
		return http.StatusUnauthorized
	case TooManyRequests:
		return http.StatusTooManyRequests
	case MethodNotAllowed:
		return http.StatusMethodNotAllowed
	default:
		return http.StatusInternalServerError
	}
}
