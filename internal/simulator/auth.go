package simulator

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
)

func init() { register(domain{routes: (*Server).authRoutes}) }

// tokenPayload is the payload of GET /api/auth.
type tokenPayload struct {
	AccessToken string `json:"access_token"`
	AccessType  string `json:"access_type"`
	TokenType   string `json:"token_type"`
}

func (s *Server) authRoutes() []route {
	return []route{{method: "GET", pattern: "/api/auth", auth: authNone, h: s.handleAuth}}
}

func (s *Server) handleAuth(r *http.Request) (any, error) {
	key := r.URL.Query().Get("apiKey")
	if key == "" {
		return nil, fail("api_key_is_required")
	}
	if !s.keyOK(key) {
		return nil, fail("api_key_invalid")
	}
	tok := s.issueToken()
	return tokenPayload{AccessToken: tok, AccessType: "normal", TokenType: "Bearer"}, nil
}

// issueToken creates a JWT-shaped token (HS256 over a random server secret)
// whose exp claim is the end of its lifetime, or an opaque token.
func (s *Server) issueToken() string {
	now := s.now()
	exp := now.Add(s.cfg.tokenLifetime)
	var id [12]byte
	_, _ = rand.Read(id[:])
	var tok string
	if s.cfg.opaqueTokens {
		tok = "sim-" + hex.EncodeToString(id[:])
	} else {
		enc := base64.RawURLEncoding
		header := enc.EncodeToString([]byte(`{"typ":"JWT","alg":"HS256"}`))
		claims, _ := json.Marshal(map[string]any{
			"iss": "omicall-simulator", "sub": s.cfg.tenant.Domain,
			"iat": now.Unix(), "exp": exp.Unix(), "jti": hex.EncodeToString(id[:]),
		})
		unsigned := header + "." + enc.EncodeToString(claims)
		mac := hmac.New(sha256.New, id[:])
		mac.Write([]byte(unsigned))
		tok = unsigned + "." + enc.EncodeToString(mac.Sum(nil))
	}
	s.mu.Lock()
	s.tokens[tok] = exp
	s.mu.Unlock()
	return tok
}

// authenticate checks the credentials a route needs: 401 for a missing,
// unknown, revoked or expired token.
func (s *Server) authenticate(r *http.Request, kind authKind) error {
	switch kind {
	case authNone:
		return nil
	case authAPIKey, authSpeech:
		h := "x-api-key"
		if kind == authSpeech {
			h = "apikey"
		}
		key := r.Header.Get(h)
		if key == "" {
			return failHTTP(http.StatusUnauthorized, "api_key_is_required")
		}
		if !s.keyOK(key) {
			return failHTTP(http.StatusUnauthorized, "api_key_invalid")
		}
		return nil
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return failHTTP(http.StatusUnauthorized, "unauthorized")
	}
	s.mu.Lock()
	exp, known := s.tokens[tok]
	s.mu.Unlock()
	if !known || !s.now().Before(exp) {
		return failHTTP(http.StatusUnauthorized, "unauthorized")
	}
	return nil
}

// ExpireTokens makes every issued token expire now (unlike RevokeTokens, the
// server still knows them).
func (s *Server) ExpireTokens() {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.tokens {
		s.tokens[k] = now
	}
}

// WithAnyAPIKey makes the server accept any non-empty API key, on
// /api/auth and on the routes that take the key in a header: the mode of
// `omicall sim`, where apps in any language bring a key of their own. An
// empty key is still refused (api_key_is_required).
func WithAnyAPIKey() Option { return func(c *config) { c.apiKey = "" } }

// AnyAPIKey reports whether the server accepts any non-empty API key.
func (s *Server) AnyAPIKey() bool { return s.cfg.apiKey == "" }

// keyOK reports whether key, which is not empty, is accepted: any key under
// WithAnyAPIKey, else the configured one (compared in constant time).
func (s *Server) keyOK(key string) bool {
	return s.cfg.apiKey == "" || subtle.ConstantTimeCompare([]byte(key), []byte(s.cfg.apiKey)) == 1
}
