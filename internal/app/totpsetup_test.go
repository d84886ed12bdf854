package app

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

// base32Secret matches a TOTP secret as the account page shows it.
var base32Secret = regexp.MustCompile(`\b[A-Z2-7]{32}\b`)

// TestSetupSecretNotInSession: while an admin sets up the second factor, the
// sessions table holds the offered secret only encrypted, on every engine;
// the offer survives a reload and its code turns the factor on.
func TestSetupSecretNotInSession(t *testing.T) {
	cfgs := map[string]Config{"sqlite": {DatabaseURL: filepath.Join(t.TempDir(), "lotse.db")}}
	if pg := dbtestURL(t); pg != "" {
		cfgs["postgres"] = Config{DatabaseURL: pg, SecretKeys: [][]byte{bytes.Repeat([]byte{7}, 32)}}
	}
	for name, cfg := range cfgs {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			cfg.Location = time.UTC
			a, err := New(ctx, cfg, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			srv := httptest.NewServer(a.Handler())
			defer srv.Close()
			jar, _ := cookiejar.New(nil)
			client := &http.Client{Jar: jar}
			post := func(path string, form url.Values) string {
				res, err := client.PostForm(srv.URL+path, form)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				b, _ := io.ReadAll(res.Body)
				if res.StatusCode != http.StatusOK {
					t.Fatalf("POST %s: %d", path, res.StatusCode)
				}
				return string(b)
			}
			offered := func() string {
				res, err := client.Get(srv.URL + "/staff/account")
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				b, _ := io.ReadAll(res.Body)
				secret := base32Secret.FindString(string(b))
				if res.StatusCode != http.StatusOK || secret == "" {
					t.Fatalf("account page: %d, no secret offered", res.StatusCode)
				}
				return secret
			}
			post("/staff/login", url.Values{"email": {a.FirstAdmin.Email}, "password": {a.FirstAdmin.Password}})
			secret := offered()
			rows, err := a.db.Query(ctx, "SELECT data FROM sessions")
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var data []byte
				if err := rows.Scan(&data); err != nil {
					t.Fatal(err)
				}
				n++
				if bytes.Contains(data, []byte(secret)) || base32Secret.Match(data) {
					t.Error("the sessions table holds the offered secret in plain text")
				}
			}
			rows.Close()
			if n == 0 {
				t.Fatal("no session stored")
			}
			if again := offered(); again != secret {
				t.Error("a reload offers another secret")
			}
			code, _ := totp.GenerateCode(secret, time.Now())
			if body := post("/staff/account/totp", url.Values{"code": {code}}); strings.Contains(body, secret) {
				t.Error("the page still offers the secret after confirming it")
			}
			var on bool
			if err := a.db.QueryRow(ctx, "SELECT totp_enabled FROM users WHERE email = ?", a.FirstAdmin.Email).Scan(&on); err != nil || !on {
				t.Errorf("second factor on: %v, %v", on, err)
			}
		})
	}
}
