// <gonn-train-chart>: a net as a function. A small MLP learns y = fn(x)
// from points on a domain, in the widget's engine, with a live chart of the
// loss (log scale) and of the fitted curve against the points.
//
// Attributes (all optional; they are read when training starts):
//   fn             the target, a formula in x (formula.js): default "sin(3*x)"
//   domain         two numbers, the x range: default "-1 1"
//   points         the number of training points, evenly spaced: default 64
//   units          hidden layer sizes: default "16 16"
//   activation     of the hidden layers (Keras name): default "tanh"
//   optimizer      adam, sgd, rmsprop, adagrad or adadelta: default adam
//   learning-rate  default 0.01
//   epochs         default 300
//   batch-size     default 16
//   seed           the model's seed (same seed, same curve): default 1
//   autoplay       train as soon as the engine is ready
//
// Properties: losses (one per epoch so far), train() and stop().
// Events: gonn-epoch (detail {epoch, loss}), gonn-trained (detail {losses, stopped}).

import {EngineElement, h, intAttr, numberAttr} from './base.js';
import {drawChart} from './chart.js';
import {parseFormula} from './formula.js';

const optimizers = {adam: 'Adam', sgd: 'SGD', rmsprop: 'RMSprop', adagrad: 'Adagrad', adadelta: 'Adadelta'};
const curvePoints = 101;

/** Reads the widget's attributes into a training plan; throws on a bad one. */
export function readPlan(el) {
  const fnText = el.getAttribute('fn') ?? 'sin(3*x)';
  const fn = parseFormula(fnText);
  const domain = (el.getAttribute('domain') ?? '-1 1').trim().split(/[\s,]+/).map(Number);
  if (domain.length !== 2 || !domain.every(Number.isFinite) || domain[0] >= domain[1]) {
    throw new Error(`domain="${el.getAttribute('domain')}": want two numbers, the first smaller`);
  }
  const units = (el.getAttribute('units') ?? '16 16').trim().split(/[\s,]+/).filter(Boolean).map(Number);
  if (!units.every((u) => Number.isInteger(u) && u >= 1 && u <= 1024)) throw new Error(`units="${el.getAttribute('units')}": want sizes 1 … 1024`);
  const optimizer = (el.getAttribute('optimizer') ?? 'adam').toLowerCase();
  if (!optimizers[optimizer]) throw new Error(`optimizer="${optimizer}": want ${Object.keys(optimizers).join(', ')}`);
  const plan = {
    fnText, fn, domain, units, optimizer,
    activation: el.getAttribute('activation') ?? 'tanh',
    points: intAttr(el, 'points', 64, 2),
    learningRate: numberAttr(el, 'learning-rate', 0.01),
    epochs: intAttr(el, 'epochs', 300),
    batchSize: intAttr(el, 'batch-size', 16),
    seed: intAttr(el, 'seed', 1, 0),
  };
  if (!(plan.learningRate > 0)) throw new Error(`learning-rate="${el.getAttribute('learning-rate')}" must be > 0`);
  return plan;
}

/** n evenly spaced points of [lo, hi]. */
function linspace(lo, hi, n) {
  return Array.from({length: n}, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

export class GonnTrainChart extends EngineElement {
  losses = [];
  #model = null;
  #stopped = false;
  #running = false;
  #points = null; // {xs, ys}
  #curve = null; // {xs, ys}

  render(root) {
    this.button = h('button', {type: 'button', class: 'primary', part: 'train', disabled: true}, 'Train');
    this.progress = h('progress', {max: 1, value: 0, 'aria-label': 'Training progress'});
    this.settings = h('p', {class: 'settings'});
    this.lossCanvas = h('canvas', {class: 'chart', part: 'loss-chart', role: 'img', 'aria-label': 'Loss per epoch, log scale'});
    this.fitCanvas = h('canvas', {class: 'chart', part: 'fit-chart', role: 'img', 'aria-label': 'The target points and the learned curve'});
    root.append(
      h('div', {class: 'row'}, this.button, h('div', {class: 'stack'}, this.settings)),
      this.progress,
      h('div', {class: 'row'},
        h('figure', {class: 'stack'}, this.fitCanvas, h('figcaption', {}, 'Points and the net\'s curve')),
        h('figure', {class: 'stack'}, this.lossCanvas, h('figcaption', {}, 'Loss (mean squared error)'))),
      h('p', {class: 'status', part: 'status', role: 'status', 'aria-live': 'polite'}));
    this.button.addEventListener('click', () => (this.#running ? this.stop() : this.train()));
  }

  engineReady() {
    this.button.disabled = false;
    let plan;
    try {
      plan = readPlan(this);
    } catch (e) {
      this.fail(e);
      return;
    }
    this.#showPlan(plan);
    this.setStatus('Ready: press Train.');
    if (this.hasAttribute('autoplay')) queueMicrotask(() => this.train());
  }

  /** Trains a new model from the attributes; resolves when training ends. */
  async train() {
    if (this.#running || !this.engine) return;
    const engine = this.engine;
    const gonn = this.gonn;
    this.#running = true;
    this.#stopped = false;
    this.button.textContent = 'Stop';
    this.setState('busy');
    try {
      const plan = readPlan(this);
      this.#showPlan(plan);
      this.#model?.dispose();
      const model = (this.#model = await engine.sequential([
        ...plan.units.map((units, i) => gonn.layers.dense(i === 0 ? {units, activation: plan.activation, inputShape: [1]} : {units, activation: plan.activation})),
        gonn.layers.dense({units: 1}),
      ], {seed: plan.seed}));
      await model.compile({optimizer: {className: optimizers[plan.optimizer], config: {learning_rate: plan.learningRate}}, loss: 'mse'});
      const x = gonn.tensor(this.#points.xs, [plan.points, 1]);
      const y = gonn.tensor(this.#points.ys, [plan.points, 1]);
      const grid = linspace(plan.domain[0], plan.domain[1], curvePoints);
      const gridX = gonn.tensor(grid, [curvePoints, 1]);
      this.losses = [];
      this.#curve = null;
      const chunk = Math.max(1, Math.round(plan.epochs / 30)); // epochs between two curve updates
      for (let e = 0; e < plan.epochs && !this.#stopped; e += chunk) {
        await model.fit(x, y, {
          epochs: Math.min(plan.epochs, e + chunk), initialEpoch: e, batchSize: plan.batchSize,
          onEpochEnd: (epoch, logs) => this.#epochEnd(epoch, logs.loss, plan),
        });
        if (!this.alive(engine)) return;
        const pred = await model.predict(gridX);
        this.#curve = {xs: grid, ys: Array.from(pred.data)};
        this.#draw();
      }
      if (!this.alive(engine)) return;
      const last = this.losses.at(-1);
      this.setStatus(`${this.#stopped ? 'Stopped' : 'Trained'} after ${this.losses.length} epochs: loss ${last?.toPrecision(3)}.`);
      this.setState('ready');
      this.emit('gonn-trained', {losses: this.losses.slice(), stopped: this.#stopped});
    } catch (e) {
      if (this.alive(engine)) this.fail(e);
    } finally {
      this.#running = false;
      this.button.textContent = 'Train';
    }
  }

  /** Stops training after the batch in progress. */
  stop() {
    this.#stopped = true;
    this.#model?.stop();
  }

  stopWork() {
    this.#stopped = true;
    this.#model = null; // disposed with the engine
    this.button.disabled = true;
  }

  #epochEnd(epoch, loss, plan) {
    this.losses.push(loss);
    this.progress.value = (epoch + 1) / plan.epochs;
    if ((epoch + 1) % 10 === 0 || epoch + 1 === plan.epochs) {
      this.setStatus(`Epoch ${epoch + 1} of ${plan.epochs}: loss ${loss?.toPrecision(3)}`);
    }
    this.emit('gonn-epoch', {epoch, loss});
    this.#draw();
  }

  // showPlan samples the target and shows the settings.
  #showPlan(plan) {
    const xs = linspace(plan.domain[0], plan.domain[1], plan.points);
    const ys = xs.map(plan.fn);
    if (!ys.every(Number.isFinite)) throw new Error(`fn="${plan.fnText}" is not finite everywhere on [${plan.domain.join(', ')}]`);
    this.#points = {xs, ys};
    this.settings.replaceChildren(
      h('span', {}, `y = ${plan.fnText} on [${plan.domain.join(', ')}]`),
      h('span', {}, `Dense ${plan.units.join('→')} (${plan.activation}) → 1`),
      h('span', {}, `${plan.optimizer}, lr ${plan.learningRate}, ${plan.epochs} epochs, batch ${plan.batchSize}, seed ${plan.seed}`));
    this.progress.value = 0;
    this.#draw();
  }

  #draw() {
    if (this.drawPending) return;
    this.drawPending = true;
    requestAnimationFrame(() => {
      this.drawPending = false;
      drawChart(this.lossCanvas, {series: [{name: 'loss', y: this.losses, color: '#b54708'}], logY: true, xLabel: 'epoch', empty: 'press Train'});
      const series = [];
      if (this.#points) series.push({name: 'target', x: this.#points.xs, y: this.#points.ys, color: '#475467', dots: true});
      if (this.#curve) series.push({name: 'net', x: this.#curve.xs, y: this.#curve.ys, color: '#1d4ed8'});
      drawChart(this.fitCanvas, {series});
    });
  }
}
