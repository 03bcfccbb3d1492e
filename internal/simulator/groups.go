package simulator

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Internal groups: the ring groups of extensions an inbound call goes to.

func init() { register(domain{routes: (*Server).groupRoutes}) }

func (s *Server) groupRoutes() []route {
	const p = "/api/call_center/internal_group"
	return []route{
		{method: "GET", pattern: p + "/list", h: s.handleGroupList},
		{method: "POST", pattern: p + "/add", h: s.handleGroupSave},
		{method: "POST", pattern: p + "/update/{id}", h: s.handleGroupSave},
		{method: "POST", pattern: p + "/add-members", h: s.handleGroupMembers(true)},
		{method: "POST", pattern: p + "/remove-members", h: s.handleGroupMembers(false)},
		{method: "DELETE", pattern: p + "/delete/{id}", h: ccDeleteByID(s, &s.cc.groups, func(g *ccGroup) string { return g.ID })},
	}
}

// ccGroup is an internal group in the JSON shape of the API.
type ccGroup struct {
	ID                        string     `json:"_id"`
	TenantID                  string     `json:"tenant_id"`
	GroupName                 string     `json:"group_name"`
	GroupNameUnsigned         string     `json:"group_name_unsigned"`
	GroupNumber               string     `json:"group_number"`
	CreatedDate               int64      `json:"created_date"`
	LastUpdatedDate           int64      `json:"last_updated_date"`
	CreateBy                  *ccActor   `json:"create_by"`
	LastUpdateBy              *ccActor   `json:"last_update_by"`
	IsDeleted                 bool       `json:"is_deleted"`
	Note                      *string    `json:"note"`
	Members                   []ccMember `json:"members"`
	IsForwardToUserOwner      *bool      `json:"is_forward_to_user_owner"`
	IsForwardToOuterGroup     bool       `json:"is_forward_to_outer_group"`
	OuterGroupID              *string    `json:"outer_group_id"`
	Strategy                  string     `json:"strategy"`
	RingBackID                string     `json:"ring_back_id"`
	IsAnswer                  string     `json:"is_answer"`
	TargetTimeoutType         string     `json:"target_timeout_type"`
	TargetTimeout             string     `json:"target_timeout"`
	RingGroupType             int        `json:"ring_group_type"`
	RingGroupWaitTime         int        `json:"ring_group_wait_time"`
	RingGroupWaitTimeSequence int        `json:"ring_group_wait_time_sequence"`
	EnableCriteria            bool       `json:"enable_criteria"`
	Criterias                 []string   `json:"criterias"`
	SIPMembers                []string   `json:"sip_members"`
	Timeout                   int        `json:"timeout"`
}

type ccMember struct {
	AgentID     string  `json:"agent_id"`
	ContactID   string  `json:"contact_id"`
	Order       int     `json:"order"`
	Timeout     int     `json:"timeout"`
	SIPUser     string  `json:"sip_user"`
	HoldMusicID *string `json:"hold_music_id"`
}

// groupRequest is the body of internal_group/add and update/{id}.
type groupRequest struct {
	GroupName         string   `json:"group_name"`
	Strategy          string   `json:"strategy"`
	SIPMembers        []string `json:"sip_members"`
	Timeout           int      `json:"timeout"`
	TargetTimeoutType string   `json:"target_timeout_type"`
	TargetTimeout     string   `json:"target_timeout"`
}

// checkGroup validates a group body. s.mu is held.
func (s *Server) checkGroup(in groupRequest) error {
	if strings.TrimSpace(in.GroupName) == "" || in.Strategy == "" || len(in.SIPMembers) == 0 || in.Timeout <= 0 {
		return fail("data_is_required")
	}
	if !slices.Contains([]string{"enterprise", "rollover", "random"}, in.Strategy) {
		return failHTTP(http.StatusBadRequest, "strategy_invalid")
	}
	if !slices.Contains([]string{"", "Recording", "Ivr_menu", "Ring_group", "Voice_mail"}, in.TargetTimeoutType) {
		return failHTTP(http.StatusBadRequest, "target_timeout_type_invalid")
	}
	for _, ext := range in.SIPMembers {
		if !s.extensionExists(ext) {
			return fail("extension_invalid")
		}
	}
	return nil
}

// snapshot returns a copy of g that shares no memory with it. s.mu is held.
func (g *ccGroup) snapshot() *ccGroup {
	c := *g
	c.Members, c.SIPMembers, c.Criterias = slices.Clone(g.Members), slices.Clone(g.SIPMembers), slices.Clone(g.Criterias)
	return &c
}

// setGroup applies a validated body to g. s.mu is held.
func (s *Server) setGroup(g *ccGroup, in groupRequest, at int64) {
	s.cc.number++
	if g.GroupNumber == "" {
		g.GroupNumber = strconv.Itoa(38000 + s.cc.number)
	}
	g.TenantID, g.GroupName, g.GroupNameUnsigned = ccTenantID, in.GroupName, stripVietnamese(in.GroupName)
	g.Strategy, g.Timeout, g.LastUpdatedDate = in.Strategy, in.Timeout, at
	g.TargetTimeoutType, g.TargetTimeout, g.IsAnswer = in.TargetTimeoutType, in.TargetTimeout, "false"
	g.SIPMembers, g.Members, g.Criterias = nil, []ccMember{}, []string{}
	s.addMembers(g, in.SIPMembers)
}

// addMembers adds extensions to g, once each. s.mu is held.
func (s *Server) addMembers(g *ccGroup, exts []string) {
	for _, ext := range exts {
		a := s.agents.byExt[ext]
		if a == nil || slices.Contains(g.SIPMembers, ext) {
			continue
		}
		g.SIPMembers = append(g.SIPMembers, ext)
		g.Members = append(g.Members, ccMember{AgentID: a.id, ContactID: a.contactID, Order: len(g.Members), Timeout: g.Timeout, SIPUser: ext})
	}
}

// dropMember removes an extension from every group. s.mu is held.
func (s *Server) dropMember(ext string) {
	for _, g := range s.cc.groups {
		if i := slices.Index(g.SIPMembers, ext); i >= 0 {
			g.SIPMembers = slices.Delete(g.SIPMembers, i, i+1)
			g.Members = slices.DeleteFunc(g.Members, func(m ccMember) bool { return m.SIPUser == ext })
		}
	}
}

func (s *Server) handleGroupList(r *http.Request) (any, error) {
	return ccListPage(s, r, &s.cc.groups, func(g *ccGroup) string { return g.GroupName }, (*ccGroup).snapshot)
}

// handleGroupSave serves internal_group/add and update/{id}.
func (s *Server) handleGroupSave(r *http.Request) (any, error) {
	var in groupRequest
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, at := r.PathValue("id"), s.now().UnixMilli()
	g := s.findGroup(id)
	if id != "" && g == nil {
		return nil, errNotFound
	}
	if err := s.checkGroup(in); err != nil {
		return nil, err
	}
	if g == nil {
		g = &ccGroup{ID: s.objectID(), CreatedDate: at, CreateBy: s.ccCreator()}
		s.cc.groups = append(s.cc.groups, g)
	} else {
		g.LastUpdateBy = s.ccCreator()
	}
	s.setGroup(g, in, at)
	return g.snapshot(), nil
}

func (s *Server) findGroup(id string) *ccGroup {
	for _, g := range s.cc.groups {
		if g.ID == id {
			return g
		}
	}
	return nil
}

func (s *Server) handleGroupMembers(add bool) handlerFunc {
	return func(r *http.Request) (any, error) {
		var in struct {
			GroupID  string   `json:"group_id"`
			SIPUsers []string `json:"sip_users"`
		}
		if err := decodeBody(r, &in); err != nil {
			return nil, err
		}
		if in.GroupID == "" || len(in.SIPUsers) == 0 {
			return nil, fail("data_is_required")
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		g := s.findGroup(in.GroupID)
		if g == nil {
			return nil, errNotFound
		}
		for _, ext := range in.SIPUsers {
			if !s.extensionExists(ext) {
				return nil, fail("extension_invalid")
			}
		}
		if add {
			s.addMembers(g, in.SIPUsers)
		} else {
			for _, ext := range in.SIPUsers {
				g.SIPMembers = slices.DeleteFunc(g.SIPMembers, func(m string) bool { return m == ext })
				g.Members = slices.DeleteFunc(g.Members, func(m ccMember) bool { return m.SIPUser == ext })
			}
		}
		g.LastUpdatedDate, g.LastUpdateBy = s.now().UnixMilli(), s.ccCreator()
		return true, nil
	}
}
