// The benchmark page: loads one library through its adapter (lib-*.js,
// chosen by ?lib=) and offers window.bench to the driver (cmd/bench), which
// calls it through the DevTools protocol, one awaited call at a time:
//
//   bench.info()                 what was loaded: library, version, backend, threads
//   bench.setup(id)              builds the workload's model and data (data.js)
//   bench.run(n)                 n steps, untimed (the warm-up)
//   bench.time(budgetMs, max)    steps until budgetMs passed or max steps ran (at
//                                least one): {steps, ms}
//   bench.teardown()             disposes the model
//
// A step is one training batch, one single-example prediction or one matrix
// product (gemm). Every call
// resolves with its result or with {error: message}: a library that cannot
// run a workload says why.
//
// With ?cold the page measures a cold start instead: from the navigation to
// the first prediction of a fresh MLP (library load, backend start, model,
// one predict), in window.coldStart as {ms, info} or {error}.

import {makeData, workloads} from './data.js';

const params = new URLSearchParams(location.search);
const status = document.getElementById('status');

const adapters = {
  gonn: './lib-gonn.js',
  tfjs: './lib-tfjs.js',
  convnetjs: './lib-convnetjs.js',
};

function message(e) {
  return String(e?.message ?? e);
}

async function loadAdapter() {
  const lib = params.get('lib');
  if (!adapters[lib]) throw new Error(`unknown library ${lib}`);
  const adapter = await import(adapters[lib]);
  const info = await adapter.load(params);
  return {adapter, info};
}

const loaded = loadAdapter();

async function guard(f) {
  try {
    return await f();
  } catch (e) {
    return {error: message(e)};
  }
}

let current = null; // the workload set up: {step(), dispose()}

function workload(id) {
  const w = workloads[id];
  if (!w) throw new Error(`unknown workload ${id}`);
  return w;
}

async function coldStart() {
  try {
    const {adapter, info} = await loaded;
    const w = workload('mlp-infer');
    const run = await adapter.build(w, makeData(w.model, 1));
    await run.step();
    const ms = performance.now(); // since the navigation started
    run.dispose();
    return {ms, info};
  } catch (e) {
    return {error: message(e)};
  }
}

if (params.has('cold')) {
  window.coldStart = null;
  coldStart().then((r) => {
    window.coldStart = r;
    status.textContent = r.error ? `error: ${r.error}` : `cold start ${r.ms.toFixed(0)} ms`;
  });
} else {
  window.bench = {
    info: () => guard(async () => (await loaded).info),

    setup: (id) => guard(async () => {
      const {adapter} = await loaded;
      current?.dispose();
      current = null;
      const w = workload(id);
      current = await adapter.build(w, makeData(w.model, w.batch));
      status.textContent = `${id} ready`;
      return {kind: w.kind, batch: w.batch};
    }),

    run: (n) => guard(async () => {
      if (!current) throw new Error('no workload set up');
      for (let i = 0; i < n; i++) await current.step();
      return {steps: n};
    }),

    time: (budgetMs, maxSteps) => guard(async () => {
      if (!current) throw new Error('no workload set up');
      const t0 = performance.now();
      let steps = 0;
      let ms = 0;
      do {
        await current.step();
        steps++;
        ms = performance.now() - t0;
      } while (steps < maxSteps && ms < budgetMs);
      return {steps, ms};
    }),

    teardown: () => guard(async () => {
      current?.dispose();
      current = null;
      return {};
    }),
  };
  loaded.then(
    () => (status.textContent = 'ready'),
    (e) => (status.textContent = `error: ${message(e)}`),
  );
}
