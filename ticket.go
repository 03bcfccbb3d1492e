package omicall

// TicketService manages support tickets. Reach it as c.Tickets.
type TicketService service
