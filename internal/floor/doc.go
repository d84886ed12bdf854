// Package floor is the One-Stop-Shop day in the room, on the database:
// check-in of booked visitors, walk-in tickets, the desks' calls, starts,
// ends and no-shows, reception's changes, and what reception, each agency and
// each visitor see of it. It decides whom a desk calls with sched.Live(), the
// dispatcher the simulator plays as S1 and S2, on a sched.Floor built from the
// database, so the room and the simulator run one code path.
//
// # Tickets and needs
//
// A ticket is one visitor of a date: a booking checked in (CheckIn, by the
// booking's code; checking in twice gives the same ticket) or a walk-in
// (WalkIn, which also hands out a secret token the visitor's phone follows the
// ticket with). Its label ("A 17": a letter and a number, readable aloud) is
// unique per date. Each agency the ticket needs is a need with a state:
// waiting, called or serving at a desk, done, missed (a no-show) or dropped.
// A booking's stops become its needs, with the booked start as the
// appointment the dispatcher honours. No names are stored here; the event log
// (floor_events) keeps every check-in, call, start, end, no-show, pause and
// change with its time and nothing else, the input of statistics.
//
// # Nobody at two desks, no desk with two visitors
//
// Two rules hold whatever happens: a ticket has at most one open call (called
// or serving), and a desk has at most one visitor. Two mechanisms keep them,
// on SQLite and on PostgreSQL, and across lotse processes on one database:
//
//   - Every write of a date's floor first updates the date's row of
//     floor_days (UPDATE … SET version = version + 1). On PostgreSQL that row
//     lock makes the writes of one day run one after another, in whatever
//     process; at READ COMMITTED every statement after it sees what the
//     writes before it committed. On SQLite the transaction is IMMEDIATE,
//     which already admits one writer at a time. So a desk's "call next"
//     reads the floor, asks the dispatcher and claims the visitor with no
//     other write in between: two desks pressing in the same millisecond are
//     decided one after the other, the second on the floor the first left,
//     and never pick the same visitor. The version numbers the changes for
//     subscribers.
//   - The database refuses a double call even from a writer that got the
//     order wrong: two partial unique indexes on floor_needs, one on the
//     ticket and one on the desk, over the rows in state called or serving.
//     A claim is also a conditional UPDATE (… WHERE state = 'waiting')
//     whose rows affected are checked. A violation rolls the transaction back
//     and is a Conflict; it is never stored.
//
// # Publish after commit
//
// A write that changed something calls the store's Publish callback after
// its transaction has committed, never before and never on a rollback, with
// the topic "floor/<date id>" and a small JSON of what changed (Event). The
// app wires it to internal/broker; HTTP only subscribes.
//
// # Who sees what
//
// Reception reads the whole floor (Snapshot). An agency's desk reads
// ForAgency, which returns only the tickets that need that agency and, of
// them, only that agency's need: nothing of other agencies can leak through a
// handler, because the store never hands it out. A visitor reads Status with
// the ticket's token: where to go now, or their place in the forecast queue
// of their next agency (Dispatcher.Forecast) and what remains.
//
// # Opening
//
// A date's floor is open on its local day; a practice date's at once and all
// of its day. A cancelled date, another day, a cancelled booking or one of
// another date is refused with a clear error.
package floor
