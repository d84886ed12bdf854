package itinerary_test

import (
	"fmt"
	"time"

	"lotse/internal/sched/itinerary"
)

// A family needs the Ausländeramt and the Jobcenter with an Arabic
// interpreter on a morning when the Jobcenter's desk is taken at 9:00.
func ExamplePlan() {
	berlin := time.FixedZone("CET", 3600)
	day := itinerary.Day{
		Opens:   time.Date(2026, 3, 6, 9, 0, 0, 0, berlin),
		Minutes: 180,
		Agencies: []itinerary.Agency{
			{ID: "auslaenderamt", Desks: 2, Duration: 20},
			{ID: "jobcenter", Desks: 1, Duration: 30},
		},
		Interpreters: []itinerary.Interpreter{{Lang: "ar", Count: 1}},
	}
	existing := []itinerary.Booking{{Visits: []itinerary.Visit{
		{Agency: "jobcenter", Desk: 0, Start: 0, End: 30},
	}}}
	req := itinerary.Request{
		Agencies:    []string{"auslaenderamt", "jobcenter"},
		Interpreter: "ar",
		Earliest:    day.MinuteOf(day.Opens),
		Latest:      day.MinuteOf(day.Opens.Add(30 * time.Minute)),
		K:           2,
	}
	its, err := itinerary.Plan(day, existing, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range its {
		fmt.Printf("stay %d min:", it.Stay())
		for _, v := range it.Visits {
			fmt.Printf(" %s desk %d at %s;", v.Agency, v.Desk, day.At(v.Start).Format("15:04"))
		}
		fmt.Println()
	}
	// Output:
	// stay 50 min: auslaenderamt desk 0 at 09:10; jobcenter desk 0 at 09:30;
	// stay 50 min: auslaenderamt desk 0 at 09:15; jobcenter desk 0 at 09:35;
}
