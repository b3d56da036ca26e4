package pages

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// openPage serves the site and opens path (a page and its query, e.g.
// "cnn.html?quick=1") in a new browser that lives until the test ends or
// timeout passes. If the test fails, it logs the console and the text of
// the elements ids (#status when none are named) and saves a screenshot,
// <page>-failed.png.
func openPage(t *testing.T, path string, timeout time.Duration, ids ...string) *browser {
	t.Helper()
	base := serveSite(t)
	b := newBrowser(t, timeout)
	if len(ids) == 0 {
		ids = []string{"status"}
	}
	name, _, _ := strings.Cut(path, ".html")
	t.Cleanup(func() { // before the browser's own: it still runs
		if !t.Failed() {
			return
		}
		b.logConsole(t)
		for _, id := range ids {
			if text, err := chromedp.Run(b.ctx, chromedp.TextContent(chromedp.ID(id))); err == nil {
				t.Logf("%s: %s", id, text)
			}
		}
		b.screenshot(t, name+"-failed.png")
	})
	b.opened = time.Now()
	require.NoError(t, chromedp.Do(b.ctx, chromedp.Navigate(base+path)))
	return b
}

// waitReady waits up to a minute until the button id is enabled, which
// the page does once its engine is ready, and logs how long that took.
func (b *browser) waitReady(t *testing.T, id string) {
	t.Helper()
	waitEnabled(t, b.ctx, id, time.Minute)
	t.Logf("page ready in %.1f s", time.Since(b.opened).Seconds())
}

// waitEnabled waits until the button id is enabled.
func waitEnabled(t *testing.T, ctx context.Context, id string, timeout time.Duration) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.getElementById('`+id+`').disabled`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
	require.NoError(t, err, "#%s is enabled", id)
}
