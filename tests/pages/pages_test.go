// Package pages tests the site's pages in a real browser: it builds dist/
// with dist.Build into a temporary folder once, serves it with the
// development server's handler on 127.0.0.1, and drives Debian's Chromium
// (headless, a fresh profile per test) with chromedp.
//
// Without Chromium the tests skip, unless the environment variable CI is set:
// then they fail. GONN_CHROMIUM names another browser binary; GONN_DIST an
// existing build to test instead of building one. Screenshots go
// to $GONN_ARTIFACTS if it is set, else to the test's artifact folder
// (kept with go test -artifacts); the tests log their paths.
package pages

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"gonn/cmd/build/dist"
	"gonn/cmd/devserver/serve"
)

// site is the dist/ built for this test binary.
var site struct {
	once sync.Once
	tmp  string // holds dir; removed by TestMain
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if site.tmp != "" {
		os.RemoveAll(site.tmp)
	}
	os.Exit(code)
}

// serveSite builds the site (once per test binary) and serves it for the
// test; it returns the base URL, ending in "/".
func serveSite(t *testing.T) string {
	t.Helper()
	site.once.Do(func() {
		if site.dir = os.Getenv("GONN_DIST"); site.dir != "" {
			return
		}
		start := time.Now()
		if site.tmp, site.err = os.MkdirTemp("", "gonn-pages-"); site.err != nil {
			return
		}
		site.dir = filepath.Join(site.tmp, "dist")
		var log strings.Builder
		_, site.err = dist.Build(dist.Options{Out: site.dir, CacheDir: dist.DefaultCacheDir(), Log: &log})
		if site.err != nil {
			site.err = fmt.Errorf("%w\n%s", site.err, log.String())
		}
		t.Logf("built the site in %.1f s", time.Since(start).Seconds())
	})
	require.NoError(t, site.err, "building the site")
	srv := httptest.NewServer(serve.Handler(site.dir, serve.Options{})) // on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// chromium returns the browser to run, or skips the test (fails it on CI)
// when there is none.
func chromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("GONN_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
		if _, err := os.Stat(path); err != nil {
			path, _ = exec.LookPath("chromium")
		}
	}
	if path == "" {
		msg := "no Chromium: install Debian's chromium (apt-get install chromium) or set GONN_CHROMIUM"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + " (CI is set, so this is a failure)")
		}
		t.Skip(msg)
	}
	return path
}

// browser is a headless Chromium tab and what its console said.
type browser struct {
	ctx    context.Context
	opened time.Time // when openPage navigated

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

// newBrowser starts Chromium with a fresh profile and opens a tab that lives
// until the test ends or timeout passes.
func newBrowser(t *testing.T, timeout time.Duration) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 1200),
	)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)

	b := &browser{ctx: ctx}
	messages := chromedp.Console(ctx) // starts the browser; subscribes now
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
	require.NoError(t, chromedp.Do(ctx), "starting Chromium")
	return b
}

// problems returns the console's errors and uncaught exceptions so far.
func (b *browser) problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, m := range b.console {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			out = append(out, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
		}
	}
	return out
}

// logConsole logs every console message so far.
func (b *browser) logConsole(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.console {
		t.Logf("console %s", m)
	}
}

// screenshot saves a PNG of the whole page as name in the artifact folder
// and logs its path.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	dir := os.Getenv("GONN_ARTIFACTS")
	if dir == "" {
		dir = t.ArtifactDir()
	}
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o755); err == nil {
		err = os.WriteFile(path, png, 0o644)
	}
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	t.Logf("screenshot: %s", path)
}
