package sim

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Command runs `lotse sim` with args (what follows "sim"):
//
//	lotse sim --scenario FILE.json --out DIR [--log] [--days N] [--policies S1,B1] [--seed N] [--engine model|floor]
//
// It writes the files of oss-day.md into DIR, prints a summary table to
// stdout, and returns the exit code: 0, 2 for bad input (with a message on
// stderr), 1 when the output cannot be written.
func Command(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: lotse sim --scenario FILE.json --out DIR [--log] [--days N] [--policies S1,B1] [--seed N] [--engine model|floor]")
		fs.PrintDefaults()
	}
	scenario := fs.String("scenario", "", "scenario file (JSON, oss-day.md)")
	out := fs.String("out", "", "output directory for days.csv, summary.csv and events.jsonl")
	log := fs.Bool("log", false, "also write events.jsonl")
	days := fs.Int("days", 0, "number of days (default: the scenario's days)")
	policies := fs.String("policies", "", "comma-separated policies (default: the scenario's): "+strings.Join(Policies, ","))
	seed := fs.Int64("seed", 0, "replace the scenario's seed (default: keep it)")
	engine := fs.String("engine", "model", "what plays S1 and S2: model (the simulator's floor) or floor (the product's booking and floor services on a temporary SQLite database)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "lotse sim: "+format+"\n", a...)
		return 2
	}
	switch {
	case fs.NArg() > 0:
		return bad("unexpected argument %q", fs.Arg(0))
	case *scenario == "":
		return bad("--scenario is required")
	case *out == "":
		return bad("--out is required")
	case *days < 0:
		return bad("--days must be positive")
	}
	sc, err := LoadScenario(*scenario)
	if err != nil {
		return bad("%v", err)
	}
	if isSet(fs, "seed") {
		sc.Seed = *seed
	}
	opt := Options{Days: *days, Engine: *engine}
	if *policies != "" {
		opt.Policies = strings.Split(*policies, ",")
	}
	res, err := Run(sc, opt)
	if err != nil {
		return bad("%v", err)
	}
	if err := res.Write(*out, *log); err != nil {
		fmt.Fprintf(stderr, "lotse sim: %v\n", err)
		return 1
	}
	res.PrintTable(stdout)
	return 0
}

func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// PrintTable prints the summary as an aligned table.
func (r *Result) PrintTable(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tpolicy\tdays\tstretch\t±95%%\tp95 wait\tmean wait\tserved by close\tovertime\tutilisation\t\n", r.Scenario.Name)
	for _, s := range r.Summary {
		fmt.Fprintf(tw, "\t%s\t%d\t%.3f\t%.3f\t%.1f\t%.1f\t%.1f\t%.1f\t%.3f\t\n", s.Policy, s.Days,
			s.StretchMean, s.StretchCI95, s.P95WaitMean, s.MeanWaitMean, s.ServedByClose, s.OvertimeMean, s.Utilisation)
	}
	tw.Flush()
}
