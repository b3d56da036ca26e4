// The page of tests/browser/saveload_test.go: gonn's JS API from the site
// (the engine in a Web Worker) saving and loading models and checkpoints.
// window.saveloadTest's scenarios return JSON reports for the Go test:
//
//   indexeddb()    save to indexeddb:// and load back
//   url(input)     save as artifacts, PUT them to /_models/page/, load the model.json
//                  URL; load the files as File[]; load /_models/native/ (saved by
//                  nn/tfjs natively, in several weight files) and predict input
//   download()     save('downloads://gonn-model'): the Go test reads the files
//   resume()       stop a fit (in-thread engine), checkpoint, restore in a fresh engine
//                  (in a worker), resume
//
// The models and data are those of mlp() and data(), which the Go test
// rebuilds natively.

import * as gonn from '/gonn/gonn.js';

const status = document.getElementById('status');
const engine = gonn.init();

// data is n examples of 6 features and one-hot labels of 3 classes.
function data(n) {
  const x = Float32Array.from({length: n * 6}, (_, i) => ((i * 37) % 101) / 101);
  const y = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) y[3 * i + (i % 3)] = 1;
  return {x: gonn.tensor(x, [n, 6]), y: gonn.tensor(y, [n, 3])};
}

async function mlp(e, seed = 5) {
  const m = await gonn.sequential([
    gonn.layers.dense({units: 8, activation: 'relu', inputShape: [6]}),
    gonn.layers.dropout({rate: 0.25}),
    gonn.layers.dense({units: 3, activation: 'softmax'}),
  ], {seed, engine: e});
  await m.compile({optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy']});
  return m;
}

// trained is mlp() after one epoch.
async function trained(e) {
  const {x, y} = data(40);
  const m = await mlp(e);
  await m.fit(x, y, {epochs: 1, batchSize: 8, seed: 9});
  return m;
}

// errorOf runs f and returns the GonnError's code name, or 'none'.
async function errorOf(f) {
  try {
    await f();
    return 'none';
  } catch (e) {
    return e instanceof gonn.GonnError ? e.codeName : `not a GonnError: ${e}`;
  }
}

const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

async function predictions(m, x) {
  return Array.from((await m.predict(x)).data);
}

// tfjsRecord reads the record TF.js' indexeddb:// would read.
function tfjsRecord(path) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('tensorflowjs', 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('models_store').objectStore('models_store').get(path);
      get.onsuccess = () => {
        open.result.close();
        resolve(get.result);
      };
      get.onerror = () => reject(get.error);
    };
  });
}

const scenarios = {
  async indexeddb() {
    const e = await engine;
    const {x} = data(40);
    const m = await trained(e);
    const saved = await m.save('indexeddb://gonn-saveload');
    const loaded = await gonn.loadLayersModel('indexeddb://gonn-saveload', {engine: e});
    const record = await tfjsRecord('gonn-saveload');
    return {
      hash: await m.weightsHash(),
      loadedHash: await loaded.weightsHash(),
      samePredictions: same(await predictions(m, x), await predictions(loaded, x)),
      weightDataBytes: saved.modelArtifactsInfo.weightDataBytes,
      recordKeys: Object.keys(record.modelArtifacts).sort(),
      recordWeightBytes: record.modelArtifacts.weightData.byteLength,
      missing: await errorOf(() => gonn.loadLayersModel('indexeddb://no-such-model', {engine: e})),
    };
  },

  async url(input) {
    const e = await engine;
    const m = await trained(e);
    const a = await m.save();
    const [path] = a.modelJSON.weightsManifest[0].paths;
    const json = JSON.stringify(a.modelJSON);
    for (const [name, body] of [['model.json', json], [path, a.weightData]]) {
      const res = await fetch(`/_models/page/${name}`, {method: 'PUT', body});
      if (!res.ok) throw new Error(`PUT ${name}: ${res.status}`);
    }
    const loaded = await gonn.loadLayersModel('/_models/page/model.json', {engine: e});
    const files = [new File([a.weightData], path), new File([json], 'model.json')];
    const fromFiles = await gonn.loadLayersModel(files, {engine: e});
    const native = await gonn.loadLayersModel(`${location.origin}/_models/native/model.json`, {engine: e});
    return {
      hash: await m.weightsHash(),
      loadedHash: await loaded.weightsHash(),
      filesHash: await fromFiles.weightsHash(),
      weightSpecs: a.weightSpecs.map((w) => w.name),
      nativeHash: await native.weightsHash(),
      nativePrediction: await predictions(native, gonn.tensor(input.data, input.shape)),
      missingURL: await errorOf(() => gonn.loadLayersModel('/_models/none/model.json', {engine: e})),
      missingFile: await errorOf(() => gonn.loadLayersModel([new File([json], 'model.json')], {engine: e})),
      truncated: await errorOf(() => gonn.loadLayersModel({...a, weightData: a.weightData.slice(1)}, {engine: e})),
    };
  },

  async download() {
    const m = await trained(await engine);
    const r = await m.save('downloads://gonn-model');
    return {hash: await m.weightsHash(), weightDataBytes: r.modelArtifactsInfo.weightDataBytes};
  },

  async resume() {
    const e = await engine;
    const {x, y} = data(40);
    const fit = {epochs: 2, batchSize: 8};
    const whole = await mlp(e);
    await whole.fit(x, y, {...fit, seed: 9});

    // Stopped after the third batch, then checkpointed, in an engine in this
    // thread (where stop() acts before the next batch; a worker may have
    // run on by the time the message arrives).
    const local = await gonn.init({worker: false});
    const first = await mlp(local);
    let batches = 0;
    const stopped = await first.fit(x, y, {...fit, seed: 9, onBatchEnd: () => ++batches === 3 && first.stop()});
    const checkpoint = await first.checkpoint();

    // A fresh engine (its own worker and instance), a model of another seed.
    const other = await gonn.init();
    const second = await mlp(other, 6);
    const broken = await errorOf(() => second.restoreCheckpoint(checkpoint.subarray(0, 100)));
    await second.restoreCheckpoint(checkpoint);
    const restoredHash = await second.weightsHash();
    const history = await second.fit(x, y, {...fit, resume: true});
    const report = {
      wholeHash: await whole.weightsHash(),
      stoppedHash: await first.weightsHash(),
      restoredHash,
      resumedHash: await second.weightsHash(),
      stoppedEpochs: stopped.epoch,
      resumedEpochs: history.epoch,
      checkpointBytes: checkpoint.byteLength, // still the caller's: restoreCheckpoint copies
      broken,
      seedAndResume: await errorOf(() => second.fit(x, y, {...fit, resume: true, seed: 9})),
      stoppedInWorker: local.inWorker,
      inWorker: other.inWorker,
    };
    local.close();
    other.close();
    return report;
  },
};

window.saveloadTest = {run: (name, ...args) => scenarios[name](...args)};

engine.then(
  () => (status.textContent = 'ready'),
  (e) => (status.textContent = `failed: ${e.message}`),
);
