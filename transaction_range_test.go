package omicall

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckRangeWindows(t *testing.T) {
	from := time.UnixMilli(1_700_000_000_000)
	day := 24 * time.Hour
	for _, tc := range []struct {
		span    time.Duration
		windows int
	}{
		{time.Millisecond, 1},
		{MaxTransactionRange - time.Millisecond, 1},
		{MaxTransactionRange, 2}, // the last millisecond gets a window of its own
		{75 * day, 3},
		{365 * day, 13},
	} {
		r, err := checkRange(from, from.Add(tc.span), 0)
		require.NoError(t, err)
		require.Equal(t, tc.windows, r.windows(), tc.span)
		next := r.from
		for k := range r.windows() {
			w := r.window(k)
			assert.Equal(t, next, w.from, "window %d starts 1 ms after the previous one ends", k)
			assert.LessOrEqual(t, w.from, w.to)
			assert.Less(t, w.to-w.from, maxRangeMs, "a window spans less than 30 days")
			next = w.to + 1
		}
		assert.Equal(t, r.to+1, next, "the last window ends at To")
	}
	err := invalidAs("To", "x", ErrDateInvalid)
	assert.True(t, errors.Is(err, ErrValidation) && errors.Is(err, ErrDateInvalid))
	assert.Equal(t, "omicall: invalid To: x", err.Error())
}
