package simulator

import "crypto/subtle"

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
