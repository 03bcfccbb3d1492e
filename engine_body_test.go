package omicall

import (
	"bytes"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResponseSizeCap(t *testing.T) {
	c, mt := newMockClient(t)
	c.e.cfg.maxBody = 1024
	var calls int
	big := `{"status_code":9999,"payload":{"full_name":"` + strings.Repeat("x", 2048) + `"}}`
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", func(*http.Request) (*http.Response, error) {
		calls++
		return httpmock.NewStringResponse(200, big), nil
	})
	_, err := c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	assert.ErrorIs(t, err, errBodyTooLarge)
	assert.Contains(t, err.Error(), "/api/tenant/detail")
	assert.Equal(t, 1, calls, "an oversized answer is not asked for again")

	c.e.cfg.maxBody = 4096
	ten, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Len(t, ten.FullName, 2048)
}

// TestReadBodyAllocatesAboutTheBody: a body whose Content-Length is known is
// read with one regrowth (the first 64 KiB, then the declared size), not by
// doubling: a 300 KB page costs about 1.2x its size, not 2x or more.
func TestReadBodyAllocatesAboutTheBody(t *testing.T) {
	const size = 300_000
	body := bytes.Repeat([]byte("x"), size)
	read := func() {
		resp := &http.Response{ContentLength: size, Body: io.NopCloser(bytes.NewReader(body))}
		got, err := readBody(resp, maxResponseBytes)
		if err != nil || len(got) != size {
			t.Fatalf("readBody: %d bytes, %v", len(got), err)
		}
	}
	read()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	const runs = 20
	for range runs {
		read()
	}
	runtime.ReadMemStats(&after)
	perRead := float64(after.TotalAlloc-before.TotalAlloc) / runs
	assert.Less(t, perRead, 1.4*size, "bytes allocated per read of a %d-byte body", size)
}
