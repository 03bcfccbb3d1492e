package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// simLimits bound what omicall sim spends on its clients.
type simLimits struct {
	readHeader time.Duration // to read a request's headers
}

// defaultSimLimits are the limits of omicall sim.
func defaultSimLimits() simLimits {
	return simLimits{readHeader: 10 * time.Second}
}

// serveSim serves h on l within lim until the returned server is shut down.
func serveSim(l net.Listener, h http.Handler, lim simLimits) *http.Server {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: lim.readHeader}
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
