// gonn through its public JavaScript API (dist/gonn/gonn.js): the engine
// runs in a Web Worker, as on any page. Data are uploaded to the engine
// once; a training step is model.fit on one batch, a prediction step
// model.predict on one example, a GEMM step model.predict of a bias-free
// linear Dense(256) on 256 rows in one batch: one (256, 256) · (256, 256)
// product, its result read back to JavaScript as every predict's is.
//
// With ?workers=N the page trains with the worker pool instead:
// model.fit(x, y, {workers: N}) runs N engine replicas in N workers (data
// parallel, deterministic for a given N). That row is for training only.
// With ?engine=page the engine runs in the page's own thread
// (gonn.init({worker: false})), as the peers do: each call skips the
// message to the worker and back. That row is for inference only.

import * as gonn from '/gonn/gonn.js';

let engine = null;
let workers = 0; // fit's workers option; 0: not given (one engine)
let inPage = false; // the engine in the page's thread, not in a Web Worker

export async function load(params) {
  workers = Number(params.get('workers') ?? 0);
  if (!Number.isInteger(workers) || workers < 0) throw new Error(`workers must be an integer ≥ 0, got ${params.get('workers')}`);
  if (!['page', null].includes(params.get('engine'))) throw new Error(`engine is page or not given, got ${params.get('engine')}`);
  inPage = params.get('engine') === 'page';
  engine = await gonn.init(inPage ? {worker: false} : {});
  const info = {
    library: 'gonn',
    version: engine.version.version,
    go: engine.version.go,
    abi: engine.version.abi,
    inWorker: engine.inWorker,
    crossOriginIsolated: self.crossOriginIsolated,
    cores: navigator.hardwareConcurrency,
  };
  if (workers) info.workers = workers;
  return info;
}

const L = gonn.layers;

const models = {
  mlp: () => [
    L.input({shape: [784]}),
    L.dense({units: 512, activation: 'relu'}),
    L.dense({units: 10, activation: 'softmax'}),
  ],
  cnn: () => [
    L.input({shape: [28, 28, 1]}),
    L.conv2d({filters: 32, kernelSize: 3, activation: 'relu'}),
    L.conv2d({filters: 64, kernelSize: 3, activation: 'relu'}),
    L.maxPooling2d({poolSize: 2}),
    L.dropout({rate: 0.25}),
    L.flatten(),
    L.dense({units: 128, activation: 'relu'}),
    L.dropout({rate: 0.5}),
    L.dense({units: 10, activation: 'softmax'}),
  ],
  lstm: (w) => [
    L.input({shape: [100]}),
    L.embedding({inputDim: 10000, outputDim: 32, trainable: !w.frozen}),
    L.lstm({units: 32}),
    L.dense({units: 1, activation: 'sigmoid'}),
  ],
  gemm: (w) => [
    L.input({shape: [w.batch]}),
    L.dense({units: w.batch, activation: 'linear', useBias: false}),
  ],
};

const compileOptions = {
  mlp: {optimizer: 'adam', loss: 'categorical_crossentropy'},
  cnn: {
    optimizer: {className: 'Adadelta', config: {learning_rate: 1.0, rho: 0.95, epsilon: 1e-7}},
    loss: 'categorical_crossentropy',
  },
  lstm: {optimizer: 'adam', loss: 'binary_crossentropy'},
};

export async function build(w, data) {
  if (workers && w.kind !== 'train') throw new Error('the worker pool trains: it has no inference workload');
  if (inPage && w.kind === 'train') throw new Error('the engine in the page predicts: training runs in a Web Worker');
  const model = await gonn.sequential(models[w.model](w), {seed: 1, engine});
  if (w.model === 'gemm') await model.setWeights(data.b); // the kernel (in, out) is b
  const x = await engine.upload(gonn.tensor(data.x, data.xShape));
  if (w.model === 'gemm') {
    return {
      step: () => model.predict(x, {batchSize: w.batch}), // all rows in one product
      dispose: () => (model.dispose(), x.dispose()),
    };
  }
  if (w.kind === 'infer') {
    return {
      step: () => model.predict(x),
      dispose: () => (model.dispose(), x.dispose()),
    };
  }
  await model.compile(compileOptions[w.model]);
  const y = await engine.upload(gonn.tensor(data.y, data.yShape));
  return {
    step: () => model.fit(x, y, {epochs: 1, batchSize: w.batch, shuffle: false, ...(workers ? {workers} : {})}),
    dispose: () => (model.dispose(), x.dispose(), y.dispose()),
  };
}
