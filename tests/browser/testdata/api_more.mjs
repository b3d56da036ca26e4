// The API for custom loops, looking inside, composition and GANs, each
// method used once on models whose answers are known: a linear model with
// set weights, a Flatten → Dense model on 2×2 images, a convolution, two
// models composed, and the tiny GAN of tests/harness/engine_more.go. The Go
// test (../api_more_test.go) checks the report against answers worked out
// by hand and against native nn.

const W = [0.5, -1, 0.25, 2, -0.75, 0.125]; // (3, 2)
const B = [0.1, -0.2];
const X = [1, 2, 3, -1, 0, 0.5, 0.25, -2, 1, 2, 2, -1]; // (4, 3)
const Y = [1, 0, 0, 1, -1, 2, 0.5, 0.5]; // (4, 2)

const list = (t) => ({data: Array.from(t.data), shape: t.shape});

// outcome runs f and reports how it failed: {ok, codeName, message}.
async function outcome(f) {
  try {
    await f();
    return {ok: true};
  } catch (e) {
    return {ok: false, gonnError: e instanceof Error && e.name === 'GonnError', codeName: e.codeName, message: e.message};
  }
}

/** args: {real: [[…48 floats] per step], steps} for the tiny GAN. */
export async function apiMore(gonn, {engine}, args) {
  const L = gonn.layers;
  const out = {};

  // A linear model 3 → 2, SGD(0.1), MSE and MAE.
  const lin = await gonn.sequential([L.dense({units: 2, inputShape: [3]})], {engine, seed: 1});
  await lin.compile({optimizer: {className: 'SGD', config: {learning_rate: 0.1}}, loss: 'mse', metrics: ['mae']});
  await lin.setWeights(Float32Array.from([...W, ...B]));
  const x = gonn.tensor(X, [4, 3]);
  const y = gonn.tensor(Y, [4, 2]);
  out.testOnBatch = await lin.testOnBatch(x, y);
  out.predictOnBatch = list(await lin.predictOnBatch(x));
  out.call = list(await lin.call(x, {training: true}));
  out.layerOutputs = (await lin.layerOutputs(x)).map((o) => ({name: o.name, className: o.className, ...list(o.output)}));
  out.saliency = list(await lin.saliency(x, 1));
  const max = await lin.maximise({layer: 0, unit: 1, steps: 300, learningRate: 0.1, l2: 0.5});
  out.maximise = {input: list(max.input), activation: max.activation};
  out.weightStats = await lin.weightStats();
  out.gradientStats = await lin.gradientStats(x, y);
  out.trainOnBatch = await lin.trainOnBatch(x, y);
  out.weightsAfter = Array.from((await lin.getWeights()).data);
  out.errors = {
    saliencyClass: await outcome(() => lin.saliency(x, 5)),
    callOption: await outcome(() => lin.call(x, {train: true})),
    composeEmpty: await outcome(() => gonn.compose([])),
  };

  // Occlusion on a 2×2 image through Flatten → Dense(1), weights 1, 2, 3, 4.
  const img = await gonn.sequential([L.flatten({inputShape: [2, 2]}), L.dense({units: 1})], {engine});
  await img.setWeights(Float32Array.from([1, 2, 3, 4, 0]));
  out.occlusion = list(await img.occlusion(gonn.tensor([1, 1, 1, 1], [1, 2, 2]), {classIndex: 0, size: 1}));

  // The filters of a convolution with set weights: filter 0 is 1, 2, 3, 5; filter 1 is constant.
  const conv = await gonn.sequential([L.conv2d({filters: 2, kernelSize: 2, inputShape: [3, 3, 1]})], {engine});
  await conv.setWeights(Float32Array.from([1, 7, 2, 7, 3, 7, 5, 7, 0, 0]));
  const f = await conv.filters(0);
  out.filters = {shape: f.shape, images: f.images.map((i) => Array.from(i))};

  out.confusion = await gonn.confusionMatrix([0, 1, 1, 2], Int32Array.from([0, 1, 2, 2]), 3, {engine});
  out.confusionScores = await gonn.confusionMatrix([0, 1, 1], gonn.tensor([0.9, 0.1, 0.2, 0.8, 0.6, 0.4], [3, 2]), 2, {engine});

  // Composition: B(A(x)), shared weights, frozen at compile.
  const a = await gonn.sequential([L.dense({units: 4, activation: 'relu', inputShape: [3]})], {engine, seed: 1});
  const b = await gonn.sequential([L.dense({units: 2, activation: 'softmax'})], {engine, seed: 2});
  const ab = await gonn.compose([a, b], {name: 'ab'});
  const chained = async () => Array.from((await b.predict(await a.predict(x))).data);
  const composed = async () => Array.from((await ab.predict(x)).data);
  const info = await ab.info();
  out.compose = {name: info.name, layers: info.layers.map((l) => l.className), sameAsChain: String(await chained()) === String(await composed())};
  await ab.compile({optimizer: 'sgd', loss: 'categorical_crossentropy'});
  const onehot = gonn.tensor([1, 0, 0, 1, 1, 0, 0, 1], [4, 2]);
  const [ha, hb] = [await a.weightsHash(), await b.weightsHash()];
  await ab.trainOnBatch(x, onehot);
  out.compose.trainsBoth = (await a.weightsHash()) !== ha && (await b.weightsHash()) !== hb;
  out.compose.stillShared = String(await chained()) === String(await composed());
  await ab.setTrainable(1, false);
  await ab.compile({optimizer: 'sgd', loss: 'categorical_crossentropy'});
  const hb2 = await b.weightsHash();
  await ab.trainOnBatch(x, onehot);
  out.compose.frozenB = (await b.weightsHash()) === hb2;
  ab.dispose();
  out.compose.disposedComposition = await outcome(() => ab.predict(x));
  out.compose.partsLive = (await a.predict(x)).shape;

  // The tiny GAN: the same layers and seeds as harness.TinyGANGenerator/Discriminator.
  const g = await gonn.sequential([L.input({shape: [4]}), L.dense({units: 8, activation: 'relu'}), L.dense({units: 6, activation: 'tanh'})],
    {engine, seed: 1, name: 'generator'});
  const d = await gonn.sequential([L.input({shape: [6]}), L.dense({units: 8, activation: 'relu'}), L.dropout({rate: 0.2}),
    L.dense({units: 1, activation: 'sigmoid'})], {engine, seed: 2, name: 'discriminator'});
  const adam = {className: 'Adam', config: {learning_rate: 0.001, beta_1: 0.5}};
  const net = await gonn.gan({generator: g, discriminator: d, latentDim: 4, dOptimizer: adam, gOptimizer: adam, seed: 3});
  const steps = [];
  for (const real of args.real) steps.push(await net.step(gonn.tensor(real, [real.length / 6, 6])));
  const z = await net.noise(3);
  const samples = await net.generate(z);
  out.gan = {
    latentDim: net.latentDim,
    steps,
    generatorHash: await g.weightsHash(),
    discriminatorHash: await d.weightsHash(),
    noiseShape: z.shape,
    samplesShape: samples.shape,
    generateIsPredict: String(Array.from(samples.data)) === String(Array.from((await g.predict(z)).data)),
  };
  net.dispose();
  out.gan.afterDispose = await outcome(() => net.step(gonn.tensor(args.real[0], [args.real[0].length / 6, 6])));
  out.gan.generatorLives = (await g.predict(z)).shape;
  return out;
}
