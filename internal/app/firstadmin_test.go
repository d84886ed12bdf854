package app

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/staff"
)

// TestFirstAdminPasswordNotInLogs starts lotse the way a service manager does,
// with its output in a pipe: the one-time password goes into a file only its
// owner can read, next to the SQLite file, and the output only says where.
func TestFirstAdminPasswordNotInLogs(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LOTSE_DATABASE_URL", filepath.Join(dir, "lotse.db"))
	t.Setenv("LOTSE_ADDR", "127.0.0.1:0")
	t.Setenv("LOTSE_ADMIN_PASSWORD_FILE", "")
	t.Setenv("LOTSE_ADMIN_EMAIL", "")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	done := make(chan int, 1)
	go func() {
		done <- Main([]string{"serve"}, w, w)
		w.Close()
	}()
	var out bytes.Buffer
	lines := bufio.NewScanner(r)
	lines.Buffer(nil, 1<<20)
	deadline := time.AfterFunc(60*time.Second, func() { r.Close() })
	defer deadline.Stop()
	for lines.Scan() {
		out.WriteString(lines.Text() + "\n")
		if strings.Contains(lines.Text(), "First start") {
			break
		}
	}
	// serve listens for SIGINT (Ctrl+C) from here on and stops gracefully.
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	for lines.Scan() {
		out.WriteString(lines.Text() + "\n")
	}
	if code := <-done; code != 0 {
		t.Errorf("exit %d:\n%s", code, out.String())
	}
	file := filepath.Join(dir, firstAdminFile)
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatalf("%v; output:\n%s", err, out.String())
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v", file, fi.Mode().Perm())
	}
	b, _ := os.ReadFile(file)
	password := regexp.MustCompile(`(?m)^password: (\S+)$`).FindSubmatch(b)
	if password == nil {
		t.Fatalf("no password in %s:\n%s", file, b)
	}
	if strings.Contains(out.String(), string(password[1])) {
		t.Errorf("the password is in the output:\n%s", out.String())
	}
	if !strings.Contains(out.String(), file) {
		t.Errorf("the output does not say where the password is:\n%s", out.String())
	}
}

// TestFirstAdminOnTerminal: on a terminal the password is shown and no file
// is written; elsewhere the file replaces an older one and is private.
func TestFirstAdminOnTerminal(t *testing.T) {
	f := &staff.FirstAdmin{Email: "admin@localhost", Password: "ONETIMEPASSWORD"}
	dir := t.TempDir()
	var out bytes.Buffer
	if err := announceFirstAdmin(&out, true, f, dir, "http://localhost:8080"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "ONETIMEPASSWORD") || !strings.Contains(out.String(), "admin@localhost") {
		t.Errorf("terminal: %q", out.String())
	}
	assertEmpty(t, dir)

	file := filepath.Join(dir, firstAdminFile)
	if err := os.WriteFile(file, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := announceFirstAdmin(&out, false, f, dir, "http://localhost:8080"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "ONETIMEPASSWORD") || !strings.Contains(out.String(), file) {
		t.Errorf("not a terminal: %q", out.String())
	}
	b, _ := os.ReadFile(file)
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 || !strings.Contains(string(b), "password: ONETIMEPASSWORD\n") {
		t.Errorf("%s: mode %v, %q", file, fi.Mode().Perm(), b)
	}
}

// TestIsTerminal: pipes, buffers and /dev/null are not terminals.
func TestIsTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	for _, w := range []io.Writer{w, null, &bytes.Buffer{}} {
		if isTerminal(w) {
			t.Errorf("%T is a terminal", w)
		}
	}
}

// TestFirstAdminDir: next to the SQLite file; on PostgreSQL the working
// directory.
func TestFirstAdminDir(t *testing.T) {
	for _, tc := range []struct{ dialect, url, want string }{
		{db.SQLite, "data/lotse.db", "data"},
		{db.SQLite, "/var/lib/lotse/lotse.db", "/var/lib/lotse"},
		{db.Postgres, "postgres://lotse@127.0.0.1/lotse", "."},
	} {
		if got := dataDir(tc.url, tc.dialect); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.url, got, tc.want)
		}
	}
}
