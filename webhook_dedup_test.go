package omicall

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cdrCopy returns the CDR fixture with fields replaced (nil deletes one),
// re-encoded (keys sorted, no indentation): a copy as OMICall could send it.
func cdrCopy(t *testing.T, set map[string]any) []byte {
	t.Helper()
	var m map[string]any
	d := json.NewDecoder(strings.NewReader(string(fixture(t, "webhook_cdr.json"))))
	d.UseNumber()
	require.NoError(t, d.Decode(&m))
	for k, v := range set {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return b
}

// TestWebhookHandlerDedupCDRRule: a redelivered CDR (another send_num_retry,
// or the same content encoded otherwise) is answered from memory; a copy
// that carries new data (a recording URL that was empty, a later
// last_updated_date, a longer bill) reaches the callback (§18.6).
func TestWebhookHandlerDedupCDRRule(t *testing.T) {
	var mu sync.Mutex
	var got []*CallEvent
	h := NewWebhookHandler(func(_ context.Context, ev *CallEvent) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, ev)
		return nil
	}, WithDedup(time.Minute))
	send := func(body []byte) int {
		return post(h, http.MethodPost, "/hook", strings.NewReader(string(body)), nil).Code
	}
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(got) }

	first := cdrCopy(t, map[string]any{"recording_file_url": ""}) // the recording is not ready yet
	require.Equal(t, 200, send(first))
	require.Equal(t, 1, count())

	// Redeliveries: the attempt counter changes, the content does not.
	require.Equal(t, 200, send(cdrCopy(t, map[string]any{"recording_file_url": "", "send_num_retry": 2})))
	require.Equal(t, 200, send(cdrCopy(t, map[string]any{"recording_file_url": "", "send_num_retry": nil})))
	require.Equal(t, 200, send([]byte(" "+strings.ReplaceAll(string(first), ",", ", ")))) // re-encoded
	assert.Equal(t, 1, count(), "identical redeliveries are answered from memory")

	// New data: delivered, each once.
	withURL := cdrCopy(t, map[string]any{"last_updated_date": 1697595899000})
	require.Equal(t, 200, send(withURL))
	require.Equal(t, 200, send(cdrCopy(t, map[string]any{"last_updated_date": 1697595899000, "send_num_retry": 3})))
	assert.Equal(t, 2, count(), "the copy with the recording URL is delivered once")
	require.Equal(t, 200, send(cdrCopy(t, map[string]any{"last_updated_date": 1697595999000, "bill_sec": 7})))
	assert.Equal(t, 3, count())
	mu.Lock()
	defer mu.Unlock()
	assert.Empty(t, got[0].CDR.RecordingFileURL)
	assert.NotEmpty(t, got[1].CDR.RecordingFileURL)
	assert.Equal(t, got[0].CallID, got[2].CallID, "the same call each time")
}

// TestWebhookHandlerDedupCDRContentDoesNotApplyToStateEvents: state events
// stay keyed by (CallID, State): a re-sent "answered" with another
// date_time is still a duplicate.
func TestWebhookHandlerDedupCDRContentDoesNotApplyToStateEvents(t *testing.T) {
	var calls atomic.Int32
	h := NewWebhookHandler(func(context.Context, *CallEvent) error { calls.Add(1); return nil }, WithDedup(time.Minute))
	for i := range 3 {
		body := `{"state":"answered","call_uuid":"c-1","date_time":` + string(rune('1'+i)) + `697595783000}`
		require.Equal(t, 200, post(h, http.MethodPost, "/hook", strings.NewReader(body), nil).Code)
	}
	assert.EqualValues(t, 1, calls.Load())
}

func TestCDRContentIgnoresOnlySendNumRetry(t *testing.T) {
	a := cdrContent([]byte(`{"b":1,"send_num_retry":1,"a":{"y":2,"x":1.50}}`))
	b := cdrContent([]byte(`{"a":{"x":1.50,"y":2},"send_num_retry":4,"b":1}`))
	assert.Equal(t, string(a), string(b))
	assert.NotEqual(t, string(a), string(cdrContent([]byte(`{"a":{"x":1.5,"y":2},"b":1}`))), "numbers as sent")
	assert.Equal(t, "not json", string(cdrContent([]byte("not json"))))
}
