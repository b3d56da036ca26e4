// Scenarios that drive gonn's public JavaScript API, shared by the Node
// runner (run.mjs) and the browser test page (tests/browser/testdata). Each
// takes the gonn module and a context {engine, mnist(n)} and returns a
// plain JSON-able report; the Go tests make the assertions, so a failure
// shows the values.

/** The MNIST pack (docs/dist.md) as float32 pixels b/255 and one-hot labels. */
export function decodeMNIST(buf, n) {
  const bytes = new Uint8Array(buf);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== 'GMN1') throw new Error(`not an MNIST pack: magic ${magic}`);
  const total = v.getUint32(4, true);
  const size = v.getUint32(8, true) * v.getUint32(12, true);
  n = Math.min(n ?? total, total);
  // Go's nn/mnist computes float32(b) / 255 in float32: the correctly
  // rounded quotient, which Math.fround of the float64 quotient equals
  // (float64 carries more than twice float32's precision).
  const pixel = new Float32Array(256);
  for (let b = 0; b < 256; b++) pixel[b] = Math.fround(b / 255);
  const x = new Float32Array(n * size);
  for (let i = 0; i < n * size; i++) x[i] = pixel[bytes[16 + i]];
  const y = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) y[i * 10 + bytes[16 + total * size + i]] = 1;
  return {x, y, n, size};
}

/** The reference MLP of the bit-identity tests (tests/bitidentity_test.go). */
export function referenceLayers(gonn, {inputLayer = true} = {}) {
  const first = inputLayer
    ? [gonn.layers.input({shape: [784]}), gonn.layers.dense({units: 64, activation: 'relu'})]
    : [gonn.layers.dense({units: 64, activation: 'relu', inputShape: [784]})];
  return [...first, gonn.layers.dropout({rate: 0.2}), gonn.layers.dense({units: 10, activation: 'softmax'})];
}

const compileArgs = {optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy']};

async function referenceModel(gonn, engine, opts) {
  const model = await gonn.sequential(referenceLayers(gonn, opts), {seed: 42, engine});
  await model.compile(compileArgs);
  return model;
}

/**
 * Trains the reference MLP on the first 640 images, one epoch of 20
 * batches of 32, and reports the weight hash and the callbacks seen.
 */
export async function reference(gonn, ctx, opts = {}) {
  const {x, y} = await ctx.mnist(640);
  const model = await referenceModel(gonn, ctx.engine, opts);
  const before = await model.weightsHash();
  const batches = [];
  const epochs = [];
  let progress = 0;
  const t0 = performance.now();
  const history = await model.fit(gonn.tensor(x, [640, 784]), gonn.tensor(y, [640, 10]), {
    epochs: 1,
    batchSize: 32,
    onBatchEnd: (b, logs) => batches.push([b, logs.loss]),
    onEpochEnd: (e, logs) => epochs.push([e, logs]),
    onProgress: () => progress++,
  });
  const fitMs = performance.now() - t0;
  const hash = await model.weightsHash();
  const prediction = await model.predict(gonn.tensor(x.subarray(0, 5 * 784), [5, 784]));
  const evaluation = await model.evaluate(gonn.tensor(x, [640, 784]), gonn.tensor(y, [640, 10]));
  model.dispose();
  return {before, hash, history, batches, epochs, progress, fitMs, predictionShape: prediction.shape, evaluation};
}

// outcome runs f and reports how it ended: a GonnError's code, name and
// message, or ok and the value.
async function outcome(f) {
  try {
    const value = await f();
    return {ok: true, value: value === undefined ? null : value};
  } catch (e) {
    return {
      ok: false,
      gonnError: e?.name === 'GonnError' && typeof e.code === 'number',
      instanceOf: e instanceof Error,
      code: e?.code,
      codeName: e?.codeName,
      message: String(e?.message ?? e),
    };
  }
}

/** Calls that must fail with a GonnError, each followed by one that must work. */
export async function errors(gonn, ctx) {
  const {engine} = ctx;
  const {x, y} = await ctx.mnist(64);
  const model = await referenceModel(gonn, engine);
  const good = () => model.predict(gonn.tensor(x.subarray(0, 784), [1, 784])).then((t) => t.shape);
  const r = {};
  const run = async (name, f) => {
    r[name] = await outcome(f);
    r[name + ' then'] = await outcome(good);
  };
  await run('unknown layer', () => gonn.sequential([{className: 'Conv9D', config: {}}], {engine}));
  await run('layer config typo', () => gonn.sequential([gonn.layers.dense({units: 3, activaton: 'relu', inputShape: [4]})], {engine}));
  await run('unknown optimizer', async () => {
    const m = await gonn.sequential(referenceLayers(gonn), {engine});
    try {
      await m.compile({optimizer: 'adamw9', loss: 'mse'});
    } finally {
      m.dispose();
    }
  });
  await run('data vs shape', () => gonn.tensor(new Float32Array(5), [2, 3]));
  await run('not typed data', () => model.predict({data: 'abc', shape: [3]}));
  await run('predict wrong width', () => model.predict(gonn.tensor(new Float32Array(2 * 783), [2, 783])));
  await run('x vs y count', () => model.fit(gonn.tensor(x, [64, 784]), gonn.tensor(y.subarray(0, 630), [63, 10])));
  const nan = x.slice();
  nan[100] = NaN;
  await run('NaN data', () => model.fit(gonn.tensor(nan, [64, 784]), gonn.tensor(y, [64, 10])));
  await run('loss blows up', async () => {
    const m = await gonn.sequential([gonn.layers.dense({units: 1, inputShape: [1]})], {seed: 1, engine});
    await m.compile({optimizer: {className: 'SGD', config: {learning_rate: 1e30}}, loss: 'mse'});
    const t = gonn.tensor(Float32Array.from({length: 64}, (_, i) => i), [64, 1]);
    try {
      await m.fit(t, t, {epochs: 3, batchSize: 8});
    } catch (e) {
      if (!e.history) throw new Error(`no history on the fit's error: ${e.message}`);
      throw e;
    } finally {
      m.dispose();
    }
  });
  await run('unknown fit option', () => model.fit(gonn.tensor(x, [64, 784]), gonn.tensor(y, [64, 10]), {epoch: 3}));
  await run('not compiled', async () => {
    const m = await gonn.sequential(referenceLayers(gonn), {engine});
    try {
      await m.fit(gonn.tensor(x, [64, 784]), gonn.tensor(y, [64, 10]));
    } finally {
      m.dispose();
    }
  });
  await run('busy', async () => {
    const fit = model.fit(gonn.tensor(x, [64, 784]), gonn.tensor(y, [64, 10]), {epochs: 100});
    try {
      await model.compile(compileArgs);
    } finally {
      model.stop();
      await fit;
    }
  });
  await run('disposed model', async () => {
    const m = await gonn.sequential(referenceLayers(gonn), {engine});
    m.dispose();
    return m.predict(gonn.tensor(x.subarray(0, 784), [1, 784]));
  });
  await run('disposed tensor', async () => {
    const t = await engine.upload(gonn.tensor(x.subarray(0, 784), [1, 784]));
    t.dispose();
    return model.predict(t);
  });
  model.dispose();
  return r;
}

/**
 * Stops a 50-epoch fit after a few batches and compares the weights with a
 * fresh model trained on exactly the batches done (no shuffling, so the
 * same examples in the same order).
 */
export async function stop(gonn, ctx) {
  const {x, y} = await ctx.mnist(640);
  const model = await referenceModel(gonn, ctx.engine);
  const xs = await ctx.engine.upload(gonn.tensor(x, [640, 784]));
  const ys = await ctx.engine.upload(gonn.tensor(y, [640, 10]));
  let stoppedAt = 0;
  let lastBatch = -1;
  let batchesAfterStop = 0;
  const t0 = performance.now();
  const history = await model.fit(xs, ys, {
    epochs: 50,
    batchSize: 32,
    shuffle: false,
    onBatchEnd: (b) => {
      if (stoppedAt) batchesAfterStop++;
      lastBatch = b;
      if (b === 4 && !stoppedAt) {
        stoppedAt = performance.now();
        model.stop();
      }
    },
  });
  const stopMs = performance.now() - stoppedAt;
  const totalMs = performance.now() - t0;
  const hash = await model.weightsHash();
  model.dispose();

  // lastBatch is the last batch trained (a stop acts between batches).
  const n = (lastBatch + 1) * 32;
  const fresh = await referenceModel(gonn, ctx.engine);
  await fresh.fit(gonn.tensor(x.subarray(0, n * 784), [n, 784]), gonn.tensor(y.subarray(0, n * 10), [n, 10]), {epochs: 1, batchSize: 32, shuffle: false});
  const expected = await fresh.weightsHash();
  fresh.dispose();
  xs.dispose();
  ys.dispose();
  return {hash, expected, lastBatch, batchesAfterStop, stopMs, totalMs, history};
}

/** Pauses a fit, checks nothing trains meanwhile, resumes: the weights are those of an unpaused fit. */
export async function pause(gonn, ctx, expectedHash) {
  const {x, y} = await ctx.mnist(640);
  const model = await referenceModel(gonn, ctx.engine);
  let pausedAt = null;
  let duringPause = 0;
  let batches = 0;
  const fit = model.fit(gonn.tensor(x, [640, 784]), gonn.tensor(y, [640, 10]), {
    epochs: 1,
    batchSize: 32,
    onBatchEnd: (b) => {
      batches++;
      if (pausedAt !== null && pausedAt.resumed === false) duringPause++;
      if (b === 2 && pausedAt === null) {
        pausedAt = {resumed: false};
        model.pause();
      }
    },
  });
  while (pausedAt === null) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 200));
  const beforeResume = duringPause;
  pausedAt.resumed = true;
  model.resume();
  await fit;
  const hash = await model.weightsHash();
  model.dispose();
  return {hash, expectedHash, batches, batchesWhilePaused: beforeResume};
}

/** The rest of the Model API: Keras spellings, validation, weights, info, summary. */
export async function api(gonn, ctx) {
  const {x, y} = await ctx.mnist(256);
  const model = await gonn.sequential(referenceLayers(gonn, {inputLayer: false}), {seed: 7, name: 'mlp', engine: ctx.engine});
  await model.compile({
    optimizer: {className: 'Adam', config: {learning_rate: 0.002}},
    loss: {class_name: 'CategoricalCrossentropy', config: {from_logits: false}},
    metrics: ['accuracy'],
  });
  const epochLogs = [];
  const history = await model.fit({data: x, shape: [256, 784]}, {data: y, shape: [256, 10]}, {
    epochs: 2,
    batch_size: 64,
    validation_split: 0.25,
    onEpochEnd: (e, logs) => epochLogs.push(Object.keys(logs).sort()),
  });
  const xv = await ctx.engine.upload(gonn.tensor(x.subarray(0, 32 * 784), [32, 784]));
  const withData = await model.fit(gonn.tensor(x, [256, 784]), gonn.tensor(y, [256, 10]), {
    epochs: 1,
    batchSize: 64,
    validationData: [xv, gonn.tensor(y.subarray(0, 320), [32, 10])],
  });
  xv.dispose();
  const info = await model.info();
  const summary = await model.summary();
  const weights = await model.getWeights();
  const hash = await model.weightsHash();
  const zeros = new Float32Array(weights.data.length);
  await model.setWeights(zeros);
  const zeroHash = await model.weightsHash();
  await model.setWeights(weights);
  const restored = await model.weightsHash();
  await model.setTrainable(0, false);
  const frozen = await model.info();
  const prediction = await model.predict(gonn.tensor(x.subarray(0, 3 * 784), [3, 784]), {batch_size: 2});
  model.dispose();
  return {
    history,
    epochLogs,
    withDataKeys: Object.keys(withData.history).sort(),
    info,
    summaryHasDense: /dense/i.test(summary) && /50,?890/.test(summary),
    manifest: weights.manifest,
    weightsLength: weights.data.length,
    hash,
    zeroHash,
    restored,
    frozenTrainableParams: frozen.trainableParams,
    predictionShape: prediction.shape,
    argMax: Array.from(prediction.argMax()),
    rowSum: prediction.row(0).data.reduce((a, b) => a + b, 0),
  };
}
