package openshop

import (
	"fmt"
	"os"
)

func debugf(format string, a ...any) {
	if os.Getenv("OSDEBUG") != "" {
		fmt.Fprintf(os.Stderr, format, a...)
	}
}
