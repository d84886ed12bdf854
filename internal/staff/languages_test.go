package staff

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

// TestTranslatorLanguages checks that a translator always has languages, in
// canonical form, and that other roles keep none.
func TestTranslatorLanguages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		s := newService(d, &now)
		pw := "correct horse battery"
		tests := []struct {
			role  Role
			langs []string
			want  string // message key
		}{
			{Translator, nil, "staff.error.translator_languages"},
			{Translator, []string{"xx"}, "staff.error.language"},
			{Translator, []string{"de"}, "staff.error.language"},
			{Editor, []string{"klingon"}, "staff.error.language"},
		}
		for _, tt := range tests {
			if _, _, err := s.Create(ctx, CLI, NewUser{Email: "t@example.org", Role: tt.role, Password: pw, Languages: tt.langs}); errs.MsgKeyOf(err) != tt.want {
				t.Errorf("create %s with %v: %v, want %s", tt.role, tt.langs, err, tt.want)
			}
		}
		u, _, err := s.Create(ctx, CLI, NewUser{Email: "t@example.org", Role: Translator, Password: pw, Languages: []string{"zh-hans", "uk", "UK"}})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(u.Languages, []string{"zh-Hans", "uk"}) || !u.Translates("zh-Hans") {
			t.Errorf("languages stored as %v", u.Languages)
		}
		if err := s.Update(ctx, CLI, u.ID, Translator, nil, "", false); errs.MsgKeyOf(err) != "staff.error.translator_languages" {
			t.Errorf("update a translator to no languages: %v", err)
		}
		if err := s.Update(ctx, CLI, u.ID, Editor, []string{"ar"}, "", false); err != nil {
			t.Fatal(err)
		}
		if e, _ := s.ByID(ctx, u.ID); len(e.Languages) != 0 {
			t.Errorf("an editor keeps languages %v", e.Languages)
		}
	})
}

// TestUserAddChecks checks that "lotse user add" refuses weak passwords and
// translators without languages with exit code 2 and a message naming the
// problem, before touching the database.
func TestUserAddChecks(t *testing.T) {
	dir := t.TempDir()
	opened := false
	open := func(ctx context.Context) (*db.DB, error) {
		opened = true
		return db.Open(ctx, filepath.Join(dir, "lotse.db"))
	}
	file := func(name, pw string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(pw+"\n"), 0o600)
		return p
	}
	good := file("good", "correct horse battery staple 42")
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--role", "editor", "--email", "ed@example.org", "--password-file", file("weak", "aaaaaaaaaaaa")}, []string{"--password-file", "repeated"}},
		{[]string{"--role", "editor", "--email", "ed@example.org", "--password-file", file("common", "Passwort2024!")}, []string{"--password-file", "common"}},
		{[]string{"--role", "editor", "--email", "ed@example.org", "--password-file", file("short", "kurz")}, []string{"--password-file", "12 characters"}},
		{[]string{"--role", "admin", "--email", "kreis@example.org", "--password-file", file("name", "kreis-2026-kreis!")}, []string{"name of the e-mail"}},
		{[]string{"--role", "translator", "--email", "tr@example.org", "--password-file", good}, []string{"--languages", "uk, ro, ar"}},
		{[]string{"--role", "translator", "--email", "tr@example.org", "--password-file", good, "--languages", "uk,xx"}, []string{"--languages", `"xx"`, "zh-Hans"}},
		{[]string{"--role", "translator", "--email", "tr@example.org", "--password-file", good, "--languages", "de"}, []string{"--languages", `"de"`}},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		code := UserCommand(append([]string{"add"}, tt.args...), &out, &errOut, open)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", tt.args, code, errOut.String())
		}
		for _, w := range tt.want {
			if !strings.Contains(errOut.String(), w) {
				t.Errorf("%v: message %q lacks %q", tt.args, errOut.String(), w)
			}
		}
	}
	if opened {
		t.Error("a refused command opened the database")
	}
	var out, errOut bytes.Buffer
	if code := UserCommand([]string{"add", "--role", "translator", "--email", "tr@example.org", "--password-file", good, "--languages", "uk, AR"}, &out, &errOut, open); code != 0 {
		t.Fatalf("translator with languages: exit %d, %s", code, errOut.String())
	}
	out.Reset()
	UserCommand([]string{"list"}, &out, &errOut, open)
	if !strings.Contains(out.String(), "uk,ar") {
		t.Errorf("list shows %q, want the languages uk,ar", out.String())
	}
}

// TestBootstrapWeakPassword checks that a weak LOTSE_ADMIN_PASSWORD_FILE
// stops the first start with a message naming the variable.
func TestBootstrapWeakPassword(t *testing.T) {
	pw := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pw, []byte("willkommen123\n"), 0o600)
	env := map[string]string{"LOTSE_ADMIN_PASSWORD_FILE": pw}
	s := New(dbtest.SQLite(t), Options{Params: cheap})
	_, err := s.Bootstrap(context.Background(), func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), "LOTSE_ADMIN_PASSWORD_FILE") || !strings.Contains(err.Error(), "common") {
		t.Errorf("bootstrap with a common password: %v", err)
	}
	if n, _ := s.Count(context.Background()); n != 0 {
		t.Errorf("%d accounts after a refused bootstrap", n)
	}
}
