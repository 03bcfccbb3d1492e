package simulator

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// agentsSeedOrder is when the agents are seeded: first, as the call center
// and the history name them.
const agentsSeedOrder = 1

func init() {
	register(domain{routes: (*Server).agentRoutes, seed: (*Server).initAgents, seedOrder: agentsSeedOrder})
}

// The PBX endpoints the simulated extensions advertise.
const (
	simOutboundProxy = "wss://sip.omicall-sim.invalid"
	simWebSocket     = "wss://sip.omicall-sim.invalid:7443"
	simSIPProxy      = "<sip:127.0.0.1;transport=udp>"
	firstExtension   = 100
)

// agentState holds the agents and their PBX extensions.
type agentState struct {
	list    []*simAgent          // in creation order
	byEmail map[string]*simAgent // lower-cased email
	byUUID  map[string]*simAgent
	byExt   map[string]*simAgent
	nextExt int // next extension number to try
}

// simAgent is an agent and its extension.
type simAgent struct {
	id, contactID                              string
	email, fullName, phone, gender, role, uuid string
	owner                                      string
	active                                     bool
	created, updated                           int64 // ms

	ext        string // extension number (SIP user)
	password   string // SIP password
	enabled    bool   // registered on the PBX
	hotline    string // dedicated hotline, "" for none
	hotlineDir []string
}

// seedAgents are the agents every simulator starts with.
var seedAgents = []struct{ name, email, phone, gender, role, uuid string }{
	{"Nguyễn Văn An", "an.nguyen@democo.example", "0901000001", "male", "Giám đốc", "crm-user-1"},
	{"Trần Thị Bình", "binh.tran@democo.example", "0901000002", "female", "Trưởng nhóm sale", "crm-user-2"},
	{"Lê Văn Cường", "cuong.le@democo.example", "0901000003", "male", "Sale", "crm-user-3"},
}

func (s *Server) initAgents() {
	s.agents = agentState{
		byEmail: map[string]*simAgent{}, byUUID: map[string]*simAgent{}, byExt: map[string]*simAgent{},
		nextExt: firstExtension,
	}
	base := time.Date(2024, 1, 2, 9, 0, 0, 0, time.UTC)
	for i, a := range seedAgents {
		at := base.Add(time.Duration(i) * 24 * time.Hour).UnixMilli()
		s.addAgent(a.name, a.email, a.phone, a.gender, a.role, "", a.uuid, at)
	}
}

// addAgent creates an agent with the next free extension. s.mu is held (or
// the server is being built).
func (s *Server) addAgent(name, email, phone, gender, role, owner, uuid string, at int64) *simAgent {
	st := &s.agents
	for st.byExt[fmt.Sprint(st.nextExt)] != nil {
		st.nextExt++
	}
	ext := fmt.Sprint(st.nextExt)
	st.nextExt++
	a := &simAgent{
		id: s.objectID(), contactID: s.objectID(),
		email: email, fullName: name, phone: phone, gender: gender, role: role, owner: owner, uuid: uuid,
		active: true, created: at, updated: at,
		ext: ext, password: s.sipPassword(ext), enabled: true,
	}
	st.list = append(st.list, a)
	st.byEmail[strings.ToLower(email)] = a
	st.byExt[ext] = a
	if uuid != "" {
		st.byUUID[uuid] = a
	}
	return a
}

// Agent is an agent to seed with AddAgent.
type Agent struct {
	FullName, Email, Role, OwnerEmail, UUID string
}

// AddAgent adds an agent with the next free extension, without the
// validation and the agent limit of POST /api/agent/invite, and returns its
// extension. An agent whose email the server already holds is left as it is
// and its extension returned.
func (s *Server) AddAgent(in Agent) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.agents.byEmail[strings.ToLower(in.Email)]; a != nil {
		return a.ext
	}
	return s.addAgent(in.FullName, in.Email, "", "", in.Role, in.OwnerEmail, in.UUID, s.now().UnixMilli()).ext
}

// sipPassword derives the password of extension ext from the seed alone, so
// it does not depend on what else drew from the shared random source.
func (s *Server) sipPassword(ext string) string {
	var n uint64
	for _, c := range ext {
		n = n*31 + uint64(c)
	}
	r := rand.New(rand.NewPCG(s.cfg.seed, n))
	b := make([]byte, 10)
	for i := range b {
		if i < 4 {
			b[i] = byte('a' + r.IntN(26))
		} else {
			b[i] = byte('0' + r.IntN(10))
		}
	}
	return string(b)
}

// removeAgent deletes an agent, its extension and every reference to it.
// s.mu is held.
func (s *Server) removeAgent(a *simAgent) {
	st := &s.agents
	for i, x := range st.list {
		if x == a {
			st.list = append(st.list[:i], st.list[i+1:]...)
			break
		}
	}
	delete(st.byEmail, strings.ToLower(a.email))
	delete(st.byExt, a.ext)
	if a.uuid != "" {
		delete(st.byUUID, a.uuid)
	}
	s.dropMember(a.ext)
}

// extensionExists reports whether ext is a known extension. s.mu is held.
func (s *Server) extensionExists(ext string) bool { return s.agents.byExt[ext] != nil }

// extensionRegistered reports whether ext is enabled (registered on the PBX).
// s.mu is held.
func (s *Server) extensionRegistered(ext string) bool {
	a := s.agents.byExt[ext]
	return a != nil && a.enabled
}

// agentName returns the name of the agent on extension ext. s.mu is held.
func (s *Server) agentName(ext string) string {
	if a := s.agents.byExt[ext]; a != nil {
		return a.fullName
	}
	return "Agent " + ext
}

// publicNumber is the hotline extension a uses for outgoing calls. s.mu is
// held.
func (s *Server) publicNumber(a *simAgent) string {
	if a.hotline != "" {
		return a.hotline
	}
	if h := s.hotlines(); len(h) > 0 {
		return h[0]
	}
	return ""
}

func (s *Server) agentRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/agent/list", h: s.handleAgentList},
		{method: "DELETE", pattern: "/api/agent/delete", h: s.handleAgentDelete},
		{method: "GET", pattern: "/api/v2/agent/get-by-email", h: s.handleAgentByEmail},
		{method: "POST", pattern: "/api/v2/agent/get-by-email", h: s.handleAgentByEmail},
	}
}

// agentRecord is an item of GET /api/agent/list.
type agentRecord struct {
	CreateBy        nameObj     `json:"create_by"`
	LastUpdateBy    nameObj     `json:"last_update_by"`
	CreatedDate     int64       `json:"created_date"`
	LastUpdatedDate int64       `json:"last_updated_date"`
	PublicID        *string     `json:"public_id"`
	ContactType     string      `json:"contact_type"`
	TagsView        []string    `json:"tags_view"`
	IsDeleted       bool        `json:"is_deleted"`
	Tags            []string    `json:"tags"`
	IsActive        bool        `json:"is_active"`
	IdentifyInfo    string      `json:"identify_info"`
	Attributes      []agentAttr `json:"attribute_structure"`
}

type agentAttr struct {
	Identify  *bool          `json:"identify"`
	FieldCode string         `json:"field_code"`
	FieldType string         `json:"field_type"`
	Value     []agentAttrVal `json:"value"`
}

type agentAttrVal struct {
	DisplayValue *string `json:"display_value"`
	DataType     *string `json:"data_type"`
	ValueType    *string `json:"value_type"`
}

func optStr(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}

func (s *Server) agentRecord(a *simAgent) agentRecord {
	by := nameObj{Name: s.cfg.tenant.FullName}
	genderLabel := map[string]string{"male": "Nam", "female": "Nữ"}[a.gender]
	attr := func(code, typ, val, dataType, valueType string) agentAttr {
		return agentAttr{FieldCode: code, FieldType: typ, Value: []agentAttrVal{{optStr(val), optStr(dataType), optStr(valueType)}}}
	}
	return agentRecord{
		CreateBy: by, LastUpdateBy: by, CreatedDate: a.created, LastUpdatedDate: a.updated,
		ContactType: "agent", TagsView: []string{}, Tags: []string{}, IsActive: a.active, IdentifyInfo: a.email,
		Attributes: []agentAttr{
			attr("full_name", "single_text", a.fullName, "single_text", ""),
			attr("mail", "email", a.email, "personal", "Cá nhân"),
			attr("gender", "radio", a.gender, a.gender, genderLabel),
			attr("phone_number", "phone", a.phone, "personal", "Cá nhân"),
		},
	}
}

func (s *Server) handleAgentList(r *http.Request) (any, error) {
	kw := searchKey(r.URL.Query().Get("keyword"))
	return servePage(s, r, listing[*simAgent, agentRecord]{
		size: 50, stored: &s.agents.list, newest: true, view: s.agentRecord,
		keep: func(a *simAgent) bool {
			return kw == "" || strings.Contains(searchKey(a.fullName), kw) || strings.Contains(searchKey(a.email), kw) || strings.Contains(a.phone, kw)
		},
	})
}

func (s *Server) handleAgentDelete(r *http.Request) (any, error) {
	email := r.URL.Query().Get("identify_info")
	if email == "" {
		return nil, fail("identify_info_invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.agents.byEmail[strings.ToLower(email)]
	if a == nil {
		return nil, errNotFound
	}
	s.removeAgent(a)
	return true, nil
}

// handleAgentByEmail answers GET ?email= and POST {"email": ...} alike.
func (s *Server) handleAgentByEmail(r *http.Request) (any, error) {
	email := r.URL.Query().Get("email")
	if r.Method == http.MethodPost {
		var in struct {
			Email string `json:"email"`
		}
		if err := decodeBody(r, &in); err != nil {
			return nil, err
		}
		email = in.Email
	}
	if email == "" {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.agents.byEmail[strings.ToLower(email)]
	if a == nil {
		return nil, fail("resource_not_found")
	}
	return map[string]any{
		"_id": a.id, "identify_info": a.email, "full_name": a.fullName,
		"pbx_account": map[string]string{"sip_user": a.ext, "sip_password": a.password},
	}, nil
}
