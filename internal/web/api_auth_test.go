package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/staff"
)

// TestStaffAPIAuth calls a staff API route for roles admin and agency with a
// token of every role, with a session, with wrong and revoked tokens and
// without any: the same roles pass either way with the same principal (role,
// agency), 401 comes with a Bearer challenge, 403 and 401 are JSON.
func TestStaffAPIAuth(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		ctx := context.Background()
		h := f.srv.staffAPI([]staff.Role{staff.Admin, staff.Agency}, func(w http.ResponseWriter, r *http.Request, u *staff.User) error {
			return writeJSON(w, map[string]string{"role": string(u.Role), "agency": u.Agency})
		})
		call := func(auth string, c *http.Cookie) *httptest.ResponseRecorder {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/test", strings.NewReader(`{}`))
			req.Header.Set("Content-Type", "application/json")
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			if c != nil {
				req.AddCookie(c)
			}
			return serve(h, req)
		}
		tokens := map[staff.Role]string{}
		for _, role := range staff.Roles {
			n := staff.NewToken{Role: role, Name: "test " + string(role)}
			if role == staff.Agency {
				n.Agency = "abh"
			}
			_, secret, err := f.svc.CreateToken(ctx, staff.CLI, n)
			if err != nil {
				t.Fatal(err)
			}
			tokens[role] = secret
		}
		for _, role := range staff.Roles {
			for _, via := range []string{"token", "session"} {
				var rec *httptest.ResponseRecorder
				if via == "token" {
					rec = call("Bearer "+tokens[role], nil)
				} else {
					rec = call("", f.session(t, f.users[role]))
				}
				allowed := role == staff.Admin || role == staff.Agency
				var got map[string]string
				json.Unmarshal(rec.Body.Bytes(), &got)
				switch {
				case allowed && (rec.Code != http.StatusOK || got["role"] != string(role)):
					t.Errorf("%s by %s: %d %v, want access as %[1]s", role, via, rec.Code, got)
				case allowed && via == "token" && role == staff.Agency && got["agency"] != "abh":
					t.Errorf("agency token: principal %v, want agency abh", got)
				case !allowed && rec.Code != http.StatusForbidden:
					t.Errorf("%s by %s: %d, want 403", role, via, rec.Code)
				case !allowed && !isJSONError(rec):
					t.Errorf("%s by %s: 403 body %q is no JSON error", role, via, rec.Body)
				}
			}
		}
		if rec := call("bearer "+tokens[staff.Admin], nil); rec.Code != http.StatusOK {
			t.Error("the scheme is case-insensitive, yet lower-case bearer is refused")
		}
		list, _ := f.svc.Tokens(ctx)
		var adminToken staff.Token
		for _, tok := range list {
			if tok.Role == staff.Admin {
				adminToken = tok
			}
		}
		if err := f.svc.RevokeToken(ctx, staff.CLI, adminToken.ID); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name, auth, challenge string
			cookie                *http.Cookie
		}{
			{"nothing", "", `Bearer realm="lotse"`, nil},
			{"revoked", "Bearer " + tokens[staff.Admin], `Bearer realm="lotse", error="invalid_token"`, nil},
			{"wrong", "Bearer lotse_" + strings.Repeat("x", 43), `Bearer realm="lotse", error="invalid_token"`, nil},
			{"empty", "Bearer ", `Bearer realm="lotse", error="invalid_token"`, nil},
			// A token decides alone, even next to an admin's session.
			{"wrong next to a session", "Bearer nonsense", `Bearer realm="lotse", error="invalid_token"`, f.session(t, f.users[staff.Admin])},
		} {
			rec := call(tc.auth, tc.cookie)
			if rec.Code != http.StatusUnauthorized || rec.Header().Get("WWW-Authenticate") != tc.challenge || !isJSONError(rec) {
				t.Errorf("%s: %d %q %q, want 401 with %q and a JSON error", tc.name, rec.Code, rec.Header().Get("WWW-Authenticate"), rec.Body, tc.challenge)
			}
		}
	})
}

// isJSONError reports whether rec's body is the API's JSON error.
func isJSONError(rec *httptest.ResponseRecorder) bool {
	var e apiError
	return strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") &&
		json.Unmarshal(rec.Body.Bytes(), &e) == nil && e.Error.Code != "" && e.Error.Message != ""
}

// TestStaffTokensPage lists tokens without their secrets and revokes one by
// its button, with an audit entry.
func TestStaffTokensPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		ctx := context.Background()
		tok, secret, err := f.svc.CreateToken(ctx, staff.CLI, staff.NewToken{Role: staff.Reception, Name: "entrance kiosk"})
		if err != nil {
			t.Fatal(err)
		}
		admin := f.session(t, f.users[staff.Admin])
		rec := serve(f.h, staffRequest(http.MethodGet, "/staff/tokens", nil, admin))
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, "entrance kiosk") || strings.Contains(body, secret[len("lotse_"):]) {
			t.Fatalf("tokens page: %d\n%s", rec.Code, body)
		}
		path := "/staff/tokens/" + strconv.FormatInt(tok.ID, 10) + "/revoke"
		if !strings.Contains(body, `action="`+path+`"`) {
			t.Errorf("no revoke form for %s", path)
		}
		if rec := serve(f.h, staffRequest(http.MethodPost, path, url.Values{}, admin)); rec.Code != http.StatusOK {
			t.Fatalf("revoke: %d", rec.Code)
		}
		if u, _ := f.svc.TokenUser(ctx, secret); u != nil {
			t.Error("the revoked token still works")
		}
		if rec := serve(f.h, staffRequest(http.MethodPost, path, url.Values{}, admin)); rec.Code != http.StatusNotFound {
			t.Errorf("revoking twice: %d, want 404", rec.Code)
		}
		log, _ := f.svc.AuditLog(ctx, 5)
		if len(log) == 0 || log[0].Action != "token.revoke" || log[0].Actor != "admin@example.org" {
			t.Errorf("audit log %+v", log)
		}
	})
}
