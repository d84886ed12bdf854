package booking

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"
)

// qrQuietZone is the light border a scanner needs around a QR code, in
// modules (ISO/IEC 18004 asks for four).
const qrQuietZone = 4

// QRSVG draws content, a booking's check-in URL, as a QR code in SVG that
// reception scans from a phone or a printout. Error correction level M
// survives a crease or a cracked screen. The drawing has a light background
// with the quiet zone, dark modules as one path of horizontal runs, no fixed
// size (it fills its box; the caller sets the width) and a title, so that
// with role="img" a screen reader announces it by that title. It has no XML
// prolog, so it can be served as image/svg+xml or written into a page.
func QRSVG(content, title string) ([]byte, error) {
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("booking: QR code: %w", err)
	}
	n := code.Bounds().Dx()
	size := n + 2*qrQuietZone
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" shape-rendering="crispEdges">`, size, size)
	b.WriteString("<title>")
	xml.EscapeText(&b, []byte(title))
	b.WriteString("</title>")
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, size, size)
	writeRuns(&b, code, n)
	b.WriteString(`"/></svg>`)
	return b.Bytes(), nil
}

// writeRuns writes each row's runs of dark modules as path rectangles,
// shifted by the quiet zone.
func writeRuns(b *bytes.Buffer, code barcode.Barcode, n int) {
	dark := func(x, y int) bool { r, _, _, _ := code.At(x, y).RGBA(); return r == 0 }
	for y := range n {
		for x := 0; x < n; {
			if !dark(x, y) {
				x++
				continue
			}
			start := x
			for x < n && dark(x, y) {
				x++
			}
			fmt.Fprintf(b, "M%d %dh%dv1h-%dz", start+qrQuietZone, y+qrQuietZone, x-start, x-start)
		}
	}
}
