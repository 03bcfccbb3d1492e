package omicall

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAttributesLookups(t *testing.T) {
	a := Attributes{
		{FieldCode: FieldCodePhoneNumber, FieldType: "phone", Value: []AttributeValue{{DisplayValue: ""}, {DisplayValue: "0901"}}},
		{FieldCode: FieldCodeFullName, Value: []AttributeValue{{DisplayValue: "An"}}},
		{FieldCode: FieldCodePhoneNumber, FieldType: "phone", Value: []AttributeValue{{DisplayValue: "0902", DataType: "home"}}},
	}
	assert.Same(t, &a[0], a.Find(FieldCodePhoneNumber), "the first one, not a copy")
	assert.Nil(t, a.Find(FieldCodeMail))
	assert.Len(t, a.Values(FieldCodePhoneNumber), 3, "every value of every entry, empty ones too")
	assert.Nil(t, a.Values(FieldCodeMail))
	assert.Equal(t, "0901", a.First(FieldCodePhoneNumber), "the first non-empty")
	assert.Equal(t, "", a.First(FieldCodeGender))
	assert.Equal(t, []string{"0901", "0902"}, a.All(FieldCodePhoneNumber))
	assert.Nil(t, a.All(FieldCodeNote))
}

func TestAttributesBuiltFromPlainFields(t *testing.T) {
	var a Attributes
	a.addTexts("An", "", "female", "Hà Nội", "", "VIP")
	a.add(FieldCodeMail, "email", AttributeValue{DisplayValue: "an@x.vn", DataType: "office"})
	a.add(FieldCodeMail, "email", AttributeValue{DataType: "home"}) // no value: left out
	assert.Equal(t, Attributes{
		{FieldCode: FieldCodeFullName, FieldType: "single_text", Value: []AttributeValue{{DisplayValue: "An"}}},
		{FieldCode: FieldCodeGender, FieldType: "radio", Value: []AttributeValue{{DisplayValue: "female"}}},
		{FieldCode: FieldCodeAddress, FieldType: "single_text", Value: []AttributeValue{{DisplayValue: "Hà Nội"}}},
		{FieldCode: FieldCodeNote, FieldType: "multi_text", Value: []AttributeValue{{DisplayValue: "VIP"}}},
		{FieldCode: FieldCodeMail, FieldType: "email", Value: []AttributeValue{{DisplayValue: "an@x.vn", DataType: "office"}}},
	}, a)
}
