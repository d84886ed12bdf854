// Command lotse runs the Welcome-Center portal and its tools; see "lotse help".
package main

import (
	"os"

	"lotse/internal/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
