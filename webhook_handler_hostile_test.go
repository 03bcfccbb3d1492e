package omicall

import (
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// WithWebhookSecret("") without a logger says so through
// slog.Default, rather than refusing everything silently.
func TestEmptyWebhookSecretIsLoggedWithoutALogger(t *testing.T) {
	var logs logBuffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	defer slog.SetDefault(prev)
	h := NewWebhookHandler(func(context.Context, *CallEvent) error { return nil }, WithWebhookSecret(""))
	require.NotNil(t, h)
	assert.Contains(t, logs.String(), "no non-empty secret")
}
