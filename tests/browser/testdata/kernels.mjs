// The SIMD kernels against the engine's Go loops, through the public JS API
// (the same code in Node and in a page): which one runs, and how fast.
// Timings are medians of several runs, taken after one warm-up run.

/** Which kernels the engine runs: engine.version.kernels. */
export function kernelsState(engine) {
  return {kernels: engine.version.kernels, abi: engine.version.abi};
}

// seeded fills n floats in [-1, 1) from a small LCG: the same data for
// every engine, so the bench repeats.
function seeded(n, seed = 1) {
  const f = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    f[i] = s / 2 ** 31 - 1;
  }
  return f;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function timed(reps, f) {
  await f(); // warm-up: compiles the engine's hot code, grows its memory
  const ms = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  return {ms, medianMs: median(ms)};
}

/**
 * GEMM speed through the engine: a Dense layer without bias predicting one
 * batch of (size, size) is one size³ product (plus copying the output out).
 * Also returns the output's first values, to compare engines.
 */
export async function gemm(gonn, {engine}, {size = 512, reps = 5} = {}) {
  const model = await gonn.sequential([gonn.layers.input({shape: [size]}), gonn.layers.dense({units: size, useBias: false})], {engine, seed: 1});
  const x = await engine.upload(gonn.tensor(seeded(size * size), [size, size]));
  let y;
  const t = await timed(reps, async () => (y = await model.predict(x, {batchSize: size})));
  x.dispose();
  model.dispose();
  return {size, ...t, gflops: (2 * size ** 3) / t.medianMs / 1e6, head: Array.from(y.data.subarray(0, 4))};
}

/**
 * Training throughput of the MLP 784-512-10 (relu, softmax; Adam) on
 * batches of 128: examples per second over `batches` batches per run,
 * and the weight hash after the last run (the same bits either way).
 */
export async function mlp(gonn, {engine}, {batches = 8, reps = 3} = {}) {
  const n = 128 * batches;
  const xs = seeded(n * 784, 2);
  const ys = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) ys[i * 10 + (i % 10)] = 1;
  const x = await engine.upload(gonn.tensor(xs, [n, 784]));
  const y = await engine.upload(gonn.tensor(ys, [n, 10]));
  let model = null;
  const t = await timed(reps, async () => {
    model?.dispose();
    model = await gonn.sequential([
      gonn.layers.input({shape: [784]}),
      gonn.layers.dense({units: 512, activation: 'relu'}),
      gonn.layers.dense({units: 10, activation: 'softmax'}),
    ], {engine, seed: 3});
    await model.compile({optimizer: 'adam', loss: 'categorical_crossentropy'});
    await model.fit(x, y, {epochs: 1, batchSize: 128, shuffle: false, batchesPerStep: batches});
  });
  const hash = await model.weightsHash();
  model.dispose();
  x.dispose();
  y.dispose();
  return {batches, ...t, examplesPerSecond: n / (t.medianMs / 1000), hash};
}

/**
 * The kernel module alone on a memory of its own (no engine): its peak
 * GFLOP/s for a size³ product. bytes is kernels.wasm.
 */
export async function rawKernel(bytes, {size = 512, reps = 5} = {}) {
  // A, B, C, then the scratch: B and A packed, and a tile (kernels.wat).
  const floats = 3 * size * size + 8 * Math.ceil(size / 8) * size + 4 * Math.ceil(size / 4) * size + 32;
  const memory = new WebAssembly.Memory({initial: Math.ceil((4 * floats + 64) / 65536)});
  const {instance} = await WebAssembly.instantiate(bytes, {engine: {memory}});
  new Float32Array(memory.buffer).set(seeded(3 * size * size, 4));
  const a = 0;
  const b = a + 4 * size * size;
  const c = b + 4 * size * size;
  const scratch = c + 4 * size * size;
  const t = await timed(reps, () => instance.exports.gemm(0, 0, size, size, size, a, b, c, 0, scratch));
  return {size, ...t, gflops: (2 * size ** 3) / t.medianMs / 1e6};
}
