// Package browser tests gonn's JavaScript API (wasm/js/) from the outside:
// Node runs the scenarios of tests/node/ against a built site, and
// Debian's Chromium, driven by chromedp, runs the same scenarios in a page
// whose engine lives in a Web Worker. Both train the reference MLP and
// must find the weight hash that nn computes natively in this process.
//
// TestMain builds the site once with dist.Build into a temporary folder
// (or uses $GONN_DIST, an existing build) and serves it with the
// devserver's handler; the test page and scenarios are served beside it
// under /_test/.
package browser

import (
	"bytes"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gonn/cmd/build/dist"
	"gonn/cmd/devserver/serve"
)

// Set by TestMain.
var (
	root       string // the module root
	siteDir    string // the built site
	siteURL    string // where it is served, without a trailing slash
	nativeHash string // the reference MLP's weight hash, computed natively
)

func TestMain(m *testing.M) {
	code, err := run(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tests/browser:", err)
		code = 1
	}
	os.Exit(code)
}

func run(m *testing.M) (int, error) {
	flag.Parse()
	wd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	if root, err = dist.FindRoot(wd); err != nil {
		return 0, err
	}
	tmp, err := os.MkdirTemp("", "gonn-browser-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)

	start := time.Now()
	if siteDir, err = buildSite(tmp); err != nil {
		return 0, err
	}
	buildTime := time.Since(start)

	if err := statInputs(); err != nil {
		return 0, err
	}
	testDir := filepath.Join(tmp, "test")
	if err := copyTestFiles(testDir); err != nil {
		return 0, err
	}
	mux := http.NewServeMux()
	mux.Handle("/", serve.Handler(siteDir, serve.Options{}))
	mux.Handle("/_test/", http.StripPrefix("/_test", serve.Handler(testDir, serve.Options{})))
	srv := httptest.NewServer(mux) // 127.0.0.1:0
	defer srv.Close()
	siteURL = srv.URL

	start = time.Now()
	if nativeHash, err = referenceHash(filepath.Join(siteDir, "data", "mnist-train.gmn")); err != nil {
		return 0, err
	}
	if testing.Verbose() {
		fmt.Printf("site %s built in %v; native reference hash %s in %v\n", siteDir, buildTime.Round(time.Millisecond), nativeHash, time.Since(start).Round(time.Millisecond))
	}
	return m.Run(), nil
}

// buildSite builds the site into tmp/dist, or returns $GONN_DIST when set.
func buildSite(tmp string) (string, error) {
	if d := os.Getenv("GONN_DIST"); d != "" {
		return filepath.Abs(d)
	}
	out := filepath.Join(tmp, "dist")
	var log bytes.Buffer
	if _, err := dist.Build(dist.Options{Root: root, Out: out, CacheDir: dist.DefaultCacheDir(), Log: &log}); err != nil {
		return "", fmt.Errorf("%w\n%s", err, log.Bytes())
	}
	return out, nil
}

// statInputs looks at the files the tests depend on that only other
// processes read: the Go sources of the engine (built by the go command)
// and the Node runner. go test caches a result keyed by the files the test
// process consulted, so without this an edit to them would leave a stale
// "(cached)" pass. (The site's other files are read in this process.)
func statInputs() error {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{range .GoFiles}}{{$.Dir}}/{{.}}\n{{end}}{{end}}", "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	list, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("listing the engine's sources: %w", err)
	}
	files := append(strings.Fields(string(list)), filepath.Join(root, "tests", "node", "run.mjs"), filepath.Join(root, "go.mod"),
		filepath.Join(root, "tests", "browser", "testdata", "kernels-node.mjs"), filepath.Join(root, "wasm", "kernels", "kernels.wasm"))
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return err
		}
	}
	return nil
}

// copyTestFiles puts the test page and the shared scenarios in dir.
func copyTestFiles(dir string) error {
	files := map[string]string{
		"index.html":     "tests/browser/testdata/index.html",
		"page.js":        "tests/browser/testdata/page.js",
		"user-worker.js": "tests/browser/testdata/user-worker.js",
		"scenarios.mjs":  "tests/node/scenarios.mjs",
		"kernels.mjs":    "tests/browser/testdata/kernels.mjs",
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, src := range files {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(src)))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// needTool returns the path of a program the tests need, or skips the test
// when it is missing, except under CI (env CI set), where it fails.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing (CI must install it): %v", name, err)
		}
		t.Skipf("skipped: no %s (apt-get install %s to run this test)", name, pkg)
	}
	return path
}
