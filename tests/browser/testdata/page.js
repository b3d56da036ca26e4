// The browser test page: loads gonn's JS API from the site (/gonn/gonn.js,
// the engine in a Web Worker) and offers window.gonnTest to the Go test,
// which calls gonnTest.run(name, ...args) and reads the JSON report.
//
// On load it measures a cold start: from the navigation to the first
// prediction of a fresh model (engine fetch, compile and start in the
// worker, model creation, one predict).

import * as gonn from '/gonn/gonn.js';
import * as scenarios from './scenarios.mjs';
import * as kernels from './kernels.mjs';

const status = document.getElementById('status');

let pack = null;
async function mnist(n) {
  if (!pack) {
    const res = await fetch('/data/mnist-train.gmn');
    if (!res.ok) throw new Error(`fetch mnist-train.gmn: ${res.status}`);
    pack = await res.arrayBuffer();
  }
  return scenarios.decodeMNIST(pack, n);
}

async function coldStart() {
  const engine = await gonn.init();
  const initMs = performance.now();
  const model = await gonn.sequential(scenarios.referenceLayers(gonn), {seed: 42, engine});
  const y = await model.predict(gonn.tensor(new Float32Array(784), [1, 784]));
  const firstPredictionMs = performance.now();
  model.dispose();
  return {initMs, loadMs: engine.loadMs, firstPredictionMs, shape: y.shape, inWorker: engine.inWorker, version: engine.version};
}

const ready = coldStart();

// withEngine runs f with a fresh engine (in a worker unless opts say
// otherwise) and closes it after.
async function withEngine(opts, f) {
  const engine = await gonn.init(opts);
  try {
    return await f({engine, mnist});
  } finally {
    engine.close();
  }
}

// inUserWorker runs a scenario in a worker of the page's own that imports
// gonn.js: there the engine runs in that worker's thread.
function inUserWorker(name) {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./user-worker.js', import.meta.url), {type: 'module'});
    w.onmessage = (e) => {
      w.terminate();
      if (e.data.error) reject(new Error(e.data.error));
      else resolve(e.data.result);
    };
    w.onerror = (e) => reject(new Error(`user worker: ${e.message}`));
    w.postMessage({name});
  });
}

const run = {
  reference: () => withEngine({}, (ctx) => scenarios.reference(gonn, ctx)),
  'reference-main-thread': () => withEngine({worker: false}, (ctx) => scenarios.reference(gonn, ctx)),
  'reference-user-worker': () => inUserWorker('reference'),
  api: () => withEngine({}, (ctx) => scenarios.api(gonn, ctx)),
  errors: () => withEngine({}, (ctx) => scenarios.errors(gonn, ctx)),
  'load-error': async () => {
    try {
      await gonn.init({engineUrl: '/gonn/no-such-engine.wasm'});
      return {ok: true};
    } catch (e) {
      return {ok: false, gonnError: e instanceof gonn.GonnError, code: e.code, codeName: e.codeName, message: e.message};
    }
  },
  'reference-go-loops': () => withEngine({kernels: false}, async (ctx) => ({...kernels.kernelsState(ctx.engine), ...(await scenarios.reference(gonn, ctx))})),
  'reference-go-loops-main-thread': () => withEngine({kernels: false, worker: false}, async (ctx) => ({...kernels.kernelsState(ctx.engine), ...(await scenarios.reference(gonn, ctx))})),
  'kernels-state': async () => ({
    default: await withEngine({}, (ctx) => kernels.kernelsState(ctx.engine)),
    mainThread: await withEngine({worker: false}, (ctx) => kernels.kernelsState(ctx.engine)),
    url: await withEngine({kernels: '/gonn/kernels.wasm'}, (ctx) => kernels.kernelsState(ctx.engine)),
    off: await withEngine({kernels: false}, (ctx) => kernels.kernelsState(ctx.engine)),
  }),
  'kernels-missing': async () => {
    try {
      await gonn.init({kernels: '/gonn/no-such-kernels.wasm'});
      return {ok: true};
    } catch (e) {
      return {ok: false, gonnError: e instanceof gonn.GonnError, code: e.code, codeName: e.codeName, message: e.message};
    }
  },
  // The speed of the kernels against the Go loops, in the worker.
  'kernels-bench': async () => {
    const out = {};
    for (const [key, opts] of [['kernels', {}], ['goLoops', {kernels: false}]]) {
      out[key] = await withEngine(opts, async (ctx) => ({
        ...kernels.kernelsState(ctx.engine),
        gemm: await kernels.gemm(gonn, ctx),
        mlp: await kernels.mlp(gonn, ctx),
      }));
    }
    out.raw = await kernels.rawKernel(await (await fetch('/gonn/kernels.wasm')).arrayBuffer());
    return out;
  },
  stop: () => withEngine({}, (ctx) => scenarios.stop(gonn, ctx)),
  pause: (expected) => withEngine({}, (ctx) => scenarios.pause(gonn, ctx, expected)),
};

window.gonnTest = {
  cold: () => ready,
  run: (name, ...args) => run[name](...args),
};

ready.then(
  () => (status.textContent = 'ready'),
  (e) => (status.textContent = `failed: ${e.message}`),
);
