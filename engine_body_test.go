package omicall

import (
	"bytes"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

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

// trackedBody is a response body that counts its reads and notes its
// closing.
type trackedBody struct {
	r      io.Reader
	reads  int
	closed bool
}

func (b *trackedBody) Read(p []byte) (int, error) { b.reads++; return b.r.Read(p) }
func (b *trackedBody) Close() error               { b.closed = true; return nil }

// readTracked reads size bytes through readBody, with declared as the
// Content-Length (-1: none).
func readTracked(size int, declared, limit int64) ([]byte, *trackedBody, error) {
	body := &trackedBody{r: bytes.NewReader(bytes.Repeat([]byte("x"), size))}
	got, err := readBody(&http.Response{ContentLength: declared, Body: body}, limit)
	return got, body, err
}

func TestReadBodyCap(t *testing.T) {
	const limit = 100
	for _, tc := range []struct {
		name     string
		size     int
		declared int64
		ok       bool
	}{
		{"declared over the cap", 10, limit + 1, false},
		{"at the cap, declared", limit, limit, true},
		{"at the cap, undeclared", limit, -1, true},
		{"over the cap, undeclared", limit + 1, -1, false},
		{"over the cap, declared shorter", limit + 1, 10, false},
		{"empty", 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, body, err := readTracked(tc.size, tc.declared, limit)
			assert.True(t, body.closed, "the body is closed")
			if !tc.ok {
				assert.ErrorIs(t, err, errBodyTooLarge)
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			assert.Len(t, got, tc.size)
		})
	}
	_, body, _ := readTracked(10, limit+1, limit)
	assert.Zero(t, body.reads, "a body declared over the cap is not read at all")

	cut := &trackedBody{r: io.MultiReader(strings.NewReader("{"), iotest.ErrReader(io.ErrUnexpectedEOF))}
	_, err := readBody(&http.Response{ContentLength: -1, Body: cut}, limit)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "a failed read is the read's error")
	assert.True(t, cut.closed)
}

// The buffer follows what arrives: it starts at the declared size (and one
// byte to see the end), at most maxPreSize, and grows eightfold, up to the
// declared size, when a length is declared, or twofold when none is.
func TestReadBodyGrowth(t *testing.T) {
	for _, tc := range []struct {
		name     string
		size     int
		declared int64
		limit    int64
		wantCap  int
	}{
		{"declared small: the declared size and one", 1000, 1000, maxResponseBytes, 1001},
		{"declared large, little sent: maxPreSize", 10, maxResponseBytes, maxResponseBytes, maxPreSize},
		{"declared 300 kB: one regrowth to the declared size", 300_000, 300_000, maxResponseBytes, 300_001},
		{"declared 1 MiB, 100 KiB sent: eightfold, not the declared size", 100 << 10, 1 << 20, maxResponseBytes, 8 * maxPreSize},
		{"undeclared: maxPreSize", 10, -1, maxResponseBytes, maxPreSize},
		{"undeclared 200 KiB: doubling", 200 << 10, -1, maxResponseBytes, 4 * maxPreSize},
		{"undeclared under a small cap: the cap and one", 50, -1, 100, 101},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := readTracked(tc.size, tc.declared, tc.limit)
			require.NoError(t, err)
			assert.Len(t, got, tc.size)
			assert.Equal(t, tc.wantCap, cap(got))
		})
	}
}
