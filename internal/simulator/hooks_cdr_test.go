package simulator

import (
	"encoding/json"
	"testing"
	"time"
)

func TestCDRShape(t *testing.T) {
	sc := startSim(t, WithClock(func() time.Time { return time.UnixMilli(1_700_000_000_123) }))
	rv, u := newReceiver(t, nil)
	sc.register("call", u+"/hook?secret=abc", "cdr")
	rec := sc.runAnsweredCall()
	if len(rv.bodies) != 1 {
		t.Fatalf("%d deliveries, want the one CDR", len(rv.bodies))
	}
	cdr := rv.bodies[0]
	for _, k := range []string{"recording_file", "disposition", "evaluations", "total_evaluate"} {
		if _, ok := cdr[k]; ok {
			t.Errorf("CDR carries %s, which the documented CDR has not", k)
		}
	}
	for k, v := range map[string]any{
		"state": "cdr", "transaction_id": rec.TransactionID, "recording_file_url": rec.RecordingFile,
		"sip_user": rec.SIPUser, "phone_number": "0901234567", "sip_number": rec.Hotline, "endby_name": "end_call_by_customer",
	} {
		if cdr[k] != v {
			t.Errorf("CDR %s = %v, want %v", k, cdr[k], v)
		}
	}
	if n := cdr["send_num_retry"].(json.Number).String(); n != "1" {
		t.Errorf("send_num_retry %s", n)
	}
	if th, ok := cdr["transfer_histories"].([]any); !ok || len(th) != 0 {
		t.Errorf("transfer_histories %v", cdr["transfer_histories"])
	}
	if s := cdr["time_end_call"].(json.Number).String(); len(s) != 10 {
		t.Errorf("time_end_call %s, want seconds", s)
	}
	if s := cdr["last_updated_date"].(json.Number).String(); len(s) != 13 {
		t.Errorf("last_updated_date %s, want milliseconds", s)
	}
	if _, err := cdr["call_out_price"].(json.Number).Float64(); err != nil {
		t.Errorf("call_out_price %v", cdr["call_out_price"])
	}
}

func TestTwoLegCallsSendTwoCDRs(t *testing.T) {
	sc := startSim(t, WithTwoLegCalls())
	rv, u := newReceiver(t, nil)
	sc.register("call", u, "cdr")
	ext, hotline := sc.s.DemoCaller()
	for range 10 { // until one is answered
		if _, err := sc.s.PlaceCall(ext, hotline, "0901234567"); err != nil {
			t.Fatal(err)
		}
	}
	sc.s.WaitCalls()
	legs := map[any][]map[string]any{}
	for _, b := range rv.bodies {
		legs[b["transaction_id"]] = append(legs[b["transaction_id"]], b)
	}
	two := 0
	for id, cdrs := range legs {
		switch {
		case len(cdrs) == 1 && cdrs[0]["bill_sec"] == json.Number("0"): // unanswered: one leg
		case len(cdrs) == 2:
			two++
			if cdrs[0]["recording_file_url"] != "" || cdrs[0]["bill_sec"] != json.Number("0") {
				t.Errorf("%v: the agent's leg comes first, unbilled and unrecorded: %v", id, cdrs[0])
			}
			if cdrs[1]["recording_file_url"] == "" || cdrs[1]["bill_sec"] == json.Number("0") {
				t.Errorf("%v: the whole call comes second: %v", id, cdrs[1])
			}
		default:
			t.Errorf("%v: %d CDRs: %v", id, len(cdrs), cdrs)
		}
	}
	if two == 0 {
		t.Fatal("no answered call among ten")
	}
}

func TestAgentLeg(t *testing.T) {
	rec := &callRecord{TimeStartCall: 100, TimeStartToAnswer: 105, TimeEndCall: 135, CreatedDate: 100_000,
		Duration: 35, BillSec: 30, RecordSeconds: 30, AnswerSec: 30, RecordingFile: "r.mp3"}
	leg := agentLeg(rec)
	if leg.Duration != 5 || leg.BillSec != 0 || leg.RecordSeconds != 0 || leg.AnswerSec != 0 {
		t.Errorf("leg times %+v", leg)
	}
	if leg.TimeEndCall != 105 || leg.LastUpdatedDate != 105_000 || leg.RecordingFile != "" {
		t.Errorf("leg end %d, updated %d, recording %q", leg.TimeEndCall, leg.LastUpdatedDate, leg.RecordingFile)
	}
	if rec.BillSec != 30 {
		t.Error("the call's record is left as it is")
	}
}
