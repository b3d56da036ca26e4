// Registers the site's service worker (sw.js, at the site's root), which
// keeps the whole site for offline use after one visit. Pages include it
// with <script type="module" src="offline.js"></script>, or get it through
// boot.js. It waits for the page to load, so the page's own downloads go
// first, and does nothing where service workers are unavailable (plain
// http:// other than localhost, some private modes).
//
// When a page opens, the worker looks at manifest.json for a new build;
// window.gonnOffline is a Promise of the registration, for pages and tests.

const swURL = new URL('./sw.js', import.meta.url);

function register() {
  return navigator.serviceWorker.register(swURL, {scope: new URL('./', swURL).pathname}).catch((e) => {
    console.warn('gonn: no offline copy of the site:', e.message);
    return null;
  });
}

if ('serviceWorker' in navigator && !globalThis.gonnOffline) {
  globalThis.gonnOffline = new Promise((resolve) => {
    if (document.readyState === 'complete') resolve(register());
    else addEventListener('load', () => resolve(register()), {once: true});
  });
}
