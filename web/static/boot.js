// Starts a page whose UI is Go (GOOS=js, built by the site builder into
// ui/<page>.wasm): it puts the JavaScript API in globalThis.gonn, where the
// Go code finds it, then runs the Go program with Go's loader
// (ui/wasm_exec.js, loaded by the page before this module). A failure is
// shown in the page's #status element and thrown to the console.

import './offline.js'; // the service worker that keeps the site for offline use

export async function start(page) {
  try {
    globalThis.gonn = await import('./gonn/gonn.js');
    const go = new Go();
    const {instance} = await WebAssembly.instantiateStreaming(fetch(`ui/${page}.wasm`), go.importObject);
    go.run(instance); // resolves when main returns, which a page's main never does
  } catch (e) {
    const status = document.getElementById('status');
    if (status) status.textContent = `This page could not start: ${e.message}`;
    throw e;
  }
}
