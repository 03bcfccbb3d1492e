package omicall

// Attribute is one entry of a contact record's attribute_structure (contacts
// and agents share the record shape): a field such as full_name, phone_number
// or mail with one or more values.
type Attribute struct {
	Identify  Bool             `json:"identify"`   // meaning undocumented; false or null in the examples
	FieldCode string           `json:"field_code"` // e.g. full_name, job_title, gender, phone_number, mail, address, passport, note, more_infomation
	FieldType string           `json:"field_type"` // single_text, multi_text, radio, phone, email or customize
	Value     []AttributeValue `json:"value"`
}

// AttributeValue is one value of an Attribute.
type AttributeValue struct {
	// DisplayValue is the value itself: a phone number, an email address,
	// "male", a name...
	DisplayValue string `json:"display_value"`
	// DataType is a sub-type key: personal, home or office for phones and
	// emails; a key such as "value1" for custom fields; often empty.
	DataType string `json:"data_type"`
	// ValueType is a human label, e.g. "Cá nhân" (personal) or a custom
	// field's name.
	ValueType string `json:"value_type"`
}

// Field codes of the documented attributes.
const (
	FieldFullName        = "full_name"
	FieldJobTitle        = "job_title"
	FieldGender          = "gender"
	FieldPhoneNumber     = "phone_number"
	FieldMail            = "mail"
	FieldAddress         = "address"
	FieldPassport        = "passport"
	FieldNote            = "note"
	FieldMoreInformation = "more_infomation" // sic: the API's spelling
)

// Attributes is a record's attribute_structure.
type Attributes []Attribute

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
// order.
func (a Attributes) All(fieldCode string) []string {
	var out []string
	for _, v := range a.Values(fieldCode) {
		if v.DisplayValue != "" {
			out = append(out, v.DisplayValue)
		}
	}
	return out
}
