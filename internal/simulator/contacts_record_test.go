package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContactRecordShape(t *testing.T) {
	c := &contact{id: "c1", publicID: "p1", fullName: "Lê Cường", gender: "male", createdBy: "Demo Company", created: 5, updated: 6,
		phones: []contactPoint{{Data: "0901", Value: "mobile", ValueType: "Cá nhân"}},
		emails: []contactPoint{{Data: "c@x.vn", Type: "work"}},
		more:   []customField{{ValueType: "Hạng", DisplayValue: "Vàng"}}}
	rec := c.record()
	assert.Equal(t, "c1", rec.ID)
	assert.Equal(t, "p1", rec.PublicID)
	assert.Equal(t, nameObj{"Demo Company"}, rec.CreateBy)
	assert.Nil(t, rec.LastUpdateBy, "never updated")
	assert.Equal(t, []string{}, rec.Tags)
	codes := []string{}
	for _, a := range rec.AttributeStructure {
		codes = append(codes, a.FieldCode)
	}
	assert.Equal(t, []string{"full_name", "job_title", "gender", "phone_number", "mail", "address", "passport", "note", "more_infomation"}, codes)
	phone := rec.AttributeStructure[3].Value[0]
	require.NotNil(t, phone.DataType)
	assert.Equal(t, "mobile", *phone.DataType, "add names the kind value")
	assert.Equal(t, "work", *rec.AttributeStructure[4].Value[0].DataType, "update names it type")
	assert.Equal(t, "Vàng", rec.AttributeStructure[8].Value[0].DisplayValue)

	c.updatedBy = "Admin"
	assert.Equal(t, &nameObj{"Admin"}, c.record().LastUpdateBy)
}

func TestContactMatches(t *testing.T) {
	c := &contact{fullName: "Lê Cường", phones: []contactPoint{{Data: "0901"}}, emails: []contactPoint{{Data: "C@X.vn"}}}
	for kw, want := range map[string]bool{"": true, "lê": true, "LÊ CƯỜNG": true, "090": true, "c@x": true, "le": false, "0902": false} {
		assert.Equal(t, want, c.matches(kw), kw)
	}
}
