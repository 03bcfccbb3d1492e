package omicalltest

import (
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/internal/simulator"
)

// Requests returns how many requests a route has received, e.g.
// Requests("GET /api/auth"). Requests that a fault answered count too; a
// path the server does not know counts as "UNKNOWN <path>".
func (s *Server) Requests(route string) int { return s.sim.Requests(route) }

// TotalRequests returns how many requests all routes have received.
func (s *Server) TotalRequests() int { return s.sim.TotalRequests() }

// ResetCounts sets every request counter to zero.
func (s *Server) ResetCounts() { s.sim.ResetCounts() }

// AddAgent adds an agent as POST /api/agent/invite would, without its
// validation and agent limit, and returns the agent's extension. The
// password of req is not used (SIP passwords derive from the seed). An
// agent whose email the server already holds is left as it is.
func (s *Server) AddAgent(req omicall.InviteAgentRequest) string {
	role := req.RoleName
	if role == "" {
		role = omicall.RoleSale
	}
	return s.sim.AddAgent(simulator.Agent{FullName: req.FullName, Email: req.Email, Role: role, OwnerEmail: req.OwnerEmail, UUID: req.UUID})
}

// AddCall adds a finished outbound call of extension 100, created at at, to
// the history (no call hooks) and returns its transaction id. Tests use it
// to put records exactly where they need them. A call created shortly
// before now is shortened so that it is over by now.
func (s *Server) AddCall(at time.Time) string { return s.sim.AddCall(at) }

// AddTransaction adds a finished call to the history (no call hooks) and
// returns its transaction id. It takes CreatedDate (zero: the call ends
// now), Direction
// (default outbound), SIPUser (the agent's extension, default "100"),
// Hotline (default the tenant's first) and PhoneNumber (the customer's
// number, or the other extension of a local call) from tx; the rest of the
// record (times, disposition, carrier) comes from the seeded source. A call
// is never over later than the server's clock: one created shortly before
// now is shortened to end by now.
func (s *Server) AddTransaction(tx omicall.Transaction) string {
	return s.sim.AddCallOf(simulator.Call{At: tx.CreatedDate.Time, Direction: string(tx.Direction),
		Extension: tx.SIPUser, Hotline: tx.Hotline, Phone: tx.PhoneNumber})
}

// CallIDs returns the transaction ids of the calls created from from to to
// (both inclusive, to the millisecond), in created_date order: the ground
// truth a walk of the history can be checked against.
func (s *Server) CallIDs(from, to time.Time) []string { return s.sim.CallIDs(from, to) }

// PlaceCall places a click-to-call as POST /api/click2call does: it
// validates the extension and hotline, and then, in the background, rings
// the extension, connects the phone number, hangs up, adds the call to the
// history and delivers the call hooks (ringing, answered, hangup, cdr) to
// the registered call webhooks. It returns the call id. The call is played
// at once: it ends when it is placed (and began its length earlier), so no
// time it reports lies in the future.
func (s *Server) PlaceCall(req omicall.ClickToCallRequest) (string, error) {
	return s.sim.PlaceCall(req.Extension, req.Hotline, req.PhoneNumber)
}

// InboundCall is a call from a customer to a hotline, put through to an
// internal group (a ring group). Server.ReceiveCall plays it.
type InboundCall struct {
	PhoneNumber string // the customer's number; required
	Hotline     string // the hotline called; default: the tenant's first
	// Group is the internal group, by id or group number; default: the
	// first group (the seeded one holds every agent).
	Group string
}

// ReceiveCall plays a call in, in the background: every registered
// extension of the group rings at once, with a ringing live event each
// (the same transaction id, each its own extension, as a ring group
// does); one of them answers, or none (a missed call); the call hangs up,
// joins the history (inbound) and its CDR is sent. The call is played at
// once, so it ends when it is received. Each extension rings on a leg of
// its own (its call_uuid); every hook carries the call's transaction id,
// and the answer, the hangup and the CDR name the answering extension's
// leg. It returns the call's transaction id. Use it to test that a webhook
// receiver keeps each ring of a group.
func (s *Server) ReceiveCall(c InboundCall) (string, error) {
	return s.sim.ReceiveCall(simulator.InboundCall{Phone: c.PhoneNumber, Hotline: c.Hotline, Group: c.Group})
}

// WaitCalls waits until every placed call has finished and its hooks have
// been delivered (or given up).
func (s *Server) WaitCalls() { s.sim.WaitCalls() }

// DemoCaller returns an extension that can place a click-to-call and a
// hotline it may call out on, for tests and examples that need a call to
// produce call hooks.
func (s *Server) DemoCaller() (extension, hotline string) { return s.sim.DemoCaller() }

// Webhooks returns the registered webhook URLs of type t ("call" or
// "contact").
func (s *Server) Webhooks(t string) []string { return s.sim.Webhooks(t) }

// Delivery is one attempt to deliver a hook: a call hook or a contact
// hook.
type Delivery struct {
	URL     string            // as registered (it may hold a secret)
	Type    string            // the webhook type: "call" or "contact"
	State   omicall.CallState // call hooks: create, early, ringing, answered, hangup or cdr
	CallID  string            // call hooks: the call's transaction id
	Action  string            // contact hooks: create, update or delete
	Attempt int               // 1 for the first delivery
	Status  int               // HTTP status answered, 0 on a transport error
}

// Deliveries returns every hook delivery attempt so far, in order.
func (s *Server) Deliveries() []Delivery {
	ds := s.sim.Deliveries()
	out := make([]Delivery, len(ds))
	for i, d := range ds {
		out[i] = Delivery{URL: d.URL, Type: d.Type, State: omicall.CallState(d.State), CallID: d.CallID,
			Action: d.Action, Attempt: d.Attempt, Status: d.Status}
	}
	return out
}

// WaitHooks waits until every placed call has finished and every hook in
// flight, call or contact, has been delivered (or given up).
//
// A contact created, updated or deleted through the API (Contacts.Create,
// CreateMany, Update, Delete) sends a contact hook to every URL registered
// with type contact: {"action": "create" | "update" | "delete", "data":
// [{"contact_id": ..., and the contact's record}], "tenant_id": ...}, in
// the order of the changes; a batch sends one hook. The actions are the
// simulator's names: OMICall does not document its own.
func (s *Server) WaitHooks() { s.sim.WaitHooks() }

// ContactCount returns how many contacts the server holds.
func (s *Server) ContactCount() int { return s.sim.ContactCount() }

// ContactNotes returns the contents of the notes added for a phone number,
// oldest first.
func (s *Server) ContactNotes(phone string) []string { return s.sim.ContactNotes(phone) }

// TicketCount returns how many tickets the server holds.
func (s *Server) TicketCount() int { return s.sim.TicketCount() }

// PartnerBalance returns the simulated partner's balance (VND).
func (s *Server) PartnerBalance() int64 { return s.sim.PartnerBalance() }

// ASRUpload is an audio file received by the speech-to-text upload.
type ASRUpload struct {
	ID       string // the id form field
	FileName string
	Bytes    int
}

// ASRUploads returns the audio files received, oldest first.
func (s *Server) ASRUploads() []ASRUpload {
	us := s.sim.ASRUploads()
	out := make([]ASRUpload, len(us))
	for i, u := range us {
		out[i] = ASRUpload(u)
	}
	return out
}

// ASRWebhook returns the URL registered with POST /api/asr/register.
func (s *Server) ASRWebhook() string { return s.sim.ASRWebhook() }
