package app

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

// commandPaths are every command and sub-command of lotse.
var commandPaths = [][]string{
	{"serve"}, {"user"}, {"user", "add"}, {"user", "list"},
	{"token"}, {"token", "add"}, {"token", "list"}, {"token", "revoke"}, {"solve"}, {"sim"},
	{"bench"}, {"bench", "http"}, {"bench", "booking"}, {"bench", "openshop"}, {"plan"}, {"help"}, {"version"},
}

// runInEmptyDir runs lotse with args in a new, empty working directory with
// the default configuration (SQLite under data/), fails the test when lotse
// does not return (a server started), and returns the exit code and output.
func runInEmptyDir(t *testing.T, args ...string) (int, string, string, string) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("LOTSE_DATABASE_URL", "")
	t.Setenv("LOTSE_ADDR", "127.0.0.1:0")
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Main(args, &stdout, &stderr) }()
	select {
	case code := <-done:
		return code, stdout.String(), stderr.String(), dir
	case <-time.After(20 * time.Second):
		t.Fatalf("lotse %s did not return (started a server?)", strings.Join(args, " "))
		return 0, "", "", dir
	}
}

// assertEmpty fails when dir holds anything: help has no side effects.
func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("created %s", e.Name())
	}
}

// TestHelpEveryCommand asks every command and sub-command for help in each
// spelling, also after other flags: usage on stdout, exit 0, nothing created.
func TestHelpEveryCommand(t *testing.T) {
	for _, path := range commandPaths {
		for _, flag := range []string{"-h", "--help", "-help"} {
			args := append(append([]string{}, path...), flag)
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				code, stdout, stderr, dir := runInEmptyDir(t, args...)
				if code != 0 || stderr != "" {
					t.Errorf("exit %d, stderr %q", code, stderr)
				}
				if want := "lotse " + strings.Join(path, " "); !strings.Contains(stdout, want) || !strings.Contains(stdout, "Usage") {
					t.Errorf("stdout lacks usage naming %q:\n%s", want, stdout)
				}
				assertEmpty(t, dir)
			})
		}
	}
	for _, args := range [][]string{
		{"plan", "--lang", "uk", "-h"},
		{"solve", "--instance", "x.txt", "--help"},
		{"user", "add", "--role", "editor", "-h"},
		{"token", "add", "--role", "admin", "--help"},
		{"sim", "--scenario", "x.json", "--out", "out", "-help"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stdout, _, dir := runInEmptyDir(t, args...)
			if code != 0 || !strings.Contains(stdout, "Usage") {
				t.Errorf("exit %d, stdout %q", code, stdout)
			}
			assertEmpty(t, dir)
		})
	}
}

// TestHelpCommand: "lotse help X" and "lotse help X -h" print what
// "lotse X -h" prints, and an unknown X is an error.
func TestHelpCommand(t *testing.T) {
	_, overview, _, _ := runInEmptyDir(t, "help")
	for _, path := range commandPaths {
		t.Run(strings.Join(path, " "), func(t *testing.T) {
			code, viaHelp, _, dir := runInEmptyDir(t, append([]string{"help"}, path...)...)
			_, viaFlag, _, _ := runInEmptyDir(t, append(append([]string{}, path...), "-h")...)
			if code != 0 || viaHelp != viaFlag {
				t.Errorf("exit %d; lotse help %s:\n%s\nlotse %[2]s -h:\n%s", code, strings.Join(path, " "), viaHelp, viaFlag)
			}
			if path[0] != "help" && viaHelp == overview {
				t.Error("prints the overview, not the command's usage")
			}
			if _, withFlag, _, _ := runInEmptyDir(t, append(append([]string{"help"}, path...), "-h")...); withFlag != viaFlag {
				t.Errorf("lotse help %s -h:\n%s\nwant lotse %[1]s -h:\n%s", strings.Join(path, " "), withFlag, viaFlag)
			}
			assertEmpty(t, dir)
		})
	}
	for _, args := range [][]string{{"help", "nosuch"}, {"help", "bench", "nosuch"}, {"nosuch"}} {
		code, stdout, stderr, _ := runInEmptyDir(t, args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, `"nosuch"`) {
			t.Errorf("lotse %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, stdout, stderr)
		}
	}
}

// TestOverviewListsEveryCommand: "lotse help" names every command, and
// "lotse -h" prints the same.
func TestOverviewListsEveryCommand(t *testing.T) {
	_, overview, _, _ := runInEmptyDir(t, "help")
	for _, path := range commandPaths {
		if want := "lotse " + strings.Join(path, " "); !strings.Contains(overview, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
	if _, short, _, _ := runInEmptyDir(t, "-h"); short != overview {
		t.Errorf("lotse -h differs from lotse help:\n%s", short)
	}
}

// TestBenchWithoutTarget: a missing or wrong target is a usage error.
func TestBenchWithoutTarget(t *testing.T) {
	for _, args := range [][]string{{"bench"}, {"bench", "nosuch"}} {
		code, stdout, stderr, dir := runInEmptyDir(t, args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, "lotse bench http") {
			t.Errorf("lotse %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, stdout, stderr)
		}
		assertEmpty(t, dir)
	}
}

// TestPlanHelpNamesEveryLanguage: every language the Lotse speaks is named.
func TestPlanHelpNamesEveryLanguage(t *testing.T) {
	_, stdout, _, _ := runInEmptyDir(t, "plan", "-h")
	for _, l := range []string{"de", "de-x-simple", "en", "uk", "ar", "tr", "ro", "pl", "bg", "fa", "ru", "zh-Hans"} {
		if !strings.Contains(stdout, " "+l) {
			t.Errorf("plan -h does not name %s:\n%s", l, stdout)
		}
	}
}

// TestServeRejectsArguments: "lotse serve x" is a mistake, not a start.
func TestServeRejectsArguments(t *testing.T) {
	code, _, stderr, dir := runInEmptyDir(t, "serve", "now")
	if code != 2 || !strings.Contains(stderr, `"now"`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	assertEmpty(t, dir)
}
