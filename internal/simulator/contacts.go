package simulator

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

func init() { register(domain{routes: (*Server).contactRoutes, seed: (*Server).initContacts}) }

// contactState holds the contacts (customers) and their notes.
type contactState struct {
	list         []*contact // in creation order
	byPhoneNotes map[string][]contactNote
}

// initContacts readies the contact state.
func (s *Server) initContacts() { s.contacts.byPhoneNotes = map[string][]contactNote{} }

// contact is one stored customer. It has two ids: its own (id, or _id
// from contacts/get) and public_id, both 24-hex and distinct (docs/api.md
// §18.9); details and delete take either.
type contact struct {
	id, publicID                     string
	ownerID                          string // the id of the agent whose email is owner; "" for none
	fullName, refID, refCode, owner  string
	jobTitle, note, birthday, gender string
	passport, address                string
	tags                             []string
	more                             []customField
	emails, phones                   []contactPoint
	created, updated                 int64
	createdBy, updatedBy             string
}

type customField struct {
	ValueType    string `json:"value_type"`
	DisplayValue string `json:"display_value"`
}

// contactPoint is a phone or email as sent: add names the kind "value",
// update names it "type"; both are accepted.
type contactPoint struct {
	Data      string `json:"data"`
	Value     string `json:"value"`
	Type      string `json:"type"`
	ValueType string `json:"valueType"`
}

func (p contactPoint) kind() string {
	if p.Type != "" {
		return p.Type
	}
	return p.Value
}

// contactInput is the body of add, an element of add-more, and the body of
// update.
type contactInput struct {
	FullName       string         `json:"fullName"`
	RefID          string         `json:"refId"`
	RefCode        string         `json:"refCode"`
	UserOwnerEmail string         `json:"user_owner_email"`
	JobTitle       string         `json:"job_title"`
	Note           string         `json:"note"`
	Birthday       string         `json:"birthday"`
	Gender         string         `json:"gender"`
	Passport       string         `json:"passport"`
	Address        string         `json:"address"`
	Tags           []string       `json:"tags"`
	MoreInfomation []customField  `json:"more_infomation"`
	Emails         []contactPoint `json:"emails"`
	Phones         []contactPoint `json:"phones"`
}

func (s *Server) contactRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/contacts/list", h: s.handleContactList},
		{method: "POST", pattern: "/api/contacts/add", h: s.handleContactAdd},
		{method: "POST", pattern: "/api/contacts/add-more", h: s.handleContactAddMore},
		{method: "POST", pattern: "/api/contacts/update", h: s.handleContactUpdate},
		{method: "DELETE", pattern: "/api/contacts/delete/{id}", h: s.handleContactDelete},
		{method: "GET", pattern: "/api/contacts/get", h: s.handleContactGet},
		{method: "GET", pattern: "/api/contacts/details/{id}", h: s.handleContactDetails},
	}
}

func (s *Server) handleContactList(r *http.Request) (any, error) {
	var body struct {
		Keyword string `json:"keyword"`
		Filters []struct {
			FieldCode string   `json:"field_code"`
			Value     []string `json:"value"`
		} `json:"filters"`
	}
	return servePage(s, r, listing[*contact, contactRecord]{
		size: 50, body: &body, stored: &s.contacts.list, view: (*contact).record,
		keep: func(c *contact) bool {
			ok := c.matches(strings.TrimSpace(body.Keyword))
			for _, f := range body.Filters {
				if f.FieldCode == "contact_owner" && len(f.Value) > 0 {
					owner := c.owner
					if owner == "" {
						owner = "unassigned"
					}
					ok = ok && slices.ContainsFunc(f.Value, func(v string) bool { return strings.EqualFold(v, owner) })
				}
			}
			return ok
		},
	})
}

// addContact stores a new contact and returns it, or nil when it is not
// created: a contact with no name, phone or email, or whose refId is taken,
// is not (the API then answers payload false). s.mu is held.
func (s *Server) addContact(in contactInput) *contact {
	if in.FullName == "" && len(in.Phones) == 0 && len(in.Emails) == 0 {
		return nil
	}
	if in.RefID != "" && s.contactBy(func(c *contact) bool { return c.refID == in.RefID }) != nil {
		return nil
	}
	now := s.now().UnixMilli()
	publicID := s.objectID()
	c := &contact{publicID: publicID, id: s.objectID(), created: now, updated: now, createdBy: s.cfg.tenant.FullName,
		fullName: in.FullName, refID: in.RefID, refCode: in.RefCode, owner: in.UserOwnerEmail, ownerID: s.agentIDOf(in.UserOwnerEmail),
		jobTitle: in.JobTitle, note: in.Note, birthday: in.Birthday, gender: in.Gender,
		passport: in.Passport, address: in.Address, tags: in.Tags, more: in.MoreInfomation,
		emails: in.Emails, phones: in.Phones}
	s.contacts.list = append(s.contacts.list, c)
	return c
}

// checkContactInput applies the formats the documentation gives.
func checkContactInput(in contactInput) error {
	switch in.Gender {
	case "", "male", "female", "other":
	default:
		return fail("gender_invalid")
	}
	if in.Birthday != "" {
		if _, err := time.Parse("02/01/2006", in.Birthday); err != nil {
			return fail("birthday_invalid")
		}
	}
	return nil
}

func (s *Server) handleContactAdd(r *http.Request) (any, error) {
	var in contactInput
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if err := checkContactInput(in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.addContact(in)
	if c != nil {
		s.emitContactHook("create", c)
	}
	return c != nil, nil
}

// handleContactAddMore accepts the batch and stores every valid contact; as
// the real API works asynchronously, it answers true without a per-item
// outcome.
func (s *Server) handleContactAddMore(r *http.Request) (any, error) {
	var in []contactInput
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if len(in) == 0 {
		return nil, fail("request_body_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var created []*contact
	for _, c := range in {
		if checkContactInput(c) == nil {
			if added := s.addContact(c); added != nil {
				created = append(created, added)
			}
		}
	}
	s.emitContactHook("create", created...)
	return true, nil
}

func (s *Server) handleContactUpdate(r *http.Request) (any, error) {
	var in contactInput
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if err := requiredFields("ref_id", in.RefID); err != nil {
		return nil, err
	}
	if err := checkContactInput(in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contactBy(func(c *contact) bool { return c.refID == in.RefID })
	if c == nil {
		return nil, errNotFound
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&c.fullName, in.FullName)
	if in.UserOwnerEmail != "" {
		c.owner, c.ownerID = in.UserOwnerEmail, s.agentIDOf(in.UserOwnerEmail)
	}
	set(&c.note, in.Note)
	set(&c.birthday, in.Birthday)
	set(&c.gender, in.Gender)
	set(&c.passport, in.Passport)
	set(&c.address, in.Address)
	if in.Tags != nil {
		c.tags = in.Tags
	}
	if in.MoreInfomation != nil {
		c.more = in.MoreInfomation
	}
	if in.Emails != nil {
		c.emails = in.Emails
	}
	if in.Phones != nil {
		c.phones = in.Phones
	}
	c.updated, c.updatedBy = s.now().UnixMilli(), s.cfg.tenant.FullName
	s.emitContactHook("update", c)
	return true, nil
}

func (s *Server) handleContactDelete(r *http.Request) (any, error) {
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.contacts.list, func(c *contact) bool { return c.hasID(id) })
	if i < 0 {
		return nil, errNotFound
	}
	s.emitContactHook("delete", s.contacts.list[i])
	s.contacts.list = slices.Delete(s.contacts.list, i, i+1)
	return true, nil
}

func (s *Server) handleContactGet(r *http.Request) (any, error) {
	q := r.URL.Query()
	var match func(c *contact) bool
	switch {
	case q.Get("phone") != "":
		v := q.Get("phone")
		match = func(c *contact) bool {
			return slices.ContainsFunc(c.phones, func(p contactPoint) bool { return p.Data == v })
		}
	case q.Get("email") != "":
		v := q.Get("email")
		match = func(c *contact) bool {
			return slices.ContainsFunc(c.emails, func(p contactPoint) bool { return strings.EqualFold(p.Data, v) })
		}
	case q.Get("ref_id") != "":
		v := q.Get("ref_id")
		match = func(c *contact) bool { return c.refID == v }
	case q.Get("ref_code") != "":
		v := q.Get("ref_code")
		match = func(c *contact) bool { return c.refCode == v }
	default:
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contactBy(match)
	if c == nil {
		return nil, errNotFound
	}
	rec := c.record()
	rec.UnderscoreID, rec.ID = rec.ID, "" // contacts/get names the own id _id
	return rec, nil
}

func (s *Server) handleContactDetails(r *http.Request) (any, error) {
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.contactBy(func(c *contact) bool { return c.hasID(id) })
	if c == nil {
		return nil, errNotFound
	}
	return c.record(), nil
}

// hasID reports whether id names c: its own id or its public_id.
func (c *contact) hasID(id string) bool { return id != "" && (c.id == id || c.publicID == id) }

// agentIDOf returns the id of the agent whose email is email, or "". s.mu
// is held.
func (s *Server) agentIDOf(email string) string {
	if a := s.agents.byEmail[strings.ToLower(email)]; a != nil {
		return a.id
	}
	return ""
}

// contactBy returns the first contact matching f. s.mu is held.
func (s *Server) contactBy(f func(*contact) bool) *contact {
	if i := slices.IndexFunc(s.contacts.list, f); i >= 0 {
		return s.contacts.list[i]
	}
	return nil
}

// ContactCount returns how many contacts the server holds.
func (s *Server) ContactCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.contacts.list)
}
