package sim

import (
	"math"
	"math/rand/v2"
)

// Random streams of a day. Each purpose has its own stream seeded from the
// scenario seed and the day number only, so every policy sees the same day
// (common random numbers) and adding a purpose never shifts another.
const (
	streamVisitors = iota + 1
	streamOrder
	streamBooking
	streamLanguage
)

// visitor is one drawn visitor of a day: what they need, how long each
// service truly takes, and how they arrive.
type visitor struct {
	id      int
	booked  bool
	noShow  bool
	desired int     // the booker's desired time b
	noise   float64 // the booker's arrival noise
	walkin  int     // a walk-in's arrival
	needs   []int   // agency numbers, ascending
	service []int   // true minutes per agency number, 0 when not needed
	lang    string  // interpreter language, "" for none
}

// own is the visitor's total true service time.
func (v *visitor) own() int {
	t := 0
	for _, s := range v.service {
		t += s
	}
	return t
}

// day is everything drawn for one day.
type day struct {
	number   int
	visitors []visitor
	// order is each visitor's random walking order of their needs (B1, and
	// the needs B2 could not book).
	order [][]int
	// bookingOrder lists bookers in the order their bookings arrive.
	bookingOrder []int
}

func stream(seed int64, dayNumber, purpose int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(dayNumber)<<8|uint64(purpose)))
}

// drawDay draws day number n of sc.
func drawDay(sc *Scenario, n int) *day {
	d := &day{number: n}
	r := stream(sc.Seed, n, streamVisitors)
	last := float64(sc.LastEntryMin)
	count := poisson(r, sc.ArrivalsMean)
	for i := range count {
		v := visitor{id: i}
		v.needs, v.service = drawNeeds(r, sc)
		v.booked = r.Float64() < sc.BookedShare
		v.desired = int(math.Round(r.Float64() * last))
		noShow := r.Float64() < sc.NoShow
		v.noise = r.NormFloat64() * sc.ArrivalSD
		v.walkin = int(math.Round(r.Float64() * last))
		v.noShow = v.booked && noShow
		d.visitors = append(d.visitors, v)
	}
	if b := sc.Burst; b != nil {
		for range b.Count {
			v := visitor{id: len(d.visitors), walkin: b.AtMin}
			v.needs, v.service = drawNeeds(r, sc)
			d.visitors = append(d.visitors, v)
		}
	}
	ro := stream(sc.Seed, n, streamOrder)
	for _, v := range d.visitors {
		o := append([]int(nil), v.needs...)
		ro.Shuffle(len(o), func(i, j int) { o[i], o[j] = o[j], o[i] })
		d.order = append(d.order, o)
	}
	for _, v := range d.visitors {
		if v.booked {
			d.bookingOrder = append(d.bookingOrder, v.id)
		}
	}
	rb := stream(sc.Seed, n, streamBooking)
	rb.Shuffle(len(d.bookingOrder), func(i, j int) {
		d.bookingOrder[i], d.bookingOrder[j] = d.bookingOrder[j], d.bookingOrder[i]
	})
	rl := stream(sc.Seed, n, streamLanguage)
	for i := range d.visitors {
		for _, p := range sc.Interpreters {
			if rl.Float64() < p.Share && d.visitors[i].lang == "" {
				d.visitors[i].lang = p.Language
			}
		}
	}
	return d
}

// drawNeeds draws each agency with its share, again until at least one, and
// a lognormal true service time for each need.
func drawNeeds(r *rand.Rand, sc *Scenario) ([]int, []int) {
	var needs []int
	for len(needs) == 0 {
		for a, ag := range sc.Agencies {
			if r.Float64() < ag.Share {
				needs = append(needs, a)
			}
		}
	}
	service := make([]int, len(sc.Agencies))
	for _, a := range needs {
		service[a] = lognormalMinutes(r, sc.Agencies[a].MeanMin, sc.ServiceCV)
	}
	return needs, service
}

// lognormalMinutes draws a lognormal time with the given mean and
// coefficient of variation, rounded to whole minutes, at least 1.
func lognormalMinutes(r *rand.Rand, mean, cv float64) int {
	s2 := math.Log(1 + cv*cv)
	x := math.Exp(math.Log(mean) - s2/2 + math.Sqrt(s2)*r.NormFloat64())
	return max(1, int(math.Round(x)))
}

// poisson draws a Poisson count by Knuth's method, in slices of mean at
// most 30 so that exp(-mean) never underflows.
func poisson(r *rand.Rand, mean float64) int {
	n := 0
	for mean > 0 {
		part := min(mean, 30)
		mean -= part
		limit, p := math.Exp(-part), r.Float64()
		for p > limit {
			n++
			p *= r.Float64()
		}
	}
	return n
}

// arrival is when v arrives under a policy: first is the first appointment
// (-1 for none, or under a policy without appointments). No-shows never
// arrive (false).
func (v *visitor) arrival(sc *Scenario, first int) (int, bool) {
	switch {
	case v.noShow:
		return 0, false
	case !v.booked:
		return v.walkin, true
	}
	base := v.desired
	if first >= 0 {
		base = first
	}
	t := int(math.Round(float64(base) + v.noise))
	return min(max(t, 0), sc.LastEntryMin), true
}
