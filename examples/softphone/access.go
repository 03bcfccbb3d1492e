package main

import (
	"context"
	"net/http"
)

// signedIn lets through the requests of a live session whose e-mail the
// authenticator still vouches for, and hands next the session; others get
// 401 (and a session the authenticator disowns ends).
func (a *app) signedIn(next func(http.ResponseWriter, *http.Request, *session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s, err := a.sessions.from(r)
		if err != nil {
			writeError(w, http.StatusUnauthorized, "sign in first")
			return
		}
		if email, err := a.cfg.Auth.Authenticate(r, s.Email); err != nil || email != s.Email {
			a.endSession(w, s, "the authenticator no longer vouches for the session")
			return
		}
		next(w, r, s)
	}
}

// onExtension is signedIn, and also checks that the agent still has the
// session's extension, in the directory (read at most directoryTTL ago).
// It guards what acts on the extension: calls, events, the call history.
func (a *app) onExtension(next func(http.ResponseWriter, *http.Request, *session)) http.HandlerFunc {
	return a.signedIn(func(w http.ResponseWriter, r *http.Request, s *session) {
		ok, err := a.stillOnExtension(r.Context(), s)
		switch {
		case err != nil:
			a.log.Warn("checking the agent's extension", "email", s.Email, "err", err)
			writeError(w, http.StatusBadGateway, "OMICall is unavailable, try again")
		case !ok:
			a.endSession(w, s, "the agent's extension changed")
		default:
			next(w, r, s)
		}
	})
}

// stillOnExtension reports whether s's agent still has s's extension.
func (a *app) stillOnExtension(ctx context.Context, s *session) (bool, error) {
	e, ok, err := a.dir.lookup(ctx, s.Email)
	return ok && e.Extension == s.Extension, err
}

// endSession ends s, clears its cookie and answers 401.
func (a *app) endSession(w http.ResponseWriter, s *session, why string) {
	a.sessions.end(s.id)
	a.log.Info("session ended", "email", s.Email, "why", why)
	clearCookie(w)
	writeError(w, http.StatusUnauthorized, "your session ended: sign in again")
}
