// Package loadgen is a small HTTP load generator for lotse's benchmarks. It runs
// in the same binary as the server under test so that a run compares the real
// handler with a baseline handler under identical conditions, in two models: a
// closed model (N connections, each sending its next request when the previous
// answer arrives) for throughput, and an open model (requests sent at a fixed
// rate whatever the answers do) for latency at a given load, measured from the
// time each request was due so that a slow server cannot hide its queue.
package loadgen

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Result summarises one run.
type Result struct {
	Requests int
	Errors   int
	Duration time.Duration
	P50      time.Duration
	P99      time.Duration
	Max      time.Duration
}

// RPS is the rate of successful requests per second.
func (r Result) RPS() float64 {
	if r.Duration <= 0 {
		return 0
	}
	return float64(r.Requests-r.Errors) / r.Duration.Seconds()
}

func (r Result) String() string {
	return fmt.Sprintf("%8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %6.1f ms  errors %d/%d",
		r.RPS(), ms(r.P50), ms(r.P99), ms(r.Max), r.Errors, r.Requests)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func client(conns int) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = conns * 2
	tr.MaxIdleConnsPerHost = conns * 2
	tr.MaxConnsPerHost = 0
	tr.DisableCompression = true
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

// fetch performs one GET and reports whether it got a 200 with a full body.
func fetch(ctx context.Context, c *http.Client, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	res, err := c.Do(req)
	if err != nil {
		return false
	}
	_, err = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return err == nil && res.StatusCode == http.StatusOK
}

// Closed sends requests to url over conns connections for d.
func Closed(ctx context.Context, url string, conns int, d time.Duration) Result {
	c := client(conns)
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	lat := make([][]time.Duration, conns)
	errors := make([]int, conns)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range conns {
		wg.Go(func() {
			for ctx.Err() == nil {
				t0 := time.Now()
				ok := fetch(ctx, c, url)
				if ctx.Err() != nil {
					return // cut off by the end of the run, not a server error
				}
				lat[i] = append(lat[i], time.Since(t0))
				if !ok {
					errors[i]++
				}
			}
		})
	}
	wg.Wait()
	return Summarise(lat, errors, time.Since(start))
}

// Open sends requests to url at rate per second for d, each at its due time,
// with at most maxInFlight outstanding.
func Open(ctx context.Context, url string, rate int, d time.Duration, maxInFlight int) Result {
	c := client(maxInFlight)
	defer c.CloseIdleConnections()
	n := int(float64(rate) * d.Seconds())
	interval := time.Second / time.Duration(rate)
	lat := make([]time.Duration, n)
	ok := make([]bool, n)
	sem := make(chan struct{}, maxInFlight)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		due := start.Add(time.Duration(i) * interval)
		if wait := time.Until(due); wait > 0 {
			time.Sleep(wait)
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			ok[i] = fetch(ctx, c, url)
			lat[i] = time.Since(due)
		})
	}
	wg.Wait()
	errors := 0
	for _, o := range ok {
		if !o {
			errors++
		}
	}
	return Summarise([][]time.Duration{lat}, []int{errors}, time.Since(start))
}

// Summarise makes the Result of a run of length d from the latencies of
// each client and their error counts (errors may be nil).
func Summarise(lat [][]time.Duration, errors []int, d time.Duration) Result {
	all := slices.Concat(lat...)
	slices.Sort(all)
	r := Result{Requests: len(all), Duration: d}
	for _, e := range errors {
		r.Errors += e
	}
	if len(all) > 0 {
		r.P50 = all[len(all)*50/100]
		r.P99 = all[min(len(all)-1, len(all)*99/100)]
		r.Max = all[len(all)-1]
	}
	return r
}
