package omicall

// CallCenterService manages the PBX: extensions, hotlines, internal groups, IVR scripts and greetings. Reach it as c.CallCenter.
type CallCenterService service
