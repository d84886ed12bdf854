package app

import (
	"fmt"
	"io"
	"strings"
)

// runFunc runs a command with the arguments after its name and returns the
// exit code.
type runFunc func(args []string, stdout, stderr io.Writer) int

// command is one lotse command. A command with subs dispatches on its first
// argument ("bench http"); the others run. Every command answers -h, --help
// and -help (anywhere before "--") and "lotse help NAME…" with its usage on
// stdout and exit code 0, before it does anything else.
type command struct {
	name     string
	synopsis string // the arguments after the name
	summary  string // what the command does, one line
	details  string // more usage text, after the flags
	run      runFunc
	// flags: run parses its arguments with a flag set first thing, so
	// run("-h") prints the flag list and does nothing else.
	flags bool
	// help, when set, prints the whole usage instead (the user commands,
	// whose usage lives in package staff).
	help func(w io.Writer)
	// names: run takes command names ("lotse help user"), so a help flag
	// after a name asks for that command's usage, not this one's.
	names bool
	subs  []*command
}

// exec runs c, named path ("lotse bench"), with args.
func (c *command) exec(path string, args []string, stdout, stderr io.Writer) int {
	if len(c.subs) > 0 && len(args) > 0 {
		if sub := c.sub(args[0]); sub != nil {
			return sub.exec(path+" "+sub.name, args[1:], stdout, stderr)
		}
	}
	if wantsHelp(args) && !(c.names && len(args) > 0 && !strings.HasPrefix(args[0], "-")) {
		c.usage(stdout, path)
		return 0
	}
	if c.run != nil {
		return c.run(args, stdout, stderr)
	}
	if len(args) == 0 {
		fmt.Fprintf(stderr, "%s: which one?\n\n", path)
	} else {
		fmt.Fprintf(stderr, "%s: unknown command %q\n\n", path, args[0])
	}
	c.usage(stderr, path)
	return 2
}

// sub returns c's sub-command name, or nil.
func (c *command) sub(name string) *command {
	for _, s := range c.subs {
		if s.name == name {
			return s
		}
	}
	return nil
}

// wantsHelp reports whether args ask for help before a "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// usage prints how to call c, named path.
func (c *command) usage(w io.Writer, path string) {
	if c.help != nil {
		c.help(w)
		return
	}
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", strings.TrimSpace(path+" "+c.synopsis), c.summary)
	if len(c.subs) > 0 {
		fmt.Fprintln(w, "\nCommands:")
		c.list(w, path)
	}
	if c.flags {
		fmt.Fprintf(w, "\nFlags:\n%s", flagDefaults(c.run))
	}
	if c.details != "" {
		fmt.Fprintf(w, "\n%s", c.details)
	}
}

// list prints one entry per command below c, sub-commands included.
func (c *command) list(w io.Writer, path string) {
	for _, s := range c.subs {
		if len(s.subs) > 0 {
			s.list(w, path+" "+s.name)
			continue
		}
		fmt.Fprintf(w, "  %s\n      %s\n", strings.TrimSpace(path+" "+s.name+" "+s.synopsis), s.summary)
	}
}

// flagDefaults returns the flag list that a command using the flag package
// prints when asked for -h, without the flag package's own header line.
func flagDefaults(run runFunc) string {
	var b strings.Builder
	run([]string{"-h"}, io.Discard, &b)
	s := b.String()
	if i := strings.Index(s, "\n  -"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// helpCommand runs "lotse help [COMMAND…]": the usage of the command named
// by args within root, or the overview. Flags after the names are ignored
// ("lotse help user -h" is "lotse help user").
func helpCommand(root *command) runFunc {
	return func(args []string, stdout, stderr io.Writer) int {
		c, path := root, "lotse"
		for _, name := range args {
			if strings.HasPrefix(name, "-") {
				break
			}
			sub := c.sub(name)
			if sub == nil {
				fmt.Fprintf(stderr, "%s: unknown command %q; see lotse help\n", path, name)
				return 2
			}
			c, path = sub, path+" "+name
		}
		c.usage(stdout, path)
		return 0
	}
}
