package booking

import (
	"encoding/xml"
	"image"
	"image/color"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"

	"lotse/internal/golden"
)

func TestQRSVG(t *testing.T) {
	tests := []struct {
		golden, url, title string
	}{
		{"qr-checkin.svg", "https://welcome.example.org/checkin/K7MA-4QX5?t=AAAAAAAAAAAAAAAAAAAAAA", "QR-Code zum Einchecken, Buchung K7MA-4QX5"},
		{"qr-escaped.svg", "https://welcome.example.org/c/K7MA-4QX5", `Code <K7MA-4QX5> & "check-in"`},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			b, err := QRSVG(tt.url, tt.title)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tt.golden), b)
			var svg struct {
				XMLName xml.Name `xml:"http://www.w3.org/2000/svg svg"`
				ViewBox string   `xml:"viewBox,attr"`
				Role    string   `xml:"role,attr"`
				Title   string   `xml:"title"`
				Rect    struct {
					Fill string `xml:"fill,attr"`
				} `xml:"rect"`
				Path struct {
					D string `xml:"d,attr"`
				} `xml:"path"`
			}
			if err := xml.Unmarshal(b, &svg); err != nil {
				t.Fatalf("not well-formed SVG: %v", err)
			}
			if svg.Role != "img" || svg.Title != tt.title || svg.Rect.Fill != "#fff" {
				t.Errorf("role %q, title %q, background %q; want img, %q, #fff", svg.Role, svg.Title, svg.Rect.Fill, tt.title)
			}
			vb := strings.Fields(svg.ViewBox)
			size, _ := strconv.Atoi(vb[len(vb)-1])
			modules := decodePath(t, svg.Path.D, size)
			n := size - 2*qrQuietZone
			if n < 21 || (n-21)%4 != 0 {
				t.Errorf("%d modules a side is no QR version", n)
			}
			for y := range size {
				for x := range size {
					inside := x >= qrQuietZone && y >= qrQuietZone && x < size-qrQuietZone && y < size-qrQuietZone
					if modules[y][x] && !inside {
						t.Fatalf("dark module at %d,%d in the quiet zone", x, y)
					}
				}
			}
			if got := scan(t, modules); got != tt.url {
				t.Errorf("scanned %q, want %q", got, tt.url)
			}
		})
	}
}

// decodePath turns the path's runs back into a size×size grid of dark modules.
func decodePath(t *testing.T, d string, size int) [][]bool {
	t.Helper()
	grid := make([][]bool, size)
	for i := range grid {
		grid[i] = make([]bool, size)
	}
	run := regexp.MustCompile(`^M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
	for d != "" {
		m := run.FindStringSubmatch(d)
		if m == nil || m[3] != m[4] {
			t.Fatalf("path does not continue with a run: %.40q", d)
		}
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		w, _ := strconv.Atoi(m[3])
		for i := x; i < x+w; i++ {
			grid[y][i] = true
		}
		d = d[len(m[0]):]
	}
	return grid
}

// scan draws the grid at four pixels a module and reads it with ZXing's QR
// decoder, as a scanner at reception would.
func scan(t *testing.T, grid [][]bool) string {
	t.Helper()
	const px = 4
	img := image.NewGray(image.Rect(0, 0, len(grid)*px, len(grid)*px))
	for y, row := range grid {
		for x, dark := range row {
			c := color.Gray{Y: 255}
			if dark {
				c = color.Gray{}
			}
			for i := range px * px {
				img.SetGray(x*px+i%px, y*px+i/px, c)
			}
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("no QR code found: %v", err)
	}
	return res.GetText()
}
