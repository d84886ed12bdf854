package lotse

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.json", `{"citizenship_group": "eu", "registered": false}`)
	bad := write("bad.json", `{"citizenship_group": "eu", "housing": "castle"}`)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"plan", []string{"--answers", good, "--as-of", "2026-11-24"}, 0, `"as_of": "2026-11-24"`, ""},
		{"german", []string{"--answers", good, "--lang", "de"}, 0, `"lang": "de"`, ""},
		{"switch", []string{"--answers", good, "--switch", "sgb2_name=Bürgergeld"}, 0, `"steps"`, ""},
		{"unknown value", []string{"--answers", bad}, 2, "", "housing"},
		{"unknown value lists allowed", []string{"--answers", bad}, 2, "", "group_accommodation"},
		{"no answers", []string{}, 2, "", "usage"},
		{"extra argument", []string{"--answers", good, "extra"}, 2, "", "usage"},
		{"bad date", []string{"--answers", good, "--as-of", "24.11.2026"}, 2, "", "--as-of"},
		{"bad flag", []string{"--answers", good, "--colour"}, 2, "", "colour"},
		{"unknown switch", []string{"--answers", good, "--switch", "x=1"}, 2, "", "switch"},
		{"missing file", []string{"--answers", filepath.Join(dir, "nope.json")}, 1, "", "nope.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Command(tt.args, &out, &errOut, nil)
			if code != tt.wantCode || !strings.Contains(out.String(), tt.wantOut) || !strings.Contains(errOut.String(), tt.wantErr) {
				t.Errorf("exit %d, stdout %.200q, stderr %q", code, out.String(), errOut.String())
			}
			if code == 0 {
				var p Plan
				if err := json.Unmarshal(out.Bytes(), &p); err != nil || len(p.Steps) == 0 || p.Steps[0].ID != "address-registration" {
					t.Errorf("bad plan: %v", err)
				}
			}
		})
	}
}

func TestCommandStdin(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = saved }()
	if _, err := w.WriteString(`{"bank_account": false}`); err != nil {
		t.Fatal(err)
	}
	w.Close()
	var out, errOut bytes.Buffer
	if code := Command([]string{"--answers", "-", "--as-of", "2026-11-24"}, &out, &errOut, nil); code != 0 || !strings.Contains(out.String(), `"bank-account"`) {
		t.Errorf("exit %d: %s %s", code, out.String(), errOut.String())
	}
}
