package app

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"lotse/demo"
	"lotse/internal/content"
)

// TestTokenCommands makes, lists and revokes a token on the command line:
// the token alone on the last line of stdout, never in the list.
func TestTokenCommands(t *testing.T) {
	t.Setenv("LOTSE_DATABASE_URL", filepath.Join(t.TempDir(), "lotse.db"))
	run := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := Main(args, &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	code, out, errOut := run("token", "add", "--role", "agency", "--agency", "abh", "--name", "desk tablet")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	secret := lines[len(lines)-1]
	if code != 0 || errOut != "" || !strings.HasPrefix(secret, "lotse_") || strings.Contains(secret, " ") {
		t.Fatalf("token add: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, _ = run("token", "list")
	if code != 0 || !strings.Contains(out, "desk tablet") || !strings.Contains(out, "abh") || strings.Contains(out, secret[6:]) {
		t.Errorf("token list: exit %d\n%s", code, out)
	}
	if code, out, _ = run("token", "revoke", "1"); code != 0 || !strings.Contains(out, "revoked token 1") {
		t.Errorf("token revoke 1: exit %d, %q", code, out)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"token", "revoke", "1"}, 1, "no token with this id"},
		{[]string{"token", "revoke"}, 2, "give the token's id"},
		{[]string{"token", "revoke", "x"}, 2, "give the token's id"},
		{[]string{"token", "add", "--role", "root"}, 1, "--role must be one of"},
		{[]string{"token", "add", "--role", "agency"}, 1, "--agency"},
		{[]string{"token", "add", "--role", "admin", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"token", "list", "extra"}, 2, `unexpected argument "extra"`},
	} {
		code, out, errOut := run(tc.args...)
		if code != tc.code || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("lotse %s: exit %d, stdout %q, stderr %q; want exit %d naming %q", strings.Join(tc.args, " "), code, out, errOut, tc.code, tc.want)
		}
	}
}

// TestTokenAgencyKnown: with a county in the database, --agency must name
// one of its One-Stop-Shop agencies.
func TestTokenAgencyKnown(t *testing.T) {
	ctx := context.Background()
	t.Setenv("LOTSE_DATABASE_URL", filepath.Join(t.TempDir(), "lotse.db"))
	d, err := openDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := content.NewStore(d).Seed(ctx, demo.County()); err != nil {
		t.Fatal(err)
	}
	d.Close()
	for agency, want := range map[string]int{"abh": 0, "nosuch": 1} {
		var stdout, stderr bytes.Buffer
		if code := Main([]string{"token", "add", "--role", "agency", "--agency", agency}, &stdout, &stderr); code != want {
			t.Errorf("--agency %s: exit %d, want %d (%s)", agency, code, want, stderr.String())
		}
	}
}
