package openshop

// span is a busy interval [s, e) on a job or machine timeline.
type span struct{ s, e int }

// decoder places operations one by one, in a given list order, at the
// earliest time where both the job and the machine are free for the whole
// duration (gaps included). Every active schedule is the decoding of some
// list, so searching over lists loses no optimum of a regular objective.
// A decoder reuses its buffers: decoding allocates nothing.
type decoder struct {
	p       *problem
	jobTL   [][]span
	machTL  [][]span
	release []int // per job, nil for none
}

func newDecoder(p *problem, release []int) *decoder {
	d := &decoder{p: p, release: release, jobTL: make([][]span, len(p.jobOps)), machTL: make([][]span, len(p.machOps))}
	for j := range d.jobTL {
		d.jobTL[j] = make([]span, 0, len(p.jobOps[j]))
	}
	for k := range d.machTL {
		d.machTL[k] = make([]span, 0, len(p.machOps[k]))
	}
	return d
}

// decode fills start (indexed by operation) from the list order and returns
// the makespan.
func (d *decoder) decode(order []int32, start []int) int {
	for j := range d.jobTL {
		d.jobTL[j] = d.jobTL[j][:0]
	}
	for k := range d.machTL {
		d.machTL[k] = d.machTL[k][:0]
	}
	cmax := 0
	for _, o := range order {
		j, k, du := d.p.job[o], d.p.mach[o], d.p.dur[o]
		t := 0
		if d.release != nil {
			t = d.release[j]
		}
		jt, mt := d.jobTL[j], d.machTL[k]
		ij, im := 0, 0
		for {
			for ij < len(jt) && jt[ij].e <= t {
				ij++
			}
			if ij < len(jt) && jt[ij].s < t+du {
				t = jt[ij].e
				continue
			}
			for im < len(mt) && mt[im].e <= t {
				im++
			}
			if im < len(mt) && mt[im].s < t+du {
				t = mt[im].e
				continue
			}
			break
		}
		d.jobTL[j] = insertSpan(jt, ij, span{t, t + du})
		d.machTL[k] = insertSpan(mt, im, span{t, t + du})
		start[o] = t
		cmax = max(cmax, t+du)
	}
	return cmax
}

// insertSpan inserts v at index i, keeping the slice's backing array.
func insertSpan(s []span, i int, v span) []span {
	s = append(s, span{})
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}
