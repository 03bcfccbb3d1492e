package omicall

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestContactsInputValidation(t *testing.T) {
	ok := func() CreateContactRequest { return CreateContactRequest{FullName: "A"} }
	cases := []struct {
		name  string
		in    func() CreateContactRequest
		field string
	}{
		{"nothing to identify", func() CreateContactRequest { return CreateContactRequest{RefID: "x", Note: "n"} }, "FullName"},
		{"gender", func() CreateContactRequest { c := ok(); c.Gender = "nam"; return c }, "Gender"},
		{"birthday", func() CreateContactRequest { c := ok(); c.Birthday = "1990-12-31"; return c }, "Birthday"},
		{"owner", func() CreateContactRequest { c := ok(); c.UserOwnerEmail = "agent1"; return c }, "UserOwnerEmail"},
		{"custom label", func() CreateContactRequest {
			c := ok()
			c.MoreInformation = []CustomField{{ValueType: "a", DisplayValue: "1"}, {DisplayValue: "2"}}
			return c
		}, "MoreInformation[1].ValueType"},
		{"email data", func() CreateContactRequest { c := ok(); c.Emails = []ContactPoint{{Data: " "}}; return c }, "Emails[0].Data"},
		{"email format", func() CreateContactRequest {
			c := ok()
			c.Emails = []ContactPoint{{Data: "a@b.c"}, {Data: "nope"}}
			return c
		}, "Emails[1].Data"},
		{"phone data", func() CreateContactRequest { return CreateContactRequest{Phones: []ContactPoint{{}}} }, "Phones[0].Data"},
		{"point type", func() CreateContactRequest {
			c := ok()
			c.Phones = []ContactPoint{{Data: "1", Type: "mobile"}}
			return c
		}, "Phones[0].Type"},
	}
	c, mt := newMockClient(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in()
			_, err := c.Contacts.Create(ctxT(t), &in)
			requireValidation(t, err, tc.field)
			requireValidation(t, c.Contacts.CreateMany(ctxT(t), []CreateContactRequest{ok(), ok(), in}), "contacts[2]."+tc.field)
		})
	}
	_, err := c.Contacts.Create(ctxT(t), nil)
	requireValidation(t, err, "contact")
	requireValidation(t, c.Contacts.CreateMany(ctxT(t), nil), "contacts")
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent for invalid input")
}
