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
//   - [Solve] for the makespan (Cmax): randomised dense schedules, then an
//     exact branch-and-bound over active schedules run as restarted dives
//     (Luby node budgets, jittered branch order, targets between the proven
//     lower bound and the best makespan), interleaved, on instances far
//     from the trivial bound, with a tabu search on the disjunctive graph
//     (swaps at the ends of critical blocks of machines and jobs); it is
//     anytime on large instances and proves optimality on small ones;
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
