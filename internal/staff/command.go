package staff

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// Opener opens the configured database; the application passes it so that
// this package does not read the configuration itself.
type Opener func(context.Context) (*db.DB, error)

var userUsage = `Usage:
  lotse user add --role ROLE --email EMAIL --password-file FILE [--languages uk,ar] [--agency SLUG]
  lotse user add --role display --email NAME@screens   (prints the screen's token)
  lotse user list

Roles: admin, editor, translator, reception, agency, display.
A translator needs --languages, comma-separated codes of: ` + strings.Join(TranslationLanguages(), ", ") + `.
The password is read from FILE (first line), never from the command line. It
needs at least 12 characters, may not be one repeated character or pattern, a
sequence (abcdef…, 123456…, qwertz…), the e-mail's name, or a common password.
`

// UserCommand runs "lotse user …" (args after "user") against the configured
// database, also while the server runs. It returns the exit code.
func UserCommand(args []string, stdout, stderr io.Writer, open Opener) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, userUsage)
		return 2
	}
	ctx := context.Background()
	switch args[0] {
	case "add":
		return userAdd(ctx, args[1:], stdout, stderr, open)
	case "list":
		return userList(ctx, stdout, stderr, open)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, userUsage)
		return 0
	}
	fmt.Fprintf(stderr, "lotse user: unknown command %q\n\n%s", args[0], userUsage)
	return 2
}

func userAdd(ctx context.Context, args []string, stdout, stderr io.Writer, open Opener) int {
	fs := flag.NewFlagSet("lotse user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	role := fs.String("role", "", "role of the account")
	email := fs.String("email", "", "e-mail address (the login)")
	pwFile := fs.String("password-file", "", "file holding the password")
	langs := fs.String("languages", "", "a translator's languages, comma-separated")
	agency := fs.String("agency", "", "an agency account's agency")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "lotse user add: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	r := Role(*role)
	if !r.Valid() {
		fmt.Fprintf(stderr, "lotse user add: --role must be one of admin, editor, translator, reception, agency, display (got %q)\n", *role)
		return 2
	}
	languages, err := checkLanguages(r, splitList(*langs))
	if err != nil {
		fmt.Fprintf(stderr, "lotse user add: %s\n", describe(err))
		return 2
	}
	var password string
	if r != Display {
		if *pwFile == "" {
			fmt.Fprintln(stderr, "lotse user add: --password-file is required")
			return 2
		}
		if password, err = readPasswordFile(*pwFile); err != nil {
			fmt.Fprintf(stderr, "lotse user add: --password-file: %v\n", err)
			return 2
		}
		if err := CheckPassword(password, *email); err != nil {
			fmt.Fprintf(stderr, "lotse user add: --password-file: %s\n", describe(err))
			return 2
		}
	}
	d, err := open(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "lotse user add: %v\n", err)
		return 1
	}
	defer d.Close()
	u, token, err := New(d, Options{}).Create(ctx, CLI, NewUser{
		Email: *email, Role: r, Password: password, Languages: languages, Agency: *agency,
	})
	if err != nil {
		fmt.Fprintf(stderr, "lotse user add: %s\n", describe(err))
		return 1
	}
	fmt.Fprintf(stdout, "created %s account %s (id %d)\n", u.Role, u.Email, u.ID)
	if token != "" {
		fmt.Fprintf(stdout, "display token (shown once): %s\n", token)
	}
	return 0
}

func userList(ctx context.Context, stdout, stderr io.Writer, open Opener) int {
	d, err := open(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "lotse user list: %v\n", err)
		return 1
	}
	defer d.Close()
	users, err := New(d, Options{}).Users(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "lotse user list: %v\n", err)
		return 1
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tEMAIL\tROLE\tLANGUAGES\t2FA\tDISABLED")
	for _, u := range users {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%v\t%v\n", u.ID, u.Email, u.Role, strings.Join(u.Languages, ","), u.TOTP, u.Disabled)
	}
	w.Flush()
	return 0
}

// readPasswordFile returns the first line of a password file.
func readPasswordFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimRight(line, "\r"), nil
}

// describe is a command-line message for a store error.
func describe(err error) string {
	var e *errs.Error
	if !errors.As(err, &e) || e.Kind == errs.Internal {
		return err.Error()
	}
	codes := strings.Join(TranslationLanguages(), ", ")
	msg := map[string]string{
		"staff.error.email":                "the e-mail address is not valid",
		"staff.error.email_taken":          "an account with this e-mail address exists",
		"staff.error.password_short":       fmt.Sprintf("the password must have at least %d characters", MinPassword),
		"staff.error.password_repeated":    "the password is one character or a short pattern repeated",
		"staff.error.password_sequence":    "the password is a simple sequence (abcdef…, 123456…) or a keyboard row (qwertz…)",
		"staff.error.password_email":       "the password contains the name of the e-mail address",
		"staff.error.password_common":      "the password is one of the most common passwords (even with digits or symbols added); choose another, e.g. four random words",
		"staff.error.language":             fmt.Sprintf("--languages: unknown language code %q; valid codes: %s", e.Detail, codes),
		"staff.error.translator_languages": "a translator needs --languages, e.g. --languages uk,ar; valid codes: " + codes,
	}[e.MsgKey]
	if msg == "" {
		return e.MsgKey
	}
	return msg
}

// FirstAdmin is the account Bootstrap created. Password is the generated
// one-time password, or "" when it came from LOTSE_ADMIN_PASSWORD_FILE.
type FirstAdmin struct {
	Email    string
	Password string
}

// Bootstrap creates the first admin account when there is none and returns
// it (nil when accounts exist). Its password comes from the file named by
// LOTSE_ADMIN_PASSWORD_FILE, or is generated, to be shown once and changed at
// the first login. LOTSE_ADMIN_EMAIL sets the login (default admin@localhost).
func (s *Service) Bootstrap(ctx context.Context, getenv func(string) string) (*FirstAdmin, error) {
	n, err := s.Count(ctx)
	if err != nil || n > 0 {
		return nil, err
	}
	email := getenv("LOTSE_ADMIN_EMAIL")
	if email == "" {
		email = "admin@localhost"
	}
	nu := NewUser{Email: email, Role: Admin}
	if f := getenv("LOTSE_ADMIN_PASSWORD_FILE"); f != "" {
		if nu.Password, err = readPasswordFile(f); err != nil {
			return nil, fmt.Errorf("LOTSE_ADMIN_PASSWORD_FILE: cannot read the file: %w", err)
		}
		if err := CheckPassword(nu.Password, email); err != nil {
			return nil, fmt.Errorf("LOTSE_ADMIN_PASSWORD_FILE: %s", describe(err))
		}
	} else {
		nu.Password, nu.MustChange = NewPassword(), true
	}
	u, _, err := s.Create(ctx, System, nu)
	switch {
	case errs.KindOf(err) == errs.Conflict:
		return nil, nil // another instance created it at the same moment
	case err != nil:
		return nil, fmt.Errorf("create the first admin account: %s", describe(err))
	}
	first := &FirstAdmin{Email: u.Email}
	if nu.MustChange {
		first.Password = nu.Password
	}
	return first, nil
}

// NewPassword returns a one-time password: 26 random base32 characters (128 bits).
func NewPassword() string { return rand.Text() }
