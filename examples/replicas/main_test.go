package main

import (
	"io"
	"os"
	"testing"

	"github.com/alicebob/miniredis/v2"
)

// TestRun: on miniredis (and on the real Redis when OMICALL_TEST_REDIS is
// set), the fleet makes one /api/auth call and runs the callback once per
// event.
func TestRun(t *testing.T) {
	addrs := map[string]string{"miniredis": miniredis.RunT(t).Addr()}
	if a := os.Getenv("OMICALL_TEST_REDIS"); a != "" {
		addrs["redis"] = a
	}
	for name, addr := range addrs {
		t.Run(name, func(t *testing.T) {
			rep, err := run(addr, 3, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			if err := rep.check(); err != nil {
				t.Fatal(err)
			}
			// 3 calls of 6 live events each (create, early, ringing,
			// answered, hangup, cdr), each sent to the 3 receivers.
			if rep.events != 18 || rep.deliveries < 54 {
				t.Fatalf("want 18 events delivered at least 54 times, got %+v", rep)
			}
		})
	}
}
