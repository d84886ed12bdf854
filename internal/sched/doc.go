// Package sched is the scheduling model of a One-Stop-Shop day: pure Go, no
// database, no HTTP, no globals. Booking and the live floor use it; the day
// simulator (internal/sim) measures it.
//
// # The problem
//
// A One-Stop-Shop afternoon gathers several agencies (Ausländeramt,
// Jobcenter, Familienbüro, …), each with one or more desks. A visitor needs
// a set of agencies, in any order, one at a time; a desk serves one visitor
// at a time and a service is never interrupted. Some visitors booked, the
// others walk in. Nobody knows how long a service takes until it ends; the
// agency's mean is the estimate. In scheduling terms this is an open shop
// with parallel machines per stage, release dates and online arrivals,
// judged by time on site (stretch = time on site / own service time).
//
// Three parts solve it at different moments:
//
//   - lotse/internal/sched/openshop solves the offline problem: all jobs and
//     durations known, makespan or weighted completion time with release
//     dates, exactly for small instances and by local search for large ones.
//   - lotse/internal/sched/itinerary plans a booking: given the day's
//     bookings, holds and interpreters, it proposes itineraries (an order of
//     the agencies and a start at each) that never overlap and never exceed
//     desk or interpreter capacity.
//   - this package decides on the day: whom a desk that has just become
//     free calls, and what the rest of the day is expected to look like;
//     and it books with the policy that won in the simulator (Propose).
//
// # The floor
//
// Floor is a plain value: the clock (Minute, minutes after opening), the
// visitors (what they still need with estimates, what they have been served,
// their interpreter language, the rest of their booked itinerary), the desks
// (free, busy with whom since when, absent until when) and the interpreters.
// The live floor builds it from its database, the simulator from its state.
// A visitor whose Arrived lies after Now is expected (a booking not yet
// checked in): never called, but part of every forecast.
//
// # The dispatcher
//
// Dispatcher.Next answers for one free desk, Dispatcher.Assign for every
// free desk at once (the most loaded agency first). Live is the
// configuration the room (internal/floor) and the simulator's S1 and S2
// both use. Among the visitors who
// can be called (present, not at a desk, needing the desk's agency, with an
// interpreter of their language free when they need one) the desk calls the
// best by this rule:
//
//  1. Starvation guard: a visitor who has waited MaxWait minutes or more in
//     total (time on site minus time served; DefaultMaxWait = 20) comes
//     first, ordered by remaining work minus wait (at equal work the longest
//     wait first). Since every desk that frees up serves the overdue before
//     anyone else, and an overdue visitor's key falls a minute per minute
//     waited, nobody, walk-in or booker, is passed over indefinitely: the
//     wait beyond MaxWait is bounded by the visitor's own remaining work
//     plus the overdue ahead in the same queue.
//  2. Appointments: a booked visitor whose appointment at this agency began
//     at most Grace minutes ago (DefaultGrace = 2), earliest appointment
//     first. Within the grace the plan holds; after it the plan has slipped
//     (late visitor, long service before) and the visitor is ranked like
//     everyone else: that is the re-plan.
//  3. Everyone else: shortest remaining work first (sum of the estimates of
//     the needs left, this one included), then arrival, then ID. A visitor
//     with little left leaves soon after; one with much left can be served
//     elsewhere meanwhile. Measured on the simulator's normal scenario (60
//     days, guard off, policy S1) it gave stretch 1.336, against 1.385 for
//     first come first served, 1.567 for longest remaining work first, 1.396
//     for longest wait first, and 1.358 for a rollout that compared the four
//     best candidates by forecasting the day with each.
//  4. Last, among those of step 3: visitors whom a busier agency (more
//     remaining work per desk) would lack: it has no more idle visitors to
//     call than desks free by the time this service would end, so taking
//     the visitor here would leave a bottleneck desk idle. A desk still
//     calls them when nobody else can come: no desk idles while someone can
//     be served.
//
// The guard (20 instead of 30), its order (work minus wait instead of
// longest wait), the grace (2 instead of 5) and step 4 together took policy
// S2 on normal from stretch 1.203 and mean p95 wait 32.2 min to 1.198 and
// 30.8 (300 days); internal/sim/BENCH.md lists what was tried.
//
// The dispatcher keeps no state: the same floor gives the same call whatever
// order the floor lists visitors and desks in. It never calls a visitor who
// is at a desk, never calls one visitor to two desks (Assign), never calls
// to a busy or absent desk, never calls someone for an agency they do not
// need, and never sends an interpreter who is busy; an inconsistent floor
// (Floor.Validate) gets no call at all.
//
// # Re-planning
//
// There is no stored plan to repair. Dispatcher.Forecast projects the rest
// of the day from the present floor by the same rule, with estimated
// durations, absent desks from when they are back, expected visitors from
// their arrival; it is what the call display shows ("expected at desk 2
// around 15:10") and what the coordinated booking (Propose) asks before
// offering an itinerary. A visitor who is late is simply not on
// the floor yet, a no-show never appears, an absent desk is not free, a long
// service keeps its desk busy: each change is in the next floor, so the next
// call and the next forecast already account for it.
//
// # Booking
//
// Propose is the coordinated booking of policy S2, the one that won in the
// simulator, and the code the booking service calls: given the day as the
// booking sees it (BookingDay: agencies with desks, mean service times and
// walk-in shares, the entry window, the interpreters, the expected
// walk-ins), the bookings made so far and a visitor's agencies (and
// interpreter language), it tries every first start on a 5-minute grid,
// forecasts the day with the dispatcher against eight model crowds of
// walk-ins (crowd.go, fixed by BookingDay.Seed) and returns the visitor's
// itineraries ranked by the day's forecast total time on site. The
// simulator's S2 books every booker with Propose, so `lotse sim` measures
// exactly this code. Unlike itinerary.Plan it reserves nothing: an
// itinerary is a promise of priority on the floor, and the day's forecast,
// not a per-minute ledger, decides where the visitor fits best.
package sched
