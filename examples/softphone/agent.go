package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"net/http"
	"net/mail"
	"strings"

	"github.com/omicall-go/omicall"
)

// handleSignIn is the demo sign-in: POST /api/session {"email"}. It signs in
// the OMICall agent with that e-mail (no password: a real app puts its own
// login here). An unknown e-mail is 403, or, with -invite, a new agent.
func (a *app) handleSignIn(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email string `json:"email"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "send {\"email\": \"...\"}")
		return
	}
	email := strings.TrimSpace(in.Email)
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email {
		writeError(w, http.StatusBadRequest, "that is not an e-mail address")
		return
	}
	d, err := a.extension(r.Context(), email)
	switch {
	case errors.Is(err, omicall.ErrNotFound):
		writeError(w, http.StatusForbidden, "no OMICall agent has this e-mail (start the server with -invite to create one)")
		return
	case err != nil:
		a.log.Warn("sign-in: looking up the extension", "email", email, "err", err)
		writeError(w, http.StatusBadGateway, "OMICall is unavailable, try again")
		return
	}
	s := session{Email: email, Extension: d.SIPCredentials().Username, Name: d.FullName}
	s = a.sessions.set(w, r, s)
	a.log.Info("signed in", "email", email, "extension", s.Extension)
	writeJSON(w, http.StatusOK, s)
}

// handleSignOut ends the session.
func (a *app) handleSignOut(w http.ResponseWriter, r *http.Request) {
	a.sessions.clear(w, r)
	w.WriteHeader(http.StatusNoContent)
}

// handleMe tells the page who is signed in.
func (a *app) handleMe(w http.ResponseWriter, _ *http.Request, s session) {
	writeJSON(w, http.StatusOK, s)
}

// handleSIP is GET /api/me/sip: the signed-in agent's own omiSDK.register
// credentials, exactly {"domain","username","password"}. They are looked up
// afresh (never kept in the cookie) and never logged.
func (a *app) handleSIP(w http.ResponseWriter, r *http.Request, s session) {
	d, err := a.extension(r.Context(), s.Email)
	switch {
	case errors.Is(err, omicall.ErrNotFound):
		writeError(w, http.StatusNotFound, "your agent has no extension any more")
		return
	case err != nil:
		a.log.Warn("sip credentials", "email", s.Email, "err", err) // err never holds the password
		writeError(w, http.StatusBadGateway, "OMICall is unavailable, try again")
		return
	}
	creds := d.SIPCredentials()
	if !creds.Complete() {
		writeError(w, http.StatusBadGateway, "OMICall sent incomplete SIP credentials")
		return
	}
	writeJSON(w, http.StatusOK, creds)
}

// extension looks the agent's extension up by e-mail and, when none exists
// and -invite is set, invites the agent first.
func (a *app) extension(ctx context.Context, email string) (*omicall.ExtensionDetail, error) {
	d, err := a.c.CallCenter.LookupExtension(ctx, omicall.LookupByEmail, email)
	if !errors.Is(err, omicall.ErrNotFound) || !a.cfg.Invite {
		return d, err
	}
	name, _, _ := strings.Cut(email, "@")
	_, err = a.c.Agents.Invite(ctx, &omicall.InviteAgentRequest{
		FullName: name, Email: email, Password: randomPassword(),
	})
	if err != nil && !errors.Is(err, omicall.ErrAgentExists) {
		return nil, err
	}
	a.log.Info("invited an agent", "email", email)
	return a.c.CallCenter.LookupExtension(ctx, omicall.LookupByEmail, email)
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
