package errs

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
)

func TestKindAndStatus(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		kind   Kind
		status int
		key    string
	}{
		{"plain error is internal", errors.New("boom"), Internal, 500, "error.internal"},
		{"not found", E(NotFound, "error.guide_not_found"), NotFound, 404, "error.guide_not_found"},
		{"wrapped invalid", fmt.Errorf("ctx: %w", E(Invalid, "error.bad_lang")), Invalid, 400, "error.bad_lang"},
		{"conflict", E(Conflict, "error.conflict"), Conflict, 409, "error.conflict"},
		{"internal hides key", &Error{Kind: Internal, MsgKey: "secret"}, Internal, 500, "error.internal"},
		{"wrap keeps cause", Wrap(errors.New("db down"), "load"), Internal, http.StatusInternalServerError, "error.internal"},
		{"rate", E(TooManyRequests, "error.rate"), TooManyRequests, 429, "error.rate"},
		{"method", E(MethodNotAllowed, "error.method"), MethodNotAllowed, 405, "error.method"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KindOf(tt.err); got != tt.kind {
				t.Errorf("KindOf = %v, want %v", got, tt.kind)
			}
			if got := Status(KindOf(tt.err)); got != tt.status {
				t.Errorf("Status = %d, want %d", got, tt.status)
			}
			if got := MsgKeyOf(tt.err); got != tt.key {
				t.Errorf("MsgKeyOf = %q, want %q", got, tt.key)
			}
		})
	}
	if Wrap(nil, "x") != nil {
		t.Error("Wrap(nil) must be nil")
	}
}
