// Every layer builder of gonn.layers for the image and sequence layers
// (conv2d, conv1d, conv2dTranspose, zeroPadding2d, the pooling layers,
// upSampling2d, batchNormalization, leakyReLU) and the recurrent ones
// (embedding, masking, simpleRNN, lstm, gru, repeatVector, timeDistributed,
// bidirectional) and the augmentation ones (randomFlip, randomRotation,
// randomTranslation, randomZoom, randomContrast), with camelCase options,
// made into models by the engine: a misspelt class name or option key
// fails here. The Go test (../builders_test.go) checks the report.

/** Reports, per model, its layers and their output shapes, its weights and a prediction's shape. */
export async function builders(gonn, {engine}) {
  const L = gonn.layers;
  const models = {
    image: [
      L.conv2d({filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: 'he_normal', inputShape: [8, 8, 3]}),
      L.batchNormalization({momentum: 0.9, epsilon: 1e-3}),
      L.leakyReLU({negativeSlope: 0.2}),
      L.zeroPadding2d({padding: [[1, 0], [0, 1]]}),
      L.maxPooling2d({poolSize: 2, strides: 1}),
      L.averagePooling2d({poolSize: [2, 2]}),
      L.upSampling2d({size: 2, interpolation: 'nearest'}),
      L.conv2dTranspose({filters: 2, kernelSize: [3, 3], strides: 2, padding: 'same', useBias: false}),
      L.globalMaxPooling2d({keepdims: true}),
      L.flatten(),
    ],
    pooled: [L.globalAveragePooling2d({inputShape: [4, 4, 2]})],
    sequence: [
      L.conv1d({filters: 2, kernelSize: 3, padding: 'causal', dilationRate: 1, inputShape: [10, 3]}),
      L.leakyReLU({alpha: 0.1}),
      L.maxPooling1d({poolSize: 2}),
      L.averagePooling1d({poolSize: 2, padding: 'same'}),
      L.globalAveragePooling1d(),
    ],
    steps: [L.globalMaxPooling1d({inputShape: [10, 3]})],
    recurrent: [
      L.embedding({inputDim: 20, outputDim: 4, maskZero: true, inputShape: [5]}),
      L.bidirectional({layer: L.lstm({units: 3, returnSequences: true}), mergeMode: 'concat'}),
      L.timeDistributed({layer: L.dense({units: 2})}),
      L.gru({units: 3}),
      L.repeatVector({n: 2}),
      L.simpleRNN({units: 2}),
    ],
    masked: [L.masking({maskValue: 0, inputShape: [4, 2]}), L.lstm({units: 2})],
    augment: [
      L.randomFlip({mode: 'horizontal', inputShape: [6, 6, 1]}),
      L.randomRotation({factor: 0.1, fillMode: 'nearest'}),
      L.randomTranslation({heightFactor: 0.1, widthFactor: [-0.2, 0.2], fillMode: 'constant', fillValue: 0.5}),
      L.randomZoom({heightFactor: 0.2, interpolation: 'nearest'}),
      L.randomContrast({factor: 0.3, valueRange: [0, 1]}),
      L.flatten(),
    ],
  };
  const out = {};
  for (const [name, ls] of Object.entries(models)) {
    const model = await gonn.sequential(ls, {engine, seed: 1});
    try {
      const info = await model.info();
      const {manifest} = await model.getWeights();
      const x = gonn.tensor(new Float32Array(info.inputShape.reduce((a, b) => a * b, 2)), [2, ...info.inputShape]);
      const y = await model.predict(x);
      const summary = await model.summary();
      out[name] = {
        layers: info.layers.map((l) => ({className: l.className, params: l.params})),
        // Each layer's output shape, as the summary prints it: "(None, 8, 8, 4)".
        shapes: summary.split('\n').map((l) => l.match(/\(None[^)]*\)/)?.[0]).filter(Boolean),
        outputShape: info.outputShape,
        weights: manifest.map((w) => ({name: w.name, shape: w.shape, trainable: w.trainable})),
        predictionShape: y.shape,
      };
    } finally {
      model.dispose();
    }
  }
  return out;
}
