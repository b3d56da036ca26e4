// Exact stop and pause (issue #9, point 5) and callbacks in lockstep,
// through the JS API. The model is the reference MLP (seed 42) fitted on
// the first 640 images in shuffled batches of 32 (20 an epoch); the Go test
// (../stop_test.go) compares each hash with native nn's trainer stepped
// exactly that many batches.

import {referenceLayers} from '/_node/scenarios.mjs';

async function setUp(gonn, ctx, worker) {
  const engine = await gonn.init({worker});
  const {x, y} = await ctx.mnist(640);
  const model = await gonn.sequential(referenceLayers(gonn), {seed: 42, engine});
  await model.compile({optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy']});
  return {engine, model, x: gonn.tensor(x, [640, 784]), y: gonn.tensor(y, [640, 10])};
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * onBatchEnd calls stop() at its at-th call: exactly `at` batches train.
 * With readHashes the callback is async and reads the weight hash first:
 * in lockstep, the weights after exactly as many batches as calls so far.
 * args: {at, epochs, worker, readHashes}.
 */
export async function stopInCallback(gonn, ctx, {at, epochs = 2, worker = true, readHashes = false}) {
  const {engine, model, x, y} = await setUp(gonn, ctx, worker);
  try {
    const calls = []; // [epoch, batch] of each onBatchEnd
    const hashes = []; // the hash each call read
    const epochEnds = [];
    const history = await model.fit(x, y, {
      epochs,
      batchSize: 32,
      onBatchEnd: async (batch, logs, epoch) => {
        calls.push([epoch, batch]);
        if (readHashes) hashes.push(await model.weightsHash());
        if (calls.length === at) model.stop();
      },
      onEpochEnd: (epoch) => epochEnds.push(epoch),
    });
    return {hash: await model.weightsHash(), calls, hashes, epochEnds, history, inWorker: engine.inWorker};
  } finally {
    engine.close();
  }
}

/**
 * A fit without callbacks (the engine never waits for the page) stopped
 * from outside once training has begun, after delayMs: the History says
 * how many batches ran, and the weights must be exactly theirs.
 */
export async function stopFromOutside(gonn, ctx, {delayMs = 50, worker = true}) {
  const {engine, model, x, y} = await setUp(gonn, ctx, worker);
  try {
    const xs = await engine.upload(x);
    const ys = await engine.upload(y);
    const before = await model.weightsHash();
    const fit = model.fit(xs, ys, {epochs: 50, batchSize: 32});
    // weightsHash is answered between two batches: it changes once one ran.
    while ((await model.weightsHash()) === before) await sleep(1);
    await sleep(delayMs);
    model.stop();
    const history = await fit;
    return {hash: await model.weightsHash(), history};
  } finally {
    engine.close();
  }
}

/**
 * onBatchEnd awaits pause() at its at-th call: then the weights are those
 * of `at` batches, and stay so while paused; after resume() the fit ends
 * as an unpaused one. Then pause() from outside a fit without callbacks:
 * once it resolves, no batch trains until resume().
 */
export async function pause(gonn, ctx, {at, worker = true}) {
  const {engine, model, x, y} = await setUp(gonn, ctx, worker);
  try {
    let calls = 0;
    let paused = false;
    const fit = model.fit(x, y, {
      epochs: 1,
      batchSize: 32,
      onBatchEnd: async () => {
        if (++calls === at) {
          await model.pause();
          paused = true;
        }
      },
    });
    while (!paused) await sleep(1);
    const pausedHash = await model.weightsHash();
    await sleep(200);
    const heldHash = await model.weightsHash();
    const callsWhilePaused = calls - at;
    await model.resume();
    await fit;
    const inCallback = {pausedHash, heldHash, callsWhilePaused, calls, hash: await model.weightsHash()};

    // From outside, no callbacks.
    const again = await gonn.sequential(referenceLayers(gonn), {seed: 42, engine});
    await again.compile({optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy']});
    const before = await again.weightsHash();
    const fit2 = again.fit(x, y, {epochs: 1, batchSize: 32});
    while ((await again.weightsHash()) === before) await sleep(1);
    await again.pause();
    const first = await again.weightsHash();
    await sleep(200);
    const second = await again.weightsHash();
    await again.resume();
    await fit2;
    const outside = {first, second, started: first !== before, hash: await again.weightsHash()};
    return {inCallback, outside};
  } finally {
    engine.close();
  }
}
