package sim

import "fmt"

// Policies lists the policies of the protocol, in report order.
var Policies = []string{"B1", "B2", "S1", "S2", "HINDSIGHT"}

// play runs one policy on one drawn day, S1 and S2 on engine ("model" or
// "floor", the product: room.go).
func play(sc *Scenario, d *day, policy, engine string) (outcome, error) {
	if engine == "floor" && (policy == "S1" || policy == "S2") {
		return playRoom(sc, d, policy)
	}
	switch policy {
	case "B1":
		return onFloor(sc, d, policy, nil, newB1(d, len(sc.Agencies))), nil
	case "B2":
		appt := bookIndependently(sc, d)
		return onFloor(sc, d, policy, appt, newB2(d, len(sc.Agencies), appt)), nil
	case "S1":
		return onFloor(sc, d, policy, nil, newLive(sc, nil)), nil
	case "S2":
		appt, err := bookForecast(sc, d)
		if err != nil {
			return outcome{}, err
		}
		return onFloor(sc, d, policy, appt, newLive(sc, plans(sc, appt))), nil
	case "HINDSIGHT":
		return hindsight(sc, d), nil
	}
	return outcome{}, fmt.Errorf("unknown policy %q", policy)
}

// onFloor plays d under rules r, with appointments appt (per visitor and
// agency, -1 for none; nil for a policy without appointments).
func onFloor(sc *Scenario, d *day, policy string, appt [][]int, r rules) outcome {
	o := outcome{policy: policy}
	for v := range d.visitors {
		first := -1
		if appt != nil {
			for _, t := range appt[v] {
				if t >= 0 && (first < 0 || t < first) {
					first = t
				}
			}
		}
		o.first = append(o.first, first)
		t, ok := d.visitors[v].arrival(sc, first)
		if !ok {
			t = -1
		}
		o.arrival = append(o.arrival, t)
	}
	f := newFloor(sc, d, o.arrival)
	f.run(r)
	o.services = f.out
	return o
}

// noAppointments is the arrival of every visitor under a policy without
// appointments (-1 for no-shows).
func noAppointments(sc *Scenario, d *day) []int {
	out := make([]int, len(d.visitors))
	for v := range d.visitors {
		t, ok := d.visitors[v].arrival(sc, -1)
		if !ok {
			t = -1
		}
		out[v] = t
	}
	return out
}
