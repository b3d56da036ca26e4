// The page of tests/browser/parallel_test.go: the scenarios of
// tests/node/parallel.mjs in Chromium, the engine in a Web Worker (its
// replicas in nested workers) or, with worker: false, in this page (its
// replicas in workers of the page). The Go test calls
// parallelTest.run(name, args) and reads the JSON report.

import * as gonn from '/gonn/gonn.js';
import {decodeMNIST} from '/_node/scenarios.mjs';
import * as scenarios from '/_node/parallel.mjs';

let pack = null;
async function mnist(n) {
  if (!pack) {
    const res = await fetch('/data/mnist-train.gmn');
    if (!res.ok) throw new Error(`fetch mnist-train.gmn: ${res.status}`);
    pack = await res.arrayBuffer();
  }
  return decodeMNIST(pack, n);
}

window.parallelTest = {
  run: async (name, args = {}) => {
    const f = scenarios[name];
    if (!f) throw new Error(`no scenario ${name}`);
    const engine = await gonn.init({worker: args.worker ?? true});
    try {
      return await f(gonn, {engine, mnist}, args);
    } finally {
      engine.close();
    }
  },
};
document.getElementById('status').textContent = 'ready';
