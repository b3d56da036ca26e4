// TF.js 4.22 on its cpu backend, for interop_test.go (test-only).
//
//   node tfjs.mjs make <dir>         builds the reference models with TF.js, sets seeded
//                                    weights, saves each as <dir>/<name>/ (model.json, weight
//                                    files), with input.bin and TF.js' predictions, output.bin
//   node tfjs.mjs predict <dir>...   loads each <dir>/model.json and its weight files with
//                                    tf.loadLayersModel, predicts input.bin, writes output.bin
//   node tfjs.mjs gonn-save <dist> <dir>
//                                    gonn's JS API (<dist>/gonn/gonn.js) trains a convnet a few
//                                    batches and saves it with model.save(): the artifacts go
//                                    to <dir> through the handler below (for predict) and into
//                                    tf.io.fromMemory; writes input, gonn-output, memory-output
//   node tfjs.mjs gonn-load <dist> <dir>...
//                                    gonn.loadLayersModel loads each <dir>/model.json (a path:
//                                    the weight files beside it) and the ModelArtifacts TF.js
//                                    saves of it; writes gonn-output, gonn-artifacts-output, or
//                                    error.json ({codeName, message}) when gonn refuses it
//
// A tensor file is <name>.bin (float32, little-endian) with <name>.json ({"shape": [...]}).
// The IO handler below reads and writes model.json and weight files the way TF.js' own
// handlers do (weightsManifest of one group; the weight data cut into files of SHARD_BYTES,
// small, so that weights straddle files as in converter output).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';

const SHARD_BYTES = 1000;

await tf.setBackend('cpu');

// fileHandler is a tf.io handler on a folder.
function fileHandler(dir) {
  return {
    async save(artifacts) {
      fs.mkdirSync(dir, {recursive: true});
      const data = new Uint8Array(artifacts.weightData);
      const count = Math.max(1, Math.ceil(data.length / SHARD_BYTES));
      const paths = [];
      for (let i = 0; i < count; i++) {
        const p = `group1-shard${i + 1}of${count}.bin`;
        fs.writeFileSync(path.join(dir, p), data.subarray(i * SHARD_BYTES, (i + 1) * SHARD_BYTES));
        paths.push(p);
      }
      const modelJSON = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{paths, weights: artifacts.weightSpecs}],
      };
      if (artifacts.trainingConfig != null) modelJSON.trainingConfig = artifacts.trainingConfig;
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelJSON));
      return {modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts)};
    },
    async load() {
      const modelJSON = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
      return tf.io.getModelArtifactsForJSON(modelJSON, async (manifest) => {
        const buffers = manifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
        const all = Buffer.concat(buffers);
        return [tf.io.getWeightSpecs(manifest), all.buffer.slice(all.byteOffset, all.byteOffset + all.length)];
      });
    },
  };
}

function writeTensor(dir, name, t) {
  fs.writeFileSync(path.join(dir, name + '.json'), JSON.stringify({shape: t.shape}));
  fs.writeFileSync(path.join(dir, name + '.bin'), Buffer.from(t.dataSync().buffer));
}

function readTensor(dir, name) {
  const {shape} = JSON.parse(fs.readFileSync(path.join(dir, name + '.json'), 'utf8'));
  const b = fs.readFileSync(path.join(dir, name + '.bin'));
  return tf.tensor(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length)), shape);
}

// rand is mulberry32: a seeded generator of floats in [0, 1).
function rand(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// setWeights draws every weight afresh in [-1, 1) (moving variances in [0.5, 1.5)).
function setWeights(model, seed) {
  const r = rand(seed);
  for (const w of model.weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const variance = w.originalName.endsWith('moving_variance');
    const v = Float32Array.from({length: n}, () => (variance ? r() + 0.5 : 2 * r() - 1));
    w.write(tf.tensor(v, w.shape));
  }
}

const sigmoid = {recurrentActivation: 'sigmoid'};

// models are the reference models: their layers, the input shape of one example, and
// the vocabulary of their ids (0: real-valued inputs).
const models = {
  mlp: {vocab: 0, train: true, layers: () => [
    tf.layers.dense({inputShape: [8], units: 16, activation: 'relu'}),
    tf.layers.dropout({rate: 0.3}),
    tf.layers.dense({units: 4, activation: 'softmax'}),
  ]},
  cnn: {vocab: 0, layers: () => [
    tf.layers.conv2d({inputShape: [8, 8, 2], filters: 4, kernelSize: 3, activation: 'relu'}),
    tf.layers.batchNormalization(),
    tf.layers.maxPooling2d({poolSize: 2}),
    tf.layers.zeroPadding2d({padding: 1}),
    tf.layers.conv2d({filters: 3, kernelSize: 2}),
    tf.layers.activation({activation: 'relu'}),
    tf.layers.flatten(),
    tf.layers.dense({units: 3, activation: 'softmax'}),
  ]},
  text: {vocab: 20, layers: () => [
    tf.layers.embedding({inputDim: 20, outputDim: 5, inputLength: 6, maskZero: true}),
    tf.layers.bidirectional({layer: tf.layers.lstm({units: 4, returnSequences: true, ...sigmoid}), mergeMode: 'ave'}),
    tf.layers.gru({units: 3, ...sigmoid}),
    tf.layers.dense({units: 2}),
  ]},
  sequence: {vocab: 0, layers: () => [
    tf.layers.conv1d({inputShape: [10, 3], filters: 4, kernelSize: 3, activation: 'tanh'}),
    tf.layers.maxPooling1d({poolSize: 2}),
    tf.layers.simpleRNN({units: 5, returnSequences: true}),
    tf.layers.timeDistributed({layer: tf.layers.dense({units: 2})}),
    tf.layers.averagePooling1d({poolSize: 2}),
    tf.layers.globalMaxPooling1d({}),
    tf.layers.repeatVector({n: 3}),
    tf.layers.masking({maskValue: 0}),
    tf.layers.lstm({units: 2, ...sigmoid}),
  ]},
  generator: {vocab: 0, layers: () => [
    tf.layers.inputLayer({inputShape: [4]}),
    tf.layers.dense({units: 12}),
    tf.layers.reshape({targetShape: [2, 2, 3]}),
    tf.layers.upSampling2d({size: [2, 2]}),
    tf.layers.conv2dTranspose({filters: 2, kernelSize: 3, strides: 2}),
    tf.layers.batchNormalization(),
    tf.layers.leakyReLU({alpha: 0.2}),
    tf.layers.averagePooling2d({poolSize: 2}),
    tf.layers.globalAveragePooling2d({}),
    tf.layers.activation({activation: 'tanh'}),
  ]},
  // TF.js' defaults: recurrentActivation 'hardSigmoid', which gonn does not have.
  lstm_defaults: {vocab: 20, layers: () => [
    tf.layers.embedding({inputDim: 20, outputDim: 5, inputLength: 6}),
    tf.layers.lstm({units: 3}),
  ]},
};

// input makes n examples: ids in [0, vocab), a third of them 0 (masked), or values
// in [-1, 1).
function input(shape, vocab, n, seed) {
  const r = rand(seed);
  const size = n * shape.reduce((a, b) => a * b, 1);
  const id = () => (r() < 1 / 3 ? 0 : 1 + Math.floor(r() * (vocab - 1)));
  const v = Float32Array.from({length: size}, () => (vocab > 0 ? id() : 2 * r() - 1));
  return tf.tensor(v, [n, ...shape]);
}

async function make(dir) {
  let seed = 1;
  for (const [name, spec] of Object.entries(models)) {
    const model = tf.sequential({layers: spec.layers()});
    setWeights(model, seed++);
    if (spec.train) {
      // One epoch of Adam, so that the file holds optimizer state (includeOptimizer).
      model.compile({optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy'});
      const x = input([8], 0, 16, seed++);
      const y = tf.oneHot(tf.tensor1d(Array.from({length: 16}, (_, i) => i % 4), 'int32'), 4);
      await model.fit(x, y, {epochs: 1, batchSize: 8, shuffle: false, verbose: 0});
    }
    const out = path.join(dir, name);
    await model.save(fileHandler(out), {includeOptimizer: !!spec.train});
    const x = input(model.inputs[0].shape.slice(1), spec.vocab, 5, seed++);
    writeTensor(out, 'input', x);
    writeTensor(out, 'output', model.predict(x));
  }
}

async function predict(dirs) {
  for (const dir of dirs) {
    const model = await tf.loadLayersModel(fileHandler(dir));
    writeTensor(dir, 'output', model.predict(readTensor(dir, 'input')));
  }
}

async function importGonn(dist) {
  return import(new URL(`file://${path.resolve(dist, 'gonn', 'gonn.js')}`).href);
}

async function gonnSave(dist, dir) {
  const gonn = await importGonn(dist);
  const engine = await gonn.init();
  const g = gonn.layers;
  const model = await gonn.sequential([
    g.conv2d({inputShape: [8, 8, 2], filters: 4, kernelSize: 3, activation: 'relu'}),
    g.batchNormalization(),
    g.maxPooling2d({poolSize: 2}),
    g.flatten(),
    g.dropout({rate: 0.3}),
    g.dense({units: 3, activation: 'softmax'}),
  ], {seed: 7, engine});
  await model.compile({optimizer: 'adam', loss: 'categorical_crossentropy'});
  const x = input([8, 8, 2], 0, 12, 41);
  const y = tf.oneHot(tf.tensor1d(Array.from({length: 12}, (_, i) => i % 3), 'int32'), 3);
  await model.fit(gonn.tensor(x.dataSync(), x.shape), gonn.tensor(y.dataSync(), y.shape), {epochs: 2, batchSize: 4});
  const artifacts = await model.save();
  await fileHandler(dir).save(artifacts);
  writeTensor(dir, 'input', x);
  const out = await model.predict(gonn.tensor(x.dataSync(), x.shape));
  writeTensor(dir, 'gonn-output', tf.tensor(out.data, out.shape));
  const fromMemory = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  writeTensor(dir, 'memory-output', fromMemory.predict(x));
  engine.close();
}

async function gonnLoad(dist, dirs) {
  const gonn = await importGonn(dist);
  const engine = await gonn.init();
  for (const dir of dirs) {
    const x = readTensor(dir, 'input');
    const predict = async (model, name) => {
      const out = await model.predict(gonn.tensor(x.dataSync(), x.shape));
      writeTensor(dir, name, tf.tensor(out.data, out.shape));
      model.dispose();
    };
    let saved;
    await (await tf.loadLayersModel(fileHandler(dir))).save(tf.io.withSaveHandler(async (a) => {
      saved = a;
      return {modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a)};
    }));
    try {
      await predict(await gonn.loadLayersModel(path.join(dir, 'model.json'), {engine}), 'gonn-output');
      await predict(await gonn.loadLayersModel(saved, {engine}), 'gonn-artifacts-output');
    } catch (e) {
      if (!(e instanceof gonn.GonnError)) throw e;
      fs.writeFileSync(path.join(dir, 'error.json'), JSON.stringify({codeName: e.codeName, message: e.message}));
    }
  }
  engine.close();
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'make') await make(args[0]);
else if (cmd === 'predict') await predict(args);
else if (cmd === 'gonn-save') await gonnSave(args[0], args[1]);
else if (cmd === 'gonn-load') await gonnLoad(args[0], args.slice(1));
else throw new Error(`usage: node tfjs.mjs make <dir> | predict <dir>... | gonn-save <dist> <dir> | gonn-load <dist> <dir>...`);
