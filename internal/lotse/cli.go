package lotse

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Command runs "lotse plan --answers FILE.json [--lang en] [--as-of DATE]
// [--switch key=value]…"; args are the arguments after "plan". FILE "-"
// reads standard input. It prints the plan as JSON (contract §d) and returns
// the exit code: 0 on success, 2 on invalid answers or usage (the message on
// stderr), 1 when the file cannot be read.
func Command(args []string, stdout, stderr io.Writer, oneStopAgencies []string) int {
	fs := flag.NewFlagSet("lotse plan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	answers := fs.String("answers", "", "answers `FILE.json` (contract §a); - reads standard input")
	lang := fs.String("lang", "en", "language of the texts: "+strings.Join(languages(), ", ")+" (others fall back to en)")
	asOf := fs.String("as-of", "", "evaluate the rules for this `DATE` (YYYY-MM-DD; default today)")
	switches := map[string]string{}
	fs.Func("switch", "override a rule switch, `key=value` (repeatable)", func(s string) error {
		k, v, ok := strings.Cut(s, "=")
		if !ok {
			return errors.New("want key=value")
		}
		switches[k] = v
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *answers == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: lotse plan --answers FILE.json [--lang en] [--as-of YYYY-MM-DD] [--switch key=value]")
		return 2
	}
	opt := Options{Lang: *lang, OneStopAgencies: oneStopAgencies, Switches: switches}
	if *asOf != "" {
		d, err := time.Parse(time.DateOnly, *asOf)
		if err != nil {
			fmt.Fprintf(stderr, "lotse plan: --as-of %q is not a date (YYYY-MM-DD)\n", *asOf)
			return 2
		}
		opt.AsOf = d
	}
	var data []byte
	var err error
	if *answers == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else {
		data, err = os.ReadFile(*answers)
	}
	if err != nil {
		fmt.Fprintf(stderr, "lotse plan: %v\n", err)
		return 1
	}
	plan, err := Build(data, opt)
	if err != nil {
		fmt.Fprintf(stderr, "lotse plan: %v\n", err)
		var ie *InputError
		if errors.As(err, &ie) || bookErr == nil {
			return 2
		}
		return 1
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(plan); err != nil {
		fmt.Fprintf(stderr, "lotse plan: %v\n", err)
		return 1
	}
	return 0
}

// languages lists the languages the Lotse has texts in: one texts/{lang}.json
// file each (loadTexts checks the names).
func languages() []string {
	files, _ := ruleFiles.ReadDir("texts")
	tags := make([]string, len(files))
	for i, f := range files {
		tags[i] = strings.TrimSuffix(f.Name(), ".json")
	}
	return tags
}
