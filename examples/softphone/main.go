// Command softphone is an agent's softphone page on the OMICall Web SDK,
// wired to a Go backend: OMICall's whole integration flow in one program.
//
//   - An agent signs in through an Authenticator: behind a reverse proxy
//     that signs the CRM's users in (ProxyHeaderAuth), or, on loopback only,
//     with the demo login by e-mail. The session lives on the server; the
//     browser holds a random id in a __Host- cookie.
//   - The page loads the Web SDK and registers it with the agent's own SIP
//     credentials from GET /api/me/sip (LookupExtension by e-mail).
//   - The Call button places a click-to-call from the agent's extension.
//   - OMICall's call hooks reach /omicall/hook (with a secret) and stream to
//     that agent's page as Server-Sent Events: ringing, answered, hangup and
//     the call's record; a page that reconnects gets what it missed.
//   - The agent's recent calls come from the call history, in Vietnam time.
//
// With -simulate (or without OMICALL_API_KEY) everything runs offline, on
// loopback: the in-process simulator plays OMICall, the server registers
// its own hook URL with it, and the page loads a local stand-in for the Web
// SDK script:
//
//	go run ./examples/softphone -simulate
//	# open http://127.0.0.1:8080 and sign in as an.nguyen@democo.example
//
// Against OMICall, serve it behind an HTTPS reverse proxy that signs the
// users in and passes their e-mail in X-Forwarded-Email along with the
// shared secret in X-Softphone-Proxy-Secret. Secrets come from the
// environment, never from flags (which any user of the machine can read):
//
//	OMICALL_API_KEY=... OMICALL_WEBHOOK_SECRET=... SOFTPHONE_PROXY_SECRET=... \
//	  go run ./examples/softphone -addr 127.0.0.1:8080 -origin https://crm.example \
//	    -sdk-integrity sha384-... -register https://crm.example/omicall/hook
//
// OMICALL_BASE_URL overrides the API host.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	opts, err := parseOptions(os.Args[1:], os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "softphone:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, opts, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "softphone:", err)
		os.Exit(1)
	}
}
