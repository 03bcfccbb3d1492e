package main

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/mail"
	"strings"
)

// Authenticator tells who is signing in. Authenticate returns the e-mail
// address of the person behind r; claimed is the e-mail the sign-in form
// names ("" when it has no such field). The server asks again on every API
// request, with the session's e-mail as claimed, and ends a session whose
// e-mail it no longer returns.
//
// Put your own login behind this interface: the softphone then looks the
// agent up by that e-mail and signs them in on their own extension.
type Authenticator interface {
	Authenticate(r *http.Request, claimed string) (email string, err error)
}

// errNotAuthenticated is an Authenticator's answer when it cannot tell who
// is behind a request.
var errNotAuthenticated = errors.New("not authenticated")

// ProxyHeaderAuth is an Authenticator for a softphone behind a reverse
// proxy that signs its users in (oauth2-proxy, an identity-aware proxy, a
// CRM's own gateway) and passes the user's e-mail in Header. It believes
// that header only on requests that also carry Secret in SecretHeader,
// which the proxy adds and no browser knows: a request that reaches the
// softphone some other way proves nothing. The proxy must drop any Header
// and SecretHeader that its clients send.
type ProxyHeaderAuth struct {
	Header       string // the user's e-mail, e.g. X-Forwarded-Email
	SecretHeader string // the shared secret, e.g. X-Softphone-Proxy-Secret
	secret       [32]byte
}

// minProxySecret is the shortest shared secret NewProxyHeaderAuth takes.
const minProxySecret = 32

// NewProxyHeaderAuth returns a ProxyHeaderAuth that reads the e-mail from
// header and expects secret (at least 32 characters) in secretHeader.
func NewProxyHeaderAuth(header, secretHeader, secret string) (*ProxyHeaderAuth, error) {
	if header == "" || secretHeader == "" || strings.EqualFold(header, secretHeader) {
		return nil, errors.New("the proxy's identity and secret headers must be two different, non-empty names")
	}
	if len(secret) < minProxySecret {
		return nil, fmt.Errorf("the proxy secret must have at least %d characters", minProxySecret)
	}
	return &ProxyHeaderAuth{Header: header, SecretHeader: secretHeader, secret: sha256.Sum256([]byte(secret))}, nil
}

// fromProxy reports whether r carries the proxy's secret. It compares
// digests in constant time, so the answer's timing says nothing of the
// secret, its length included.
func (p *ProxyHeaderAuth) fromProxy(r *http.Request) bool {
	got := sha256.Sum256([]byte(r.Header.Get(p.SecretHeader)))
	return subtle.ConstantTimeCompare(got[:], p.secret[:]) == 1
}

// Authenticate returns the e-mail in p.Header of a request that carries
// the proxy's secret; it ignores claimed.
func (p *ProxyHeaderAuth) Authenticate(r *http.Request, _ string) (string, error) {
	if !p.fromProxy(r) {
		return "", errNotAuthenticated
	}
	email, ok := address(r.Header.Get(p.Header))
	if !ok {
		return "", errNotAuthenticated
	}
	return email, nil
}

// ClientAddr returns the address of the browser the proxy forwarded r for:
// the last X-Forwarded-For entry, which the proxy appends. Only a request
// with the proxy's secret has one.
func (p *ProxyHeaderAuth) ClientAddr(r *http.Request) (string, bool) {
	if !p.fromProxy(r) {
		return "", false
	}
	xff := r.Header.Values("X-Forwarded-For")
	if len(xff) == 0 {
		return "", false
	}
	parts := strings.Split(xff[len(xff)-1], ",")
	ip := net.ParseIP(strings.TrimSpace(parts[len(parts)-1]))
	if ip == nil {
		return "", false
	}
	return ip.String(), true
}

// DemoLogin is the Authenticator of the demo: it believes any agent's
// e-mail, with no password. The server accepts it only with -simulate or
// -insecure-demo-login, and then serves on loopback only.
type DemoLogin struct{}

// Authenticate returns claimed if it is an e-mail address.
func (DemoLogin) Authenticate(_ *http.Request, claimed string) (string, error) {
	email, ok := address(claimed)
	if !ok {
		return "", errNotAuthenticated
	}
	return email, nil
}

// address returns s as a bare, lower-case e-mail address.
func address(s string) (string, bool) {
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return "", false
	}
	return strings.ToLower(s), true
}

// clientAddr is the address sign-ins are counted by: the browser's, as the
// authenticator vouches for it, else the connection's.
func clientAddr(auth Authenticator, r *http.Request) string {
	if p, ok := auth.(interface {
		ClientAddr(*http.Request) (string, bool)
	}); ok {
		if addr, ok := p.ClientAddr(r); ok {
			return addr
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
