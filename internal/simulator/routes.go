package simulator

import (
	"cmp"
	"net/http"
	"slices"
)

// authKind says how a route authenticates its caller.
type authKind int

const (
	authBearer authKind = iota // Authorization: Bearer <token>
	authNone                   // the token endpoint itself
	authAPIKey                 // x-api-key: <API key>
	authSpeech                 // apikey: <API key> (AI hosts)
)

// handlerFunc serves one route: it returns the payload to wrap in the
// envelope, or an error (an *apiError picks the status and code).
type handlerFunc func(r *http.Request) (any, error)

// route is one row of the routing table.
type route struct {
	method  string
	pattern string // net/http pattern path, e.g. /api/call_transaction/detail/{transaction_id}
	auth    authKind
	raw     bool // write the payload as the whole body (no envelope)
	h       handlerFunc
}

// domain is one part of the simulated API, registered by its own file:
// the routes it serves and how its state is seeded.
type domain struct {
	routes func(*Server) []route // nil: no routes
	seed   func(*Server)         // readies the domain's state in New; nil: nothing to ready
	// seedOrder is when seed runs in New, lowest first. Seeds draw on the
	// seeded random source in this order, so it fixes every seeded id, and
	// a seed may read what an earlier one made. A seed that does neither
	// leaves it 0.
	seedOrder int
}

// domains are the registered domains, in seed order.
var domains []domain

// register adds a domain; each domain file calls it from its init.
func register(d domain) {
	i, _ := slices.BinarySearchFunc(domains, d, func(a, b domain) int { return cmp.Compare(a.seedOrder, b.seedOrder) })
	for i < len(domains) && domains[i].seedOrder == d.seedOrder {
		i++ // after the domains of the same order: registration order
	}
	domains = slices.Insert(domains, i, d)
}

// seed readies every domain's state, in seed order.
func (s *Server) seed() {
	for _, d := range domains {
		if d.seed != nil {
			d.seed(s)
		}
	}
}

// routes is the routing table: every domain's routes.
func (s *Server) routes() []route {
	var out []route
	for _, d := range domains {
		if d.routes != nil {
			out = append(out, d.routes(s)...)
		}
	}
	return out
}

func (s *Server) buildMux() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		name := rt.method + " " + rt.pattern
		mux.HandleFunc(name, s.serve(name, rt))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.count("UNKNOWN " + r.URL.Path)
		writeEnvelope(w, http.StatusNotFound, -9999, "not_found", nil)
	})
	return mux
}

// serve wraps a route with counting, faults, authentication and the envelope.
func (s *Server) serve(name string, rt route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.count(name)
		if s.applyFaults(w, r, name) {
			return
		}
		if err := s.authenticate(r, rt.auth); err != nil {
			writeError(w, err)
			return
		}
		payload, err := rt.h(r)
		if err != nil {
			writeError(w, err)
			return
		}
		if b, ok := payload.(binaryBody); ok {
			if b.contentType != "" {
				w.Header().Set("Content-Type", b.contentType)
			}
			w.WriteHeader(cmp.Or(b.status, http.StatusOK))
			_, _ = w.Write(b.data)
			return
		}
		if rt.raw {
			writeJSON(w, http.StatusOK, payload)
			return
		}
		writeEnvelope(w, http.StatusOK, 9999, "", payload)
	}
}
