package pages

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHome opens the home page and follows its link to the MNIST page.
func TestHome(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, time.Minute)
	require.NoError(t, chromedp.Do(b.ctx,
		chromedp.Navigate(base),
		chromedp.Click(chromedp.CSS(`a[href="mnist.html"]`)),
		chromedp.WaitVisible(chromedp.ID("pad")),
	))
	title, err := chromedp.Run(b.ctx, chromedp.Title())
	require.NoError(t, err)
	assert.Contains(t, title, "MNIST")
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
}
