package pages

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/cmd/build/dist"
	"gonn/cmd/devserver/serve"
)

// overlaySite serves the built site as the development server does, except
// for the paths the test replaces (the next build's files).
type overlaySite struct {
	next http.Handler
	mu   sync.Mutex
	over map[string][]byte // URL path → body
}

func (o *overlaySite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	body, ok := o.over[r.URL.Path]
	o.mu.Unlock()
	if !ok {
		o.next.ServeHTTP(w, r)
		return
	}
	w.Header().Set("Content-Type", serve.ContentType(r.URL.Path))
	w.Header().Set("Content-Security-Policy", serve.CSP)
	w.Write(body)
}

func (o *overlaySite) replace(files map[string][]byte) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.over = files
}

// cacheState is what the page sees of the service worker's caches.
type cacheState struct {
	Caches     []string // every gonn-site-* cache
	Complete   string   // the one holding manifest.json
	Files      int      // entries of the complete one
	Controlled bool     // the page is controlled by the service worker
}

const cacheStateJS = `(async () => {
	const names = (await caches.keys()).filter((k) => k.startsWith('gonn-site-'));
	const s = {Caches: names, Complete: '', Files: 0, Controlled: !!navigator.serviceWorker.controller};
	for (const k of names) {
		const c = await caches.open(k);
		if (await c.match(new URL('manifest.json', location.href).href)) {
			s.Complete = k;
			s.Files = (await c.keys()).length;
		}
	}
	return s; })()`

// waitCache polls the caches until done accepts them.
func waitCache(t *testing.T, ctx context.Context, what string, done func(cacheState) bool) cacheState {
	t.Helper()
	var s cacheState
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		var err error
		s, err = chromedp.Run(ctx, chromedp.Evaluate[cacheState](cacheStateJS, chromedp.EvalAwaitPromise))
		require.NoError(t, err)
		if done(s) {
			return s
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: caches %+v", what, s)
	return s
}

// TestOffline loads the convolution playground once, waits for the service
// worker to keep every file of the site, then stops the server: the reload
// comes from the cache and the engine still computes, and a page never
// opened before (the MNIST trainer) starts too.
func TestOffline(t *testing.T) {
	serveSite(t)
	man, err := dist.ReadManifest(filepath.Join(site.dir, dist.ManifestName))
	require.NoError(t, err)
	srv := httptest.NewServer(serve.Handler(site.dir, serve.Options{}))
	defer srv.Close()
	base := srv.URL + "/"

	b := newBrowser(t, 4*time.Minute)
	ctx := b.ctx
	defer func() {
		if t.Failed() {
			b.logConsole(t)
			b.screenshot(t, "offline-failed.png")
		}
	}()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"conv.html")))
	waitValues(t, ctx, "grid-conv", "0,1,1,1,0;1,1,1,1,1;1,1,1,0,0;1,1,1,1,1;0,1,1,1,0")
	start := time.Now()
	s := waitCache(t, ctx, "the site in the cache", func(s cacheState) bool { return s.Complete != "" && s.Controlled })
	t.Logf("service worker kept %d files (%d bytes) in %.1f s", s.Files, man.TotalSize, time.Since(start).Seconds())
	assert.Equal(t, man.TotalFiles+1, s.Files, "every file of the manifest, and the manifest")
	assert.Equal(t, []string{s.Complete}, s.Caches)

	// Cut the network: the server is gone.
	srv.CloseClientConnections()
	srv.Close()
	_, err = http.Get(base + "conv.html")
	require.Error(t, err, "the server is down")

	require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	waitValues(t, ctx, "grid-conv", "0,1,1,1,0;1,1,1,1,1;1,1,1,0,0;1,1,1,1,1;0,1,1,1,0")
	clickPreset(t, ctx, "horizontal")
	waitValues(t, ctx, "grid-pool", "1,3;1,3")
	assert.Equal(t, convHorizontal, tableText(t, ctx, "grid-conv"), "the engine computes offline")
	b.screenshot(t, "offline-conv.png")

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"mnist.html")))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`!document.getElementById('train').disabled`, chromedp.WithPollingTimeout(time.Minute)))
	require.NoError(t, err, "a page not opened before starts offline")
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
}

// TestOffline_NewBuild replaces a file of the site and its manifest, as a
// new build does: the service worker fills a new cache, keeps the new file
// and drops the old cache; a file whose bytes differ from the manifest's
// SHA-256 is refused and the old cache kept.
func TestOffline_NewBuild(t *testing.T) {
	serveSite(t)
	site0 := &overlaySite{next: serve.Handler(site.dir, serve.Options{})}
	srv := httptest.NewServer(site0)
	defer srv.Close()
	base := srv.URL + "/"

	b := newBrowser(t, 4*time.Minute)
	ctx := b.ctx
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"conv.html")))
	first := waitCache(t, ctx, "the first build in the cache", func(s cacheState) bool { return s.Complete != "" && s.Controlled })

	// The next build: index.html changed.
	index, err := os.ReadFile(filepath.Join(site.dir, "index.html"))
	require.NoError(t, err)
	index2 := append(append([]byte{}, index...), "<!-- the next build -->\n"...)
	man, err := dist.ReadManifest(filepath.Join(site.dir, dist.ManifestName))
	require.NoError(t, err)
	for i, f := range man.Files {
		if f.Path == "index.html" {
			sum := sha256.Sum256(index2)
			man.Files[i] = dist.File{Path: f.Path, Size: int64(len(index2)), SHA256: hex.EncodeToString(sum[:])}
		}
	}

	// First a broken deploy: the manifest is new, index.html is not.
	site0.replace(map[string][]byte{"/manifest.json": man.Marshal(), "/index.html": index})
	r := askUpdate(t, ctx)
	assert.False(t, r.OK)
	assert.Contains(t, r.Error, "index.html", "the file whose SHA-256 differs is named")
	s := waitCache(t, ctx, "the caches", func(cacheState) bool { return true })
	assert.Equal(t, first.Complete, s.Complete, "the old build is still served")

	// Then the real one.
	site0.replace(map[string][]byte{"/manifest.json": man.Marshal(), "/index.html": index2})
	r = askUpdate(t, ctx)
	require.True(t, r.OK, r.Error)
	s = waitCache(t, ctx, "the caches", func(cacheState) bool { return true })
	assert.NotEqual(t, first.Complete, s.Complete, "a new cache for the new build")
	assert.Equal(t, []string{s.Complete}, s.Caches, "the old cache is gone")
	assert.Equal(t, r.Cache, s.Complete)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const c = await caches.open('`+s.Complete+`');
		return (await c.match(new URL('index.html', location.href).href)).text(); })()`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	assert.Equal(t, string(index2), got, "the new index.html is kept")
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
}

type updateAnswer struct {
	OK    bool
	Cache string
	Error string
}

// askUpdate asks the page's service worker to look at manifest.json now and
// returns its answer.
func askUpdate(t *testing.T, ctx context.Context) updateAnswer {
	t.Helper()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](`new Promise((resolve) => {
		navigator.serviceWorker.addEventListener('message', (e) => resolve(e.data), {once: true});
		navigator.serviceWorker.controller.postMessage({type: 'gonn-update'}); })`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	var a updateAnswer
	require.NoError(t, json.Unmarshal(raw, &a))
	return a
}
