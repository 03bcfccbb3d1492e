package omicall

import (
	"fmt"
	"strings"
	"time"
)

// CreateContactRequest is a new contact: the body of POST /api/contacts/add, and one
// element of POST /api/contacts/add-more. The API flags no field as
// required; the client asks for at least a full name, a phone or an email (a
// contact with none of them could not be found again) and checks the format
// of the fields below before sending.
type CreateContactRequest struct {
	FullName       string   `json:"fullName,omitempty"`         // camelCase on the wire
	RefID          string   `json:"refId,omitempty"`            // the customer's id in your system (camelCase)
	RefCode        string   `json:"refCode,omitempty"`          // the customer's code in your system (camelCase)
	UserOwnerEmail string   `json:"user_owner_email,omitempty"` // email of the responsible agent
	JobTitle       string   `json:"job_title,omitempty"`
	Note           string   `json:"note,omitempty"`
	Birthday       string   `json:"birthday,omitempty"` // dd/MM/yyyy, e.g. "31/12/1990"; see FormatBirthday
	Gender         string   `json:"gender,omitempty"`   // "male", "female" or "other"
	Passport       string   `json:"passport,omitempty"` // passport or ID-card number
	Address        string   `json:"address,omitempty"`
	Tags           []string `json:"tags,omitempty"`
	// MoreInformation holds custom fields (wire name "more_infomation",
	// sic).
	MoreInformation []CustomField  `json:"more_infomation,omitempty"`
	Emails          []ContactPoint `json:"emails,omitempty"`
	Phones          []ContactPoint `json:"phones,omitempty"`
}

// UpdateContactRequest is the body of POST /api/contacts/update. RefID selects the
// contact (the documentation calls it "customer id"; it is taken to be Create's
// refId, the only identifying field the endpoint offers). Empty fields are
// not sent, so they keep their value. The endpoint has no refCode and no
// job_title field.
type UpdateContactRequest struct {
	RefID           string         `json:"refId"` // required
	FullName        string         `json:"fullName,omitempty"`
	UserOwnerEmail  string         `json:"user_owner_email,omitempty"`
	Note            string         `json:"note,omitempty"`
	Birthday        string         `json:"birthday,omitempty"` // dd/MM/yyyy
	Gender          string         `json:"gender,omitempty"`   // "male", "female" or "other"
	Passport        string         `json:"passport,omitempty"`
	Address         string         `json:"address,omitempty"`
	Tags            []string       `json:"tags,omitempty"`
	MoreInformation []CustomField  `json:"more_infomation,omitempty"`
	Emails          []ContactPoint `json:"emails,omitempty"` // sent as {data, type, valueType}
	Phones          []ContactPoint `json:"phones,omitempty"` // sent as {data, type, valueType}
}

// CustomField is a custom field of a contact: ValueType is the field's label
// (e.g. "Cao", height), DisplayValue its value (e.g. "1.75m").
type CustomField struct {
	ValueType    string `json:"value_type"`
	DisplayValue string `json:"display_value"`
}

// ContactPoint is one phone number or email address of a contact being
// added or updated. Its JSON is Create's shape {data, value, valueType}; Update
// sends {data, type, valueType}.
type ContactPoint struct {
	Data string `json:"data"` // the number or address (required)
	// Type is ContactPointHome, ContactPointPersonal or ContactPointOffice;
	// empty means ContactPointPersonal.
	Type string `json:"value"`
	// ValueType is the label shown in the console; empty means the label of
	// Type ("Nhà", "Cá nhân" or "Công ty").
	ValueType string `json:"valueType"`
}

// The documented kinds of a ContactPoint.
const (
	ContactPointHome     = "home"
	ContactPointPersonal = "personal"
	ContactPointOffice   = "office"
)

// contactPointLabels are the console labels the documentation pairs with
// each kind.
var contactPointLabels = map[string]string{
	ContactPointHome:     "Nhà",
	ContactPointPersonal: "Cá nhân",
	ContactPointOffice:   "Công ty",
}

// birthdayLayout is dd/MM/yyyy.
const birthdayLayout = "02/01/2006"

// FormatBirthday formats t as the API's birthday (dd/MM/yyyy).
func FormatBirthday(t time.Time) string { return t.Format(birthdayLayout) }

// contactPointUpdate is a ContactPoint in Update's wire shape.
type contactPointUpdate struct {
	Data      string `json:"data"`
	Type      string `json:"type"`
	ValueType string `json:"valueType"`
}

// contactInputWire is a CreateContactRequest as sent: its points with defaults
// filled in, the caller's value untouched.
type contactInputWire struct {
	*CreateContactRequest
	Emails []ContactPoint `json:"emails,omitempty"`
	Phones []ContactPoint `json:"phones,omitempty"`
}

func (in *CreateContactRequest) wire() contactInputWire {
	return contactInputWire{in, withDefaults(in.Emails), withDefaults(in.Phones)}
}

// contact returns the contact as sent, read back the way Contact reads a
// record: the text fields, emails, phones and custom fields as attributes.
func (w contactInputWire) contact() *Contact {
	c := &Contact{ContactType: "contact", Tags: TagList(w.Tags)}
	a := &c.AttributeStructure
	a.addTexts(w.FullName, w.JobTitle, w.Gender, w.Address, w.Passport, w.Note)
	for _, set := range []struct {
		code, fieldType string
		points          []ContactPoint
	}{{FieldCodeMail, "email", w.Emails}, {FieldCodePhoneNumber, "phone", w.Phones}} {
		for _, p := range set.points {
			a.add(set.code, set.fieldType, AttributeValue{DisplayValue: p.Data, DataType: p.Type, ValueType: p.ValueType})
		}
	}
	for _, f := range w.MoreInformation {
		a.add(FieldCodeMoreInformation, "customize", AttributeValue{DisplayValue: f.DisplayValue, ValueType: f.ValueType})
	}
	return c
}

// contactUpdateWire is a UpdateContactRequest as sent.
type contactUpdateWire struct {
	*UpdateContactRequest
	Emails []contactPointUpdate `json:"emails,omitempty"`
	Phones []contactPointUpdate `json:"phones,omitempty"`
}

func (u *UpdateContactRequest) wire() contactUpdateWire {
	conv := func(ps []ContactPoint) []contactPointUpdate {
		var out []contactPointUpdate
		for _, p := range withDefaults(ps) {
			out = append(out, contactPointUpdate(p))
		}
		return out
	}
	return contactUpdateWire{u, conv(u.Emails), conv(u.Phones)}
}

// withDefaults returns a copy of ps with Type and ValueType filled in.
func withDefaults(ps []ContactPoint) []ContactPoint {
	if len(ps) == 0 {
		return nil
	}
	out := make([]ContactPoint, len(ps))
	for i, p := range ps {
		if p.Type == "" {
			p.Type = ContactPointPersonal
		}
		if p.ValueType == "" {
			p.ValueType = contactPointLabels[p.Type]
		}
		out[i] = p
	}
	return out
}

func (in *CreateContactRequest) validate(prefix string) error {
	if in.FullName == "" && len(in.Phones) == 0 && len(in.Emails) == 0 {
		return &ValidationError{Field: prefix + "FullName", Reason: "is required when the contact has no phone and no email"}
	}
	return checkContactFields(prefix, in.Gender, in.Birthday, in.UserOwnerEmail, in.MoreInformation, in.Emails, in.Phones)
}

func (u *UpdateContactRequest) validate() error {
	if err := required("RefID", u.RefID); err != nil {
		return err
	}
	return checkContactFields("", u.Gender, u.Birthday, u.UserOwnerEmail, u.MoreInformation, u.Emails, u.Phones)
}

// checkContactFields checks the fields Create and Update share; prefix starts
// every field name of the error (e.g. "contacts[2].").
func checkContactFields(prefix, gender, birthday, owner string, more []CustomField, emails, phones []ContactPoint) error {
	switch gender {
	case "", "male", "female", "other":
	default:
		return &ValidationError{Field: prefix + "Gender", Reason: `must be "male", "female" or "other"`}
	}
	if birthday != "" {
		if _, err := time.Parse(birthdayLayout, birthday); err != nil {
			return &ValidationError{Field: prefix + "Birthday", Reason: "must be a date as dd/MM/yyyy"}
		}
	}
	if owner != "" && !validEmail(owner) {
		return &ValidationError{Field: prefix + "UserOwnerEmail", Reason: "is not an email address"}
	}
	for i, f := range more {
		if err := required(fmt.Sprintf("%sMoreInformation[%d].ValueType", prefix, i), f.ValueType); err != nil {
			return err
		}
	}
	for _, set := range []struct {
		name   string
		points []ContactPoint
	}{{"Emails", emails}, {"Phones", phones}} {
		for i, p := range set.points {
			field := fmt.Sprintf("%s%s[%d]", prefix, set.name, i)
			if err := required(field+".Data", strings.TrimSpace(p.Data)); err != nil {
				return err
			}
			if set.name == "Emails" && !validEmail(p.Data) {
				return &ValidationError{Field: field + ".Data", Reason: "is not an email address"}
			}
			if _, ok := contactPointLabels[p.Type]; !ok && p.Type != "" {
				return &ValidationError{Field: field + ".Type", Reason: `must be "home", "personal" or "office"`}
			}
		}
	}
	return nil
}
