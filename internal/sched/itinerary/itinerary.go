package itinerary

import "slices"

// AnyDesk in Visit.Desk means the visit holds one desk of its agency without
// naming which; Check and Plan then give it the lowest-numbered desk that is
// free, taking such visits in order of start.
const AnyDesk = -1

// Visit is one service: the visitor at a desk of an agency during
// [Start, End), in minutes from opening, with an interpreter of language
// Interpreter held for the whole of it ("" for none).
type Visit struct {
	Agency      string
	Desk        int // 0-based within the agency, or AnyDesk
	Start, End  int
	Interpreter string
}

// Booking is one visitor's booked (or held) visits on the day. The visits
// may be listed in any order but must not overlap: a visitor is at one desk
// at a time.
type Booking struct {
	Visits []Visit
}

// Itinerary is a proposal for one visitor: the requested agencies in the
// order the visitor walks them, each at a named desk. Its visits never
// overlap and keep the request's gap between them.
type Itinerary struct {
	Visits []Visit
}

// Start is the minute the first visit starts: the visitor's arrival.
func (it Itinerary) Start() int {
	if len(it.Visits) == 0 {
		return 0
	}
	return it.Visits[0].Start
}

// End is the minute the last visit ends: the visitor's departure.
func (it Itinerary) End() int {
	if len(it.Visits) == 0 {
		return 0
	}
	return it.Visits[len(it.Visits)-1].End
}

// Stay is the visitor's time on site, End − Start, in minutes. Plan ranks
// itineraries by it.
func (it Itinerary) Stay() int {
	return it.End() - it.Start()
}

// Booking returns a copy of the itinerary as a booking, to be stored and
// passed back to Plan and Check as an existing booking.
func (it Itinerary) Booking() Booking {
	return Booking{Visits: slices.Clone(it.Visits)}
}
