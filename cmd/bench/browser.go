package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromium is one headless Chromium process; its tabs are separate windows
// (chromedp's default), so none is hidden or throttled while another runs.
type chromium struct {
	ctx    context.Context // the first tab's context: new tabs open beside it
	cancel func()
	log    io.Writer
}

// findChromium returns $GONN_CHROMIUM, Debian's /usr/bin/chromium, or a
// chromium on the PATH.
func findChromium() (string, error) {
	if p := os.Getenv("GONN_CHROMIUM"); p != "" {
		return p, nil
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	p, err := exec.LookPath("chromium")
	if err != nil {
		return "", fmt.Errorf("no Chromium: apt-get install chromium, or set GONN_CHROMIUM")
	}
	return p, nil
}

// startChromium starts the browser, headless, with a fresh profile in
// profile and the flags that keep it off the network; its own output (dbus
// and /dev/shm noise) goes to output.
func startChromium(ctx context.Context, execPath, profile string, output, log io.Writer) (*chromium, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.CombinedOutput(output),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tctx, cancelTab := chromedp.NewContext(actx)
	c := &chromium{ctx: tctx, log: log, cancel: func() { cancelTab(); cancelAlloc() }}
	if err := chromedp.Do(tctx); err != nil {
		c.cancel()
		return nil, fmt.Errorf("starting Chromium: %w", err)
	}
	return c, nil
}

// version is the browser's product string, e.g. "HeadlessChrome/156.0.8078.108".
func (c *chromium) version() (string, error) {
	v, err := chromedp.CallBrowser(c.ctx, browser.GetVersion, cdp.Empty{})
	return v.Product, err
}

func (c *chromium) close() { c.cancel() }

// A tab runs one page; its console errors go to the log, named.
type tab struct {
	name   string
	ctx    context.Context
	cancel func()
}

// newTab opens a tab (a new window) in the browser.
func (c *chromium) newTab(name string) (*tab, error) {
	ctx, cancel := chromedp.NewContext(c.ctx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, fmt.Errorf("opening tab %s: %w", name, err)
	}
	t := &tab{name: name, ctx: ctx, cancel: cancel}
	go t.logConsole(chromedp.Console(ctx), c.log)
	return t, nil
}

func (t *tab) logConsole(messages iter.Seq2[chromedp.ConsoleMessage, error], log io.Writer) {
	for m, err := range messages {
		if err != nil {
			return
		}
		if m.Type == chromedp.ConsoleError || m.IsException() {
			fmt.Fprintf(log, "  [%s console] %s\n", t.name, m)
		}
	}
}

func (t *tab) close() { t.cancel() }

// crash ends the tab's renderer at once, even while a script runs
// (Page.crash acts on the renderer's IO thread). The tab is unusable after.
func (t *tab) crash() {
	ctx, cancel := context.WithTimeout(t.ctx, 10*time.Second)
	defer cancel()
	chromedp.Call(ctx, page.Crash, cdp.Empty{}) // it answers with an error or not at all
}

// open brings the tab to the front, navigates to url and waits until the
// expression ready is truthy.
func (t *tab) open(url, ready string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(t.ctx, timeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.BringToFront, cdp.Empty{}); err != nil {
		return err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("%s: loading %s: %w", t.name, url, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool]("!!("+ready+")", chromedp.WithPollingTimeout(timeout))); err != nil {
		return fmt.Errorf("%s: waiting for %s: %w", t.name, ready, err)
	}
	return nil
}

// front makes the tab the active one, as a person looking at it would.
func (t *tab) front() error {
	_, err := chromedp.Call(t.ctx, page.BringToFront, cdp.Empty{})
	return err
}

// eval evaluates expr in the page, awaiting a promise, and decodes the
// JSON result into out; it gives up after timeout.
func (t *tab) eval(expr string, timeout time.Duration, out any) error {
	ctx, cancel := context.WithTimeout(t.ctx, timeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		return fmt.Errorf("%s: %s: %w", t.name, expr, err)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s: %s: %w (%s)", t.name, expr, err, raw)
	}
	return nil
}

// syncWriter serialises writes to w: the browser's output arrives from
// goroutines of its own.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
