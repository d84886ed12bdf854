package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	"lotse/demo"
	"lotse/internal/content"
	"lotse/internal/lotse"
	"lotse/internal/sched/openshop"
	"lotse/internal/sim"
	"lotse/internal/staff"
)

// Main runs the lotse command line: no arguments (or "serve") runs the server;
// other subcommands are listed by "lotse help". It returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(stdout, stderr)
	case "bench":
		return bench(args, stdout, stderr)
	case "solve":
		return openshop.SolveCommand(args, stdout, stderr)
	case "sim":
		return sim.Command(args, stdout, stderr)
	case "plan":
		return lotse.Command(args, stdout, stderr, demoOneStopAgencies())
	case "user":
		return staff.UserCommand(args, stdout, stderr, openDatabase)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "lotse: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
}

const usage = `Usage: lotse [command]

Commands:
  serve          run the web server (default); configuration from LOTSE_* variables
  user add --role R --email E --password-file F | user list
                 manage staff accounts in the configured database
  solve --instance FILE [--time-limit 1s] [--seed N]
                 solve an open-shop instance; prints the schedule as JSON
  bench openshop --set DIR --time-limit D --seeds K --out FILE.csv
                 run the solver on a benchmark set
  sim --scenario FILE.json --out DIR [--log] [--days N] [--policies S1,B1]
                 simulate One-Stop-Shop days under several policies
  plan --answers FILE.json [--lang en] [--as-of DATE]
                 the Lotse: a personal, ordered plan from a newcomer's answers
  bench http     measure requests/s and latency of a guide page and the API
                 against a handler serving the same bytes from memory
  help           show this help

Configuration (environment):
  LOTSE_ADDR            listen address (default :8080)
  LOTSE_DATABASE_URL    SQLite file (default data/lotse.db) or postgres:// URL; _FILE variant
  LOTSE_DEMO            load the demo county into an empty database (default true)
  LOTSE_LOG_LEVEL       debug, info, warn or error (default info)
  LOTSE_TIMEZONE        time zone for display (default Europe/Berlin)
  LOTSE_BASE_URL        public URL of the portal
`

// bench dispatches "lotse bench TARGET".
func bench(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "usage: lotse bench http|openshop [flags]\n")
		return 2
	}
	switch args[0] {
	case "http":
		return benchHTTP(args[1:], stdout, stderr)
	case "openshop":
		return openshop.BenchCommand(args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "lotse bench: unknown target %q\n", args[0])
		return 2
	}
}

func serve(stdout, stderr io.Writer) int {
	cfg, err := LoadConfig(os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "lotse: configuration: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a, err := New(ctx, cfg, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "lotse: %v\n", err)
		return 1
	}
	defer a.Close()
	if err := a.Listen(); err != nil {
		fmt.Fprintf(stderr, "lotse: %v\n", err)
		var ce *ConfigError
		if errors.As(err, &ce) {
			return 2
		}
		return 1
	}
	fmt.Fprintf(stderr, "lotse is running at %s (database: %s) — press Ctrl+C to stop\n", a.URL(), a.db.Dialect)
	if f := a.FirstAdmin; f != nil && f.Password != "" {
		fmt.Fprintf(stderr, "First start: staff account %s with the one-time password %s — sign in at %s/staff/login and choose your own.\n", f.Email, f.Password, a.URL())
	}
	if err := a.Serve(ctx); err != nil {
		fmt.Fprintf(stderr, "lotse: %v\n", err)
		return 1
	}
	return 0
}

// demoOneStopAgencies lists the agencies of the demo county's One-Stop-Shop, which
// "lotse plan" offers for the steps they can help with. The command works
// without a database, as the Lotse contract's outside checks expect.
func demoOneStopAgencies() []string {
	var c content.County
	b, err := fs.ReadFile(demo.County(), "county.json")
	if err != nil || json.Unmarshal(b, &c) != nil {
		return nil
	}
	return c.OneStop.Agencies
}
