package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"lotse/internal/db"
	"lotse/internal/staff"
)

// firstAdminFile is the file that holds the first admin's one-time password
// when lotse's output is not a terminal: in the SQLite file's directory, or
// on PostgreSQL in the working directory.
const firstAdminFile = "admin-password.txt"

// dataDir is where lotse keeps the files that belong with its database (the
// first admin's password, the default secret key): the SQLite file's
// directory, or on PostgreSQL the working directory.
func dataDir(databaseURL, dialect string) string {
	if dialect == db.SQLite {
		return sqliteDir(databaseURL)
	}
	return "."
}

// sqliteDir is the directory of the SQLite database file at url.
func sqliteDir(url string) string {
	return filepath.Dir(strings.TrimPrefix(strings.TrimPrefix(url, "sqlite:"), "file:"))
}

// announceFirstAdmin tells the operator how to sign in for the first time. On
// a terminal it shows the one-time password. Anywhere else (a log file, the
// journal) the password would stay in the logs, so it goes into a file in dir
// that only lotse's user can read, and w learns only where that file is.
func announceFirstAdmin(w io.Writer, terminal bool, f *staff.FirstAdmin, dir, url string) error {
	if terminal {
		_, err := fmt.Fprintf(w, "First start: staff account %s with the one-time password %s — sign in at %s/staff/login and choose your own.\n", f.Email, f.Password, url)
		return err
	}
	path, err := filepath.Abs(filepath.Join(dir, firstAdminFile))
	if err != nil {
		return err
	}
	text := fmt.Sprintf("Staff account created at lotse's first start. Sign in at %s/staff/login,\nchoose your own password, then delete this file.\n\nemail: %s\npassword: %s\n", url, f.Email, f.Password)
	if err := writePrivate(path, text); err != nil {
		return fmt.Errorf("cannot write the first admin's one-time password to %s: %w; create an admin with lotse user add --role admin", path, err)
	}
	_, err = fmt.Fprintf(w, "First start: staff account %s; its one-time password is in %s (readable only by this user) — sign in at %s/staff/login, choose your own and delete the file.\n", f.Email, path, url)
	return err
}

// writePrivate writes text to a new file at path that only its owner can
// read, replacing an older file (whose mode might be wider).
func writePrivate(path, text string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.WriteString(f, text)
	return errors.Join(err, f.Close())
}

// isTerminal reports whether w is a terminal: a character device other than
// the null device.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err == nil && !os.SameFile(fi, null)
}
