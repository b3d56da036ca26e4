package pages

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// homeSections are the lecture's sections in its order, as the home page
// titles them (shared/lecture), each with the pages it links to.
var homeSections = []struct {
	id    string
	pages []string
}{
	{"function", []string{"function.html"}},
	{"cnn", []string{"conv.html"}},
	{"digits", []string{"mnist.html", "cnn.html"}},
	{"inside", []string{"inside.html"}},
	{"rnn", []string{"sentiment.html", "addition.html"}},
	{"timeseries", []string{"timeseries.html"}},
	{"learning", []string{"optimizers.html", "batches.html"}},
	{"small-data", []string{"augment.html", "transfer.html"}},
	{"gan", []string{"gan.html"}},
}

// homeLink is a link of the home page.
type homeLink struct {
	Href    string
	Section string // the id of its lecture section, "" outside them
}

// TestHome opens the home page: its sections follow the lecture, each
// links to its live pages, no page is left "coming"; every link of the page answers 200. Then it follows the link to
// the MNIST page. It saves a screenshot.
func TestHome(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, time.Minute)
	require.NoError(t, chromedp.Do(b.ctx, chromedp.Navigate(base), chromedp.WaitVisible(chromedp.ID("function"))))

	ids, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('section.lecture')].map(s => s.id)`))
	require.NoError(t, err)
	var want []string
	for _, s := range homeSections {
		want = append(want, s.id)
	}
	assert.Equal(t, want, ids, "the lecture's sections, in its order")

	links, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]homeLink](`[...document.querySelectorAll('main a[href]')].map(a => {
		const s = a.closest('section.lecture'); return {Href: a.getAttribute('href'), Section: s ? s.id : ''}; })`))
	require.NoError(t, err)
	for _, s := range homeSections {
		var got []string
		for _, l := range links {
			if l.Section == s.id {
				got = append(got, l.Href)
			}
		}
		assert.Equal(t, s.pages, got, "the pages of section %s", s.id)
	}
	coming, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]int](`[...document.querySelectorAll('li.coming')].map(li => li.querySelectorAll('a').length)`))
	require.NoError(t, err)
	assert.Empty(t, coming, "every page of the lecture has landed: none is still coming")
	for _, n := range coming {
		assert.Zero(t, n, "a page still to come has no link")
	}
	for _, l := range links {
		if strings.HasPrefix(l.Href, "#") {
			n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll('`+l.Href+`').length`))
			require.NoError(t, err)
			assert.Equal(t, 1, n, "the anchor %s", l.Href)
			continue
		}
		resp, err := http.Get(base + l.Href)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode, "the link %s", l.Href)
	}

	b.screenshot(t, "home.png")

	require.NoError(t, chromedp.Do(b.ctx,
		chromedp.Click(chromedp.CSS(`a[href="mnist.html"]`)),
		chromedp.WaitVisible(chromedp.ID("pad")),
	))
	title, err := chromedp.Run(b.ctx, chromedp.Title())
	require.NoError(t, err)
	assert.Contains(t, title, "MNIST")
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
}
