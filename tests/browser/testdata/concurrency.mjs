// Several models in one engine and several engines in one page (issue #9,
// point 5), through the JS API. Every model is the reference MLP of
// tests/node/scenarios.mjs with its own seed, fitted one epoch on the
// first 640 images in batches of 32; the Go test
// (../concurrency_test.go) checks each hash against native nn's fit of
// that model alone.

import {referenceLayers} from '/_node/scenarios.mjs';

const fitArgs = {epochs: 1, batchSize: 32};

async function reference(gonn, engine, seed) {
  const model = await gonn.sequential(referenceLayers(gonn), {seed, engine});
  await model.compile({optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy']});
  return model;
}

// outcome settles p: {ok: true} or the GonnError's code name.
function outcome(p) {
  return p.then(
    () => ({ok: true}),
    (e) => ({ok: false, codeName: e.codeName ?? String(e), message: e.message}),
  );
}

// switches counts the changes of model (or engine) in the order batches
// ended: how much the fits took turns.
const switches = (order) => order.filter((v, i) => i > 0 && v !== order[i - 1]).length;

/**
 * One engine: a model per seed fits at the same time on the same uploaded
 * data, and one more (seed 1) is disposed by its own onBatchEnd after
 * disposeAt batches. args: {seeds, disposeAt, worker}.
 */
export async function modelsInOneEngine(gonn, ctx, {seeds, disposeAt, worker = true}) {
  const engine = await gonn.init({worker});
  try {
    const {x, y} = await ctx.mnist(640);
    const xs = await engine.upload(gonn.tensor(x, [640, 784]));
    const ys = await engine.upload(gonn.tensor(y, [640, 10]));
    const models = [];
    for (const seed of seeds) models.push(await reference(gonn, engine, seed));
    const doomed = await reference(gonn, engine, 1);
    const order = [];
    const fits = models.map((m, i) => m.fit(xs, ys, {...fitArgs, onBatchEnd: () => order.push(i)}));
    const doomedFit = outcome(doomed.fit(xs, ys, {
      ...fitArgs,
      onBatchEnd: (b) => {
        order.push(-1);
        if (b === disposeAt - 1) doomed.dispose();
      },
    }));
    await Promise.all(fits);
    const hashes = [];
    for (const m of models) hashes.push(await m.weightsHash());
    const afterDispose = await outcome(doomed.predict(gonn.tensor(x.subarray(0, 784), [1, 784])));
    for (const m of models) m.dispose();
    return {hashes, switches: switches(order), batches: order.length, doomed: await doomedFit, afterDispose, inWorker: engine.inWorker};
  } finally {
    engine.close();
  }
}

/**
 * Two engines (two gonn.init(), two workers) train at the same time, one
 * model each (seeds[0], seeds[1]), the data copied in with each fit. With
 * closeFirstAt, the first engine is closed by its model's onBatchEnd after
 * that many batches; the second must go on to its hash and keep working.
 */
export async function twoEngines(gonn, ctx, {seeds, closeFirstAt = 0}) {
  const {x, y} = await ctx.mnist(640);
  const engines = [await gonn.init(), await gonn.init()];
  try {
    const models = [await reference(gonn, engines[0], seeds[0]), await reference(gonn, engines[1], seeds[1])];
    const order = [];
    const fits = models.map((m, i) => outcome(m.fit(gonn.tensor(x, [640, 784]), gonn.tensor(y, [640, 10]), {
      ...fitArgs,
      onBatchEnd: (b) => {
        order.push(i);
        if (i === 0 && b === closeFirstAt - 1) engines[0].close();
      },
    })));
    const results = await Promise.all(fits);
    // The hash of each model, or the code name of the error that replaced it.
    const hashes = [];
    for (const m of models) hashes.push(await m.weightsHash().catch((e) => e.codeName));
    const prediction = await models[1].predict(gonn.tensor(x.subarray(0, 2 * 784), [2, 784]));
    return {
      results,
      hashes,
      switches: switches(order),
      batches: [order.filter((i) => i === 0).length, order.filter((i) => i === 1).length],
      secondStillWorks: prediction.shape,
      inWorker: engines.map((e) => e.inWorker),
    };
  } finally {
    for (const e of engines) e.close();
  }
}
