package omicall

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeSnippetsCompile keeps README.md honest: every ```go block in it
// must appear, line for line (indentation aside), in an example_*_test.go
// file (of this package or a subpackage), where it is compiled by go vet and go test.
func TestReadmeSnippetsCompile(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("example*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	sub, err := filepath.Glob("*/example*_test.go") // redisstore, otelomicall
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, sub...)
	var corpus []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		corpus = append(corpus, "\x00")
		corpus = append(corpus, normLines(string(b))...)
	}
	blocks := regexp.MustCompile("(?s)```go\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) == 0 {
		t.Fatal("README.md has no Go snippets")
	}
	for _, m := range blocks {
		snippet := normLines(m[1])
		if !containsRun(corpus, snippet) {
			t.Errorf("README snippet is not in any example_*_test.go file:\n%s", m[1])
		}
	}
}

// normLines splits text into non-empty lines with white space folded, so
// indentation and gofmt's comment alignment do not matter.
func normLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// containsRun reports whether run appears contiguously in lines.
func containsRun(lines, run []string) bool {
	for i := 0; i+len(run) <= len(lines); i++ {
		match := true
		for j := range run {
			if lines[i+j] != run[j] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
