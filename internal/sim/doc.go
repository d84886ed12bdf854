// Package sim is the One-Stop-Shop day simulator of `lotse sim`: it plays
// the protocol of shared/benchmarks/oss-day.md (the model, the scenarios,
// the policies B1, B2, S1, S2 and HINDSIGHT) and writes days.csv,
// summary.csv and, with --log, events.jsonl in the fixed formats. Package
// simcheck re-checks such a log independently.
//
// # Model choices the protocol leaves open
//
//   - Times are whole minutes: desired times, walk-in arrivals and arrival
//     noise are rounded, service times are rounded lognormals of at least one
//     minute.
//   - Each purpose has its own random stream seeded from the scenario seed
//     and the day number (visitors, walking orders, booking order,
//     interpreter languages, the hindsight search): every policy sees the
//     same day, and the days do not depend on each other or on --policies.
//   - Every visitor draws all fields (booking, desired time, no-show, noise,
//     walk-in time) so the stream stays aligned; a no-show is a booker who
//     drew it. `arrivals` in days.csv counts visitors who arrived.
//   - Absent desks are the agency's highest-numbered desks.
//   - B2's books have slots of the agency's mean length from opening; a
//     booker gets, per agency, the first free slot starting at or after the
//     desired time, or none when the book is full (then walks in there).
//   - S1 and S2 call lotse/internal/sched's Dispatcher, sched.Live(), the
//     one the live floor (lotse/internal/floor) decides with, with what a
//     real floor knows: estimates are the agencies' means, true durations
//     show only when a service ends.
//   - S2 books each booker, in booking order, with the booking service's
//     own code, lotse/internal/sched's Propose (forecastbook.go only maps
//     the scenario to a sched.BookingDay): the first start (a 5-minute grid
//     over the whole entry window) whose forecast of the day, with the
//     bookers so far and eight model crowds of walk-ins, has the least total
//     time on site; the itinerary is that forecast's services of the booker.
//     booking_delay_min is therefore signed (earlier or later than wished).
//     The calendar knows neither absences nor interpreter languages.
//   - HINDSIGHT gives no appointments (bookers arrive at desired time plus
//     noise, as under B1 and S1) and knows every arrival and true duration;
//     it is a list-scheduling local search (hindsight.go), not a proof.
//   - stretch_walkin and stretch_booked are 1 when the group is empty.
//
// # The floor engine
//
// `--engine floor` plays S1 and S2 through the product instead of the
// model's floor (room.go): every day is a One-Stop-Shop date in a fresh
// SQLite database (onestop, one service of the agency's mean minutes, the
// scenario's last entry as the roster's), S2's bookers book the day before
// through booking.Store (Proposals, Hold, Confirm, with their interpreter
// language), arrivals check in by their code or take a walk-in ticket, the
// free desks call by floor.Store.Assign, and every start, end and absence
// (a paused desk, with its return) goes through floor.Store at the
// simulated minute. The simulator keeps only the true durations. S1 gives
// the model's days exactly. S2 differs, and the difference is in the
// booking: the booking service refuses an itinerary whose desk-minutes
// other bookings already fill (booking_slots, "never double-booked") and
// offers the next proposal, where the model's S2 takes sched.Propose's first
// proposal whatever it overlaps. On normal (20 days) S2's stretch is 1.260
// through the product against the model's 1.189; the model with the same
// capacity rule added to its booking (an experiment, not in this code)
// gives 1.243, and numbering the bookings as the service does changes
// nothing (1.185). So the model's S2 is not yet what the product does:
// one of them has to take the other's booking rule.
//
// # Interpreters (optional scenario field)
//
//	"interpreters": [{"language": "ar", "count": 1, "share": 0.1}]
//
// gives Count interpreters of Language; each visitor needs that language at
// every service with probability Share (first matching pool wins), drawn
// from its own stream so the rest of the day is unchanged. An interpreter is
// held for the whole of each service of such a visitor. The log then adds
// "language" to visitor lines and "interpreter" (the index among the day's
// interpreters, pools in file order) to service lines.
//
// The log also adds "first_appointment" to visitor lines under B2 and S2, so
// that booking_delay_min can be recomputed from the log.
package sim
