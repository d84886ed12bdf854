package openshop

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSolveCommand(t *testing.T) {
	var out, errb bytes.Buffer
	code := SolveCommand([]string{"--instance", "testdata/j8-per0-1.txt", "--time-limit", "100ms", "--seed", "4"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var a struct {
		Makespan   int  `json:"makespan"`
		LowerBound int  `json:"lower_bound"`
		Proven     bool `json:"proven_optimal"`
		Ops        []Op `json:"ops"`
	}
	if err := json.Unmarshal(out.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	in := mustLoad(t, "j8-per0-1.txt")
	if err := Check(in, Schedule{Ops: a.Ops, Makespan: a.Makespan}, nil); err != nil {
		t.Fatal(err)
	}
	if a.LowerBound != in.LowerBound() || a.Makespan == a.LowerBound && !a.Proven {
		t.Fatalf("lower bound %d proven %v for makespan %d", a.LowerBound, a.Proven, a.Makespan)
	}
}

func TestSolveCommandBadInput(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.txt")
	if err := os.WriteFile(bad, []byte("2 2\n1 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no instance", nil, "--instance"},
		{"unknown flag", []string{"--fast"}, "flag provided but not defined"},
		{"bad duration", []string{"--instance", bad, "--time-limit", "soon"}, "invalid value"},
		{"negative duration", []string{"--instance", bad, "--time-limit", "-1s"}, "positive"},
		{"missing file", []string{"--instance", "testdata/none.txt"}, "no such file"},
		{"bad file", []string{"--instance", bad}, "end of input"},
		{"stray argument", []string{"--instance", bad, "extra"}, "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := SolveCommand(tt.args, &out, &errb); code != 2 || !strings.Contains(errb.String(), tt.want) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, errb.String(), tt.want)
			}
			if out.Len() > 0 {
				t.Fatalf("stdout %q on error", out.String())
			}
		})
	}
}

func TestBenchCommand(t *testing.T) {
	dir := t.TempDir()
	set := filepath.Join(dir, "set")
	if err := os.Mkdir(set, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"ta4x4_1os.txt", "gp04-01.txt"} {
		b, err := os.ReadFile("testdata/" + f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(set, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bounds := "instance,file,best_known\ntai4x4_1,Taillard1993/ta4x4_1os.txt,193\n"
	if err := os.WriteFile(filepath.Join(dir, "taillard_bounds.csv"), []byte(bounds), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.csv")
	var stdout, stderr bytes.Buffer
	if code := BenchCommand([]string{"--set", set, "--time-limit", "2s", "--seeds", "2", "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		benchHeader,
		{"gp04-01", "1"}, {"gp04-01", "2"}, {"ta4x4_1os", "1"}, {"ta4x4_1os", "2"},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d rows, want %d: %v", len(recs), len(want), recs)
	}
	for i, w := range want {
		for c, v := range w {
			if recs[i][c] != v {
				t.Errorf("row %d col %d = %q, want %q", i, c, recs[i][c], v)
			}
		}
	}
	if ta := recs[3]; ta[2] != "193" || ta[4] != "193" || ta[5] != "0.000" || ta[7] != "true" {
		t.Errorf("ta4x4_1 row %v, want makespan and best known 193, gap 0, proven", ta)
	}
	if gp := recs[1]; gp[4] != "" {
		t.Errorf("gp04-01 has best known %q, want none", gp[4])
	}
	if !strings.Contains(stdout.String(), "| 4x4 | 4 |") {
		t.Errorf("summary lacks the 4x4 row:\n%s", stdout.String())
	}
}

func TestBenchCommandBadFlags(t *testing.T) {
	for _, args := range [][]string{nil, {"--set", "testdata", "--out", filepath.Join(t.TempDir(), "x.csv"), "--seeds", "0"}, {"--set", t.TempDir(), "--out", "x.csv"}} {
		var out, errb bytes.Buffer
		if code := BenchCommand(args, &out, &errb); code != 2 {
			t.Errorf("args %v: exit %d, want 2 (%s)", args, code, errb.String())
		}
	}
}

func TestCompareNatural(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"ta4x4_2os", "ta4x4_10os", -1},
		{"ta10x10_1os", "ta4x4_1os", 1},
		{"gp03-01", "gp03-01", 0},
		{"j3-per10-0", "j3-per0-1", 1},
	}
	for _, tt := range tests {
		got := compareNatural(tt.a, tt.b)
		if got < 0 && tt.want >= 0 || got > 0 && tt.want <= 0 || got == 0 && tt.want != 0 {
			t.Errorf("compareNatural(%q, %q) = %d, want sign %d", tt.a, tt.b, got, tt.want)
		}
	}
}
