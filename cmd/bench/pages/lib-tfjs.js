// TF.js 4.22 from its npm dist files (/npm/ is tools/bench/node_modules):
// the union bundle tf.min.js, as a page with script tags loads it (it
// holds core, layers, the cpu and webgl backends, converter and data;
// tfjs-core's own bundle lacks the chained tensor methods that tfjs-layers'
// LSTM needs), then for ?backend=wasm the wasm backend. That backend picks
// its binary itself: SIMD, and threaded SIMD when the page is cross-origin
// isolated; ?threads=all then asks for one thread per core. A training step
// is model.trainOnBatch, a prediction step model.predict and a read of the
// result, a GEMM step tf.matMul of two (256, 256) tensors and a read of the
// product.

const dist = '/npm/@tensorflow/';

function script(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(s);
  });
}

let requested = 0; // threads asked of the wasm backend; 0: its default

export async function load(params) {
  const backend = params.get('backend');
  await script(dist + 'tfjs/dist/tf.min.js');
  if (backend === 'wasm') {
    await script(dist + 'tfjs-backend-wasm/dist/tf-backend-wasm.min.js');
    tf.wasm.setWasmPaths(dist + 'tfjs-backend-wasm/dist/');
    const threads = params.get('threads');
    requested = threads === 'all' ? navigator.hardwareConcurrency : Number(threads || 0);
    if (requested) tf.wasm.setThreadsCount(requested);
  } else if (backend !== 'cpu') {
    throw new Error(`unknown TF.js backend ${backend}`);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
  await tf.ready();
  const info = {
    library: 'TF.js',
    version: tf.version.tfjs,
    backend: tf.getBackend(),
    crossOriginIsolated: self.crossOriginIsolated,
    cores: navigator.hardwareConcurrency,
  };
  if (backend === 'wasm') {
    info.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    info.multithread = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    if (requested) info.threadsRequested = requested;
    info.threads = tf.wasm.getThreadsCount(); // what XNNPACK's pool reports
  }
  return info;
}

function model(w) {
  const L = tf.layers;
  switch (w.model) {
    case 'mlp':
      return tf.sequential({layers: [
        L.dense({inputShape: [784], units: 512, activation: 'relu'}),
        L.dense({units: 10, activation: 'softmax'}),
      ]});
    case 'cnn':
      return tf.sequential({layers: [
        L.conv2d({inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu'}),
        L.conv2d({filters: 64, kernelSize: 3, activation: 'relu'}),
        L.maxPooling2d({poolSize: 2}),
        L.dropout({rate: 0.25}),
        L.flatten(),
        L.dense({units: 128, activation: 'relu'}),
        L.dropout({rate: 0.5}),
        L.dense({units: 10, activation: 'softmax'}),
      ]});
    case 'lstm':
      return tf.sequential({layers: [
        L.embedding({inputDim: 10000, outputDim: 32, inputLength: 100, trainable: !w.frozen}),
        L.lstm({units: 32}),
        L.dense({units: 1, activation: 'sigmoid'}),
      ]});
  }
  throw new Error(`unknown model ${w.model}`);
}

function compileOptions(w) {
  switch (w.model) {
    case 'mlp':
      return {optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy'};
    case 'cnn':
      return {optimizer: tf.train.adadelta(1.0, 0.95, 1e-7), loss: 'categoricalCrossentropy'};
    case 'lstm':
      return {optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy'};
  }
}

// gemm times tf.matMul(a, b) and the read of the product.
function gemm(data) {
  const a = tf.tensor(data.x, data.xShape);
  const b = tf.tensor(data.b, data.bShape);
  return {
    step: async () => {
      const c = tf.matMul(a, b);
      await c.data();
      c.dispose();
    },
    dispose: () => (a.dispose(), b.dispose()),
  };
}

export async function build(w, data) {
  if (w.model === 'gemm') return gemm(data);
  const m = model(w);
  const x = data.ids ? tf.tensor(data.ids, data.xShape, 'int32') : tf.tensor(data.x, data.xShape);
  if (w.kind === 'infer') {
    return {
      step: async () => {
        const y = m.predict(x);
        await y.data();
        y.dispose();
      },
      dispose: () => (m.dispose(), x.dispose()),
    };
  }
  m.compile(compileOptions(w));
  const y = tf.tensor(data.y, data.yShape);
  return {
    step: () => m.trainOnBatch(x, y),
    dispose: () => (m.optimizer.dispose(), m.dispose(), x.dispose(), y.dispose()),
  };
}
