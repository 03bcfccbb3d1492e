package main

import (
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestPageHasAContentSecurityPolicy(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	resp, err := http.Get(s.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
}

func TestPageLoadsTheSDKWithItsIntegrityHash(t *testing.T) {
	a, err := newApp(nil, config{Auth: DemoLogin{}, SDKIntegrity: testIntegrity})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	a.routes().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	want := `<script src="` + omiSDKURL + `" integrity="` + testIntegrity + `" crossorigin="anonymous"></script>`
	if !strings.Contains(html.UnescapeString(rec.Body.String()), want) { // html/template writes + as &#43;
		t.Fatalf("the page lacks %s:\n%s", want, rec.Body.String())
	}
	csp := rec.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self' https://cdn.omicrm.com;") {
		t.Fatalf("Content-Security-Policy %q does not allow the SDK's host alone", csp)
	}
	for _, bad := range []string{"sha384-short", "md5-" + testIntegrity[7:], "sha256-" + testIntegrity[7:], testIntegrity[7:]} {
		if _, err := newApp(nil, config{Auth: DemoLogin{}, SDKIntegrity: bad}); err == nil {
			t.Errorf("integrity %q taken", bad)
		}
	}
	if _, err := newApp(nil, config{Auth: DemoLogin{}, SDKURL: "http://cdn.example/sdk.js"}); err == nil {
		t.Error("an http Web SDK URL taken")
	}
}
