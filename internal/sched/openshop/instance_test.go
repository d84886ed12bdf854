package openshop

import (
	"os"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		wantErr  string
		wantLB   int
	}{
		{"2x3", "2 3\n1 2 3\n4 5 6\n", "", 15},
		{"free whitespace", " 1\t2 \n\n 7\n 0 ", "", 7},
		{"machine bound", "2 1\n5\n6\n", "", 11},
		{"empty", "", "end of input", 0},
		{"short", "2 2\n1 2\n3\n", "end of input", 0},
		{"trailing", "1 1\n4 5\n", "unexpected", 0},
		{"negative", "1 1\n-4\n", "want 0..", 0},
		{"not a number", "1 x\n", "not an integer", 0},
		{"zero jobs", "0 3\n", "size", 0},
		{"huge", "100000 100000\n", "size", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := Parse(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := in.LowerBound(); got != tt.wantLB {
				t.Errorf("LowerBound = %d, want %d", got, tt.wantLB)
			}
		})
	}
}

func TestParseBenchmarkFile(t *testing.T) {
	in := mustLoad(t, "ta4x4_1os.txt")
	if in.Jobs != 4 || in.Machines != 4 || in.P[1][1] != 89 || in.LowerBound() != 186 {
		t.Errorf("got %dx%d, P[1][1]=%d, LB %d; want 4x4, 89, 186", in.Jobs, in.Machines, in.P[1][1], in.LowerBound())
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"ta4x4_1os.txt", "gp04-01.txt"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		in, err := Parse(strings.NewReader(string(b)))
		if err != nil {
			return
		}
		if len(in.P) != in.Jobs || in.Jobs < 1 || in.Machines < 1 {
			t.Fatalf("bad shape %dx%d with %d rows", in.Jobs, in.Machines, len(in.P))
		}
		if in.Jobs*in.Machines <= 16 {
			res := Solve(in, Options{TimeLimit: 50e6, Seed: 1})
			if err := Check(in, res.Schedule, nil); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// mustLoad parses a file of testdata.
func mustLoad(t testing.TB, name string) *Instance {
	t.Helper()
	in, err := readInstance("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return in
}
