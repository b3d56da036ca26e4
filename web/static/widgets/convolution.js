// <gonn-convolution>: an image and a 3×3 filter, and the convolved grid,
// computed by the widget's engine: a Keras Conv2D(1, 3, use_bias=False)
// whose kernel is the filter, set with setWeights, predicting on the image.
//
// Attributes (all optional; changing one recomputes):
//   kernel   a preset (identity, blur, horizontal, vertical, sharpen) or
//            nine numbers, row by row: "-1 -1 -1 2 2 2 -1 -1 -1". Default identity.
//   image    "lecture" (the lecture's 7×7 image, the default) or rows of
//            numbers, rows split by ";": "0 1 0; 1 1 1; 0 1 0" (3×3 to 28×28).
//   padding  "valid" (the default: the output is 2 smaller) or "same".
//
// Properties: values (the last output, rows of numbers), kernel (nine
// numbers). Event: gonn-convolved, detail {values, kernel, padding}.

import {EngineElement, h, uniqueId} from './base.js';

const lectureImage = [
  [0, 0, 0, 0, 0, 0, 0],
  [0, 0, 1, 1, 1, 0, 0],
  [0, 1, 1, 1, 1, 1, 0],
  [0, 1, 1, 1, 0, 0, 0],
  [0, 1, 1, 1, 1, 1, 0],
  [0, 0, 1, 1, 1, 0, 0],
  [0, 0, 0, 0, 0, 0, 0],
];

const ninth = 1 / 9;

/** The preset filters, as the convolution playground names them. */
export const presets = {
  identity: {label: 'Identity', kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0]},
  blur: {label: 'Box blur', kernel: Array(9).fill(ninth)},
  horizontal: {label: 'Horizontal edges', kernel: [-1, -1, -1, 2, 2, 2, -1, -1, -1]},
  vertical: {label: 'Vertical edges', kernel: [-1, 2, -1, -1, 2, -1, -1, 2, -1]},
  sharpen: {label: 'Sharpen', kernel: [0, -1, 0, -1, 5, -1, 0, -1, 0]},
};

/** Parses a kernel attribute: a preset name or nine numbers. */
export function parseKernel(text) {
  const t = (text ?? '').trim();
  if (t === '') return presets.identity.kernel;
  if (presets[t]) return presets[t].kernel;
  const vs = t.split(/[\s,]+/).map(Number);
  if (vs.length !== 9 || !vs.every(Number.isFinite)) {
    throw new Error(`kernel="${t}" is neither a preset (${Object.keys(presets).join(', ')}) nor nine numbers`);
  }
  return vs;
}

/** Parses an image attribute: "lecture" or rows of numbers split by ";". */
export function parseImage(text) {
  const t = (text ?? '').trim();
  if (t === '' || t === 'lecture') return lectureImage;
  const rows = t.split(';').map((r) => r.trim().split(/[\s,]+/).map(Number));
  const w = rows[0].length;
  if (rows.length < 3 || w < 3 || rows.length > 28 || w > 28) throw new Error(`image: ${rows.length}×${w}, want 3×3 to 28×28`);
  rows.forEach((r, i) => {
    if (r.length !== w) throw new Error(`image: row ${i + 1} has ${r.length} numbers, row 1 has ${w}`);
    if (!r.every(Number.isFinite)) throw new Error(`image: row ${i + 1} holds something that is not a number`);
  });
  return rows;
}

/** A value as the grids show it: integers as they are, others with two decimals. */
export function formatValue(v) {
  const r = Math.round(v * 100) / 100;
  if (Object.is(r, -0) || r === 0) return '0';
  return Number.isInteger(r) ? String(r) : r.toFixed(2);
}

export class GonnConvolution extends EngineElement {
  static observedAttributes = ['kernel', 'image', 'padding'];

  #kernel = presets.identity.kernel;
  #models = new Map(); // "padding h w" → Promise<Model> in this.engine
  #queued = false;
  #running = false;
  values = null;

  get kernel() {
    return this.#kernel.slice();
  }

  render(root) {
    const kid = uniqueId('k');
    this.presetBar = h('div', {class: 'presets', role: 'group', 'aria-label': 'Preset filters'},
      Object.entries(presets).map(([id, p]) => h('button', {type: 'button', 'data-preset': id, 'aria-pressed': 'false'}, p.label)));
    this.cells = [];
    const grid = h('div', {class: 'kernel'});
    for (let i = 0; i < 9; i++) {
      const id = `${kid}-${i}`;
      const input = h('input', {id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false'});
      grid.append(h('label', {for: id, class: 'visually-hidden'}, `Filter row ${Math.floor(i / 3) + 1}, column ${(i % 3) + 1}`), input);
      this.cells.push(input);
    }
    this.inputTable = h('table', {class: 'grid', part: 'input'});
    this.outputTable = h('table', {class: 'grid', part: 'output'});
    root.append(
      h('div', {class: 'stack'},
        this.presetBar,
        h('div', {class: 'row'},
          h('fieldset', {class: 'stack', part: 'kernel'}, h('legend', {}, 'The 3×3 filter'), grid),
          this.inputTable, h('span', {class: 'op', 'aria-hidden': 'true'}, '∗ filter ='), this.outputTable)),
      h('p', {class: 'status', part: 'status', role: 'status', 'aria-live': 'polite'}));
    this.presetBar.addEventListener('click', (e) => {
      const id = e.target.closest('button')?.dataset.preset;
      if (id) this.setAttribute('kernel', id);
    });
    grid.addEventListener('change', () => this.#fromCells());
    grid.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.#fromCells();
    });
    this.#readAttributes();
  }

  attributeChangedCallback() {
    if (!this.presetBar) return; // not rendered yet: render() reads them
    this.#readAttributes();
    this.#schedule();
  }

  engineReady() {
    this.#schedule();
  }

  // readAttributes shows the kernel and image the attributes ask for.
  #readAttributes() {
    try {
      this.#kernel = parseKernel(this.getAttribute('kernel'));
      this.image = parseImage(this.getAttribute('image'));
      this.padding = this.getAttribute('padding') === 'same' ? 'same' : 'valid';
    } catch (e) {
      this.fail(e);
      return;
    }
    const preset = Object.keys(presets).find((id) => presets[id].kernel.every((v, i) => v === this.#kernel[i]));
    for (const b of this.presetBar.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.preset === preset));
    this.cells.forEach((c, i) => {
      c.value = Math.abs(this.#kernel[i] - ninth) < 1e-9 ? '1/9' : String(this.#kernel[i]);
      c.removeAttribute('aria-invalid');
    });
    fillTable(this.inputTable, `Image ${this.image.length}×${this.image[0].length}`, this.image);
  }

  // fromCells reads the nine inputs (numbers or fractions a/b) into the kernel attribute.
  #fromCells() {
    const vs = this.cells.map((c) => {
      const [a, b] = c.value.split('/').map((s) => Number(s.trim()));
      const v = c.value.includes('/') ? a / b : a;
      c.setAttribute('aria-invalid', String(!Number.isFinite(v)));
      return v;
    });
    if (!vs.every(Number.isFinite)) {
      this.setStatus('A filter cell is not a number (2, -1, 0.5 or 1/9).');
      return;
    }
    this.setAttribute('kernel', vs.join(' '));
  }

  // schedule computes now, or once more after the computation running.
  #schedule() {
    if (!this.engine || !this.image) return;
    if (this.#running) {
      this.#queued = true;
      return;
    }
    this.#running = true;
    this.#compute().finally(() => {
      this.#running = false;
      if (this.#queued) {
        this.#queued = false;
        this.#schedule();
      }
    });
  }

  async #compute() {
    const engine = this.engine;
    const {image, padding} = this;
    const kernel = this.#kernel;
    const rows = image.length;
    const cols = image[0].length;
    try {
      this.setState('busy');
      const model = await this.#model(engine, padding, rows, cols);
      await model.setWeights(Float32Array.from(kernel)); // kernel (3, 3, 1, 1), no bias
      const y = await model.predict(this.gonn.tensor(image.flat(), [1, rows, cols, 1]));
      if (!this.alive(engine)) return;
      const [, oh, ow] = y.shape;
      this.values = Array.from({length: oh}, (_, i) => Array.from(y.data.subarray(i * ow, (i + 1) * ow)));
      fillTable(this.outputTable, `Convolution ${oh}×${ow}`, this.values);
      this.setState('ready');
      this.setStatus(`${rows}×${cols} image ∗ 3×3 filter, padding "${padding}" → ${oh}×${ow}, computed by gonn's engine.`);
      this.emit('gonn-convolved', {values: this.values, kernel: kernel.slice(), padding});
    } catch (e) {
      if (this.alive(engine)) this.fail(e);
    }
  }

  #model(engine, padding, rows, cols) {
    const key = `${padding} ${rows} ${cols}`;
    if (!this.#models.has(key)) {
      this.#models.set(key, engine.sequential([
        this.gonn.layers.conv2d({filters: 1, kernelSize: 3, padding, useBias: false, inputShape: [rows, cols, 1]}),
      ]));
    }
    return this.#models.get(key);
  }

  stopWork() {
    this.#models.clear(); // the models die with their engine
  }
}

// fillTable shows rows of numbers, each cell shaded by its value against the
// largest magnitude (blue positive, orange negative).
function fillTable(table, caption, rows) {
  const max = Math.max(1e-12, ...rows.flat().map(Math.abs));
  table.replaceChildren(h('caption', {}, caption));
  for (const r of rows) {
    const tr = h('tr');
    for (const v of r) {
      const td = h('td', {}, formatValue(v));
      const a = Math.min(1, Math.abs(v) / max);
      td.style.background = v >= 0 ? `rgba(29, 78, 216, ${0.55 * a})` : `rgba(181, 71, 8, ${0.55 * a})`;
      if (a > 0.6) td.style.color = '#fff';
      tr.append(td);
    }
    table.append(tr);
  }
}
