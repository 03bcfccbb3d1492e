package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestQuickstartOnTheSimulator(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out bytes.Buffer
	if err := run(ctx, &out, config{rows: 5}); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	lines := strings.Split(text, "\n")
	if !strings.Contains(lines[0], "simulator") {
		t.Fatalf("first line does not say it runs on the simulator: %q", lines[0])
	}
	for _, want := range []string{"Tenant \"Demo Company\"", "Invited agent Quickstart Agent", "omiSDK.register", "TIME", "DIRECTION", "EXTENSION", "CUSTOMER", "ANSWERED"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	// The credentials block is the JSON object the Web SDK takes.
	m := regexp.MustCompile(`(?s)\{\n.*?\n\}`).FindString(text)
	var creds map[string]string
	if err := json.Unmarshal([]byte(m), &creds); err != nil {
		t.Fatalf("credentials are not JSON: %v\n%s", err, m)
	}
	if len(creds) != 3 || creds["domain"] != "democo" || creds["username"] == "" || creds["password"] == "" {
		t.Fatalf("credentials = %v", creds)
	}
	if !regexp.MustCompile(`\d+ calls, \d+ answered\.`).MatchString(text) {
		t.Fatalf("no summary line:\n%s", text)
	}
}
