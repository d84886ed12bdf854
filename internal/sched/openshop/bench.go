package openshop

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// benchRow is one CSV row of `lotse bench openshop`.
type benchRow struct {
	instance  string
	size      string // "n x m"
	seed      uint64
	makespan  int
	lb        int
	bestKnown int // 0 when unknown
	seconds   float64
	proven    bool
}

// gap is the percentage above the best known makespan, or above the lower
// bound when no best known value is listed.
func (r benchRow) gap() float64 {
	ref := r.lb
	if r.bestKnown > 0 {
		ref = r.bestKnown
	}
	if ref == 0 {
		return 0
	}
	return 100 * float64(r.makespan-ref) / float64(ref)
}

// benchHeader is the CSV header of `lotse bench openshop`.
var benchHeader = []string{"instance", "seed", "makespan", "lower_bound", "best_known", "gap_pct", "seconds_to_best", "proven"}

// BenchCommand runs `lotse bench openshop --set DIR --time-limit D --seeds K
// --out FILE.csv [--bounds FILE]` (args are what follows "openshop"). It
// solves every *.txt instance of DIR once per seed 1..K and writes one CSV
// row per instance and seed: instance, seed, makespan, lower_bound,
// best_known (from the bounds file when listed there; default
// DIR/../taillard_bounds.csv when present), gap_pct (to best_known, else to
// lower_bound), seconds_to_best, proven. Progress goes to stderr, a
// per-size markdown summary to stdout. Exit code 2 means bad flags or
// input.
func BenchCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench openshop", flag.ContinueOnError)
	fs.SetOutput(stderr)
	set := fs.String("set", "", "directory of instance files (*.txt)")
	limit := fs.Duration("time-limit", DefaultTimeLimit, "search time per instance and seed")
	seeds := fs.Int("seeds", 1, "number of seeds (1..K) per instance")
	out := fs.String("out", "", "CSV file to write")
	boundsPath := fs.String("bounds", "", "CSV with instance file names and best known makespans (default DIR/../taillard_bounds.csv)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "lotse bench openshop:", err)
		return 2
	}
	switch {
	case *set == "" || *out == "":
		return fail(errors.New("--set DIR and --out FILE.csv are required"))
	case fs.NArg() > 0:
		return fail(fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	case *limit <= 0 || *seeds < 1:
		return fail(fmt.Errorf("--time-limit must be positive and --seeds at least 1, got %s and %d", *limit, *seeds))
	}
	files, err := filepath.Glob(filepath.Join(*set, "*.txt"))
	if err != nil || len(files) == 0 {
		return fail(fmt.Errorf("no *.txt instances in %s", *set))
	}
	slices.SortFunc(files, compareNatural)
	known, err := loadBounds(*boundsPath, *set)
	if err != nil {
		return fail(err)
	}
	instances := make([]*Instance, len(files))
	for i, f := range files {
		if instances[i], err = readInstance(f); err != nil {
			return fail(err)
		}
	}
	f, err := os.Create(*out)
	if err != nil {
		return fail(err)
	}
	w := csv.NewWriter(f)
	w.Write(benchHeader)
	var rows []benchRow
	for i, in := range instances {
		name := strings.TrimSuffix(filepath.Base(files[i]), ".txt")
		for s := 1; s <= *seeds; s++ {
			res := Solve(in, Options{TimeLimit: *limit, Seed: uint64(s)})
			if err := Check(in, res.Schedule, nil); err != nil {
				f.Close()
				fmt.Fprintf(stderr, "lotse bench openshop: %s seed %d: invalid schedule: %v\n", name, s, err)
				return 1
			}
			r := benchRow{name, fmt.Sprintf("%dx%d", in.Jobs, in.Machines), uint64(s), res.Makespan, res.LowerBound,
				known[filepath.Base(files[i])], res.TimeToBest.Seconds(), res.Proven}
			rows = append(rows, r)
			w.Write(r.cells())
			fmt.Fprintf(stderr, "%s seed %d: makespan %d lb %d gap %.2f%% proven %v (%.3fs)\n",
				name, s, r.makespan, r.lb, r.gap(), r.proven, r.seconds)
		}
	}
	w.Flush()
	if err := errors.Join(w.Error(), f.Close()); err != nil {
		fmt.Fprintln(stderr, "lotse bench openshop:", err)
		return 1
	}
	writeSummary(stdout, rows)
	return 0
}

func (r benchRow) cells() []string {
	best := ""
	if r.bestKnown > 0 {
		best = itoa(r.bestKnown)
	}
	return []string{r.instance, strconv.FormatUint(r.seed, 10), itoa(r.makespan), itoa(r.lb), best,
		strconv.FormatFloat(r.gap(), 'f', 3, 64), strconv.FormatFloat(r.seconds, 'f', 3, 64), strconv.FormatBool(r.proven)}
}

// loadBounds reads best known makespans keyed by instance file name from a
// CSV with "file" and "best_known" columns. Without an explicit path it
// looks for taillard_bounds.csv next to the set directory and returns an
// empty map when there is none.
func loadBounds(path, set string) (map[string]int, error) {
	known := map[string]int{}
	if path == "" {
		path = filepath.Join(filepath.Dir(filepath.Clean(set)), "taillard_bounds.csv")
		if _, err := os.Stat(path); err != nil {
			return known, nil
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) == 0 {
		return known, nil
	}
	fileCol, bestCol := slices.Index(recs[0], "file"), slices.Index(recs[0], "best_known")
	if fileCol < 0 || bestCol < 0 {
		return nil, fmt.Errorf("%s: want columns file and best_known", path)
	}
	for _, rec := range recs[1:] {
		if v, err := strconv.Atoi(rec[bestCol]); err == nil && v > 0 {
			known[filepath.Base(rec[fileCol])] = v
		}
	}
	return known, nil
}

// compareNatural orders file names with embedded numbers numerically, so
// that ta4x4_2 comes before ta4x4_10 and 4x4 before 10x10.
func compareNatural(a, b string) int {
	for a != "" && b != "" {
		na, ra := leadingNumber(a)
		nb, rb := leadingNumber(b)
		switch {
		case na >= 0 && nb >= 0:
			if na != nb {
				return na - nb
			}
			a, b = ra, rb
		case a[0] != b[0]:
			return int(a[0]) - int(b[0])
		default:
			a, b = a[1:], b[1:]
		}
	}
	return len(a) - len(b)
}

// leadingNumber splits off a leading decimal number, or returns -1.
func leadingNumber(s string) (int, string) {
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return -1, s
	}
	v, _ := strconv.Atoi(s[:i])
	return v, s[i:]
}

// writeSummary prints a markdown table per instance size: runs, mean gap,
// runs at the best known value, proven runs and mean gap to the lower bound.
func writeSummary(w io.Writer, rows []benchRow) {
	type agg struct {
		runs, atBest, proven, withBest int
		gap, gapLB, secs               float64
	}
	var sizes []string
	by := map[string]*agg{}
	for _, r := range rows {
		a := by[r.size]
		if a == nil {
			a = &agg{}
			by[r.size] = a
			sizes = append(sizes, r.size)
		}
		a.runs++
		a.gap += r.gap()
		a.gapLB += 100 * float64(r.makespan-r.lb) / float64(max(r.lb, 1))
		a.secs += r.seconds
		if r.bestKnown > 0 {
			a.withBest++
			if r.makespan == r.bestKnown {
				a.atBest++
			}
		}
		if r.proven {
			a.proven++
		}
	}
	fmt.Fprintln(w, "| size | runs | mean gap % | at best known | proven optimal | mean gap to LB % | mean s to best |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	total := agg{}
	for _, s := range sizes {
		a := by[s]
		atBest := "–"
		if a.withBest > 0 {
			atBest = fmt.Sprintf("%d/%d", a.atBest, a.withBest)
		}
		fmt.Fprintf(w, "| %s | %d | %.3f | %s | %d/%d | %.3f | %.3f |\n", s, a.runs, a.gap/float64(a.runs), atBest,
			a.proven, a.runs, a.gapLB/float64(a.runs), a.secs/float64(a.runs))
		total.runs += a.runs
		total.gap += a.gap
		total.gapLB += a.gapLB
		total.secs += a.secs
		total.atBest += a.atBest
		total.withBest += a.withBest
		total.proven += a.proven
	}
	atBest := "–"
	if total.withBest > 0 {
		atBest = fmt.Sprintf("%d/%d", total.atBest, total.withBest)
	}
	fmt.Fprintf(w, "| all | %d | %.3f | %s | %d/%d | %.3f | %.3f |\n", total.runs, total.gap/float64(total.runs), atBest,
		total.proven, total.runs, total.gapLB/float64(total.runs), total.secs/float64(total.runs))
}
