package app

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersionCommand: "lotse version" works in a test binary, which has no
// VCS information.
func TestVersionCommand(t *testing.T) {
	code, stdout, stderr, dir := runInEmptyDir(t, "version")
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "lotse ") || !strings.Contains(stdout, "go1.") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	assertEmpty(t, dir)
	if code, _, stderr, _ := runInEmptyDir(t, "version", "extra"); code != 2 || !strings.Contains(stderr, `"extra"`) {
		t.Errorf("version extra: exit %d, stderr %q", code, stderr)
	}
}

func TestVersionText(t *testing.T) {
	vcs := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "lotse", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "498d518f00c0ffee"},
			{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	for _, tc := range []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{"vcs", vcs, true, "lotse v1.2.3\nrevision 498d518f00c0ffee (2026-12-01T10:00:00Z, modified)\ngo1.26.8\n"},
		{"no vcs", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "lotse", Version: "(devel)"}}, true,
			"lotse (devel)\nrevision unknown (built without VCS information)\ngo1.26.8\n"},
		{"no build info", nil, false, "lotse (unknown version)\nrevision unknown (built without module information)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := versionText(tc.bi, tc.ok); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
