// ConvNetJS 0.3 from its npm build (/npm/convnetjs/build/convnet-min.js).
// It trains one example at a time: its Trainer adds up gradients and updates
// the weights every batch_size examples, so a training step is batch calls
// of trainer.train, one update. It has no Adam (0.3 offers sgd, adagrad,
// windowgrad and adadelta): the MLP uses Adadelta, which keeps two moments
// per weight as Adam does. It has no embedding or recurrent layer. It has
// no matrix product either: the GEMM is a fully connected layer's forward
// on each of the 256 rows (Vols), its weights set to b.

export async function load() {
  await new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/npm/convnetjs/build/convnet-min.js';
    s.onload = resolve;
    s.onerror = () => reject(new Error(`cannot load ${s.src}`));
    document.head.append(s);
  });
  return {library: 'ConvNetJS', crossOriginIsolated: self.crossOriginIsolated};
}

function layerDefs(w) {
  switch (w.model) {
    case 'mlp':
      return [
        {type: 'input', out_sx: 1, out_sy: 1, out_depth: 784},
        {type: 'fc', num_neurons: 512, activation: 'relu'},
        {type: 'softmax', num_classes: 10},
      ];
    case 'cnn':
      return [
        {type: 'input', out_sx: 28, out_sy: 28, out_depth: 1},
        {type: 'conv', sx: 3, filters: 32, stride: 1, pad: 0, activation: 'relu'},
        {type: 'conv', sx: 3, filters: 64, stride: 1, pad: 0, activation: 'relu'},
        {type: 'pool', sx: 2, stride: 2},
        {type: 'dropout', drop_prob: 0.25},
        {type: 'fc', num_neurons: 128, activation: 'relu'},
        {type: 'dropout', drop_prob: 0.5},
        {type: 'softmax', num_classes: 10},
      ];
    case 'lstm':
      throw new Error('ConvNetJS 0.3 has no Embedding and no recurrent (LSTM) layer');
    case 'gemm':
      return [
        {type: 'input', out_sx: 1, out_sy: 1, out_depth: w.batch},
        {type: 'fc', num_neurons: w.batch}, // no activation; its biases stay 0
      ];
  }
  throw new Error(`unknown model ${w.model}`);
}

// vols cuts data.x into one Vol per example (channels-last, as ConvNetJS
// lays out its Vols).
function vols(w, data) {
  const [sx, sy, depth] = {cnn: [28, 28, 1], gemm: [1, 1, w.batch]}[w.model] ?? [1, 1, 784];
  const size = sx * sy * depth;
  const out = [];
  for (let i = 0; i < data.xShape[0]; i++) {
    const v = new convnetjs.Vol(sx, sy, depth, 0.0);
    v.w.set(data.x.subarray(i * size, (i + 1) * size));
    out.push(v);
  }
  return out;
}

// setKernel makes the fully connected layer of the gemm net compute x · b:
// neuron j's weights are column j of b (n, n).
function setKernel(net, b, n) {
  const fc = net.layers.find((l) => l.layer_type === 'fc');
  for (let j = 0; j < n; j++) {
    const wj = fc.filters[j].w;
    for (let d = 0; d < n; d++) wj[d] = b[d * n + j];
  }
}

export async function build(w, data) {
  const net = new convnetjs.Net();
  net.makeLayers(layerDefs(w));
  const xs = vols(w, data);
  if (w.model === 'gemm') {
    setKernel(net, data.b, w.batch);
    return {
      step: async () => {
        for (const x of xs) net.forward(x, false); // each row's output Vol, in JavaScript already
      },
      dispose: () => {},
    };
  }
  if (w.kind === 'infer') {
    return {step: async () => net.forward(xs[0], false), dispose: () => {}};
  }
  const trainer = new convnetjs.Trainer(net, {method: 'adadelta', batch_size: w.batch, l2_decay: 0, ro: 0.95, eps: 1e-7});
  return {
    step: async () => {
      for (let i = 0; i < xs.length; i++) trainer.train(xs[i], data.labels[i]);
    },
    dispose: () => {},
  };
}
