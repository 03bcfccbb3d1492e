package omicall

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
)

// ContactService manages customers (contacts). Reach it as c.Contacts.
type ContactService service

// ErrNotApplied is returned when OMICall answers a write with success
// (status_code 9999) but a payload of false. The documentation shows such
// answers ("payload": true/false) without saying what false means; the
// client treats it as "nothing was changed" rather than as success.
var ErrNotApplied = errors.New("omicall: the API answered success with payload false: nothing was applied")

// NameRef is a user reference of the shape {"name": ...} (a contact's
// create_by and last_update_by).
type NameRef struct {
	Name string `json:"name"`
}

// Contact is a customer record: POST /api/contacts/list items and the
// contact of GET /api/contacts/get and /api/contacts/details/:id. Its data
// (name, phones, emails, ...) lives in AttributeStructure; the methods
// FullName, Phones, Emails, ... read it.
type Contact struct {
	// ID is the contact's own id (id, or _id in the answer of Lookup), a
	// 24-hex value. Get and Delete take it, as they take PublicID.
	ID string `json:"id"`
	// PublicID is the contact's public id (the documentation's delete
	// endpoint is "/api/contacts/delete/:public_id").
	PublicID           string          `json:"public_id"`
	RefID              string          `json:"ref_id"`            // the id in your system (CreateContactRequest.RefID)
	RefCode            string          `json:"ref_code"`          // a code in your system
	UserOwnerID        string          `json:"user_owner_id"`     // the agent who owns the contact
	SourceContactID    string          `json:"source_contact_id"` // the contact it was made from, if any
	TenantID           string          `json:"tenant_id"`
	Categories         json.RawMessage `json:"contact_categories,omitempty"` // as sent; the shape is not documented
	CreateBy           NameRef         `json:"create_by"`
	LastUpdateBy       NameRef         `json:"last_update_by"`
	CreatedDate        Time            `json:"created_date"`
	LastUpdatedDate    Time            `json:"last_updated_date"`
	ContactType        string          `json:"contact_type"` // "contact" (customers) or "agent"
	TagsView           TagList         `json:"tags_view"`
	IsDeleted          Bool            `json:"is_deleted"`
	Tags               TagList         `json:"tags"`
	AttributeStructure Attributes      `json:"attribute_structure"`
}

// FullName returns the contact's full name.
func (c *Contact) FullName() string { return c.AttributeStructure.First(FieldCodeFullName) }

// JobTitle returns the contact's job title.
func (c *Contact) JobTitle() string { return c.AttributeStructure.First(FieldCodeJobTitle) }

// Gender returns "male", "female", "other" or "".
func (c *Contact) Gender() string { return c.AttributeStructure.First(FieldCodeGender) }

// Address returns the contact's address.
func (c *Contact) Address() string { return c.AttributeStructure.First(FieldCodeAddress) }

// Passport returns the contact's passport or ID-card number.
func (c *Contact) Passport() string { return c.AttributeStructure.First(FieldCodePassport) }

// Note returns the contact's note.
func (c *Contact) Note() string { return c.AttributeStructure.First(FieldCodeNote) }

// Phone returns the contact's first phone number.
func (c *Contact) Phone() string { return c.AttributeStructure.First(FieldCodePhoneNumber) }

// Phones returns every phone number of the contact.
func (c *Contact) Phones() []string { return c.AttributeStructure.All(FieldCodePhoneNumber) }

// Email returns the contact's first email address.
func (c *Contact) Email() string { return c.AttributeStructure.First(FieldCodeMail) }

// Emails returns every email address of the contact.
func (c *Contact) Emails() []string { return c.AttributeStructure.All(FieldCodeMail) }

// CustomFields returns the contact's custom fields (more_infomation): each
// value's ValueType is the field's label and DisplayValue its value.
func (c *Contact) CustomFields() []AttributeValue {
	return c.AttributeStructure.Values(FieldCodeMoreInformation)
}

// UnmarshalJSON decodes the documented record (attribute_structure), the
// contact's own id from id or else _id, and
// also the flat camelCase shape an older version of the documentation shows
// for a contact ({publicId, fullName, emails: [{data, type, valueType}],
// ...}), which it turns into attributes. It never fails.
func (c *Contact) UnmarshalJSON(b []byte) error {
	type plain Contact
	var p struct {
		plain
		ID  numText `json:"id"`
		UID numText `json:"_id"` // the answer of Lookup (contacts/get)
	}
	_ = decodeLenient(b, &p)
	*c = Contact(p.plain)
	c.ID = string(cmp.Or(p.ID, p.UID))
	if len(c.AttributeStructure) > 0 {
		return nil
	}
	var f struct {
		PublicID    string `json:"publicId"`
		ContactType string `json:"contactType"`
		FullName    string `json:"fullName"`
		JobTitle    string `json:"jobTitle"`
		Gender      string `json:"gender"`
		Passport    string `json:"passport"`
		Address     string `json:"address"`
		Note        string `json:"note"`
		Emails      []struct {
			Data      string `json:"data"`
			Type      string `json:"type"`
			Value     string `json:"value"`
			ValueType string `json:"valueType"`
		} `json:"emails"`
		Phones []struct {
			Data      string `json:"data"`
			Type      string `json:"type"`
			Value     string `json:"value"`
			ValueType string `json:"valueType"`
		} `json:"phones"`
	}
	if decodeLenient(b, &f) != nil {
		return nil
	}
	c.PublicID = cmp.Or(c.PublicID, f.PublicID)
	c.ContactType = cmp.Or(c.ContactType, f.ContactType)
	a := &c.AttributeStructure
	a.addTexts(f.FullName, f.JobTitle, f.Gender, f.Address, f.Passport, f.Note)
	for _, e := range f.Emails {
		a.add(FieldCodeMail, "email", AttributeValue{DisplayValue: e.Data, DataType: cmp.Or(e.Type, e.Value), ValueType: e.ValueType})
	}
	for _, p := range f.Phones {
		a.add(FieldCodePhoneNumber, "phone", AttributeValue{DisplayValue: p.Data, DataType: cmp.Or(p.Type, p.Value), ValueType: p.ValueType})
	}
	return nil
}

// ContactListOptions selects a page of POST /api/contacts/list: the
// ListOptions fields plus Filters. Page and Size travel in the query
// (defaults 1 and DefaultPageSize, Size at most MaxPageSize), Keyword and
// Filters in the body.
type ContactListOptions struct {
	Page    int
	Size    int
	Keyword string          // a phone number, email or full name
	Filters []ContactFilter // e.g. ContactOwnerFilter(ContactOwnerUnassigned)
}

// ContactFilter is one filter of a contact search.
type ContactFilter struct {
	FieldCode string   `json:"field_code"` // the only documented one is "contact_owner"
	Value     []string `json:"value"`
}

// ContactOwnerUnassigned, in a ContactOwnerFilter, matches contacts that no
// agent is responsible for.
const ContactOwnerUnassigned = "unassigned"

// ContactOwnerFilter matches contacts whose responsible agent has one of the
// given emails (or none, with ContactOwnerUnassigned).
func ContactOwnerFilter(owners ...string) ContactFilter {
	return ContactFilter{FieldCode: "contact_owner", Value: owners}
}

// List returns one page of contacts matching opts (nil: the first page of
// all contacts). OMICall API: POST /api/contacts/list. Retried (read-only).
func (s *ContactService) List(ctx context.Context, opts *ContactListOptions) (*Page[Contact], error) {
	spec, o := contactList(opts)
	return listPage[Contact](ctx, s.e, spec, &o)
}

// contactList splits the caller's options into the list and its paging.
func contactList(opts *ContactListOptions) (listSpec, ListOptions) {
	o := derefOr(opts)
	spec := listSpec{method: http.MethodPost, path: "/api/contacts/list"}
	if len(o.Filters) > 0 {
		spec.filters = o.Filters
	}
	return spec,
		ListOptions{Page: o.Page, Size: o.Size, Keyword: o.Keyword}
}

// All iterates over every contact matching opts, page by page, starting at
// opts.Page (default 1). OMICall API: POST /api/contacts/list. Retried.
func (s *ContactService) All(ctx context.Context, opts *ContactListOptions) iter.Seq2[Contact, error] {
	spec, o := contactList(opts)
	return listAll[Contact](ctx, s.e, spec, &o)
}

// Create creates a contact and returns it, as every Create returns what it
// created. The API answers only true or false, not the new contact or its
// id, so the Contact returned holds what was sent (its attributes, type and
// tags) and no PublicID: find the stored one with Lookup (by phone, email,
// ref id or ref code). A payload of false is ErrNotApplied. The contact is
// checked before sending (see CreateContactRequest). OMICall API: POST
// /api/contacts/add. Never retried (see ContextWithRetry).
func (s *ContactService) Create(ctx context.Context, contact *CreateContactRequest) (*Contact, error) {
	if contact == nil {
		return nil, &ValidationError{Field: "contact", Reason: "is required"}
	}
	if err := contact.validate(""); err != nil {
		return nil, err
	}
	body := contact.wire()
	if err := s.e.doApplied(ctx, &request{method: http.MethodPost, path: "/api/contacts/add", body: body}); err != nil {
		return nil, err
	}
	return body.contact(), nil
}

// CreateMany creates several contacts in one request. Every contact is checked
// first: if one is invalid, nothing is sent and the *ValidationError names it
// by index (e.g. "contacts[3].Phones[0].Data"). OMICall processes the batch
// asynchronously and answers only true or false for the whole batch: it
// reports no per-contact outcome, so check the result with Lookup or List
// later. A payload of false is ErrNotApplied. OMICall API: POST
// /api/contacts/add-more. Never retried (see ContextWithRetry).
func (s *ContactService) CreateMany(ctx context.Context, contacts []CreateContactRequest) error {
	if len(contacts) == 0 {
		return &ValidationError{Field: "contacts", Reason: "must not be empty"}
	}
	body := make([]contactInputWire, len(contacts))
	for i := range contacts {
		if err := contacts[i].validate(fmt.Sprintf("contacts[%d].", i)); err != nil {
			return err
		}
		body[i] = contacts[i].wire()
	}
	return s.e.doApplied(ctx, &request{method: http.MethodPost, path: "/api/contacts/add-more", body: body})
}

// Update changes the contact whose refId is u.RefID; fields left empty are
// not sent. Emails and phones travel as {data, type, valueType}, the shape
// the documentation gives for this endpoint (Create's shape names the sub-type
// key "value" instead; which one the server reads is not documented). A
// payload of false is ErrNotApplied. OMICall API: POST /api/contacts/update.
// Never retried (see ContextWithRetry).
func (s *ContactService) Update(ctx context.Context, u *UpdateContactRequest) error {
	if u == nil {
		return &ValidationError{Field: "update", Reason: "is required"}
	}
	if err := u.validate(); err != nil {
		return err
	}
	return s.e.doApplied(ctx, &request{method: http.MethodPost, path: "/api/contacts/update", body: u.wire()})
}

// Delete deletes the contact whose id (Contact.PublicID) is id. A payload of
// false is ErrNotApplied. OMICall API: DELETE /api/contacts/delete/:id.
// Retried.
func (s *ContactService) Delete(ctx context.Context, id string) error {
	if err := requiredSegment("id", id); err != nil {
		return err
	}
	return s.e.doApplied(ctx, &request{method: http.MethodDelete, path: "/api/contacts/delete/" + url.PathEscape(id)})
}

// ContactKey is the key GET /api/contacts/get looks a contact up by.
type ContactKey string

// The documented lookup keys.
const (
	ContactByPhone   ContactKey = "phone"
	ContactByEmail   ContactKey = "email"
	ContactByRefID   ContactKey = "ref_id"   // Create's refId
	ContactByRefCode ContactKey = "ref_code" // Create's refCode
)

// Lookup returns the contact whose key `by` equals value (to find one by
// its id, use Get). An empty payload is ErrNotFound. The response is
// undocumented; it is read as a contact record (see Contact). OMICall API:
// GET /api/contacts/get. Retried.
func (s *ContactService) Lookup(ctx context.Context, by ContactKey, value string) (*Contact, error) {
	switch by {
	case ContactByPhone, ContactByEmail, ContactByRefID, ContactByRefCode:
	default:
		return nil, &ValidationError{Field: "by", Reason: "must be ContactByPhone, ContactByEmail, ContactByRefID or ContactByRefCode"}
	}
	if err := required(string(by), value); err != nil {
		return nil, err
	}
	return s.getContact(ctx, "/api/contacts/get", url.Values{string(by): {value}})
}

// Get returns the contact whose id (Contact.PublicID) is id. An empty
// payload is ErrNotFound. OMICall API: GET /api/contacts/details/:id.
// Retried.
func (s *ContactService) Get(ctx context.Context, id string) (*Contact, error) {
	if err := requiredSegment("id", id); err != nil {
		return nil, err
	}
	return s.getContact(ctx, "/api/contacts/details/"+url.PathEscape(id), nil)
}

func (s *ContactService) getContact(ctx context.Context, path string, q url.Values) (*Contact, error) {
	var out *Contact
	if err := s.e.do(ctx, &request{method: http.MethodGet, path: path, query: q, out: &out}); err != nil {
		return nil, err
	}
	if out == nil {
		return nil, &APIError{HTTPStatus: http.StatusOK, StatusCode: statusSuccess, Code: "not_found", Method: http.MethodGet, Path: path}
	}
	return out, nil
}
