package simulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHistorySeedIsFastOrderedAndDeterministic(t *testing.T) {
	start, cpu := time.Now(), cpuNow()
	s := New(WithHistory(100_000, 365*24*time.Hour, histEnd), WithSeed(7))
	elapsed := cpuNow() - cpu // CPU time: the bound holds on a busy machine
	t.Logf("seeding 100,000 calls took %v of CPU (%v wall)", elapsed, time.Since(start))
	limit := time.Second
	if raceEnabled {
		limit = 5 * time.Second // the race detector slows allocation-heavy code several times
	}
	assert.Less(t, elapsed, limit)

	recs := s.history.recs
	require.Len(t, recs, 100_000)
	lo, hi := histEnd.Add(-365*24*time.Hour).UnixMilli(), histEnd.UnixMilli()
	dirs := map[string]int{}
	for i, r := range recs {
		require.GreaterOrEqual(t, r.CreatedDate, lo)
		require.Less(t, r.CreatedDate, hi)
		if i > 0 {
			require.GreaterOrEqual(t, r.CreatedDate, recs[i-1].CreatedDate)
		}
		dirs[r.Direction]++
	}
	for _, d := range []string{"inbound", "outbound", "local"} {
		assert.Greater(t, dirs[d], 5_000, d)
	}

	a := New(WithHistory(1000, 24*time.Hour, histEnd), WithSeed(7))
	b := New(WithHistory(1000, 24*time.Hour, histEnd), WithSeed(7))
	c := New(WithHistory(1000, 24*time.Hour, histEnd), WithSeed(8))
	for i := range a.history.recs {
		require.Equal(t, *a.history.recs[i], *b.history.recs[i], "same seed, same history")
	}
	assert.NotEqual(t, a.history.recs[0].TransactionID, c.history.recs[0].TransactionID)
}
