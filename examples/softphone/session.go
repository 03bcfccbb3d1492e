package main

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"sync"
	"time"
)

// sessionCookie is the name of the session cookie. With the __Host- prefix
// the browser keeps it only if it is Secure, has Path=/ and no Domain, so
// no other host (a sibling subdomain) can set or shadow it.
const sessionCookie = "__Host-softphone"

// session is who is signed in: the agent's e-mail and extension. It lives
// on the server; the cookie holds only a random id.
type session struct {
	id        string        // the cookie value
	done      chan struct{} // closed when the session ends
	Email     string        `json:"email"`
	Extension string        `json:"ext"`
	Name      string        `json:"name,omitempty"`
	Expires   int64         `json:"exp"` // Unix seconds
}

// sessions keeps the sessions in memory, by the SHA-256 of their ids:
// signing out deletes one, so its cookie, wherever it was copied, is no
// longer a session. Restarting the server signs everyone out.
type sessions struct {
	mu        sync.Mutex
	byKey     map[[32]byte]*session
	ttl       time.Duration
	now       func() time.Time
	lastSweep time.Time
}

func newSessions(ttl time.Duration) *sessions {
	return &sessions{byKey: map[[32]byte]*session{}, ttl: ttl, now: time.Now}
}

var errNoSession = errors.New("not signed in")

func sessionKey(id string) [32]byte { return sha256.Sum256([]byte(id)) }

// create starts a session for s and sets its cookie on w.
func (m *sessions) create(w http.ResponseWriter, s session) *session {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	now := m.now()
	p := &s
	p.id, p.done, p.Expires = base64.RawURLEncoding.EncodeToString(b), make(chan struct{}), now.Add(m.ttl).Unix()
	m.mu.Lock()
	if now.Sub(m.lastSweep) > time.Minute {
		m.sweep(now)
	}
	m.byKey[sessionKey(p.id)] = p
	m.mu.Unlock()
	setCookie(w, p.id, int(m.ttl/time.Second))
	return p
}

// sweep ends the expired sessions. m.mu is held.
func (m *sessions) sweep(now time.Time) {
	m.lastSweep = now
	for k, s := range m.byKey {
		if now.Unix() >= s.Expires {
			delete(m.byKey, k)
			close(s.done)
		}
	}
}

// end ends the session with that id, if any.
func (m *sessions) end(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := sessionKey(id)
	if s := m.byKey[k]; s != nil {
		delete(m.byKey, k)
		close(s.done)
	}
}

// from returns the live session of r.
func (m *sessions) from(r *http.Request) (*session, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, errNoSession
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k := sessionKey(c.Value)
	s := m.byKey[k]
	if s == nil {
		return nil, errNoSession
	}
	if m.now().Unix() >= s.Expires {
		delete(m.byKey, k)
		close(s.done)
		return nil, errNoSession
	}
	return s, nil
}

// setCookie sets (maxAge > 0) or clears (maxAge < 0) the session cookie.
// It is Secure even on http: browsers take Secure cookies from
// http://localhost and http://127.0.0.1, the only http addresses the demo
// login serves on.
func setCookie(w http.ResponseWriter, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/", MaxAge: maxAge,
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode,
	})
}

// clearCookie tells the browser to forget the session cookie.
func clearCookie(w http.ResponseWriter) { setCookie(w, "", -1) }
