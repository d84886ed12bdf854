package itinerary

// Check reports whether bookings fit day d: every visit names an agency,
// desk and interpreter language of the day and lies inside the day; no
// visitor is at two desks at once; no desk serves two visitors at once or
// outside its windows; and at no minute are more interpreters of a language
// held than are present. It returns a *ValidationError for a bad day, a
// *Violation for the first booking that does not fit, or nil.
//
// Visits with AnyDesk are given the lowest-numbered free desk in order of
// start. When all desks of an agency share their windows this finds a desk
// for every visit whenever one exists; with differing desk windows Check may
// reject a set that a cleverer assignment would fit, never the reverse.
func Check(d Day, bookings []Booking) error {
	if err := d.validate(); err != nil {
		return err
	}
	return newLedger(d).load(bookings)
}
