// Package onestop is the one model of a One-Stop-Shop day: when the county
// holds it, who sits there, and what a visitor can come for. Booking, the
// live floor, the call display and statistics all read it; nothing else keeps
// its own idea of a date.
//
// # Site, rule and dates
//
// A county describes its One-Stop-Shop as a Site (part of content.County, so
// the county stays data): where it is, a Rule ("the first Friday of each
// month, 9:00–12:00"), the agencies that can take part, a roster template and
// the concerns visitors pick. The rule skips the public holidays of North
// Rhine-Westphalia (github.com/rickar/cal/v2): a first Friday that is New
// Year's Day or Good Friday moves one week on, the agencies keep their
// weekday.
//
// A Date is a stored day: its local calendar day, start and end (UTC in the
// database, Europe/Berlin when read), whether it is a practice date or
// cancelled, and its Roster. Dates come two ways:
//
//   - From the rule: Store.Ensure makes the rule's dates of the next Horizon
//     months that are missing, each with a copy of the site's roster. It runs
//     before dates are read, so a server that runs for a year still lists the
//     coming months; a unique key on the rule day lets several instances run
//     it at once, and keeps a cancelled date from coming back.
//   - By hand: Store.Create stores a one-off date (a second session in a busy
//     month, a practice date) after checking it: not in the past, a public
//     one not on a holiday nor on a day that already has one, a valid roster.
//
// Store.Cancel hides a date from visitors but keeps the row, so bookings on
// it can tell their visitors (booking.Store.CancelDate calls its bookings
// off). Store.SetRoster changes one date's roster after validating it and
// asking a Guard in the same transaction (booking's GuardRoster refuses to
// drop desks or interpreters that bookings occupy). Store.CopyRoster copies
// one date's roster to the next dates (the roster template staff edit
// once), Store.CopyTargets previews which. A practice date is
// never public: staff train on it with check-in open all day, and
// Store.PurgePractice deletes it, and by ON DELETE CASCADE everything that
// hangs off it, once its day is over.
//
// # Roster
//
// A Roster lists per agency (a Station) its desks, how many of them are kept
// for walk-ins, and its services with the minutes a desk plans for each; and
// the interpreter pools by language with their hours. Agency ids are short
// and stable ("abh" Ausländeramt, "aa" Agentur für Arbeit, "jobcom",
// "famb", "kim", "wohn", "bank", "kk", "kultur"); each names the content
// place whose translated name the portal shows. A Concern ("work-permit",
// "kindergeld") leads to one agency service; its label is the UI string
// onestop.concern.<id> in every language.
//
// # Into the scheduler
//
// The package produces the inputs of internal/sched and stays out of its
// policy. Date.PlannerDay is the day for the booking planner
// (sched/itinerary): desks open to booking (walk-in desks kept out), one
// service length per agency (the visitor's chosen service, else the longest,
// so a plan never runs short) and interpreter windows, in minutes from the
// opening. Date.BookingDay is the day for the coordinated booking that won
// in the simulator (sched.Propose): every desk, mean service minutes, the
// walk-ins the roster expects with each agency's share, and the last first
// start. Date.Floor is the empty floor of the live dispatcher (every desk,
// walk-in desks too, and one interpreter per head), Date.Estimates the
// per-agency mean service minutes the dispatcher estimates needs with.
package onestop
