// Package demo embeds the demo county, Kreis Düren, which lotse loads into an
// empty database so that a fresh clone shows a working portal.
package demo

import (
	"embed"
	"io/fs"
)

//go:embed kreis-dueren
var files embed.FS

// County returns the demo county's files in the layout content.Store.Seed reads.
func County() fs.FS {
	sub, err := fs.Sub(files, "kreis-dueren")
	if err != nil {
		panic(err) // the directory is embedded above; Sub cannot fail
	}
	return sub
}
