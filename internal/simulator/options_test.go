package simulator

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestDefaultConfig(t *testing.T) {
	c := defaultConfig()
	assert.Equal(t, DefaultAPIKey, c.apiKey)
	assert.Equal(t, 24*time.Hour, c.tokenLifetime)
	assert.Equal(t, uint64(1), c.seed)
	assert.Equal(t, 50, c.agentLimit)
	assert.Equal(t, 500, c.historySize)
	assert.Equal(t, 90*24*time.Hour, c.historySpan)
	assert.Equal(t, 3, c.webhookRetry)
	assert.True(t, c.liveEvents2026)
	assert.False(t, c.twoLegCalls)
	assert.Equal(t, "democo", c.tenant.Domain)
}

func TestOptionsSetTheConfig(t *testing.T) {
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	end := clock.Add(-time.Hour)
	hc := &http.Client{}
	s := New(WithAPIKey("k"), WithTokenLifetime(time.Minute), WithOpaqueTokens(), WithClock(func() time.Time { return clock }),
		WithSeed(9), WithAgentLimit(4), WithHistory(7, time.Hour, end), WithWebhookRetries(0), WithWebhookClient(hc))
	c := s.cfg
	assert.Equal(t, "k", s.APIKey())
	assert.Equal(t, time.Minute, c.tokenLifetime)
	assert.True(t, c.opaqueTokens)
	assert.Equal(t, clock, s.now())
	assert.Equal(t, uint64(9), c.seed)
	assert.Equal(t, 4, c.agentLimit)
	assert.Equal(t, 7, c.historySize)
	assert.Len(t, s.history.recs, 7)
	assert.Equal(t, end, c.historyEnd)
	assert.Zero(t, c.webhookRetry)
	assert.Same(t, hc, c.hookClient)
	assert.NotNil(t, New().cfg.hookClient, "a default hook client")
}
