package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"syscall"
	"time"
)

// simLimits bound what omicall sim spends on its clients, so that a client
// (or many) cannot make it hold more than a few tens of megabytes or keep
// connections open forever.
type simLimits struct {
	maxBody     int64         // a request body (413 over it)
	maxUpload   int64         // a multipart/form-data body: greetings, speech audio
	bigBody     int64         // bodies above this, or of unknown length, are read maxBig at a time
	maxBig      int           // large bodies read at once
	maxInFlight int           // requests served at once
	queueWait   time.Duration // the longest a request waits for its turn before a 503
	readHeader  time.Duration // to read a request's headers
	read        time.Duration // to read a whole request, body included
	write       time.Duration // from the end of the headers to the end of the answer
	idle        time.Duration // a kept-alive connection between two requests
}

// defaultSimLimits are the limits of omicall sim: the simulator decodes a
// JSON body of n bytes into up to 16·n bytes of memory, so two 1 MiB
// bodies at once cost about 32 MB.
func defaultSimLimits() simLimits {
	return simLimits{
		maxBody: 1 << 20, maxUpload: 10 << 20, bigBody: 64 << 10, maxBig: 2,
		maxInFlight: 64, queueWait: 5 * time.Second,
		readHeader: 5 * time.Second, read: 30 * time.Second, write: time.Minute, idle: time.Minute,
	}
}

// serveSim serves h on l within lim until the returned server is shut down.
// Each wrap, if any, wraps the bounded handler (so a request log sees the
// requests refused too).
func serveSim(l net.Listener, h http.Handler, lim simLimits, wrap ...func(http.Handler) http.Handler) *http.Server {
	h = &bounded{next: h, lim: lim, slots: make(chan struct{}, lim.maxInFlight), big: make(chan struct{}, lim.maxBig)}
	for _, w := range wrap {
		h = w(h)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: lim.readHeader, ReadTimeout: lim.read,
		WriteTimeout: lim.write, IdleTimeout: lim.idle, MaxHeaderBytes: 64 << 10}
	go func() { _ = hs.Serve(l) }()
	return hs
}

// shutdownSim stops hs once the call hooks in flight are delivered (wait),
// or when ctx ends.
func shutdownSim(ctx context.Context, hs *http.Server, wait func()) error {
	hooks := make(chan struct{})
	go func() { wait(); close(hooks) }()
	select {
	case <-hooks:
	case <-ctx.Done():
	}
	err := hs.Shutdown(ctx)
	if err != nil {
		_ = hs.Close()
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// bounded serves next within its limits: a body over its cap is answered
// 413, at most maxInFlight requests are served at once (maxBig of them
// with a large body), and a request that waits longer than queueWait for
// its turn is answered 503.
type bounded struct {
	next       http.Handler
	lim        simLimits
	slots, big chan struct{}
}

func (b *bounded) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	limit := b.lim.maxBody
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "multipart/form-data" {
		limit = b.lim.maxUpload
	}
	if r.ContentLength > limit {
		answer(w, http.StatusRequestEntityTooLarge, "request_body_too_large")
		return
	}
	if !take(r.Context(), b.slots, b.lim.queueWait) {
		busy(w)
		return
	}
	defer func() { <-b.slots }()
	if r.ContentLength < 0 || r.ContentLength > b.lim.bigBody {
		if !take(r.Context(), b.big, b.lim.queueWait) {
			busy(w)
			return
		}
		defer func() { <-b.big }()
	}
	body := &cappedBody{ReadCloser: http.MaxBytesReader(w, r.Body, limit)}
	r.Body = body
	cw := &cappedWriter{ResponseWriter: w, body: body}
	b.next.ServeHTTP(cw, r)
	if body.over {
		cw.tooLarge() // the handler answered nothing
	}
}

// take waits up to wait for a slot of slots.
func take(ctx context.Context, slots chan struct{}, wait time.Duration) bool {
	select {
	case slots <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case slots <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

func busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "1")
	answer(w, http.StatusServiceUnavailable, "server_busy")
}

// answer writes an OMICall error envelope.
func answer(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, `{"status_code":-9999,"message":"`+code+`"}`)
}

// cappedBody is a request body that notes when it went over its cap.
type cappedBody struct {
	io.ReadCloser
	over bool
}

func (c *cappedBody) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		c.over = true
	}
	return n, err
}

// cappedWriter answers 413 in place of what the simulator answers once the
// body went over its cap (a body of unknown length is only found too large
// while it is read).
type cappedWriter struct {
	http.ResponseWriter
	body     *cappedBody
	answered bool
}

func (c *cappedWriter) WriteHeader(status int) {
	if c.body.over {
		c.tooLarge()
		return
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *cappedWriter) Write(p []byte) (int, error) {
	if c.body.over {
		c.tooLarge()
		return len(p), nil
	}
	return c.ResponseWriter.Write(p)
}

func (c *cappedWriter) tooLarge() {
	if !c.answered {
		c.answered = true
		answer(c.ResponseWriter, http.StatusRequestEntityTooLarge, "request_body_too_large")
	}
}

// listenAt listens on addr, the value of flag. An address in use or not
// allowed is a failure, a malformed one a usage error; each names the flag
// and the address.
func listenAt(flag, addr string) (net.Listener, error) {
	l, err := net.Listen("tcp", addr)
	var sys *os.SyscallError
	switch {
	case err == nil:
		return l, nil
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, fail(fmt.Errorf("%s %s: the address is already in use: stop what listens there or pick another port (port 0 picks a free one)", flag, addr))
	case errors.As(err, &sys):
		return nil, fail(fmt.Errorf("%s %s: cannot listen there: %v", flag, addr, sys.Err))
	}
	return nil, usageErrorf("%s %q: want host:port, e.g. 127.0.0.1:8080", flag, addr)
}
