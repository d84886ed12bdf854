// Package openshop solves the open-shop scheduling problem: n jobs each need
// one operation on each of m machines, in any order, one operation at a time
// per job and per machine.
//
// It is the pure core of the One-Stop-Shop planning in lotse (a visitor is a
// job, an agency desk is a machine) and is measured against the classic
// benchmark sets of Taillard, Guéret–Prins and Brucker et al.
//
// The package offers:
//
//   - [Instance] and [Parse] for the benchmark text format;
//   - [Solve] for the makespan (Cmax): randomised dense schedules, then a
//     portfolio on one thread: constraint programming (time windows under
//     a makespan bound, propagated on every job and machine by Vilím's
//     Θ-Λ-tree rules — overload checking, edge-finding, detectable
//     precedences, not-first/not-last — and SetTimes branching with Luby
//     restarts, and as a large neighbourhood search around the best
//     schedule), which reaches the trivial bound of every Taillard
//     instance from 7x7 up within a second, interleaved on instances near
//     the bound with an exact branch-and-bound over active schedules run as
//     restarted dives, which proves optimality on small instances;
//   - [SolveWeighted] for the total weighted completion time with release
//     dates, a local search over operation lists decoded into active
//     schedules;
//   - [Check], an independent feasibility checker used on every answer in the
//     tests;
//   - [SolveCommand] and [BenchCommand], the `lotse solve` and
//     `lotse bench openshop` command lines.
//
// Operations of zero length need neither job nor machine time; they are left
// out of the search and reported at time 0.
package openshop
