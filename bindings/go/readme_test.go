package wsclose_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeSnippet compiles and runs the Go snippet of the top-level README.md (between
// <!-- lang:go --> and <!-- /lang:go -->) against this package, and compares what it prints
// with its trailing "// Output:" comment, so that the README cannot go stale.
func TestReadmeSnippet(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	code := extractSnippet(t, string(readme), "<!-- lang:go -->", "<!-- /lang:go -->", "```go\n")
	_, outputBlock, found := strings.Cut(code, "// Output:\n")
	if !found {
		t.Fatal("the README's Go snippet has no // Output: comment")
	}
	var want strings.Builder
	for _, line := range strings.Split(strings.TrimRight(outputBlock, "\n"), "\n") {
		text, ok := strings.CutPrefix(strings.TrimSpace(line), "//")
		if !ok {
			t.Fatalf("the README's Go snippet has a non-comment line after // Output: %q", line)
		}
		want.WriteString(strings.TrimPrefix(text, " ") + "\n")
	}

	self, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	goMod := "module readmesnippet\n\ngo 1.21\n\nrequire github.com/wsclose/wsclose/bindings/go v0.0.0\n\n" +
		"replace github.com/wsclose/wsclose/bindings/go => " + self + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	// go.sum of the temporary module is filled from the module cache (GOFLAGS=-mod=mod).
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run of the README snippet: %v\n%s", err, out)
	}
	if string(out) != want.String() {
		t.Fatalf("the README's Go snippet printed\n%s\nits // Output: comment says\n%s", out, want.String())
	}
}

// extractSnippet returns the body of the one fenced code block between the two markers.
func extractSnippet(t *testing.T, text, begin, end, fence string) string {
	t.Helper()
	_, rest, ok := strings.Cut(text, begin)
	if !ok {
		t.Fatalf("README.md has no %s", begin)
	}
	block, _, ok := strings.Cut(rest, end)
	if !ok {
		t.Fatalf("README.md has no %s", end)
	}
	_, code, ok := strings.Cut(block, fence)
	if !ok {
		t.Fatalf("README.md: no %q block between %s and %s", strings.TrimSpace(fence), begin, end)
	}
	code, _, ok = strings.Cut(code, "\n```")
	if !ok {
		t.Fatalf("README.md: the code block after %s is not closed", begin)
	}
	return code + "\n"
}
