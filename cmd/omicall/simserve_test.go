package main

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/omicall-go/omicall/omicalltest"
)

// serveForTest serves h on a loopback port within lim for one test.
func serveForTest(t *testing.T, h http.Handler, lim simLimits) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := serveSim(l, h, lim)
	t.Cleanup(func() { _ = hs.Close() })
	return "http://" + l.Addr().String()
}

// stringArray is a JSON search body of about n bytes whose user_uuids is
// an array of one-letter strings: the most memory per byte to decode.
func stringArray(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"from_date":1,"to_date":2,"user_uuids":[`)
	for b.Len() < n-8 {
		b.WriteString(`"a",`)
	}
	b.WriteString(`"a"]}`)
	return b.Bytes()
}

// heapGrowth runs f and returns the most the heap in use grew above its
// level before (sampled every 2 ms) and how much Sys grew.
func heapGrowth(f func()) (heap, sys uint64) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base, baseSys := m.HeapInuse, m.Sys
	var peak atomic.Uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	<-sampled
	runtime.ReadMemStats(&m)
	return max(peak.Load(), base) - base, m.Sys - baseSys
}

// post sends n requests with body at once and counts the answers by status
// (0: the transport failed, e.g. the server closed an oversized upload).
func post(url string, n int, body []byte, chunked bool) map[int]int {
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var rd io.Reader = bytes.NewReader(body)
			if chunked {
				rd = struct{ io.Reader }{rd} // no length: sent chunked
			}
			req, _ := http.NewRequest(http.MethodPost, url+"/api/call_transaction/search?page=1&size=50", rd)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("x-api-key", "any")
			code := 0
			if resp, err := http.DefaultClient.Do(req); err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				code = resp.StatusCode
			}
			mu.Lock()
			codes[code]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return codes
}

// TestSimServeMemory sends large bodies at once to omicall sim's server:
// the heap grows by at most 100 MB.
func TestSimServeMemory(t *testing.T) {
	srv := omicalltest.NewServer(omicalltest.WithAnyAPIKey(), omicalltest.WithHistory(10, time.Hour, time.Time{}))
	url := serveForTest(t, srv.Handler(), defaultSimLimits())
	seven := stringArray(7 << 20)
	under := stringArray(1<<20 - 64)
	for _, tc := range []struct {
		name    string
		n       int
		body    []byte
		chunked bool
	}{
		{"8 x 7 MiB", 8, seven, false},
		{"8 x 7 MiB chunked", 8, seven, true},
		{"32 x 1 MiB", 32, under, false},
	} {
		var codes map[int]int
		heap, sys := heapGrowth(func() { codes = post(url, tc.n, tc.body, tc.chunked) })
		t.Logf("%s: heap in use +%d MB, sys +%d MB, answers %v", tc.name, heap>>20, sys>>20, codes)
		if heap > 100<<20 || sys > 100<<20 {
			t.Errorf("%s: heap in use +%d MB, sys +%d MB: want at most 100 MB", tc.name, heap>>20, sys>>20)
		}
	}
}

// TestSimServeBodyCap: a JSON body over the cap is answered 413 without
// reaching the simulator; an upload may be larger, up to its own cap.
func TestSimServeBodyCap(t *testing.T) {
	var reached atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
	})
	lim := defaultSimLimits()
	url := serveForTest(t, h, lim)
	upload := func(size int64) (*bytes.Buffer, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		fw, _ := mw.CreateFormFile("file", "hello.mp3")
		_, _ = fw.Write(bytes.Repeat([]byte{'x'}, int(size)))
		_ = mw.Close()
		return &b, mw.FormDataContentType()
	}
	small, smallType := upload(lim.maxBody + 1)
	large, largeType := upload(lim.maxUpload + 1)
	for _, tc := range []struct {
		name, ctype string
		body        []byte
		chunked     bool
		want        int
	}{
		{"json over the cap", "application/json", stringArray(int(lim.maxBody) + 64), false, 413},
		{"chunked json over the cap", "application/json", stringArray(int(lim.maxBody) + 64), true, 413},
		{"json under the cap", "application/json", stringArray(int(lim.maxBody) - 1), false, 200},
		{"upload over the body cap", smallType, small.Bytes(), false, 200},
		{"upload over the upload cap", largeType, large.Bytes(), false, 413},
	} {
		reached.Store(0)
		var rd io.Reader = bytes.NewReader(tc.body)
		if tc.chunked {
			rd = struct{ io.Reader }{rd}
		}
		req, _ := http.NewRequest(http.MethodPost, url+"/api/x", rd)
		req.Header.Set("Content-Type", tc.ctype)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s: HTTP %d, want %d", tc.name, resp.StatusCode, tc.want)
		}
		early := !tc.chunked // a declared length is refused before the simulator sees the request
		if tc.want == 413 && (early && reached.Load() != 0 || !strings.Contains(string(b), "request_body_too_large")) {
			t.Errorf("%s: reached the simulator %d times; body %q", tc.name, reached.Load(), b)
		}
	}
}

// TestSimServeReadTimeout opens 200 connections that never finish their
// request (100 stop inside the headers, 100 inside the body): the server
// closes every one within its read timeouts.
func TestSimServeReadTimeout(t *testing.T) {
	srv := omicalltest.NewServer(omicalltest.WithAnyAPIKey())
	lim := defaultSimLimits()
	lim.readHeader, lim.read = 200*time.Millisecond, 500*time.Millisecond
	url := serveForTest(t, srv.Handler(), lim)
	addr := strings.TrimPrefix(url, "http://")
	var open atomic.Int32
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			start := "POST /api/call_transaction/search?page=1&size=50 HTTP/1.1\r\nHost: sim\r\nx-api-key: any\r\n"
			if i%2 == 1 {
				start += "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"from_date\":"
			}
			if _, err := io.WriteString(c, start); err != nil {
				t.Error(err)
				return
			}
			_ = c.SetReadDeadline(time.Now().Add(3 * time.Second))
			_, err = io.Copy(io.Discard, c)
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				open.Add(1) // still open after 3 s
			}
		}()
	}
	wg.Wait()
	if n := open.Load(); n > 0 {
		t.Errorf("%d of 200 half-sent requests still open after 3s", n)
	}
}

// TestSimServeConcurrency: at most maxInFlight requests are served at
// once; the others wait, then are answered 503 with Retry-After.
func TestSimServeConcurrency(t *testing.T) {
	var now, most atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := now.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(100 * time.Millisecond)
		now.Add(-1)
	})
	lim := defaultSimLimits()
	lim.maxInFlight, lim.queueWait = 4, 150*time.Millisecond
	url := serveForTest(t, h, lim)
	var mu sync.Mutex
	codes := map[string]int{}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(url + "/api/tenant/detail")
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			mu.Lock()
			codes[fmt.Sprint(resp.StatusCode, " ", resp.Header.Get("Retry-After"))]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	t.Logf("at most %d at once; answers %v", most.Load(), codes)
	if most.Load() > 4 {
		t.Errorf("%d requests served at once, want at most 4", most.Load())
	}
	if codes["503 1"] == 0 || codes["200 "] < 4 {
		t.Errorf("answers %v: want some 200 and some 503 with Retry-After: 1", codes)
	}
}

// TestSimDefaultLimits: omicall sim runs with every bound set.
func TestSimDefaultLimits(t *testing.T) {
	lim := defaultSimLimits()
	if lim.maxBody <= 0 || lim.maxUpload < lim.maxBody || lim.maxInFlight <= 0 || lim.maxBig <= 0 ||
		lim.readHeader <= 0 || lim.read <= 0 || lim.write <= 0 || lim.idle <= 0 || lim.queueWait <= 0 {
		t.Errorf("a bound is missing: %+v", lim)
	}
}
