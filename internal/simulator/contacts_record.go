package simulator

import "slices"

// A contact in the documented JSON shape: its fields as a list of
// attributes.

// contactRecord is the documented JSON shape of a contact, with the keys
// integrators also read (docs/api.md §18.9): the contact's own id (id, or
// _id from contacts/get), ref_id, ref_code, user_owner_id,
// source_contact_id, contact_categories and tenant_id.
type contactRecord struct {
	ID                 string      `json:"id,omitempty"`
	UnderscoreID       string      `json:"_id,omitempty"`
	PublicID           string      `json:"public_id"`
	RefID              *string     `json:"ref_id"`
	RefCode            *string     `json:"ref_code"`
	UserOwnerID        *string     `json:"user_owner_id"`
	SourceContactID    *string     `json:"source_contact_id"` // always null: no contact here comes from another
	ContactCategories  []string    `json:"contact_categories"`
	TenantID           string      `json:"tenant_id"`
	CreateBy           nameObj     `json:"create_by"`
	LastUpdateBy       *nameObj    `json:"last_update_by"`
	CreatedDate        int64       `json:"created_date"`
	LastUpdatedDate    int64       `json:"last_updated_date"`
	ContactType        string      `json:"contact_type"`
	TagsView           []string    `json:"tags_view"`
	IsDeleted          bool        `json:"is_deleted"`
	Tags               []string    `json:"tags"`
	AttributeStructure []attribute `json:"attribute_structure"`
}

type attribute struct {
	Identify  bool        `json:"identify"`
	FieldCode string      `json:"field_code"`
	FieldType string      `json:"field_type"`
	Value     []attrValue `json:"value"`
}

type attrValue struct {
	DisplayValue string  `json:"display_value"`
	DataType     *string `json:"data_type"`
	ValueType    *string `json:"value_type"`
}

// record renders c in the documented shape.
func (c *contact) record() contactRecord {
	text := func(code, typ, v string) attribute {
		return attribute{FieldCode: code, FieldType: typ, Value: []attrValue{{DisplayValue: v}}}
	}
	points := func(code, typ string, ps []contactPoint) attribute {
		a := attribute{FieldCode: code, FieldType: typ, Value: []attrValue{}}
		for _, p := range ps {
			k, l := p.kind(), p.ValueType
			a.Value = append(a.Value, attrValue{DisplayValue: p.Data, DataType: &k, ValueType: &l})
		}
		return a
	}
	more := attribute{FieldCode: "more_infomation", FieldType: "customize", Value: []attrValue{}}
	for _, f := range c.more {
		label := f.ValueType
		more.Value = append(more.Value, attrValue{DisplayValue: f.DisplayValue, ValueType: &label})
	}
	orNull := func(v string) *string {
		if v == "" {
			return nil
		}
		return &v
	}
	rec := contactRecord{
		ID: c.id, PublicID: c.publicID, RefID: orNull(c.refID), RefCode: orNull(c.refCode),
		UserOwnerID: orNull(c.ownerID), ContactCategories: []string{}, TenantID: ccTenantID, CreateBy: nameObj{c.createdBy}, CreatedDate: c.created, LastUpdatedDate: c.updated,
		ContactType: "contact", Tags: append([]string{}, c.tags...),
		AttributeStructure: []attribute{
			text("full_name", "single_text", c.fullName),
			text("job_title", "single_text", c.jobTitle),
			text("gender", "radio", c.gender),
			points("phone_number", "phone", c.phones),
			points("mail", "email", c.emails),
			text("address", "single_text", c.address),
			text("passport", "single_text", c.passport),
			text("note", "multi_text", c.note),
			more,
		},
	}
	if c.updatedBy != "" {
		rec.LastUpdateBy = &nameObj{c.updatedBy}
	}
	return rec
}

// matches reports whether the contact matches a list keyword (phone, email
// or full name).
func (c *contact) matches(keyword string) bool {
	if keyword == "" || containsFold(c.fullName, keyword) {
		return true
	}
	for _, p := range slices.Concat(c.phones, c.emails) {
		if containsFold(p.Data, keyword) {
			return true
		}
	}
	return false
}
