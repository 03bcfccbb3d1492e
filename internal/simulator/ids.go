package simulator

import (
	"encoding/binary"
	"encoding/hex"
	"strings"
)

// newID returns a random UUID-shaped id from the seeded source: the ids of
// calls, autocalls and uploads. s.mu is held (or the server is being built).
func (s *Server) newID() string {
	var u [16]byte
	binary.BigEndian.PutUint64(u[:8], s.rng.Uint64())
	binary.BigEndian.PutUint64(u[8:], s.rng.Uint64())
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	hex.Encode(b[9:13], u[4:6])
	hex.Encode(b[14:18], u[6:8])
	hex.Encode(b[19:23], u[8:10])
	hex.Encode(b[24:], u[10:])
	b[8], b[13], b[18], b[23] = '-', '-', '-', '-'
	return string(b[:])
}

// objectID returns a new 24-hex-digit id, the shape of OMICall's record ids
// (MongoDB ObjectIds): agents, contacts, tickets, tenants. It comes from the
// same seeded source as newID. s.mu is held (or the server is being built).
func (s *Server) objectID() string { return objectIDOf(s.newID()) }

// objectIDOf derives the 24-hex-digit id of a record from its UUID, so a
// record shows the same _id every time.
func objectIDOf(uuid string) string {
	h := strings.ReplaceAll(uuid, "-", "")
	return h[:min(24, len(h))]
}
