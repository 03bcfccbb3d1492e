package omicalltest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/omicall-go/omicall/internal/simulator"
)

// WithAnyAPIKey makes the server accept any non-empty API key (APIKey then
// returns ""): the mode of a long-running simulator that apps in any
// language talk to with a key of their own.
func WithAnyAPIKey() Option { return Option{simulator.WithAnyAPIKey()} }

// Listen serves the server on addr, a host:port such as "127.0.0.1:8080"
// (port 0 picks a free one), and returns its base URL and a function that
// stops it: the stop waits for the call hooks in flight (at most ctx's
// time), then shuts the listener down. Use it instead of Start for a
// server that other processes reach at a known address; start a server
// once. Each wrap, if any, wraps the server's handler (outermost last), e.g.
// to log requests.
func (s *Server) Listen(addr string, wrap ...func(http.Handler) http.Handler) (url string, stop func(ctx context.Context) error, err error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, err
	}
	h := s.Handler()
	for _, w := range wrap {
		h = w(h)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = hs.Serve(l)
	}()
	s.url = "http://" + l.Addr().String()
	stop = func(ctx context.Context) error {
		hooks := make(chan struct{})
		go func() { s.sim.WaitCalls(); close(hooks) }()
		select {
		case <-hooks:
		case <-ctx.Done():
		}
		err := hs.Shutdown(ctx)
		if err != nil {
			_ = hs.Close()
		}
		<-done
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		return err
	}
	s.stop = func() { _ = stop(context.Background()) }
	return s.url, stop, nil
}
