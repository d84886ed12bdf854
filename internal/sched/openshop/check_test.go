package openshop

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	in, err := NewInstance([][]int{{2, 3}, {1, 0}})
	if err != nil {
		t.Fatal(err)
	}
	good := []Op{{0, 0, 0, 2}, {0, 1, 2, 5}, {1, 0, 2, 3}}
	with := func(ops ...Op) []Op { return append(append([]Op(nil), good[:0]...), ops...) }
	tests := []struct {
		name    string
		ops     []Op
		cmax    int
		release []int
		want    string
	}{
		{"valid", good, 5, nil, ""},
		{"zero-length listed", with(good[0], good[1], good[2], Op{1, 1, 4, 4}), 5, nil, ""},
		{"release kept", good, 5, []int{0, 2}, ""},
		{"release broken", good, 5, []int{0, 3}, "release"},
		{"wrong makespan", good, 6, nil, "makespan"},
		{"missing", good[:2], 5, nil, "missing"},
		{"duplicate", with(good[0], good[1], good[2], good[2]), 5, nil, "twice"},
		{"wrong duration", with(good[0], good[1], Op{1, 0, 2, 4}), 5, nil, "duration"},
		{"negative start", with(Op{0, 0, -1, 1}, good[1], good[2]), 5, nil, "duration"},
		{"out of range", with(good[0], good[1], good[2], Op{2, 0, 0, 1}), 5, nil, "range"},
		{"job overlap", with(good[0], Op{0, 1, 1, 4}, good[2]), 4, nil, "job 0"},
		{"machine overlap", with(good[0], good[1], Op{1, 0, 1, 2}), 5, nil, "machine 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(in, Schedule{Ops: tt.ops, Makespan: tt.cmax}, tt.release)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
