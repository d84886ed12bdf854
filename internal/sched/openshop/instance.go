package openshop

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// maxDim caps jobs and machines so that a hostile file cannot make the
// parser allocate without bound.
const maxDim = 1000

// maxTime caps a processing time so that sums of a whole instance stay far
// from integer overflow.
const maxTime = 1 << 30

// Instance is an open-shop problem: P[j][k] is the processing time of job j
// on machine k. A zero time means job j does not need machine k.
type Instance struct {
	Jobs, Machines int
	P              [][]int
}

// NewInstance builds an instance from a processing-time matrix (rows are
// jobs) after checking it is rectangular and non-negative.
func NewInstance(p [][]int) (*Instance, error) {
	if len(p) == 0 || len(p[0]) == 0 {
		return nil, errors.New("openshop: instance needs at least one job and one machine")
	}
	in := &Instance{Jobs: len(p), Machines: len(p[0]), P: make([][]int, len(p))}
	for j, row := range p {
		if len(row) != in.Machines {
			return nil, fmt.Errorf("openshop: job %d has %d times, want %d", j, len(row), in.Machines)
		}
		for k, d := range row {
			if d < 0 || d > maxTime {
				return nil, fmt.Errorf("openshop: time of job %d on machine %d is %d, want 0..%d", j, k, d, maxTime)
			}
		}
		in.P[j] = append([]int(nil), row...)
	}
	return in, nil
}

// Parse reads the benchmark format: "n m" followed by n rows of m
// processing times (row j = job j). Whitespace, including line breaks, is
// free; anything after the n·m times is an error.
func Parse(r io.Reader) (*Instance, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	sc.Split(bufio.ScanWords)
	next := func(what string) (int, error) {
		if !sc.Scan() {
			if err := sc.Err(); err != nil {
				return 0, fmt.Errorf("openshop: reading %s: %w", what, err)
			}
			return 0, fmt.Errorf("openshop: unexpected end of input, want %s", what)
		}
		v, err := strconv.Atoi(sc.Text())
		if err != nil {
			return 0, fmt.Errorf("openshop: %s: %q is not an integer", what, sc.Text())
		}
		return v, nil
	}
	n, err := next("number of jobs")
	if err != nil {
		return nil, err
	}
	m, err := next("number of machines")
	if err != nil {
		return nil, err
	}
	if n < 1 || m < 1 || n > maxDim || m > maxDim {
		return nil, fmt.Errorf("openshop: size %dx%d, want 1..%d jobs and machines", n, m, maxDim)
	}
	p := make([][]int, n)
	for j := range p {
		p[j] = make([]int, m)
		for k := range p[j] {
			if p[j][k], err = next(fmt.Sprintf("time of job %d on machine %d", j, k)); err != nil {
				return nil, err
			}
		}
	}
	if sc.Scan() {
		return nil, fmt.Errorf("openshop: unexpected %q after %d×%d times", sc.Text(), n, m)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("openshop: %w", err)
	}
	return NewInstance(p)
}

// LowerBound is the trivial makespan bound: the largest job or machine load.
// It equals the optimum on all Taillard instances of size 7x7 and above.
func (in *Instance) LowerBound() int {
	lb := 0
	for k := 0; k < in.Machines; k++ {
		s := 0
		for j := 0; j < in.Jobs; j++ {
			s += in.P[j][k]
		}
		lb = max(lb, s)
	}
	for _, row := range in.P {
		s := 0
		for _, d := range row {
			s += d
		}
		lb = max(lb, s)
	}
	return lb
}
