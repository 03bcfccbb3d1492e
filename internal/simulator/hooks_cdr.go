package simulator

// The finished-call record (CDR) sent to the call webhooks after a placed
// call, once or, for a call of two legs, twice.

import "encoding/json"

// WithTwoLegCalls makes every answered placed call a call of two legs (the
// agent's, then the customer's), each followed by a CDR for the same
// transaction_id (docs/api.md §18.6): the first for the agent's leg, without
// a recording yet, and the second for the whole call, later and complete.
// Each leg has its call_uuid (§18.9): the agent's is the transaction id, the
// customer's one of its own; every hook of the call carries both keys, the
// live events until the answer on the agent's leg, the answer and the
// hangup on the customer's. By default a call sends one CDR and has one
// leg, named by the transaction id.
func WithTwoLegCalls() Option { return func(c *config) { c.twoLegCalls = true } }

// cdrEvent is the finished-call hook (docs/api.md §14.2): the record's fields
// with the CDR's names. The shadowing fields with omitempty hide the record
// fields the CDR does not carry.
type cdrEvent struct {
	*callRecord
	RecordingFile     string `json:"recording_file,omitempty"`
	Disposition       string `json:"disposition,omitempty"`
	Evaluations       any    `json:"evaluations,omitempty"`
	TotalEvaluate     any    `json:"total_evaluate,omitempty"`
	BillSecForwardOut int    `json:"bill_sec_forward_out,omitempty"`

	State             string `json:"state"`
	CallUUID          string `json:"call_uuid"` // the leg the CDR is about; the transaction id on a call of one leg
	RecordingFileURL  string `json:"recording_file_url"`
	SendNumRetry      int    `json:"send_num_retry"` // 1 on the first delivery
	TransferHistories []any  `json:"transfer_histories"`
}

// emitCDR delivers the finished-call record of rec for its leg leg (its
// call_uuid). It is called without s.mu held, after the state hooks. Each
// attempt carries its number in send_num_retry.
func (s *Server) emitCDR(rec *callRecord, leg string) {
	s.deliverAll("cdr", rec.TransactionID, func(attempt int) []byte {
		s.mu.Lock() // the record is in the history now and may be annotated
		defer s.mu.Unlock()
		b, _ := json.Marshal(cdrEvent{
			callRecord: rec, State: "cdr", CallUUID: leg, RecordingFileURL: rec.RecordingFile,
			SendNumRetry: attempt, TransferHistories: []any{},
		})
		return b
	})
}

// agentLeg returns the record of the first leg of a two-leg call: the
// agent's leg, which ends when the customer's begins, before the recording
// is ready.
func agentLeg(rec *callRecord) *callRecord {
	leg := *rec
	ring := int(rec.TimeStartToAnswer - rec.TimeStartCall)
	leg.Duration, leg.BillSec, leg.RecordSeconds, leg.AnswerSec = ring, 0, 0, 0
	leg.TimeEndCall = rec.TimeStartToAnswer
	leg.LastUpdatedDate = rec.CreatedDate + int64(ring)*1000
	leg.RecordingFile = ""
	return &leg
}
