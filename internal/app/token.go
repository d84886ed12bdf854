package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/staff"
)

// tokenCommand is "lotse token": staff API tokens against the configured
// database, also while the server runs.
func tokenCommand() *command {
	return &command{name: "token", synopsis: "add|list|revoke", summary: "manage the staff API's tokens (Authorization: Bearer TOKEN)",
		subs: []*command{
			{name: "add", synopsis: "--role ROLE [--agency ID] [--name NAME]", flags: true, run: tokenAdd,
				summary: "make a token with a staff role; prints it alone on the last line, once (only its hash is kept)",
				details: "Roles: admin, editor, translator, reception, agency, display. Role agency needs --agency,\nan agency id of the county's One-Stop-Shop (as GET /api/v1/onestop/dates names them).\n"},
			{name: "list", summary: "list the tokens: id, name, role, agency, made, last used (never a secret)", run: tokenList},
			{name: "revoke", synopsis: "ID", summary: "revoke a token: from now on it is refused", run: tokenRevoke},
		}}
}

// withStaff opens the configured database and runs fn with its staff
// service, reporting errors as "lotse token NAME: …". It returns the exit code.
func withStaff(name string, stderr io.Writer, fn func(ctx context.Context, d *db.DB, s *staff.Service) error) int {
	ctx := context.Background()
	d, err := openDatabase(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "lotse token %s: %v\n", name, err)
		return 1
	}
	defer d.Close()
	if err := fn(ctx, d, staff.New(d, staff.Options{})); err != nil {
		fmt.Fprintf(stderr, "lotse token %s: %s\n", name, tokenMessage(err))
		return 1
	}
	return 0
}

func tokenAdd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lotse token add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	role := fs.String("role", "", "what the token may do: a staff role")
	agency := fs.String("agency", "", "role agency: the agency id")
	name := fs.String("name", "", "what the token is for, shown in lists and the audit log")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "lotse token add: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	return withStaff("add", stderr, func(ctx context.Context, d *db.DB, s *staff.Service) error {
		if *agency != "" {
			if err := knownAgency(ctx, d, *agency); err != nil {
				return err
			}
		}
		t, secret, err := s.CreateToken(ctx, staff.CLI, staff.NewToken{Name: *name, Role: staff.Role(*role), Agency: *agency})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "made token %d (%s); it is shown once, keep it secret:\n%s\n", t.ID, t.Role, secret)
		return nil
	})
}

// knownAgency checks id against the county's One-Stop-Shop agencies, when the
// database holds a county that names any.
func knownAgency(ctx context.Context, d *db.DB, id string) error {
	county, err := content.NewStore(d).County(ctx)
	if err != nil {
		return err
	}
	if _, ok := county.OneStop.Agency(id); !ok && len(county.OneStop.Agencies) > 0 {
		return &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.token_agency", Field: "agency", Detail: id}
	}
	return nil
}

func tokenList(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "lotse token list: unexpected argument %q\n", args[0])
		return 2
	}
	return withStaff("list", stderr, func(ctx context.Context, _ *db.DB, s *staff.Service) error {
		tokens, err := s.Tokens(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tNAME\tROLE\tAGENCY\tMADE\tLAST USED")
		for _, t := range tokens {
			used := "never"
			if !t.LastUsed.IsZero() {
				used = t.LastUsed.UTC().Format(time.RFC3339)
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Role, t.Agency, t.Created.UTC().Format(time.RFC3339), used)
		}
		return w.Flush()
	})
}

func tokenRevoke(args []string, stdout, stderr io.Writer) int {
	id, err := strconv.ParseInt(firstArg(args), 10, 64)
	if len(args) != 1 || err != nil {
		fmt.Fprintln(stderr, "lotse token revoke: give the token's id (see lotse token list)")
		return 2
	}
	return withStaff("revoke", stderr, func(ctx context.Context, _ *db.DB, s *staff.Service) error {
		if err := s.RevokeToken(ctx, staff.CLI, id); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "revoked token %d\n", id)
		return nil
	})
}

func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

// tokenMessage is a command-line message for a store error.
func tokenMessage(err error) string {
	switch errs.MsgKeyOf(err) {
	case "staff.error.role":
		return "--role must be one of admin, editor, translator, reception, agency, display"
	case "staff.error.token_agency":
		return "--agency: role agency needs an agency id of the county's One-Stop-Shop, and other roles none"
	case "staff.error.token_name":
		return fmt.Sprintf("--name: at most %d printable characters", staff.MaxTokenName)
	case "staff.error.no_token":
		return "there is no token with this id (see lotse token list)"
	}
	return err.Error()
}
