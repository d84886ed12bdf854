package app

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// version runs "lotse version": the module version, the commit lotse was
// built from and the Go version.
func version(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "lotse version: unexpected argument %q\n", args[0])
		return 2
	}
	bi, ok := debug.ReadBuildInfo()
	fmt.Fprint(stdout, versionText(bi, ok))
	return 0
}

// versionText describes a build. "go build" in a Git checkout records the
// commit; "go test", "go run" of a single file or -buildvcs=false do not.
func versionText(bi *debug.BuildInfo, ok bool) string {
	if !ok {
		return "lotse (unknown version)\nrevision unknown (built without module information)\n"
	}
	vcs := map[string]string{}
	for _, s := range bi.Settings {
		vcs[s.Key] = s.Value
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "lotse %s\n", v)
	switch rev := vcs["vcs.revision"]; {
	case rev == "":
		b.WriteString("revision unknown (built without VCS information)\n")
	case vcs["vcs.modified"] == "true":
		fmt.Fprintf(&b, "revision %s (%s, modified)\n", rev, vcs["vcs.time"])
	default:
		fmt.Fprintf(&b, "revision %s (%s)\n", rev, vcs["vcs.time"])
	}
	fmt.Fprintf(&b, "%s\n", bi.GoVersion)
	return b.String()
}
