// gonn through its public JavaScript API (dist/gonn/gonn.js): the engine
// runs in a Web Worker, as on any page. Training data is uploaded to the
// engine once; a training step is model.fit on one batch, a prediction step
// model.predict on one example.

import * as gonn from '/gonn/gonn.js';

let engine = null;

export async function load() {
  engine = await gonn.init();
  return {
    library: 'gonn',
    version: engine.version.version,
    go: engine.version.go,
    abi: engine.version.abi,
    inWorker: engine.inWorker,
    crossOriginIsolated: self.crossOriginIsolated,
  };
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
  const model = await gonn.sequential(models[w.model](w), {seed: 1, engine});
  const x = await engine.upload(gonn.tensor(data.x, data.xShape));
  if (w.kind === 'infer') {
    return {
      step: () => model.predict(x),
      dispose: () => (model.dispose(), x.dispose()),
    };
  }
  await model.compile(compileOptions[w.model]);
  const y = await engine.upload(gonn.tensor(data.y, data.yShape));
  return {
    step: () => model.fit(x, y, {epochs: 1, batchSize: w.batch, shuffle: false}),
    dispose: () => (model.dispose(), x.dispose(), y.dispose()),
  };
}
