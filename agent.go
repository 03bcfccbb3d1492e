package omicall

// AgentService manages agents (staff). Reach it as c.Agents.
type AgentService service
