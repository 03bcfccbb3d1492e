package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/omicall-go/omicall"
)

// handleSignIn is POST /api/session (JSON): it signs in the person the
// authenticator names, on the extension of the OMICall agent with their
// e-mail. The demo login's form sends {"email"}; behind a proxy the body
// is {}. Known or not, the answer is the same 204: the page asks GET
// /api/me whether a session began. Attempts are rate limited per client
// address, and the agents are looked up in a cached directory, so
// attempts do not reach OMICall.
func (a *app) handleSignIn(w http.ResponseWriter, r *http.Request) {
	if !a.signIns.allow(clientAddr(a.cfg.Auth, r)) {
		w.Header().Set("Retry-After", "60")
		writeError(w, http.StatusTooManyRequests, "too many sign-in attempts: wait a minute")
		return
	}
	var in struct {
		Email string `json:"email"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&in); err != nil && !errors.Is(err, io.EOF) {
		writeError(w, http.StatusBadRequest, "send {\"email\": \"...\"} or {}")
		return
	}
	email, err := a.cfg.Auth.Authenticate(r, in.Email)
	if err != nil {
		writeError(w, http.StatusUnauthorized, "sign-in refused")
		return
	}
	if old, err := a.sessions.from(r); err == nil {
		a.sessions.end(old.id) // a browser holds one session
	}
	e, ok, err := a.agent(r.Context(), email)
	if err != nil {
		a.log.Warn("sign-in: the agent directory", "err", err)
		writeError(w, http.StatusBadGateway, "OMICall is unavailable, try again")
		return
	}
	if ok {
		s := a.sessions.create(w, session{Email: email, Extension: e.Extension, Name: e.Name})
		a.log.Info("signed in", "email", email, "extension", s.Extension)
	} else {
		a.log.Info("sign-in: no agent has this e-mail", "email", email)
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleSignOut ends the session: its cookie, wherever it was copied, no
// longer signs anyone in, and its event streams end.
func (a *app) handleSignOut(w http.ResponseWriter, r *http.Request) {
	if s, err := a.sessions.from(r); err == nil {
		a.sessions.end(s.id)
		a.log.Info("signed out", "email", s.Email)
	}
	clearCookie(w)
	w.WriteHeader(http.StatusNoContent)
}

// handleMe tells the page who is signed in.
func (a *app) handleMe(w http.ResponseWriter, _ *http.Request, s *session) {
	writeJSON(w, http.StatusOK, s)
}

// handleSIP is GET /api/me/sip: the signed-in agent's own omiSDK.register
// credentials, exactly {"domain","username","password"}. They are looked up
// afresh (never kept in the session) and never logged; an agent whose
// extension is no longer the session's is signed out.
func (a *app) handleSIP(w http.ResponseWriter, r *http.Request, s *session) {
	d, err := a.c.CallCenter.LookupExtension(r.Context(), omicall.LookupByEmail, s.Email)
	switch {
	case errors.Is(err, omicall.ErrNotFound):
		a.endSession(w, s, "sip credentials: the agent has no extension any more")
		return
	case err != nil:
		a.log.Warn("sip credentials", "email", s.Email, "err", err) // err never holds the password
		writeError(w, http.StatusBadGateway, "OMICall is unavailable, try again")
		return
	}
	creds := d.SIPCredentials()
	if creds.Username != s.Extension {
		a.endSession(w, s, "sip credentials: the agent's extension changed")
		return
	}
	if !creds.Complete() {
		writeError(w, http.StatusBadGateway, "OMICall sent incomplete SIP credentials")
		return
	}
	writeJSON(w, http.StatusOK, creds)
}

// agent returns the agent with that e-mail from the directory and, when
// none exists and -invite is set, invites the agent first.
func (a *app) agent(ctx context.Context, email string) (agentEntry, bool, error) {
	e, ok, err := a.dir.lookup(ctx, email)
	if err != nil || ok || !a.cfg.Invite {
		return e, ok, err
	}
	name, _, _ := strings.Cut(email, "@")
	_, err = a.c.Agents.Invite(ctx, &omicall.InviteAgentRequest{
		FullName: name, Email: email, Password: randomPassword(),
	})
	if err != nil && !errors.Is(err, omicall.ErrAgentExists) {
		return agentEntry{}, false, err
	}
	a.log.Info("invited an agent", "email", email)
	a.dir.forget()
	return a.dir.lookup(ctx, email)
}

// randomPassword is an OMICall login password for an invited agent (they
// reset it by e-mail): upper, lower, digit and special characters.
func randomPassword() string {
	const alnum = "abcdefghijkmnpqrstuvwxyz23456789"
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alnum[int(b[i])%len(alnum)]
	}
	return "Aa1!" + string(b)
}
