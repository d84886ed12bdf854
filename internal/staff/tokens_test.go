package staff

import (
	"context"
	"strings"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

func TestNewTokenChecks(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   NewToken
		want string // message key, "" for valid
	}{
		{"admin", NewToken{Role: Admin, Name: "import job"}, ""},
		{"agency", NewToken{Role: Agency, Agency: "abh"}, ""},
		{"unknown role", NewToken{Role: "root"}, "staff.error.role"},
		{"agency without agency", NewToken{Role: Agency}, "staff.error.token_agency"},
		{"agency for another role", NewToken{Role: Reception, Agency: "abh"}, "staff.error.token_agency"},
		{"agency not a slug", NewToken{Role: Agency, Agency: "ABH Düren"}, "staff.error.token_agency"},
		{"name too long", NewToken{Role: Admin, Name: strings.Repeat("x", MaxTokenName+1)}, "staff.error.token_name"},
		{"name with a control character", NewToken{Role: Admin, Name: "a\nb"}, "staff.error.token_name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := checkNewToken(tc.in)
			if got := errs.MsgKeyOf(err); err != nil && got != tc.want || err == nil && tc.want != "" {
				t.Errorf("checkNewToken(%+v) = %v, want %q", tc.in, err, tc.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
		s := newService(d, &now)
		tok, secret, err := s.CreateToken(ctx, CLI, NewToken{Name: " desk 2 ", Role: Agency, Agency: "abh"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, tokenPrefix) || len(secret) != len(tokenPrefix)+43 {
			t.Errorf("secret %q: want %s and 43 base64url characters", secret, tokenPrefix)
		}
		var stored int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?", secret).Scan(&stored); err != nil || stored != 0 {
			t.Errorf("the secret itself is stored (%d, %v)", stored, err)
		}
		if tok.Name != "desk 2" || tok.Role != Agency || tok.Agency != "abh" || !tok.LastUsed.IsZero() {
			t.Errorf("created %+v", tok)
		}

		u, err := s.TokenUser(ctx, secret)
		if err != nil || u == nil {
			t.Fatalf("TokenUser = %v, %v", u, err)
		}
		if u.ID != 0 || u.Role != Agency || u.Agency != "abh" || !strings.Contains(u.Email, "token/") {
			t.Errorf("caller %+v", u)
		}
		for _, wrong := range []string{"", "lotse_", secret + "x", strings.TrimPrefix(secret, tokenPrefix), tokenPrefix + strings.Repeat("A", 43)} {
			if u, err := s.TokenUser(ctx, wrong); u != nil || err != nil {
				t.Errorf("TokenUser(%q) = %v, %v; want nil, nil", wrong, u, err)
			}
		}

		list, err := s.Tokens(ctx)
		if err != nil || len(list) != 1 || !list[0].LastUsed.Equal(now) {
			t.Fatalf("Tokens = %+v, %v; want one used at %v", list, err, now)
		}
		// A use within the minute writes nothing; a later one does.
		now = now.Add(30 * time.Second)
		s.TokenUser(ctx, secret)
		if list, _ = s.Tokens(ctx); !list[0].LastUsed.Equal(now.Add(-30 * time.Second)) {
			t.Errorf("last used %v after a use within the minute", list[0].LastUsed)
		}
		now = now.Add(time.Minute)
		s.TokenUser(ctx, secret)
		if list, _ = s.Tokens(ctx); !list[0].LastUsed.Equal(now) {
			t.Errorf("last used %v, want %v", list[0].LastUsed, now)
		}

		if err := s.RevokeToken(ctx, CLI, tok.ID); err != nil {
			t.Fatal(err)
		}
		if u, err := s.TokenUser(ctx, secret); u != nil || err != nil {
			t.Errorf("revoked token: %v, %v", u, err)
		}
		if err := s.RevokeToken(ctx, CLI, tok.ID); errs.KindOf(err) != errs.NotFound {
			t.Errorf("revoking twice: %v, want NotFound", err)
		}
		log, err := s.AuditLog(ctx, 10)
		if err != nil || len(log) != 2 || log[0].Action != "token.revoke" || log[1].Action != "token.create" || strings.Contains(log[1].Target, secret) {
			t.Errorf("audit log %+v, %v", log, err)
		}
	})
}
