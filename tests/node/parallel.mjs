// Scenarios of data-parallel training (fit's workers, docs/engine-api.md),
// shared by the Node runner (parallel-run.mjs) and the Chromium page
// (tests/browser/testdata/parallel.js). Each takes the gonn module and a
// context {engine, mnist(n)} and returns a JSON-able report; the Go tests
// (tests/browser/parallel_test.go) compare it with native nn.FitParallel.

import {referenceLayers} from './scenarios.mjs';

const compileArgs = {optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy']};

/**
 * Trains the reference MLP (seed 42) on the first 640 images in batches of
 * 32 with {workers} and reports the weight hash and history; stopAt k
 * stops it from the k-th onBatchEnd (epochs 2 then, else 1). With fits n
 * the model fits n − 1 times (an epoch each) before: the replicas are
 * kept and reused.
 */
export async function parallelFit(gonn, ctx, {workers = 2, stopAt = 0, fits = 1} = {}) {
  const {x, y} = await ctx.mnist(640);
  const model = await gonn.sequential(referenceLayers(gonn), {seed: 42, engine: ctx.engine});
  await model.compile(compileArgs);
  for (let i = 1; i < fits; i++) await model.fit(gonn.tensor(x, [640, 784]), gonn.tensor(y, [640, 10]), {batchSize: 32, workers});
  const calls = [];
  const epochEnds = [];
  const t0 = performance.now();
  const history = await model.fit(gonn.tensor(x, [640, 784]), gonn.tensor(y, [640, 10]), {
    epochs: stopAt ? 2 : 1,
    batchSize: 32,
    workers,
    onBatchEnd: (batch, logs, epoch) => {
      calls.push([epoch, batch]);
      if (calls.length === stopAt) model.stop();
    },
    onEpochEnd: (epoch) => epochEnds.push(epoch),
  });
  const fitMs = performance.now() - t0;
  const hash = await model.weightsHash();
  const poolWhileAlive = (await ctx.engine._request('poolSize', {})).replicas;
  model.dispose();
  const poolAfterDispose = (await ctx.engine._request('poolSize', {})).replicas;
  return {hash, history, calls, epochEnds, fitMs, inWorker: ctx.engine.inWorker, poolWhileAlive, poolAfterDispose};
}

/** fit with bad workers: each must fail with a GonnError, and then a fit must work. */
export async function parallelErrors(gonn, ctx) {
  const {x, y} = await ctx.mnist(64);
  const model = await gonn.sequential(referenceLayers(gonn), {seed: 42, engine: ctx.engine});
  await model.compile(compileArgs);
  const xt = gonn.tensor(x, [64, 784]);
  const yt = gonn.tensor(y, [64, 10]);
  const out = {};
  for (const workers of [0, -1, 17, 1.5, '2', null]) {
    try {
      await model.fit(xt, yt, {workers, batchSize: 32});
      out[String(workers)] = {ok: true};
    } catch (e) {
      out[String(workers)] = {ok: false, codeName: e?.codeName, message: String(e?.message ?? e)};
    }
  }
  const history = await model.fit(xt, yt, {workers: 2, batchSize: 32});
  out.after = {ok: true, epochs: history.epoch.length};
  model.dispose();
  return out;
}

/**
 * Training speed of an MLP 784-512-10 with Adam in batches of 128 on
 * random data: examples per second of a timed fit of `batches` batches
 * after a warm-up fit of two.
 */
export async function parallelSpeed(gonn, ctx, {workers = 1, batches = 16} = {}) {
  const n = 128 * batches;
  const x = new Float32Array(n * 784);
  const y = new Float32Array(n * 10);
  let s = 1;
  for (let i = 0; i < x.length; i++) x[i] = ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) / (1 << 24);
  for (let i = 0; i < n; i++) y[i * 10 + (i % 10)] = 1;
  const model = await gonn.sequential([
    gonn.layers.input({shape: [784]}),
    gonn.layers.dense({units: 512, activation: 'relu'}),
    gonn.layers.dense({units: 10, activation: 'softmax'}),
  ], {seed: 1, engine: ctx.engine});
  await model.compile(compileArgs);
  const xt = await ctx.engine.upload(gonn.tensor(x, [n, 784]));
  const yt = await ctx.engine.upload(gonn.tensor(y, [n, 10]));
  await model.fit(gonn.tensor(x.subarray(0, 256 * 784), [256, 784]), gonn.tensor(y.subarray(0, 2560), [256, 10]), {batchSize: 128, workers});
  const t0 = performance.now();
  await model.fit(xt, yt, {batchSize: 128, workers});
  const ms = performance.now() - t0;
  model.dispose();
  xt.dispose();
  yt.dispose();
  return {workers, examples: n, ms, examplesPerSecond: n / (ms / 1000)};
}
