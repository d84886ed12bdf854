package sched

import (
	"testing"
)

func desks(agency string, n int) []Desk {
	var out []Desk
	for k := range n {
		out = append(out, Desk{ID: DeskID{Agency: agency, Index: k}})
	}
	return out
}

func needs(agencies ...string) []Need {
	var out []Need
	for _, a := range agencies {
		out = append(out, Need{Agency: a, Estimate: 10})
	}
	return out
}

func TestNext(t *testing.T) {
	abh := DeskID{Agency: "abh"}
	floor := func(vs ...Visitor) Floor {
		return Floor{Now: 100, Visitors: vs, Desks: append(desks("abh", 1), desks("kk", 1)...)}
	}
	tests := []struct {
		name  string
		floor Floor
		want  VisitorID
		ok    bool
	}{
		{"nobody", floor(), 0, false},
		{"only someone needing another agency", floor(Visitor{ID: 1, Arrived: 90, Needs: needs("kk")}), 0, false},
		{"expected visitor is not called", floor(Visitor{ID: 1, Arrived: 110, Needs: needs("abh")}), 0, false},
		{"shortest remaining work first", floor(
			Visitor{ID: 1, Arrived: 90, Needs: needs("abh", "kk")},
			Visitor{ID: 2, Arrived: 95, Needs: needs("abh")},
		), 2, true},
		{"equal work: earlier arrival", floor(
			Visitor{ID: 1, Arrived: 95, Needs: needs("abh")},
			Visitor{ID: 2, Arrived: 90, Needs: needs("abh")},
		), 2, true},
		{"guard: the overdue first, longest wait first at equal work", floor(
			Visitor{ID: 1, Arrived: 95, Needs: needs("abh")},
			Visitor{ID: 2, Arrived: 60, Needs: needs("abh", "kk")},
			Visitor{ID: 3, Arrived: 50, Served: 15, Needs: needs("abh", "kk")},
		), 2, true},
		{"guard: less work left outweighs a little more wait", floor(
			Visitor{ID: 1, Arrived: 75, Needs: needs("abh")},
			Visitor{ID: 2, Arrived: 70, Needs: needs("abh", "kk")},
		), 1, true},
		{"appointment within grace first", floor(
			Visitor{ID: 1, Arrived: 95, Needs: needs("abh")},
			Visitor{ID: 2, Arrived: 95, Needs: needs("abh", "kk"), Plan: []Appointment{{Agency: "abh", Start: 99}}},
		), 2, true},
		{"appointment past grace is re-planned", floor(
			Visitor{ID: 1, Arrived: 95, Needs: needs("abh")},
			Visitor{ID: 2, Arrived: 92, Needs: needs("abh", "kk"), Plan: []Appointment{{Agency: "abh", Start: 90}}},
		), 1, true},
		{"someone being served is not called", Floor{Now: 100,
			Visitors: []Visitor{{ID: 1, Arrived: 90, Needs: needs("abh")}, {ID: 2, Arrived: 99, Needs: needs("abh", "kk")}},
			Desks:    []Desk{{ID: abh}, {ID: DeskID{Agency: "kk"}, Busy: true, Serving: 1, Since: 95, Until: 105}},
		}, 2, true},
		{"inconsistent floor: no call", floor(
			Visitor{ID: 1, Arrived: 90, Needs: needs("abh")},
			Visitor{ID: 1, Arrived: 95, Needs: needs("abh")},
		), 0, false},
	}
	var d Dispatcher
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := d.Next(tt.floor, abh)
			if ok != tt.ok || ok && c.Visitor != tt.want {
				t.Errorf("Next = %+v, %v; want visitor %d, %v", c, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestNextKeepsVisitorsForBusierAgencies: a desk passes over a visitor whom
// a busier agency's free desk would otherwise lack, unless the busier agency
// has someone else to call.
func TestNextKeepsVisitorsForBusierAgencies(t *testing.T) {
	kk := DeskID{Agency: "kk"}
	both := Visitor{ID: 1, Arrived: 90, Needs: []Need{{Agency: "abh", Estimate: 50}, {Agency: "kk", Estimate: 10}}}
	kkOnly := Visitor{ID: 2, Arrived: 90, Needs: []Need{{Agency: "kk", Estimate: 70}}}
	abhOnly := Visitor{ID: 3, Arrived: 90, Needs: []Need{{Agency: "abh", Estimate: 10}}}
	tests := []struct {
		name     string
		visitors []Visitor
		want     VisitorID
	}{
		{"the only caller of the busier agency is kept", []Visitor{both, kkOnly}, 2},
		{"the busier agency has another caller", []Visitor{both, kkOnly, abhOnly}, 1},
	}
	var d Dispatcher
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Floor{Now: 100, Visitors: tt.visitors, Desks: append(desks("abh", 1), desks("kk", 2)...)}
			if c, ok := d.Next(f, kk); !ok || c.Visitor != tt.want {
				t.Errorf("Next = %+v, %v; want visitor %d", c, ok, tt.want)
			}
		})
	}
}

func TestNextRefusesUnavailableDesks(t *testing.T) {
	vs := []Visitor{{ID: 1, Arrived: 0, Needs: needs("abh")}}
	tests := []struct {
		name string
		desk Desk
	}{
		{"busy", Desk{ID: DeskID{Agency: "abh"}, Busy: true, Serving: 2, Until: 20}},
		{"absent", Desk{ID: DeskID{Agency: "abh"}, Absent: true, BackAt: 30}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Floor{Now: 10, Visitors: append(vs, Visitor{ID: 2, Arrived: 0}), Desks: []Desk{tt.desk}}
			if c, ok := (&Dispatcher{}).Next(f, tt.desk.ID); ok {
				t.Errorf("a %s desk called %+v", tt.name, c)
			}
		})
	}
	f := Floor{Now: 10, Visitors: vs, Desks: desks("abh", 1)}
	if _, ok := (&Dispatcher{}).Next(f, DeskID{Agency: "kk"}); ok {
		t.Error("an unknown desk called someone")
	}
}

func TestInterpreters(t *testing.T) {
	f := Floor{Now: 10,
		Visitors: []Visitor{
			{ID: 1, Arrived: 0, Needs: needs("abh"), Language: "ar"},
			{ID: 2, Arrived: 5, Needs: needs("abh", "kk")},
		},
		Desks:        append(desks("abh", 1), desks("kk", 1)...),
		Interpreters: []Interpreter{{Language: "ar", Busy: true, Until: 15}, {Language: "uk"}},
	}
	c, ok := (&Dispatcher{}).Next(f, DeskID{Agency: "abh"})
	if !ok || c.Visitor != 2 || c.Interpreter != -1 {
		t.Errorf("with the Arabic interpreter busy, got %+v, %v; want visitor 2 without interpreter", c, ok)
	}
	f.Interpreters[0].Busy = false
	c, ok = (&Dispatcher{}).Next(f, DeskID{Agency: "abh"})
	if !ok || c.Visitor != 1 || c.Interpreter != 0 {
		t.Errorf("with the Arabic interpreter free, got %+v, %v; want visitor 1 with interpreter 0", c, ok)
	}
	f.Interpreters = f.Interpreters[1:]
	if err := f.Validate(); err == nil {
		t.Error("a visitor needing a language nobody speaks passes Validate")
	}
}
