// Package itinerary plans a visitor's itinerary through a One-Stop-Shop day:
// the booking package asks it, inside its transaction, which visits to
// offer a new visitor, and stores the one chosen as a booking or hold.
//
// # The model
//
// A One-Stop-Shop day (Day) runs for Minutes minutes from its opening;
// every time in this package is a whole minute from opening, and Day.At and
// Day.MinuteOf convert to and from wall-clock time. Several agencies
// (Ausländeramt, Jobcenter, Familienbüro, …) are present, each with 1..n
// identical desks and one service Duration. A desk may be staffed only
// during some windows. Interpreters form one pool per language: Count
// interpreters, present together during the pool's windows. An interpreter
// is held for the whole of each service that needs one.
//
// A visitor needs a set of agencies, in any order, one at a time. A booking
// (Booking) is a list of visits, each an agency, a desk (or AnyDesk), the
// interval [Start, End) and the interpreter language held, if any. A set of
// bookings fits the day (Check) when no desk serves two visitors at once or
// outside its windows, no visitor is in two places at once, and at no
// minute are more interpreters of a language held than are present.
//
// # Planning
//
// A Request names the agencies, an optional interpreter language held for
// every visit, the window [Earliest, Latest] for the arrival (the start of
// the first visit), a Gap the visitor needs between visits (walking time)
// and K, the most proposals wanted. Services start on the day's slot grid
// (Day.Slot, 5 minutes by default) and last their agency's Duration.
//
// Plan loads the existing bookings into a per-minute ledger of free desks
// and held interpreters. For each requested agency it tabulates, per slot,
// the earliest slot from which a desk (and the interpreter) is free for a
// whole service. Then, for each arrival slot in the window, a dynamic
// program over subsets of the requested agencies finds the order, desks
// and start times that end earliest: finishing a subset earlier never
// hurts, and the visitor's own visits never compete for a resource because
// they do not overlap. That makes each arrival's answer optimal, which the
// tests confirm against an exhaustive search on small days.
//
// Proposals are ranked by time on site (first start to last end), then by
// earlier arrival. Diversity rule: the K proposals have pairwise different
// arrival times, one (the best) per arrival, so a visitor chooses when to
// come rather than between near-identical orders of the same morning.
//
// Bad input gives a *ValidationError with a Code (for HTTP 400 and a
// translated message); existing bookings that already do not fit give a
// *Violation; a day with no room left gives no proposals and no error.
//
// The package is pure: no database, no clock, no globals. The caller passes
// the day, the bookings and the times, and serializes concurrent bookings
// (its transaction); Plan never proposes anything that, added to the
// bookings it was given, would exceed a desk or an interpreter pool.
package itinerary
