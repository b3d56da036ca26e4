// MNIST packs (.gmn, docs/dist.md): fetched with one request, read with a
// DataView, turned into tensors for gonn.
//
//   const pack = await fetchPack(url);        // {n, rows, cols, pixels, labels}
//   const {x, y} = packTensors(pack, 0, 1000); // x (1000, 784) in [0, 1], y (1000, 10) one-hot

const magic = 'GMN1';
const headerSize = 16;

/** Fetches and decodes the pack at url; rejects with a message naming the url. */
export async function fetchPack(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot fetch the MNIST pack ${url}: HTTP ${res.status}`);
  return decodePack(await res.arrayBuffer(), String(url));
}

/** Decodes a pack's bytes: {n, rows, cols, pixels (n·rows·cols bytes), labels (n bytes)}. */
export function decodePack(buf, name = 'the pack') {
  if (buf.byteLength < headerSize) throw new Error(`${name}: ${buf.byteLength} bytes, too short for a pack header`);
  const dv = new DataView(buf);
  const got = String.fromCharCode(dv.getUint8(0), dv.getUint8(1), dv.getUint8(2), dv.getUint8(3));
  if (got !== magic) throw new Error(`${name}: magic "${got}", want "${magic}"`);
  const n = dv.getUint32(4, true);
  const rows = dv.getUint32(8, true);
  const cols = dv.getUint32(12, true);
  const want = headerSize + n * rows * cols + n;
  if (buf.byteLength !== want) throw new Error(`${name}: ${buf.byteLength} bytes, the header declares ${want}`);
  const pixels = new Uint8Array(buf, headerSize, n * rows * cols);
  const labels = new Uint8Array(buf, headerSize + n * rows * cols, n);
  for (let i = 0; i < n; i++) {
    if (labels[i] > 9) throw new Error(`${name}: label ${i} is ${labels[i]}, want 0 … 9`);
  }
  return {n, rows, cols, pixels, labels};
}

/** Examples [from, to) of pack as x (count, rows·cols) scaled to [0, 1] and one-hot y (count, 10). */
export function packTensors(pack, from = 0, to = pack.n) {
  if (!(from >= 0 && to <= pack.n && from <= to)) throw new Error(`examples ${from}…${to} of a pack of ${pack.n}`);
  const size = pack.rows * pack.cols;
  const count = to - from;
  const x = new Float32Array(count * size);
  const src = pack.pixels.subarray(from * size, to * size);
  for (let i = 0; i < src.length; i++) x[i] = src[i] / 255;
  const y = new Float32Array(count * 10);
  for (let i = 0; i < count; i++) y[i * 10 + pack.labels[from + i]] = 1;
  return {x: {data: x, shape: [count, size]}, y: {data: y, shape: [count, 10]}, labels: pack.labels.subarray(from, to)};
}
