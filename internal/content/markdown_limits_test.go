package content

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

// TestTextLimitsOnSaveAndImport checks that saving and importing a text go
// through the same limits as the preview: refused with the editor's message,
// and nothing stored.
func TestTextLimitsOnSaveAndImport(t *testing.T) {
	long := strings.Repeat("wort ", MaxParagraphBytes/5+1)
	deep := ""
	for i := range MaxNesting + 1 {
		deep += strings.Repeat("  ", i) + "- x\n"
	}
	tests := []struct {
		name, body, key string
	}{
		{"too long", strings.Repeat("- a\n", MaxBodyBytes/4+1), "staff.error.body_too_long"},
		{"paragraph too long", long, "staff.error.paragraph_too_long"},
		{"too deep", deep, "staff.error.too_deep"},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newXLIFFStore(t, d)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before, _, _ := s.Latest(ctx, "k", "de")
				_, err := s.Save(ctx, "k", "de", Edit{TextInput: TextInput{Title: "Kinder", BodyMD: tt.body}, Base: before.Number})
				if errs.KindOf(err) != errs.Invalid || errs.MsgKeyOf(err) != tt.key {
					t.Errorf("save: %v, want %s", err, tt.key)
				}
				if after, _, _ := s.Latest(ctx, "k", "de"); after.Number != before.Number {
					t.Errorf("a refused text was stored as revision %d", after.Number)
				}

				var doc xliffDoc
				if err := xml.Unmarshal(export(t, s, "uk"), &doc); err != nil {
					t.Fatal(err)
				}
				for i := range doc.Files {
					for j := range doc.Files[i].Units {
						u := &doc.Files[i].Units[j]
						text := u.Source
						if u.ID == "k.body.1" {
							text = tt.body
						}
						u.Target = &xliffTarget{State: "translated", Text: text}
					}
				}
				b, _ := xml.Marshal(doc)
				_, err = s.ImportXLIFF(ctx, bytes.NewReader(b), "uk", "agency")
				var ie *ImportError
				if !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0] != (Problem{Unit: "k", Key: "body_limits"}) {
					t.Errorf("import: %v, want the problem body_limits of k", err)
				}
				if _, ok, _ := s.Published(ctx, "k", "uk"); ok {
					t.Error("a refused import was stored")
				}
			})
		}
	})
}
