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
	"slices"
	"strconv"
	"syscall"

	"lotse/demo"
	"lotse/internal/content"
	"lotse/internal/lotse"
	"lotse/internal/pow"
	"lotse/internal/sched/openshop"
	"lotse/internal/sim"
	"lotse/internal/staff"
)

// Main runs the lotse command line: no arguments runs the server; "lotse
// help" lists the commands. It returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		args = []string{"serve"}
	}
	return commands().exec("lotse", args, stdout, stderr)
}

// commands is lotse's command tree.
func commands() *command {
	root := &command{
		synopsis: "COMMAND [-h]",
		summary:  "The Welcome-Center portal (lotse serve, the default) and its tools.",
		details:  configHelp,
	}
	root.subs = []*command{
		{name: "serve", summary: "run the web server (the default command)", details: configHelp, run: serve},
		{name: "user", help: userHelp, run: userCommand(),
			subs: []*command{
				{name: "add", synopsis: "--role ROLE --email EMAIL --password-file FILE", summary: "create a staff account", help: userHelp, run: userCommand("add")},
				{name: "list", summary: "list the staff accounts", help: userHelp, run: userCommand("list")},
			}},
		tokenCommand(),
		{name: "solve", synopsis: "--instance FILE [--time-limit 1s] [--seed N]", flags: true, run: openshop.SolveCommand,
			summary: "solve an open-shop instance; prints the schedule as JSON"},
		{name: "sim", synopsis: "--scenario FILE.json --out DIR [--log] [--days N] [--policies S1,B1] [--seed N] [--engine model|floor]", flags: true, run: sim.Command,
			summary: "simulate One-Stop-Shop days under several policies"},
		{name: "bench", synopsis: "TARGET [flags]", summary: "measure the portal, the booking or the open-shop solver", subs: []*command{
			{name: "http", synopsis: "[--duration 10s] [--conns 64] [--rate 2000] [--database URL]", flags: true, run: benchHTTP,
				summary: "measure a guide page and the API against a handler serving the same bytes from memory"},
			{name: "booking", synopsis: "[--proposals 200] [--booked 40] [--confirmations 2000] [--clients 8] [--racers 200] [--database URL]", flags: true, run: benchBooking,
				summary: "measure proposals, holds and confirmations, and a race for one date; check that nothing is double-booked"},
			{name: "openshop", synopsis: "--set DIR --out FILE.csv [--time-limit D] [--seeds K] [--bounds FILE]", flags: true, run: openshop.BenchCommand,
				summary: "run the open-shop solver on a benchmark set"},
		}},
		{name: "plan", synopsis: "--answers FILE.json [--lang en] [--as-of DATE] [--switch key=value]", flags: true, run: plan,
			summary: "the Lotse: a personal, ordered plan from a newcomer's answers, as JSON"},
		{name: "help", synopsis: "[COMMAND...]", summary: "show how to use lotse or one of its commands", names: true, run: helpCommand(root)},
		{name: "version", summary: "show the version and the commit lotse was built from", run: version},
	}
	return root
}

var configHelp = `Configuration (environment; every variable also as NAME_FILE, read from that file):
  LOTSE_ADDR            listen address (default :8080)
  LOTSE_DATABASE_URL    SQLite file (default data/lotse.db) or postgres:// URL
  LOTSE_DEMO            load the demo county into an empty database (default true)
  LOTSE_LOG_LEVEL       debug, info, warn or error (default info)
  LOTSE_TIMEZONE        time zone for display (default Europe/Berlin)
  LOTSE_BASE_URL        public URL of the portal
  LOTSE_POW_DIFFICULTY  largest number of a booking's proof-of-work (default ` + strconv.Itoa(pow.DefaultMax) + `; 0 switches it off)
  LOTSE_HOLD_MINUTES    how long a hold keeps an itinerary (default 10)
  LOTSE_RETENTION_DAYS  days a date's personal data is kept (default 30)
  LOTSE_RATE_LIMITS     on, or off to switch off the booking's per-address and per-contact limits
  LOTSE_ADMIN_EMAIL     login of the admin account the first start creates (default admin@localhost)
  LOTSE_ADMIN_PASSWORD_FILE  its password; without it a one-time password is shown on the
                        terminal, or written to ` + firstAdminFile + ` (mode 0600) next to the
                        SQLite file (on PostgreSQL: in the working directory) when the output
                        is not a terminal
`

// userCommand runs "lotse user" with prefix before the arguments.
func userCommand(prefix ...string) runFunc {
	return func(args []string, stdout, stderr io.Writer) int {
		return staff.UserCommand(slices.Concat(prefix, args), stdout, stderr, openDatabase)
	}
}

// userHelp prints the usage of the user commands, which package staff owns.
func userHelp(w io.Writer) { staff.UserCommand([]string{"help"}, w, io.Discard, nil) }

// plan runs "lotse plan" with the demo county's One-Stop-Shop agencies.
func plan(args []string, stdout, stderr io.Writer) int {
	return lotse.Command(args, stdout, stderr, demoOneStopAgencies())
}

// serve runs "lotse serve": the server, until Ctrl+C or SIGTERM.
func serve(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "lotse serve: unexpected argument %q\n", args[0])
		return 2
	}
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
		if err := announceFirstAdmin(stderr, isTerminal(stderr), f, dataDir(a.cfg.DatabaseURL, a.db.Dialect), a.URL()); err != nil {
			fmt.Fprintf(stderr, "lotse: %v\n", err)
		}
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
	return c.OneStop.Places()
}
