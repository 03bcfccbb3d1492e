package omicall

import (
	"bytes"
	"errors"
	"testing"
)

// webhookSeeds are the fixtures and edge cases every fuzz target starts from.
func webhookSeeds(f *testing.F) [][]byte {
	seeds := [][]byte{
		nil, []byte(""), []byte(" "), []byte("null"), []byte("[]"), []byte(`"x"`), []byte("{}"),
		[]byte(`{"state":null}`), []byte(`{"state":1}`), []byte(`{"state":"cdr","tag":[{"name":1},"a",2]}`),
		[]byte(`{"state":"ringing","date_time":"1e400","created_time":-99999999999999999999}`),
		[]byte(`{"state":"cdr","time_end_call":"x","call_out_price":"NaN","user":{},"customer":[]}`),
		[]byte("{\"state\":\"\xff\xfe\"}"), []byte(`{"state":"ringing"`), []byte(`{"a":{"b":[[[[[]]]]]}}`),
	}
	for _, name := range []string{
		"webhook_cdr.json", "webhook_state_ringing.json", "webhook_state_answered.json",
		"webhook_state_hangup.json", "webhooks_list.json", "webhooks_register.json", "request_webhooks_register.json",
	} {
		seeds = append(seeds, fixture(f, name))
	}
	return seeds
}

func FuzzParseCallEvent(f *testing.F) {
	for _, s := range webhookSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := ParseCallEvent(body)
		if err != nil {
			if ev != nil {
				t.Fatal("an error with an event")
			}
			if !errors.Is(err, ErrInvalidCallEvent) {
				t.Fatalf("error %v does not match ErrInvalidCallEvent", err)
			}
			return
		}
		if ev.State == "" {
			t.Fatal("an event without a state")
		}
		if (ev.State == StateCDR) != (ev.CDR != nil) {
			t.Fatalf("state %q with CDR %v", ev.State, ev.CDR != nil)
		}
		if !bytes.Equal(ev.Raw, body) {
			t.Fatal("Raw differs from the body")
		}
	})
}
