package app

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"lotse/internal/onestop"
	"lotse/internal/staff"
)

// TestLiveFloorTwoInstances: two lotse processes on one PostgreSQL
// database; a desk's call made through process A's API reaches a display's
// event stream connected to process B, through the broker
// (LISTEN/NOTIFY).
func TestLiveFloorTwoInstances(t *testing.T) {
	if !postgresConfigured() {
		t.Skip("needs PostgreSQL")
	}
	cfg := Config{DatabaseURL: dbtestURL(t), Demo: true, SecretKeys: [][]byte{bytes.Repeat([]byte{7}, 32)}}
	a, _ := startApp(t, cfg)
	b, _ := startApp(t, cfg)
	ctx := context.Background()
	county, err := a.content.County(ctx)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	id, err := onestop.NewStore(a.db, time.UTC).Create(ctx, county.OneStop, onestop.Input{Date: now.UTC().Format("2006-01-02"),
		Start: "00:00", End: "23:59", Practice: true, Roster: county.OneStop.Roster}, now)
	if err != nil {
		t.Fatal(err)
	}
	date := strconv.FormatInt(id, 10)
	svc := staff.New(a.db, staff.Options{})
	token := func(n staff.NewToken) string {
		_, secret, err := svc.CreateToken(ctx, staff.CLI, n)
		if err != nil {
			t.Fatal(err)
		}
		return secret
	}
	reception := token(staff.NewToken{Name: "reception", Role: staff.Reception})
	desk := token(staff.NewToken{Name: "abh desk", Role: staff.Agency, Agency: "abh"})
	display := token(staff.NewToken{Name: "display", Role: staff.Display})
	post := func(path, secret, body string) int {
		req, _ := http.NewRequest(http.MethodPost, a.URL()+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := post("/api/v1/floor/"+date+"/tickets", reception, `{"agencies":["abh"],"language":"uk"}`); code != http.StatusCreated {
		t.Fatalf("walk-in on A: %d", code)
	}
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, _ := http.NewRequestWithContext(sctx, http.MethodGet, b.URL()+"/api/v1/floor/"+date+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+display)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("stream on B: %d", res.StatusCode)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	next := func(prefix string) string {
		t.Helper()
		timeout := time.After(20 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("stream ended before %q", prefix)
				}
				if strings.HasPrefix(l, prefix) {
					return l
				}
			case <-timeout:
				t.Fatalf("no %q within 20 s", prefix)
			}
		}
	}
	next("event: snapshot")
	next("data:")
	if code := post("/api/v1/floor/"+date+"/desks/abh/1/call", desk, ""); code != http.StatusOK {
		t.Fatalf("call on A: %d", code)
	}
	next("event: update")
	if data := next("data:"); !strings.Contains(data, `"ticket":"A 1","agency":"abh"`) || !strings.Contains(data, `"desk":1`) {
		t.Errorf("B's display got %s", data)
	}
}
