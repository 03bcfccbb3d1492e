package omicall

// ContactService manages customers (contacts). Reach it as c.Contacts.
type ContactService service
