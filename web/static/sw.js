// gonn's service worker: after one visit the whole site works offline.
//
// What it keeps: every file that manifest.json lists (docs/dist.md): the
// engine and kernels, the JavaScript API, the page UIs, the pages and the
// data packs. They go into one cache per build, named by the SHA-256 of
// manifest.json ("gonn-site-<16 hex>"), and each file is checked against its
// SHA-256 in the manifest before it is kept; manifest.json goes in last, so
// a cache that holds it is complete.
//
// How it serves: manifest.json from the network when it can (the cache when
// offline); a listed file from the complete cache (cache first), or the
// network when there is no complete cache yet; anything else from the
// network, untouched.
//
// How a new build takes over: on install, and whenever a page is opened, it
// fetches manifest.json (a few KB, revalidated by its ETag); if its hash
// names no complete cache, it fills a new one (copying the files whose
// SHA-256 did not change from the old cache, downloading the rest), then
// deletes the old caches. The pages opened after that get the new build.
//
// It lives at the site's root, so its scope is the whole site; offline.js
// registers it.

const prefix = 'gonn-site-';
const manifestName = 'manifest.json';
const root = new URL('./', self.location.href);
const parallel = 4; // downloads at a time

let current = null; // Promise<{name, cache, manifest, paths: Set<string>} | null>: the complete cache
let updating = null; // Promise of the update running

self.addEventListener('install', (event) => {
  event.waitUntil(update().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

// A page may ask for a look at manifest.json now: postMessage({type:
// 'gonn-update'}) to the worker; it answers {type: 'gonn-update', ok,
// cache} or {type: 'gonn-update', ok: false, error}.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'gonn-update') return;
  const answer = (r) => event.source?.postMessage({type: 'gonn-update', ...r});
  event.waitUntil(update().then(
    async () => answer({ok: true, cache: (await complete())?.name ?? null}),
    (e) => answer({ok: false, error: String(e?.message ?? e)}),
  ));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const path = sitePath(req.url);
  if (path === null) return;
  if (req.mode === 'navigate') event.waitUntil(update().catch(report));
  if (path === manifestName) {
    event.respondWith(fetch(req).catch(() => fromCache(path).then((r) => r ?? Response.error())));
    return;
  }
  event.respondWith(
    complete().then(async (c) => {
      if (c?.paths.has(path)) {
        const hit = await c.cache.match(keyOf(path));
        if (hit) return hit;
      }
      return fetch(req);
    }),
  );
});

// sitePath returns the site path of url ("index.html" for "/" and for
// folders, no query), or null for a URL outside the scope.
function sitePath(url) {
  const u = new URL(url);
  if (u.origin !== root.origin || !u.pathname.startsWith(root.pathname)) return null;
  let p = decodeURIComponent(u.pathname.slice(root.pathname.length));
  if (p === '' || p.endsWith('/')) p += 'index.html';
  return p;
}

function keyOf(path) {
  return new URL(path, root).href;
}

// complete finds the complete cache (the newest build that is fully kept).
function complete() {
  current ??= (async () => {
    for (const name of await ourCaches()) {
      const cache = await caches.open(name);
      const res = await cache.match(keyOf(manifestName));
      if (!res) continue;
      const manifest = await res.json();
      return {name, cache, manifest, paths: new Set(manifest.files.map((f) => f.path))};
    }
    return null;
  })();
  return current;
}

async function fromCache(path) {
  const c = await complete();
  return c ? c.cache.match(keyOf(path)) : undefined;
}

async function ourCaches() {
  return (await caches.keys()).filter((k) => k.startsWith(prefix));
}

// update keeps the build that manifest.json names (see the file comment).
function update() {
  updating ??= fill().finally(() => (updating = null));
  return updating;
}

async function fill() {
  const res = await fetch(keyOf(manifestName), {cache: 'no-cache'});
  if (!res.ok) throw new Error(`manifest.json: HTTP ${res.status}`);
  const bytes = await res.arrayBuffer();
  const name = prefix + (await sha256(bytes)).slice(0, 16);
  const old = await complete();
  if (old?.name === name) return;
  const manifest = JSON.parse(new TextDecoder().decode(bytes));
  const cache = await caches.open(name);
  const oldHashes = new Map((old?.manifest.files ?? []).map((f) => [f.path, f.sha256]));
  const files = [...manifest.files].sort((a, b) => a.size - b.size); // pages and code first
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++];
      if (await cache.match(keyOf(f.path))) continue; // kept by an earlier, interrupted fill
      const reuse = oldHashes.get(f.path) === f.sha256 ? await old.cache.match(keyOf(f.path)) : undefined;
      await cache.put(keyOf(f.path), reuse ?? (await download(f)));
    }
  };
  await Promise.all(Array.from({length: parallel}, worker));
  await cache.put(keyOf(manifestName), new Response(bytes, {headers: {'Content-Type': 'application/json'}}));
  current = Promise.resolve({name, cache, manifest, paths: new Set(manifest.files.map((f) => f.path))});
  for (const k of await ourCaches()) if (k !== name) await caches.delete(k);
}

// download fetches a listed file and checks its size and SHA-256. The
// response kept has the body as decoded and the server's headers but for
// Content-Encoding and Content-Length, which described the transfer.
async function download(f) {
  const res = await fetch(keyOf(f.path), {cache: 'no-cache'});
  if (!res.ok) throw new Error(`${f.path}: HTTP ${res.status}`);
  const body = await res.arrayBuffer();
  const sum = await sha256(body);
  if (body.byteLength !== f.size || sum !== f.sha256) {
    throw new Error(`${f.path}: ${body.byteLength} bytes with SHA-256 ${sum.slice(0, 12)}…, the manifest says ${f.size} bytes, ${f.sha256.slice(0, 12)}…`);
  }
  const headers = new Headers();
  for (const h of ['Content-Type', 'Content-Security-Policy', 'X-Content-Type-Options', 'Cache-Control', 'Etag']) {
    const v = res.headers.get(h);
    if (v !== null) headers.set(h, v);
  }
  return new Response(body, {status: 200, headers});
}

async function sha256(buf) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

function report(e) {
  console.warn('gonn offline cache:', e?.message ?? e);
}
