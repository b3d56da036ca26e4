// The lecture's worked examples of convolution and max pooling
// (shared/lecture: the slides "Convolution" and "Max Pooling") through
// gonn's public JavaScript API, shared by the browser page (lecture.js) and
// the Node runner (lecture-node.mjs). The Go test (../lecture_test.go) holds
// the lecture's numbers: it sends the image and one case per model, and
// asserts every number of the report.

/**
 * For each case {name, filter (3×3 rows), padding, stages}: a Sequential of
 * Conv2D (1 filter, 3×3, no bias, the padding) on the image, then ReLU if
 * stages ≥ 1, then 2×2 max pooling if stages ≥ 2; the kernel set with
 * setWeights; one prediction. Reports, per case, the weights' manifest
 * before setWeights, the prediction's shape and data, and the model's
 * layer classes.
 */
export async function lecture(gonn, {engine}, {image, cases}) {
  const h = image.length;
  const w = image[0].length;
  const x = gonn.tensor(image.flat(), [1, h, w, 1]);
  const out = {};
  for (const c of cases) {
    const ls = [gonn.layers.conv2d({filters: 1, kernelSize: [3, 3], padding: c.padding, useBias: false, inputShape: [h, w, 1]})];
    if (c.stages >= 1) ls.push(gonn.layers.activation({activation: 'relu'}));
    if (c.stages >= 2) ls.push(gonn.layers.maxPooling2d({poolSize: [2, 2]}));
    const model = await gonn.sequential(ls, {engine});
    try {
      const {manifest} = await model.getWeights();
      await model.setWeights(Float32Array.from(c.filter.flat()));
      const y = await model.predict(x);
      const info = await model.info();
      out[c.name] = {
        manifest,
        classes: info.layers.map((l) => l.className),
        shape: y.shape,
        data: Array.from(y.data),
      };
    } finally {
      model.dispose();
    }
  }
  return out;
}
