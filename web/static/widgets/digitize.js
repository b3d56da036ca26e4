// Turns a drawing into an MNIST-style 28×28 image, as MNIST's digits were
// made (and as the site's Go pages do it, web/ui/internal/mnistdata): the
// ink's bounding box is scaled, keeping its aspect ratio, to fit 20×20 by
// area averaging, then placed in 28×28 with its centre of mass at the
// centre.

const side = 28;
const box = 20;

/**
 * digitize(ink, w, h): ink holds w·h values 0…255 (row-major, e.g. a
 * canvas' alpha channel). Returns a Float32Array of 784 values in [0, 1],
 * or null when there is no ink.
 */
export function digitize(ink, w, h) {
  const b = inkBounds(ink, w, h);
  if (!b) return null;
  const bw = b.x1 - b.x0;
  const bh = b.y1 - b.y0;
  const scale = box / Math.max(bw, bh);
  const tw = scaledSize(bw, scale);
  const th = scaledSize(bh, scale);
  const cols = overlaps(bw, tw, scale);
  const rows = overlaps(bh, th, scale);
  const small = new Float64Array(tw * th); // (th, tw): the digit, 20×20 at most
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      const v = ink[(b.y0 + y) * w + b.x0 + x] / 255;
      if (v === 0) continue;
      for (const r of rows[y]) for (const c of cols[x]) small[r.to * tw + c.to] += v * r.weight * c.weight;
    }
  }
  return center(small, tw, th);
}

/** The alpha channel of RGBA pixels (ImageData.data): on a transparent canvas, the ink. */
export function alphaInk(rgba) {
  const ink = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < ink.length; i++) ink[i] = rgba[4 * i + 3];
  return ink;
}

function inkBounds(ink, w, h) {
  let x0 = w, y0 = h, x1 = 0, y1 = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (ink[y * w + x] === 0) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x + 1);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y + 1);
    }
  }
  return x1 > x0 ? {x0, y0, x1, y1} : null;
}

function scaledSize(n, scale) {
  return Math.min(box, Math.max(1, Math.ceil(n * scale - 1e-9)));
}

// overlaps lists, for each of n source pixels, the target pixels (of m) it
// covers and by how much: source pixel i spans [i·scale, (i+1)·scale).
function overlaps(n, m, scale) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const lo = i * scale;
    const hi = (i + 1) * scale;
    const list = [];
    for (let t = Math.floor(lo); t < m && t < hi; t++) {
      const weight = Math.min(hi, t + 1) - Math.max(lo, t);
      if (weight > 0) list.push({to: t, weight});
    }
    out.push(list);
  }
  return out;
}

function center(small, w, h) {
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const dx = Math.round(side / 2 - mx / mass);
  const dy = Math.round(side / 2 - my / mass);
  const img = new Float32Array(side * side);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const tx = x + dx;
      const ty = y + dy;
      if (tx >= 0 && tx < side && ty >= 0 && ty < side) img[ty * side + tx] = Math.min(1, small[y * w + x]);
    }
  }
  return img;
}
