package omicall

// The field codes of attribute_structure entries documented for agents and
// contacts.
const (
	FieldCodeFullName        = "full_name"
	FieldCodeJobTitle        = "job_title"
	FieldCodeGender          = "gender"
	FieldCodePhoneNumber     = "phone_number"
	FieldCodeMail            = "mail"
	FieldCodeAddress         = "address"
	FieldCodePassport        = "passport"
	FieldCodeNote            = "note"
	FieldCodeMoreInformation = "more_infomation" // sic: the API's spelling; custom fields
)

// Attribute is one entry of the attribute_structure of agent and contact
// records (they share the record shape): a field such as full_name,
// phone_number or mail with one or more values.
type Attribute struct {
	Identify  Bool             `json:"identify"`   // meaning undocumented; false or null in the examples
	FieldCode string           `json:"field_code"` // one of the FieldCode constants
	FieldType string           `json:"field_type"` // single_text, multi_text, radio, phone, email or customize
	Value     []AttributeValue `json:"value"`
}

// AttributeValue is one value of an Attribute: a phone number, an email, a
// gender, the text of a custom field.
type AttributeValue struct {
	// DisplayValue is the value itself: a phone number, an email address,
	// "male", a name...
	DisplayValue string `json:"display_value"`
	// DataType is a sub-type key: personal, home or office for phones and
	// emails; the value again for gender; a key such as "value1" for custom
	// fields; often empty.
	DataType string `json:"data_type"`
	// ValueType is a human label, e.g. "Cá nhân" (personal) or a custom
	// field's name.
	ValueType string `json:"value_type"`
}

// Attributes is a record's attribute_structure.
type Attributes []Attribute

// Find returns the first attribute whose field code is fieldCode, or nil.
func (a Attributes) Find(fieldCode string) *Attribute {
	for i := range a {
		if a[i].FieldCode == fieldCode {
			return &a[i]
		}
	}
	return nil
}

// Values returns every value of the attribute fieldCode (nil if the record
// has none).
func (a Attributes) Values(fieldCode string) []AttributeValue {
	var out []AttributeValue
	for _, at := range a {
		if at.FieldCode == fieldCode {
			out = append(out, at.Value...)
		}
	}
	return out
}

// First returns the first non-empty display value of the attribute
// fieldCode, or "".
func (a Attributes) First(fieldCode string) string {
	for _, v := range a.Values(fieldCode) {
		if v.DisplayValue != "" {
			return v.DisplayValue
		}
	}
	return ""
}

// All returns every non-empty display value of the attribute fieldCode, in
// order (several phone numbers, say).
func (a Attributes) All(fieldCode string) []string {
	var out []string
	for _, v := range a.Values(fieldCode) {
		if v.DisplayValue != "" {
			out = append(out, v.DisplayValue)
		}
	}
	return out
}

// add appends the attribute code of type fieldType with one value, unless
// the value is empty.
func (a *Attributes) add(code, fieldType string, v AttributeValue) {
	if v.DisplayValue != "" {
		*a = append(*a, Attribute{FieldCode: code, FieldType: fieldType, Value: []AttributeValue{v}})
	}
}

// addTexts appends the text attributes of a contact that has them as
// plain fields, in the order of the documented record.
func (a *Attributes) addTexts(fullName, jobTitle, gender, address, passport, note string) {
	a.add(FieldCodeFullName, "single_text", AttributeValue{DisplayValue: fullName})
	a.add(FieldCodeJobTitle, "single_text", AttributeValue{DisplayValue: jobTitle})
	a.add(FieldCodeGender, "radio", AttributeValue{DisplayValue: gender})
	a.add(FieldCodeAddress, "single_text", AttributeValue{DisplayValue: address})
	a.add(FieldCodePassport, "single_text", AttributeValue{DisplayValue: passport})
	a.add(FieldCodeNote, "multi_text", AttributeValue{DisplayValue: note})
}
