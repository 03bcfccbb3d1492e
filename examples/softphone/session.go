package main

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"
)

// sessionCookie is the name of the signed, HttpOnly session cookie.
const sessionCookie = "softphone_session"

// session is who is signed in: the agent's e-mail and extension. It travels
// in the cookie, signed; nothing secret is in it.
type session struct {
	Email     string `json:"email"`
	Extension string `json:"ext"`
	Name      string `json:"name,omitempty"`
	Expires   int64  `json:"exp"` // Unix seconds
}

// sessions signs and checks session cookies with an HMAC key of its own (a
// random one per process: restarting the server signs everyone out).
type sessions struct {
	key []byte
	ttl time.Duration
	now func() time.Time
}

func newSessions(ttl time.Duration) *sessions {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return &sessions{key: key, ttl: ttl, now: time.Now}
}

var b64 = base64.RawURLEncoding

// encode returns the cookie value of s: base64(JSON) "." base64(HMAC).
func (m *sessions) encode(s session) string {
	body, _ := json.Marshal(s)
	payload := b64.EncodeToString(body)
	return payload + "." + b64.EncodeToString(m.mac(payload))
}

func (m *sessions) mac(payload string) []byte {
	h := hmac.New(sha256.New, m.key)
	h.Write([]byte(payload))
	return h.Sum(nil)
}

var errNoSession = errors.New("not signed in")

// decode checks a cookie value and returns its session.
func (m *sessions) decode(v string) (session, error) {
	payload, sig, ok := strings.Cut(v, ".")
	if !ok {
		return session{}, errNoSession
	}
	got, err := b64.DecodeString(sig)
	if err != nil || !hmac.Equal(got, m.mac(payload)) {
		return session{}, errNoSession
	}
	body, err := b64.DecodeString(payload)
	if err != nil {
		return session{}, errNoSession
	}
	var s session
	if json.Unmarshal(body, &s) != nil || s.Email == "" || s.Extension == "" || m.now().Unix() >= s.Expires {
		return session{}, errNoSession
	}
	return s, nil
}

// set signs s in with the cookie on w and returns s with its expiry.
func (m *sessions) set(w http.ResponseWriter, r *http.Request, s session) session {
	s.Expires = m.now().Add(m.ttl).Unix()
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: m.encode(s), Path: "/",
		MaxAge: int(m.ttl / time.Second), HttpOnly: true, Secure: isHTTPS(r), SameSite: http.SameSiteLaxMode,
	})
	return s
}

// clear signs out.
func (m *sessions) clear(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: isHTTPS(r), SameSite: http.SameSiteLaxMode,
	})
}

// from returns the session of r.
func (m *sessions) from(r *http.Request) (session, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return session{}, errNoSession
	}
	return m.decode(c.Value)
}

// require lets through only requests of a signed-in agent (401 otherwise)
// and hands next the session.
func (m *sessions) require(next func(http.ResponseWriter, *http.Request, session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s, err := m.from(r)
		if err != nil {
			writeError(w, http.StatusUnauthorized, "sign in first")
			return
		}
		next(w, r, s)
	}
}

// isHTTPS reports whether the browser reached us over HTTPS, directly or
// through a TLS-terminating proxy. It only decides whether the cookie is
// marked Secure, so a forged header can only make it stricter.
func isHTTPS(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}
