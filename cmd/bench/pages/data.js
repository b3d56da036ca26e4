// The workloads of the benchmark and their synthetic data. Every library
// gets the same bytes: a fixed-seed generator (mulberry32, seed 1) makes
// uniform [0, 1) pixels and uniform random labels (MLP, CNN), token ids
// uniform in [1, 10000) and 0/1 labels (LSTM), or two uniform [0, 1)
// matrices (GEMM).

export const SEED = 1;
export const GEMM_N = 256; // the product is (GEMM_N, GEMM_N) · (GEMM_N, GEMM_N)

// Workloads by id: kind 'train' times batches of `batch` examples, kind
// 'infer' times calls: single-example predictions, or one matrix product of
// `batch` rows (gemm). model names the architecture:
//   mlp:  784 → Dense 512 relu → Dense 10 softmax; Adam
//   cnn:  Keras mnist_cnn: (28, 28, 1) → Conv2D 32 3×3 relu → Conv2D 64 3×3
//         relu → MaxPooling 2 → Dropout .25 → Flatten → Dense 128 relu →
//         Dropout .5 → Dense 10 softmax; Adadelta
//   lstm: (100) ids → Embedding(10000, 32) → LSTM 32 → Dense 1 sigmoid; Adam
//   gemm: a (256, 256) · b (256, 256) float32 product, the result read back
export const workloads = {
  'mlp': {kind: 'train', model: 'mlp', batch: 128},
  'cnn': {kind: 'train', model: 'cnn', batch: 128},
  'lstm': {kind: 'train', model: 'lstm', batch: 64},
  'lstm-frozen': {kind: 'train', model: 'lstm', batch: 64, frozen: true},
  'mlp-infer': {kind: 'infer', model: 'mlp', batch: 1},
  'cnn-infer': {kind: 'infer', model: 'cnn', batch: 1},
  'gemm': {kind: 'infer', model: 'gemm', batch: GEMM_N},
};

export const VOCAB = 10000;
export const STEPS = 100;

// mulberry32: a small seeded generator of uniform floats in [0, 1).
export function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// makeData returns n examples for model: x (Float32Array, and for the LSTM
// the same ids as an Int32Array in ids) with its shape, and the targets y
// with theirs (one-hot classes, or one 0/1 per sequence). For gemm, x is
// the left matrix a (n, n) and b the right one (n, n), row-major.
export function makeData(model, n) {
  const rand = generator(SEED);
  if (model === 'gemm') {
    const x = new Float32Array(n * n);
    for (let i = 0; i < x.length; i++) x[i] = rand();
    const b = new Float32Array(n * n);
    for (let i = 0; i < b.length; i++) b[i] = rand();
    return {x, ids: null, xShape: [n, n], b, bShape: [n, n], y: null, yShape: null, labels: null};
  }
  if (model === 'lstm') {
    const ids = new Int32Array(n * STEPS);
    for (let i = 0; i < ids.length; i++) ids[i] = 1 + Math.floor(rand() * (VOCAB - 1));
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) y[i] = rand() < 0.5 ? 0 : 1;
    return {x: Float32Array.from(ids), ids, xShape: [n, STEPS], y, yShape: [n, 1], labels: null};
  }
  const inner = model === 'cnn' ? [28, 28, 1] : [784];
  const x = new Float32Array(n * 784);
  for (let i = 0; i < x.length; i++) x[i] = rand();
  const y = new Float32Array(n * 10);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = Math.floor(rand() * 10);
    y[i * 10 + labels[i]] = 1;
  }
  return {x, ids: null, xShape: [n, ...inner], y, yShape: [n, 10], labels};
}
