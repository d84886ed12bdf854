package openshop

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"
)

// solveAnswer is the JSON printed by `lotse solve` (contract in DESIGN.md).
type solveAnswer struct {
	Makespan      int  `json:"makespan"`
	LowerBound    int  `json:"lower_bound"`
	ProvenOptimal bool `json:"proven_optimal"`
	Ops           []Op `json:"ops"`
}

// SolveCommand runs `lotse solve --instance FILE [--time-limit D] [--seed N]`
// (args are what follows "solve") and prints one JSON object with the
// makespan, the lower bound, whether it is proven optimal and every
// operation (0-based job and machine, zero-length ones at time 0). It
// returns the exit code: 0, or 2 for bad flags or a bad instance.
func SolveCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("solve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("instance", "", "open-shop instance file (benchmark format)")
	limit := fs.Duration("time-limit", DefaultTimeLimit, "search time, e.g. 1s or 500ms")
	seed := fs.Uint64("seed", 1, "random seed; the same seed follows the same search")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := checkFlags(fs, *path != "", *limit); err != nil {
		fmt.Fprintln(stderr, "lotse solve:", err)
		return 2
	}
	in, err := readInstance(*path)
	if err != nil {
		fmt.Fprintln(stderr, "lotse solve:", err)
		return 2
	}
	res := Solve(in, Options{TimeLimit: *limit, Seed: *seed})
	enc := json.NewEncoder(stdout)
	if err := enc.Encode(solveAnswer{res.Makespan, res.LowerBound, res.Proven, res.Ops}); err != nil {
		fmt.Fprintln(stderr, "lotse solve:", err)
		return 1
	}
	return 0
}

// checkFlags rejects a missing instance, stray arguments and a
// non-positive time limit.
func checkFlags(fs *flag.FlagSet, haveInstance bool, limit time.Duration) error {
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case !haveInstance && fs.Lookup("instance") != nil:
		return errors.New("--instance FILE is required")
	case limit <= 0:
		return fmt.Errorf("--time-limit must be positive, got %s", limit)
	}
	return nil
}

// readInstance parses an instance file.
func readInstance(path string) (*Instance, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	in, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return in, nil
}

// itoa formats an int for CSV cells.
func itoa(v int) string { return strconv.Itoa(v) }
