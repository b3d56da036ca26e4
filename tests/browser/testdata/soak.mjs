// The soak of issue #9, point 2, in Chromium: cycles of create → compile →
// fit one batch → predict → dispose through the JS API, in one engine (a
// Web Worker), as tests/soak_test.go runs them in wazero: a 32-16-4 net
// with dropout, a new seed each cycle, 16 examples, one batch of 16. The
// Go test (../soak_test.go) runs the cycles in chunks and between chunks
// reads the engine's linear memory (engine.memory()) and, through the
// DevTools protocol, the JS heaps of the page and of the worker.

let soak = null; // {engine, x, y, cycles, batches}

const layers = (gonn) => [
  gonn.layers.input({shape: [32]}),
  gonn.layers.dense({units: 16, activation: 'relu'}),
  gonn.layers.dropout({rate: 0.25}),
  gonn.layers.dense({units: 4, activation: 'softmax'}),
];

/** Makes the soak's engine and data. */
export async function soakStart(gonn) {
  soak?.engine.close();
  const engine = await gonn.init();
  const x = Float32Array.from({length: 16 * 32}, (_, i) => (i % 11) / 11);
  const y = new Float32Array(16 * 4);
  for (let i = 0; i < 16; i++) y[i * 4 + (i % 4)] = 1;
  soak = {engine, x: gonn.tensor(x, [16, 32]), y: gonn.tensor(y, [16, 4]), cycles: 0, batches: 0};
  return {memory: await engine.memory(), inWorker: engine.inWorker};
}

/** Runs n more cycles; reports the cycles so far and the engine's memory. */
export async function soakCycles(gonn, ctx, {n}) {
  const s = soak;
  for (let i = 0; i < n; i++) {
    const model = await gonn.sequential(layers(gonn), {seed: s.cycles, engine: s.engine});
    await model.compile({optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy']});
    // A callback: the fit runs in lockstep, its report acknowledged.
    await model.fit(s.x, s.y, {batchSize: 16, onBatchEnd: () => s.batches++});
    const out = await model.predict(s.x);
    if (out.shape[0] !== 16 || out.shape[1] !== 4) throw new Error(`cycle ${s.cycles}: prediction of shape ${out.shape}`);
    model.dispose();
    s.cycles++;
  }
  return {cycles: s.cycles, batches: s.batches, memory: await s.engine.memory()};
}

/**
 * Asks the engine about every handle it ever issued (handles count up from
 * 1 and are never reused: a fresh upload gives the next one): each must be
 * unknown as a model and as a tensor. Reports the handles still alive.
 */
export async function soakHandles(gonn) {
  const {engine} = soak;
  const probe = await engine.upload(gonn.tensor([0], [1]));
  const last = probe._handle(engine);
  probe.dispose();
  const live = [];
  const chunk = 256;
  for (let lo = 1; lo <= last; lo += chunk) {
    const asks = [];
    for (let h = lo; h < Math.min(lo + chunk, last + 1); h++) {
      for (const op of ['info', 'read']) {
        asks.push(engine._request(op, {h}).then(
          () => live.push([h, op, 'alive']),
          (e) => e.codeName !== 'unknown_handle' && live.push([h, op, e.codeName])));
      }
    }
    await Promise.all(asks);
  }
  return {last, live};
}

/** Closes the soak's engine. */
export async function soakEnd() {
  soak?.engine.close();
  soak = null;
  return {};
}
