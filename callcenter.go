package omicall

// CallCenterService manages the PBX: extensions, hotlines, internal groups,
// IVR scripts and greetings. Reach it as c.CallCenter.
type CallCenterService service

// ActionType is what a call is sent to: by an IVR key, as an IVR fallback,
// or when an internal group times out.
type ActionType string

// The documented action types (wire spelling kept).
const (
	ActionRecording ActionType = "Recording"  // play a greeting
	ActionIVRMenu   ActionType = "Ivr_menu"   // go to an IVR script
	ActionRingGroup ActionType = "Ring_group" // ring an internal group
	ActionVoiceMail ActionType = "Voice_mail" // seen in group lists, not documented
)

// knownAction reports whether a is "" or one of the ActionType constants.
func knownAction(a ActionType) bool {
	switch a {
	case "", ActionRecording, ActionIVRMenu, ActionRingGroup, ActionVoiceMail:
		return true
	}
	return false
}

// actionErr is the ValidationError of an unknown ActionType in field.
func actionErr(field string) error {
	return &ValidationError{Field: field, Reason: "must be ActionRecording, ActionIVRMenu, ActionRingGroup or ActionVoiceMail"}
}
