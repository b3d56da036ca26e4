// <gonn-draw-digit>: a drawing pad and a small MNIST model. The model (an
// MLP, 784 → hidden → 10) trains in the widget's engine on a bundled subset
// of MNIST as soon as the widget starts, then reads what is drawn.
//
// Attributes (all optional; read when the engine starts):
//   data        the MNIST pack (.gmn, docs/dist.md) to train on; default
//               digits.gmn beside this module: 1,000 training digits of
//               MNIST, the first 100 of each class
//   train-size  how many of the pack's examples to use; default all
//   epochs      default 15
//   hidden      the hidden layer's units; default 64
//   seed        the model's seed; default 1
//
// The last tenth of the examples is held out: the widget reports its
// accuracy on them, and "Show a held-out digit" draws them on the pad (the
// keyboard's way to try the model). Delete or Escape on the pad clears it.
//
// Properties: accuracy (held out, after training), prediction
// ({digit, probabilities}), classify(image784) → Promise of a prediction.
// Events: gonn-trained (detail {accuracy, epochs}), gonn-predicted (detail
// a prediction).

import {EngineElement, h, intAttr} from './base.js';
import {alphaInk, digitize} from './digitize.js';
import {fetchPack, packTensors} from './mnist-pack.js';

const size = 280; // the pad's bitmap, 10× MNIST's 28
const heldOut = 0.1;

export class GonnDrawDigit extends EngineElement {
  accuracy = null;
  prediction = null;
  #model = null;
  #held = null; // {pack, from, to, next}: the held-out examples
  #drawing = false;

  render(root) {
    this.pad = h('canvas', {
      class: 'pad', part: 'pad', width: size, height: size, tabindex: 0, role: 'img',
      'aria-label': 'Drawing pad: draw a digit with the mouse, a finger or a pen; Delete clears it',
    });
    this.clearButton = h('button', {type: 'button', part: 'clear', disabled: true}, 'Clear');
    this.sampleButton = h('button', {type: 'button', part: 'sample', disabled: true}, 'Show a held-out digit');
    this.progress = h('progress', {max: 1, value: 0, 'aria-label': 'Training progress'});
    this.guess = h('output', {class: 'guess', part: 'guess', 'aria-live': 'polite', 'aria-label': 'The model reads'}, '–');
    this.bars = h('div', {class: 'bars', part: 'probabilities', role: 'group', 'aria-label': 'Probability of each digit'});
    this.meters = [];
    for (let d = 0; d < 10; d++) {
      const id = `p${d}`;
      const meter = h('meter', {id, min: 0, max: 1, value: 0});
      const pct = h('span', {}, '0%');
      this.bars.append(h('label', {for: id}, String(d)), meter, pct);
      this.meters.push({meter, pct});
    }
    root.append(
      h('div', {class: 'row'},
        h('div', {class: 'stack'}, this.pad, h('div', {class: 'row'}, this.clearButton, this.sampleButton)),
        h('div', {class: 'stack'}, h('span', {}, 'The model reads'), this.guess, this.bars)),
      this.progress,
      h('p', {class: 'status', part: 'status', role: 'status', 'aria-live': 'polite'}));
    this.#wirePad();
    this.clearButton.addEventListener('click', () => this.clear());
    this.sampleButton.addEventListener('click', () => this.#showHeldOut());
  }

  async engineReady(engine) {
    const gonn = this.gonn;
    const url = new URL(this.getAttribute('data') ?? 'digits.gmn', this.hasAttribute('data') ? document.baseURI : import.meta.url);
    const epochs = intAttr(this, 'epochs', 15);
    const hidden = intAttr(this, 'hidden', 64);
    const seed = intAttr(this, 'seed', 1, 0);
    this.setStatus('Loading MNIST digits…');
    const pack = await fetchPack(url);
    const n = Math.min(pack.n, intAttr(this, 'train-size', pack.n, 10));
    const {x, y} = packTensors(pack, 0, n);
    if (!this.alive(engine)) return;
    this.setState('busy');
    this.setStatus(`Training on ${n - Math.floor(n * heldOut)} digits…`);
    const model = (this.#model = await engine.sequential([
      gonn.layers.dense({units: hidden, activation: 'relu', inputShape: [pack.rows * pack.cols]}),
      gonn.layers.dense({units: 10, activation: 'softmax'}),
    ], {seed}));
    await model.compile({optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy']});
    const history = await model.fit(x, y, {
      epochs, batchSize: 32, validationSplit: heldOut,
      onProgress: (p) => (this.progress.value = (p.epoch + p.batch / p.batchesPerEpoch) / p.epochs),
    });
    if (!this.alive(engine)) return;
    this.progress.value = 1;
    this.accuracy = history.history.val_accuracy.at(-1);
    this.#held = {pack, from: n - Math.floor(n * heldOut), to: n, next: n - Math.floor(n * heldOut)};
    this.setState('ready');
    this.setStatus(`Trained: ${Math.round(this.accuracy * 1000) / 10}% of ${n - this.#held.from} held-out digits read right. Draw a digit.`);
    this.clearButton.disabled = this.sampleButton.disabled = false;
    this.emit('gonn-trained', {accuracy: this.accuracy, epochs});
  }

  stopWork() {
    this.#model = null; // disposed with the engine
    this.clearButton.disabled = this.sampleButton.disabled = true;
  }

  /** Reads a 28×28 image (784 values in [0, 1]) with the model. */
  async classify(image) {
    const engine = this.engine;
    if (!this.#model) throw new Error('the model is not trained yet');
    const y = await this.#model.predict(this.gonn.tensor(image, [1, 784]));
    if (!this.alive(engine)) return null;
    const probabilities = Array.from(y.data);
    const digit = y.argMax()[0];
    this.prediction = {digit, probabilities};
    this.guess.textContent = String(digit);
    probabilities.forEach((p, d) => {
      this.meters[d].meter.value = p;
      this.meters[d].pct.textContent = `${Math.round(p * 100)}%`;
    });
    this.emit('gonn-predicted', this.prediction);
    return this.prediction;
  }

  /** Clears the pad and the prediction. */
  clear() {
    this.pad.getContext('2d', {willReadFrequently: true}).clearRect(0, 0, size, size);
    this.prediction = null;
    this.guess.textContent = '–';
    if (this.#model) this.setStatus('Draw a digit, or show a held-out one.');
    for (const m of this.meters) {
      m.meter.value = 0;
      m.pct.textContent = '0%';
    }
  }

  // readPad digitizes the pad and classifies it.
  async #readPad() {
    const img = digitize(alphaInk(this.pad.getContext('2d', {willReadFrequently: true}).getImageData(0, 0, size, size).data), size, size);
    if (!img || !this.#model) return;
    try {
      await this.classify(img);
    } catch (e) {
      if (this.engine) this.fail(e);
    }
  }

  // showHeldOut draws the next held-out digit on the pad, then reads it.
  #showHeldOut() {
    const held = this.#held;
    const {pack} = held;
    const i = held.next;
    held.next = i + 1 < held.to ? i + 1 : held.from;
    const ctx = this.pad.getContext('2d', {willReadFrequently: true});
    this.clear();
    const scale = size / pack.cols;
    const px = pack.pixels.subarray(i * pack.rows * pack.cols, (i + 1) * pack.rows * pack.cols);
    for (let r = 0; r < pack.rows; r++) {
      for (let c = 0; c < pack.cols; c++) {
        const v = px[r * pack.cols + c];
        if (v === 0) continue;
        ctx.fillStyle = `rgba(0, 0, 0, ${v / 255})`;
        ctx.fillRect(c * scale, r * scale, scale, scale);
      }
    }
    this.setStatus(`Held-out digit ${i - held.from + 1}: its label is ${pack.labels[i]}.`);
    this.#readPad();
  }

  #wirePad() {
    const pad = this.pad;
    const ctx = pad.getContext('2d', {willReadFrequently: true});
    const at = (e) => {
      const r = pad.getBoundingClientRect();
      return [((e.clientX - r.left) / r.width) * size, ((e.clientY - r.top) / r.height) * size];
    };
    pad.addEventListener('pointerdown', (e) => {
      if (!this.#model) return;
      this.#drawing = true;
      pad.setPointerCapture(e.pointerId);
      ctx.lineWidth = 22;
      ctx.lineCap = ctx.lineJoin = 'round';
      ctx.strokeStyle = '#000';
      ctx.beginPath();
      ctx.moveTo(...at(e));
      ctx.lineTo(...at(e));
      ctx.stroke();
    });
    pad.addEventListener('pointermove', (e) => {
      if (!this.#drawing) return;
      ctx.lineTo(...at(e));
      ctx.stroke();
    });
    const end = () => {
      if (!this.#drawing) return;
      this.#drawing = false;
      this.#readPad();
    };
    pad.addEventListener('pointerup', end);
    pad.addEventListener('pointercancel', end);
    pad.addEventListener('keydown', (e) => {
      if (e.key === 'Delete' || e.key === 'Backspace' || e.key === 'Escape') {
        e.preventDefault();
        this.clear();
      }
    });
  }
}
