package openshop

// problem is the solver's view of an instance: only operations of positive
// length, numbered 0..len(dur)-1, with their job, machine and duration.
type problem struct {
	in       *Instance
	job      []int32
	mach     []int32
	dur      []int
	jobOps   [][]int32 // operations of each job
	machOps  [][]int32 // operations of each machine
	lb       int       // trivial lower bound
	jobLoad  []int
	machLoad []int
}

// newProblem numbers the positive-length operations of in job by job.
func newProblem(in *Instance) *problem {
	p := &problem{
		in:       in,
		jobOps:   make([][]int32, in.Jobs),
		machOps:  make([][]int32, in.Machines),
		jobLoad:  make([]int, in.Jobs),
		machLoad: make([]int, in.Machines),
		lb:       in.LowerBound(),
	}
	for j, row := range in.P {
		for k, d := range row {
			if d == 0 {
				continue
			}
			o := int32(len(p.dur))
			p.job = append(p.job, int32(j))
			p.mach = append(p.mach, int32(k))
			p.dur = append(p.dur, d)
			p.jobOps[j] = append(p.jobOps[j], o)
			p.machOps[k] = append(p.machOps[k], o)
			p.jobLoad[j] += d
			p.machLoad[k] += d
		}
	}
	return p
}

// size is the number of positive-length operations.
func (p *problem) size() int { return len(p.dur) }

// schedule turns operation starts into a Schedule listing every operation
// of the instance, zero-length ones at time 0.
func (p *problem) schedule(start []int) Schedule {
	s := Schedule{Ops: make([]Op, 0, p.in.Jobs*p.in.Machines)}
	next := 0
	for j, row := range p.in.P {
		for k, d := range row {
			st := 0
			if d > 0 {
				st = start[next]
				next++
			}
			s.Ops = append(s.Ops, Op{Job: j, Machine: k, Start: st, End: st + d})
			s.Makespan = max(s.Makespan, st+d)
		}
	}
	return s
}

// makespan is the latest end of the operations started at start.
func (p *problem) makespan(start []int) int {
	c := 0
	for o, s := range start {
		c = max(c, s+p.dur[o])
	}
	return c
}
