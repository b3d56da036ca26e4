// gonn's JavaScript API: an ES module that trains neural nets with the
// engine engine.wasm, Keras-like and Promise-based. Types and examples are
// in gonn.d.ts.
//
// The same file runs in a browser's main thread (the engine then runs in a
// Web Worker, worker.js, and every call is a message), inside a worker and
// in Node ≥ 20 (the engine runs in the calling thread). Both paths share the
// Host of engine.js, so they behave the same; only the transport differs.

import {ErrorCode, GonnError, Host} from './engine.js';
import {checkDestination, checkpointBytes, readModelSource, saveArtifacts, toArtifacts} from './saveload.js';

export {ErrorCode, GonnError};

const isNode = typeof process !== 'undefined' && !!process.versions?.node;
const inBrowserMainThread = !isNode && typeof window !== 'undefined' && typeof document !== 'undefined';

function badArgument(msg) {
  return new GonnError(ErrorCode.bad_argument, `gonn: ${msg}`);
}

// ---------------------------------------------------------------- tensors

function checkShape(shape) {
  if (!Array.isArray(shape) && !ArrayBuffer.isView(shape)) {
    throw badArgument(`a shape is an array of sizes, got ${describe(shape)}`);
  }
  const dims = Array.from(shape);
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) throw badArgument(`bad shape [${dims.join(', ')}]: sizes are integers ≥ 0`);
  }
  return dims;
}

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an Array';
  if (typeof v === 'object') return v.constructor?.name ?? 'an object';
  return typeof v;
}

function toFloat32(data) {
  if (data instanceof Float32Array) return data;
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) return Float32Array.from(data);
  if (Array.isArray(data)) {
    for (const v of data) {
      if (typeof v !== 'number') throw badArgument(`tensor data must hold numbers, got ${describe(v)}`);
    }
    return Float32Array.from(data);
  }
  throw badArgument(`tensor data is a Float32Array (or an array of numbers), got ${describe(data)}`);
}

/** Dense float32 data with a shape, row-major, in JS memory. */
export class Tensor {
  constructor(data, shape) {
    const dims = checkShape(shape);
    const f = toFloat32(data);
    const size = dims.reduce((a, b) => a * b, 1);
    if (f.length !== size) {
      throw new GonnError(ErrorCode.shape, `gonn: ${f.length} values do not fill the shape [${dims.join(', ')}] (${size} values)`);
    }
    this.data = f;
    this.shape = dims;
    this.size = size;
  }

  /** The i-th example along the first axis, as a view. */
  row(i) {
    const n = this.shape[0];
    if (!(i >= 0 && i < n)) throw badArgument(`row ${i} of ${n}`);
    const inner = n ? this.size / n : 0;
    return new Tensor(this.data.subarray(i * inner, (i + 1) * inner), this.shape.slice(1));
  }

  /** The index of the largest value of each example. */
  argMax() {
    const n = this.shape.length ? this.shape[0] : 1;
    const inner = n ? this.size / n : 0;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let j = 1; j < inner; j++) if (this.data[i * inner + j] > this.data[i * inner + best]) best = j;
      out[i] = best;
    }
    return out;
  }
}

export function tensor(data, shape) {
  return new Tensor(data, shape);
}

/** A tensor stored in an engine (Engine.upload). */
class EngineTensor {
  #engine;
  #h;
  #disposed = false;

  constructor(engine, handle, shape) {
    this.#engine = engine;
    this.#h = handle;
    this.shape = shape;
    this.size = shape.reduce((a, b) => a * b, 1);
    engine._registry.register(this, handle, this);
  }

  get engine() {
    return this.#engine;
  }

  get disposed() {
    return this.#disposed;
  }

  _handle(engine) {
    if (this.#disposed) throw new GonnError(ErrorCode.unknown_handle, 'gonn: the tensor is disposed');
    if (engine !== this.#engine) throw badArgument('the tensor lives in another engine');
    return this.#h;
  }

  async read() {
    const r = await this.#engine._request('read', {h: this._handle(this.#engine)});
    return new Tensor(r.data, r.shape);
  }

  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#engine._registry.unregister(this);
    this.#engine._send('dispose', {handles: [this.#h]});
  }
}

// tensorArg makes the message form of a TensorLike for engine: {handle} or
// {data, shape} (validated here, so a bad tensor fails before any message).
function tensorArg(t, engine, what) {
  if (t instanceof EngineTensor) return {handle: t._handle(engine)};
  if (t instanceof Tensor) return {data: t.data, shape: t.shape};
  if (t && typeof t === 'object' && 'data' in t && 'shape' in t) {
    const c = new Tensor(t.data, t.shape);
    return {data: c.data, shape: c.shape};
  }
  throw badArgument(`${what} must be a Tensor or {data, shape}, got ${describe(t)}`);
}

// ---------------------------------------------------------------- layers

const snake = (k) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

// keras turns {className, config} (at any depth) into Keras' {class_name, config}.
function keras(v) {
  if (Array.isArray(v)) return v.map(keras);
  if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      if (x !== undefined) out[k === 'className' ? 'class_name' : k] = keras(x);
    }
    return out;
  }
  return v;
}

// layer makes a LayerSpec: camelCase keys become snake_case, inputShape
// becomes Keras' batch_input_shape. The engine checks the keys and values.
function layer(className, fn, o, required) {
  if (o === undefined && !required) o = {};
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw badArgument(`layers.${fn} wants an options object`);
  const config = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    const key = snake(k);
    if (key === 'input_shape' || (className === 'InputLayer' && key === 'shape')) {
      if (!Array.isArray(v)) throw badArgument(`layers.${fn}: ${k} is an array of sizes`);
      config.batch_input_shape = [null, ...v];
      continue;
    }
    config[key] = keras(v);
  }
  for (const key of [].concat(required ?? [])) {
    if (!(key in config)) throw badArgument(`layers.${fn} needs ${key}`);
  }
  return {className, config};
}

export const layers = Object.freeze({
  input: (o) => layer('InputLayer', 'input', o, 'batch_input_shape'),
  dense: (o) => layer('Dense', 'dense', o, 'units'),
  dropout: (o) => layer('Dropout', 'dropout', o, 'rate'),
  flatten: (o) => layer('Flatten', 'flatten', o),
  reshape: (o) => layer('Reshape', 'reshape', o, 'target_shape'),
  activation: (o) => layer('Activation', 'activation', o, 'activation'),
  conv1d: (o) => layer('Conv1D', 'conv1d', o, ['filters', 'kernel_size']),
  conv2d: (o) => layer('Conv2D', 'conv2d', o, ['filters', 'kernel_size']),
  conv2dTranspose: (o) => layer('Conv2DTranspose', 'conv2dTranspose', o, ['filters', 'kernel_size']),
  zeroPadding2d: (o) => layer('ZeroPadding2D', 'zeroPadding2d', o),
  maxPooling1d: (o) => layer('MaxPooling1D', 'maxPooling1d', o),
  averagePooling1d: (o) => layer('AveragePooling1D', 'averagePooling1d', o),
  globalMaxPooling1d: (o) => layer('GlobalMaxPooling1D', 'globalMaxPooling1d', o),
  globalAveragePooling1d: (o) => layer('GlobalAveragePooling1D', 'globalAveragePooling1d', o),
  maxPooling2d: (o) => layer('MaxPooling2D', 'maxPooling2d', o),
  averagePooling2d: (o) => layer('AveragePooling2D', 'averagePooling2d', o),
  globalMaxPooling2d: (o) => layer('GlobalMaxPooling2D', 'globalMaxPooling2d', o),
  globalAveragePooling2d: (o) => layer('GlobalAveragePooling2D', 'globalAveragePooling2d', o),
  upSampling2d: (o) => layer('UpSampling2D', 'upSampling2d', o),
  batchNormalization: (o) => layer('BatchNormalization', 'batchNormalization', o),
  leakyReLU: (o) => layer('LeakyReLU', 'leakyReLU', o),
  embedding: (o) => layer('Embedding', 'embedding', o, ['input_dim', 'output_dim']),
  masking: (o) => layer('Masking', 'masking', o),
  simpleRNN: (o) => layer('SimpleRNN', 'simpleRNN', o, 'units'),
  lstm: (o) => layer('LSTM', 'lstm', o, 'units'),
  gru: (o) => layer('GRU', 'gru', o, 'units'),
  repeatVector: (o) => layer('RepeatVector', 'repeatVector', o, 'n'),
  timeDistributed: (o) => layer('TimeDistributed', 'timeDistributed', o, 'layer'),
  bidirectional: (o) => layer('Bidirectional', 'bidirectional', o, 'layer'),
  randomFlip: (o) => layer('RandomFlip', 'randomFlip', o),
  randomRotation: (o) => layer('RandomRotation', 'randomRotation', o, 'factor'),
  randomTranslation: (o) => layer('RandomTranslation', 'randomTranslation', o, ['height_factor', 'width_factor']),
  randomZoom: (o) => layer('RandomZoom', 'randomZoom', o, 'height_factor'),
  randomContrast: (o) => layer('RandomContrast', 'randomContrast', o, 'factor'),
});

function layerJSON(l, i) {
  if (!l || typeof l !== 'object') throw badArgument(`layer ${i} is ${describe(l)}, not a layer`);
  const className = l.className ?? l.class_name;
  if (typeof className !== 'string') throw badArgument(`layer ${i} has no className`);
  return {class_name: className, config: keras(l.config ?? {})};
}

// ---------------------------------------------------------------- backends

// LocalBackend runs the Host in this thread. Requests run synchronously up
// to their first await, so a stop() right after fit() finds the fit.
class LocalBackend {
  constructor(host) {
    this.host = host;
  }

  request(op, args, onProgress) {
    try {
      return Promise.resolve(this.host.run(op, args, onProgress)).catch((e) => {
        throw GonnError.from(e);
      });
    } catch (e) {
      return Promise.reject(GonnError.from(e));
    }
  }

  send(op, args) {
    this.request(op, args).catch(() => {});
  }

  close() {
    this.host.close();
    this.host.core.lost ??= new Error('the engine was closed');
  }
}

// WorkerBackend runs the Host in a Web Worker: {id, op, args} go in;
// {id, result}, {id, error} or {id, progress} and {output, stream} come out.
class WorkerBackend {
  constructor(worker, onOutput) {
    this.worker = worker;
    this.onOutput = onOutput;
    this.next = 1;
    this.pending = new Map();
    this.lost = null;
    this.ready = false;
    worker.onmessage = (e) => this.#receive(e.data);
    worker.onerror = (e) => {
      e.preventDefault?.();
      this.#die(`the engine worker failed: ${e.message ?? 'cannot load worker.js'}`);
    };
    worker.onmessageerror = () => this.#die('a message from the engine worker could not be read');
  }

  // transfer lists buffers of args that move to the worker (detached here).
  request(op, args, onProgress, transfer = []) {
    if (this.lost) return Promise.reject(this.lost);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {resolve, reject, onProgress});
      this.worker.postMessage({id, op, args}, transfer);
    });
  }

  send(op, args) {
    if (!this.lost) this.worker.postMessage({id: 0, op, args});
  }

  #receive(m) {
    if (m.output !== undefined) {
      this.onOutput(m.output, m.stream);
      return;
    }
    const p = this.pending.get(m.id);
    if (m.progress) {
      // A fit with callbacks waits for this acknowledgement: send it once
      // the callbacks ran (and after any stop or pause they sent).
      const ran = new Promise((resolve) => resolve(p?.onProgress?.(m.progress)));
      if (m.ack) ran.catch(() => {}).finally(() => this.send('ack', {id: m.id}));
      return;
    }
    if (!p) return;
    this.pending.delete(m.id);
    if (m.error) p.reject(GonnError.from(m.error));
    else p.resolve(m.result);
  }

  #die(msg) {
    const code = this.ready ? ErrorCode.engine_lost : ErrorCode.load_failed;
    this.lost ??= new GonnError(code, `gonn: ${msg}`);
    for (const p of this.pending.values()) p.reject(this.lost);
    this.pending.clear();
  }

  close() {
    this.worker.terminate();
    this.#die('the engine was closed');
  }
}

function defaultOutput(line, stream) {
  (stream === 'stderr' ? console.warn : console.log)(`gonn engine: ${line}`);
}

// ---------------------------------------------------------------- engine

let defaultEngine = null; // Promise<Engine>

function sharedEngine() {
  if (!defaultEngine) {
    defaultEngine = init();
    defaultEngine.catch(() => (defaultEngine = null));
  }
  return defaultEngine;
}

/** Loads an engine. The first engine made becomes the shared one that sequential() uses. */
export async function init(opts = {}) {
  const known = new Set(['engineUrl', 'worker', 'wasi', 'onOutput', 'kernels']);
  for (const k of Object.keys(opts)) if (!known.has(k)) throw badArgument(`init: unknown option ${k}`);
  const t0 = performance.now();
  const url = opts.engineUrl ?? new URL('./engine.wasm', import.meta.url);
  const onOutput = opts.onOutput ?? defaultOutput;
  const wasi = opts.wasi ?? 'shim';
  const useWorker = opts.worker ?? inBrowserMainThread;
  let backend;
  let version;
  try {
    if (useWorker) {
      if (typeof Worker !== 'function') throw badArgument('init: worker: true needs Web Workers (a browser)');
      const href = String(new URL(String(url), globalThis.location?.href));
      backend = new WorkerBackend(new Worker(new URL('./worker.js', import.meta.url), {type: 'module'}), onOutput);
      const kernels = typeof opts.kernels === 'string' || opts.kernels instanceof URL ? String(new URL(String(opts.kernels), globalThis.location?.href)) : opts.kernels;
      version = await backend.request('init', {url: href, wasi, kernels});
      backend.ready = true;
    } else {
      const host = await Host.load(url, {wasi, onOutput, kernels: opts.kernels});
      backend = new LocalBackend(host);
      version = host.core.version();
    }
  } catch (e) {
    backend?.close();
    if (e instanceof GonnError) throw e;
    throw new GonnError(ErrorCode.load_failed, `gonn: cannot start the engine: ${e?.message ?? e}`, {cause: e});
  }
  const engine = new Engine(backend, version, useWorker, performance.now() - t0);
  defaultEngine ??= Promise.resolve(engine);
  return engine;
}

class Engine {
  #backend;

  constructor(backend, version, inWorker, loadMs) {
    this.#backend = backend;
    this.version = version;
    this.inWorker = inWorker;
    this.loadMs = loadMs;
    // Disposes the engine side of models and tensors that were garbage
    // collected without dispose().
    this._registry = new FinalizationRegistry((h) => this._send('dispose', {handles: [h]}));
  }

  _request(op, args, onProgress, transfer) {
    return this.#backend.request(op, args, onProgress, transfer);
  }

  _send(op, args) {
    this.#backend.send(op, args);
  }

  async sequential(ls, opts = {}) {
    if (!Array.isArray(ls)) throw badArgument('sequential wants an array of layers');
    for (const k of Object.keys(opts)) {
      if (!['seed', 'name', 'engine'].includes(k)) throw badArgument(`sequential: unknown option ${k}`);
    }
    const spec = {layers: ls.map(layerJSON)};
    if (opts.seed !== undefined) spec.seed = opts.seed;
    if (opts.name !== undefined) spec.name = opts.name;
    return this.model(spec);
  }

  async model(spec, opts = {}) {
    if (!spec || typeof spec !== 'object') throw badArgument('model wants a spec object');
    if (opts.seed !== undefined) spec = {...spec, seed: opts.seed};
    const r = await this._request('model', {spec: keras(spec)});
    return new Model(this, r.handle);
  }

  /** A model from TF.js layers files (see loadLayersModel). */
  async loadLayersModel(source) {
    const {modelJSON, weightData} = await readModelSource(source);
    const r = await this._request('load', {modelJSON, weightData}, undefined, [weightData]);
    return new Model(this, r.handle);
  }

  async upload(t) {
    const r = await this._request('upload', tensorArg(t, this, 'upload'));
    return new EngineTensor(this, r.handle, r.shape);
  }

  /** The engine's linear memory now, as TF.js' memory(): {bytes, pages} (64 KiB pages). */
  memory() {
    return this._request('memory', {});
  }

  close() {
    this.#backend.close();
    defaultEngine?.then((e) => {
      if (e === this) defaultEngine = null;
    });
  }
}

/**
 * Loads a model saved in the TF.js layers format (by gonn, TF.js or the
 * converter) into the given or the shared engine: from 'indexeddb://name', a
 * model.json URL (its weight files fetched beside it; a path in Node), the
 * files of an <input type=file multiple> or TF.js' ModelArtifacts.
 */
export async function loadLayersModel(source, opts = {}) {
  for (const k of Object.keys(opts ?? {})) if (k !== 'engine') throw badArgument(`loadLayersModel: unknown option ${k}`);
  const engine = opts?.engine ?? (await sharedEngine());
  return engine.loadLayersModel(source);
}

/** Makes a Sequential model in the given or the shared engine. */
export async function sequential(ls, opts = {}) {
  const engine = opts.engine ?? (await sharedEngine());
  const {engine: _, ...rest} = opts;
  return engine.sequential(ls, rest);
}

// ---------------------------------------------------------------- models

const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

function camelKeys(o) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));
}

function configurable(v, what) {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = keras(v);
    if (typeof o.class_name !== 'string') throw badArgument(`compile: ${what} {className, config} needs className`);
    return o;
  }
  throw badArgument(`compile: ${what} is a name or {className, config}, got ${describe(v)}`);
}

// MAX_WORKERS bounds fit's workers (as the engine does).
const MAX_WORKERS = 16;

// fitKeys maps FitOptions to the engine's fit config keys (null: host-side).
const fitKeys = {
  epochs: 'epochs',
  batchSize: 'batch_size',
  shuffle: 'shuffle',
  validationSplit: 'validation_split',
  validationData: null,
  initialEpoch: 'initial_epoch',
  allowNonFinite: 'allow_non_finite',
  seed: 'seed',
  resume: 'resume',
  workers: 'workers',
  verbose: 'verbose',
  batchesPerStep: null,
  onBatchEnd: null,
  onEpochEnd: null,
  onProgress: null,
};

function fitOptions(o) {
  if (!o || typeof o !== 'object') throw badArgument('fit: options must be an object');
  const cfg = {};
  const host = {};
  for (const [k0, v] of Object.entries(o)) {
    if (v === undefined) continue;
    const k = camel(k0);
    if (!(k in fitKeys)) throw badArgument(`fit: unknown option ${k0}`);
    if (fitKeys[k]) cfg[fitKeys[k]] = v;
    else host[k] = v;
  }
  for (const f of ['onBatchEnd', 'onEpochEnd', 'onProgress']) {
    if (host[f] !== undefined && typeof host[f] !== 'function') throw badArgument(`fit: ${f} must be a function`);
  }
  // workers > 1 shares each batch with replica engines (engine.js,
  // parallel.js); 1 is the plain fit.
  const w = cfg.workers;
  if (w !== undefined && !(Number.isInteger(w) && w >= 1 && w <= MAX_WORKERS)) {
    throw badArgument(`fit: workers must be an integer from 1 to ${MAX_WORKERS}, got ${typeof w === 'number' ? w : describe(w)}`);
  }
  if (w === 1) delete cfg.workers;
  const bps = host.batchesPerStep ?? 1;
  if (!Number.isInteger(bps) || bps < 1) throw badArgument(`fit: batchesPerStep must be an integer ≥ 1, got ${bps}`);
  host.batchesPerStep = bps;
  return {cfg, host};
}

function logsAt(history, i, withVal) {
  const logs = {};
  for (const [k, vs] of Object.entries(history.history)) {
    if (withVal || !k.startsWith('val_')) logs[k] = vs[i];
  }
  return logs;
}

// progressHandler turns engine reports into Keras callbacks, each awaited
// when it returns a Promise (as TF.js does): for each epoch that ended,
// onBatchEnd of its last batch (unless already reported, or the epoch was
// cut short by stop(): history.partial) then onEpochEnd; then onBatchEnd
// of the batch just done. With batchesPerStep > 1, onBatchEnd sees the
// last batch of each step. The fit's next step waits for the returned
// Promise, so a stop() or pause() in a callback acts before the next batch.
function progressHandler(host) {
  let seen = 0;
  let last = null; // the last batch reported: [epoch, batch]
  const reported = (epoch, batch) => last && last[0] === epoch && last[1] === batch;
  return async (r) => {
    const p = {
      epoch: r.epoch,
      epochs: r.epochs,
      batch: r.batch,
      batchesPerEpoch: r.batches_per_epoch,
      done: r.done,
      logs: r.logs,
    };
    await host.onProgress?.(p);
    const h = r.history;
    for (; seen < h.epoch.length; seen++) {
      const e = h.epoch[seen];
      const lastBatch = p.batchesPerEpoch - 1;
      if (h.partial?.epoch !== e && !reported(e, lastBatch)) {
        last = [e, lastBatch];
        await host.onBatchEnd?.(lastBatch, logsAt(h, seen, false), e);
      }
      await host.onEpochEnd?.(e, logsAt(h, seen, true));
    }
    if (!p.done && p.batch > 0 && !reported(p.epoch, p.batch - 1)) {
      last = [p.epoch, p.batch - 1];
      await host.onBatchEnd?.(p.batch - 1, p.logs, p.epoch);
    }
  };
}

class Model {
  #engine;
  #h;
  #disposed = false;
  #fit = null; // the running fit's token, while it runs

  constructor(engine, handle) {
    this.#engine = engine;
    this.#h = handle;
    engine._registry.register(this, handle, this);
  }

  get engine() {
    return this.#engine;
  }

  get disposed() {
    return this.#disposed;
  }

  /** The engine's handle of the model, for compose() and gan() in the same engine. */
  _handle(engine) {
    if (this.#disposed) throw new GonnError(ErrorCode.unknown_handle, 'gonn: the model is disposed');
    if (engine !== this.#engine) throw badArgument('the model lives in another engine');
    return this.#h;
  }

  #request(op, args = {}, onProgress, transfer) {
    if (this.#disposed) return Promise.reject(new GonnError(ErrorCode.unknown_handle, 'gonn: the model is disposed'));
    return this.#engine._request(op, {h: this.#h, ...args}, onProgress, transfer);
  }

  // call runs build() (which may throw a GonnError), then the request:
  // argument errors reject like engine errors do.
  #call(op, build, onProgress) {
    try {
      return this.#request(op, build ? build() : {}, onProgress);
    } catch (e) {
      return Promise.reject(GonnError.from(e));
    }
  }

  compile(o) {
    return this.#call('compile', () => {
      if (!o || typeof o !== 'object') throw badArgument('compile wants {optimizer, loss, metrics}');
      const cfg = {};
      for (const [k, v] of Object.entries(o)) {
        if (v === undefined) continue;
        if (k === 'optimizer') cfg.optimizer = configurable(v, 'optimizer');
        else if (k === 'loss') cfg.loss = configurable(v, 'loss');
        else if (k === 'metrics') cfg.metrics = v;
        else throw badArgument(`compile: unknown option ${k}`);
      }
      return {cfg};
    }).then(() => undefined);
  }

  fit(x, y, o = {}) {
    let callbackError = null;
    const fit = {};
    let onProgress;
    const p = this.#call('fit', () => {
      const {cfg, host} = fitOptions(o);
      const args = {
        x: tensorArg(x, this.#engine, 'x'),
        y: tensorArg(y, this.#engine, 'y'),
        cfg,
        batchesPerStep: host.batchesPerStep,
        report: !!(host.onBatchEnd || host.onEpochEnd || host.onProgress),
      };
      const vd = host.validationData;
      if (vd !== undefined) {
        if (!Array.isArray(vd) || vd.length !== 2) throw badArgument('fit: validationData is [x, y]');
        args.validationData = [tensorArg(vd[0], this.#engine, 'validationData[0]'), tensorArg(vd[1], this.#engine, 'validationData[1]')];
      }
      const handle = progressHandler(host);
      onProgress = async (r) => {
        if (callbackError) return;
        try {
          await handle(r);
        } catch (e) {
          // A throwing callback ends the fit; fit() rejects with its error.
          callbackError = e;
          this.stop();
        }
      };
      if (this.#fit === null) this.#fit = fit;
      return args;
    }, (r) => onProgress(r));
    return p.then(
      (history) => {
        if (callbackError) throw callbackError;
        return history;
      },
    ).finally(() => {
      if (this.#fit === fit) this.#fit = null;
    });
  }

  stop() {
    if (this.#fit && !this.#disposed) this.#engine._send('stop', {h: this.#h});
  }

  /** Holds the fit; resolves once it is held (no batch runs until resume()). Never rejects. */
  pause() {
    return this.#control('pause');
  }

  /** Lets a paused fit go on; resolves once the engine has the message. Never rejects. */
  resume() {
    return this.#control('resume');
  }

  // control sends pause or resume to the engine and resolves when it acted
  // on it (a lost engine ends the fit anyway: nothing to report here).
  #control(op) {
    if (!this.#fit || this.#disposed) return Promise.resolve();
    return this.#engine._request(op, {h: this.#h}).then(() => undefined, () => undefined);
  }

  evaluate(x, y, o = {}) {
    return this.#call('evaluate', () => ({
      x: tensorArg(x, this.#engine, 'x'),
      y: tensorArg(y, this.#engine, 'y'),
      batchSize: batchSize(o, 'evaluate'),
    }));
  }

  async predict(x, o = {}) {
    const r = await this.#call('predict', () => ({x: tensorArg(x, this.#engine, 'x'), batchSize: batchSize(o, 'predict')}));
    return new Tensor(r.data, r.shape);
  }

  // ------------------------------------------ custom loops (Keras' *_on_batch, model(x, training))

  /** One optimizer step on the batch: Keras' train_on_batch; its logs {loss, <metrics>}. */
  trainOnBatch(x, y) {
    return this.#call('trainOnBatch', () => ({x: tensorArg(x, this.#engine, 'x'), y: tensorArg(y, this.#engine, 'y')}));
  }

  /** The loss and metrics of one batch in inference mode; changes nothing. */
  testOnBatch(x, y) {
    return this.#call('testOnBatch', () => ({x: tensorArg(x, this.#engine, 'x'), y: tensorArg(y, this.#engine, 'y')}));
  }

  async predictOnBatch(x) {
    const r = await this.#call('predictOnBatch', () => ({x: tensorArg(x, this.#engine, 'x')}));
    return new Tensor(r.data, r.shape);
  }

  /** One forward pass, Keras' model(x, training); no trainable weight changes. */
  async call(x, o = {}) {
    const r = await this.#call('call', () => {
      const opts = options(o, 'call', ['training']);
      if (opts.training !== undefined && typeof opts.training !== 'boolean') throw badArgument('call: training is true or false');
      return {x: tensorArg(x, this.#engine, 'x'), training: !!opts.training};
    });
    return new Tensor(r.data, r.shape);
  }

  // ------------------------------------------ looking inside (nn/inspect)

  /** Every layer's output on x, in inference mode: [{name, className, output}]. */
  async layerOutputs(x) {
    const r = await this.#call('layerOutputs', () => ({x: tensorArg(x, this.#engine, 'x')}));
    return r.map((o) => ({name: o.name, className: o.className, output: new Tensor(o.data, o.shape)}));
  }

  /** The filters of the convolution at layerIndex, each scaled to [0, 1]: {shape: [kh, kw, c], images}. */
  async filters(layerIndex) {
    const r = await this.#call('filters', () => ({layer: index(layerIndex, 'filters: layerIndex')}));
    const [n, ...shape] = r.shape;
    const per = n ? r.data.length / n : 0;
    return {shape, images: Array.from({length: n}, (_, f) => r.data.slice(f * per, (f + 1) * per))};
  }

  /** ∂ output[classIndex] / ∂ x per example, shaped like x. */
  async saliency(x, classIndex) {
    const r = await this.#call('saliency', () => ({x: tensorArg(x, this.#engine, 'x'), classIndex: index(classIndex, 'saliency: classIndex')}));
    return new Tensor(r.data, r.shape);
  }

  /** How much output[classIndex] drops when each patch of the one image x is filled: (rows, cols). */
  async occlusion(x, o) {
    const r = await this.#call('occlusion', () => ({
      x: tensorArg(x, this.#engine, 'x'),
      cfg: snakeOptions(options(o, 'occlusion', ['classIndex', 'size', 'stride', 'fill'])),
    }));
    return new Tensor(r.data, r.shape);
  }

  /** The input that makes one unit of one layer large (gradient ascent): {input, activation}. */
  async maximise(o) {
    const r = await this.#call('maximise', () => {
      const {start, ...rest} = options(o, 'maximise', ['layer', 'unit', 'steps', 'learningRate', 'l2', 'min', 'max', 'start']);
      const args = {cfg: snakeOptions(rest)};
      if (start !== undefined) args.start = tensorArg(start, this.#engine, 'maximise: start');
      return args;
    });
    return {input: new Tensor(r.data, r.shape), activation: r.activation};
  }

  /** Statistics of every weight: [{name, shape, trainable, mean, std, min, max, norm, zeros}]. */
  weightStats() {
    return this.#request('weightStats');
  }

  /** The same statistics for the gradients of the compiled loss on (x, y); changes nothing. */
  gradientStats(x, y) {
    return this.#call('gradientStats', () => ({x: tensorArg(x, this.#engine, 'x'), y: tensorArg(y, this.#engine, 'y')}));
  }

  async info() {
    const r = camelKeys(await this.#request('info'));
    r.layers = r.layers.map(camelKeys);
    return r;
  }

  summary() {
    return this.#request('summary');
  }

  getWeights() {
    return this.#request('getWeights');
  }

  setWeights(w) {
    return this.#call('setWeights', () => {
      const data = w instanceof Float32Array ? w : w?.data;
      if (!(data instanceof Float32Array)) throw badArgument('setWeights wants a Float32Array or {manifest, data}');
      return {data};
    }).then(() => undefined);
  }

  /**
   * Saves the model in the TF.js layers format: with no destination,
   * resolves with TF.js' ModelArtifacts (and modelJSON); 'downloads://name'
   * downloads name.json and name.weights.bin; 'indexeddb://name' stores it
   * where TF.js' indexeddb:// does.
   */
  async save(destination) {
    if (destination !== undefined) checkDestination(destination);
    const r = await this.#request('save');
    const artifacts = toArtifacts(r.modelJSON, r.weightData);
    return destination === undefined ? artifacts : saveArtifacts(destination, artifacts);
  }

  /** The model's checkpoint: weights, optimizer state, generator, training position. */
  async checkpoint() {
    return (await this.#request('checkpoint')).data;
  }

  /** Restores a checkpoint; then fit(x, y, {resume: true, …}) goes on where it stood. */
  async restoreCheckpoint(bytes) {
    const data = checkpointBytes(bytes);
    await this.#request('restoreCheckpoint', {data}, undefined, [data.buffer]);
  }

  weightsHash() {
    return this.#request('weightsHash');
  }

  setTrainable(layerIndex, trainable) {
    return this.#call('setTrainable', () => {
      if (!Number.isInteger(layerIndex)) throw badArgument('setTrainable: layerIndex is an integer');
      return {layer: layerIndex, trainable: !!trainable};
    }).then(() => undefined);
  }

  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#engine._registry.unregister(this);
    this.#engine._send('dispose', {handles: [this.#h]});
  }
}

// options checks an options object against the keys it may hold
// (camelCase, or snake_case) and returns it with camelCase keys; an
// undefined or null value means the default.
function options(o, what, known) {
  if (o === undefined || o === null) return {};
  if (typeof o !== 'object' || Array.isArray(o)) throw badArgument(`${what}: options must be an object`);
  const out = {};
  for (const [k0, v] of Object.entries(o)) {
    if (v === undefined || v === null) continue;
    const k = camel(k0);
    if (!known.includes(k)) throw badArgument(`${what}: unknown option ${k0} (known: ${known.join(', ')})`);
    out[k] = v;
  }
  return out;
}

// snakeOptions turns camelCase keys into the engine's snake_case ones.
function snakeOptions(o) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [snake(k), v]));
}

function index(i, what) {
  if (!Number.isInteger(i)) throw badArgument(`${what} is an integer, got ${describe(i)}`);
  return i;
}

// ---------------------------------------------------------------- confusion, composition, GANs

// labels makes a JSON list of integer labels from an array or typed array.
function labels(v, what) {
  if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    throw badArgument(`confusionMatrix: ${what} is an array or Int32Array of labels, got ${describe(v)}`);
  }
  const out = Array.from(v);
  for (const l of out) if (!Number.isInteger(l)) throw badArgument(`confusionMatrix: ${what} holds ${l}, not an integer label`);
  return out;
}

/**
 * The confusion matrix cm[truth][pred] of two lists of labels (or pred: a
 * tensor of scores (N, classes), whose argmax per row gives the labels).
 */
export async function confusionMatrix(truth, pred, classes, opts = {}) {
  const {engine: e} = options(opts, 'confusionMatrix', ['engine']);
  const engine = e ?? (await sharedEngine());
  const cfg = {truth: labels(truth, 'truth'), classes: index(classes, 'confusionMatrix: classes')};
  const args = {cfg};
  if (pred instanceof Tensor || pred instanceof EngineTensor || (pred && typeof pred === 'object' && 'shape' in pred && 'data' in pred)) {
    args.scores = tensorArg(pred, engine, 'confusionMatrix: pred');
  } else {
    cfg.pred = labels(pred, 'pred');
  }
  return engine._request('confusionMatrix', args);
}

/**
 * A model whose layers are the given models, shared, not copied (Keras'
 * model as a layer): training either changes the weights both see.
 * setTrainable(i, false) freezes model i (picked up at the next compile).
 */
export async function compose(models, opts = {}) {
  if (!Array.isArray(models) || models.length === 0) throw badArgument('compose wants a non-empty array of models');
  const o = options(opts, 'compose', ['name', 'seed']);
  const engine = models[0]?.engine;
  const handles = models.map((m, i) => {
    if (!(m instanceof Model)) throw badArgument(`compose: models[${i}] is ${describe(m)}, not a Model`);
    return m._handle(engine);
  });
  const r = await engine._request('compose', {cfg: {models: handles, ...o}});
  return new Model(engine, r.handle);
}

// optimizerArg is an optimizer as compile takes it, for the engine.
function optimizerArg(v, what) {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v.className ?? v.class_name) === 'string') return keras(v);
  throw badArgument(`gan: ${what} is a name or {className, config}, got ${describe(v)}`);
}

/**
 * A GAN trainer (nn/gan) on a generator and a discriminator of the same
 * engine: step(real) trains the discriminator on real and fake examples,
 * then the generator through the frozen discriminator.
 */
export async function gan(o) {
  const opts = options(o, 'gan', ['generator', 'discriminator', 'latentDim', 'dOptimizer', 'gOptimizer', 'seed']);
  const {generator, discriminator} = opts;
  if (!(generator instanceof Model) || !(discriminator instanceof Model)) throw badArgument('gan: generator and discriminator are Models');
  const engine = generator.engine;
  const cfg = {generator: generator._handle(engine), discriminator: discriminator._handle(engine)};
  if (opts.latentDim !== undefined) cfg.latent_dim = opts.latentDim;
  if (opts.dOptimizer !== undefined) cfg.d_optimizer = optimizerArg(opts.dOptimizer, 'dOptimizer');
  if (opts.gOptimizer !== undefined) cfg.g_optimizer = optimizerArg(opts.gOptimizer, 'gOptimizer');
  if (opts.seed !== undefined) cfg.seed = opts.seed;
  const r = await engine._request('ganCreate', {cfg});
  return new GAN(engine, r.handle, generator, discriminator, r.latentDim);
}

class GAN {
  #engine;
  #h;
  #disposed = false;

  constructor(engine, handle, generator, discriminator, latentDim) {
    this.#engine = engine;
    this.#h = handle;
    this.generator = generator;
    this.discriminator = discriminator;
    this.latentDim = latentDim;
    engine._registry.register(this, handle, this);
  }

  get engine() {
    return this.#engine;
  }

  get disposed() {
    return this.#disposed;
  }

  #call(op, build) {
    try {
      if (this.#disposed) throw new GonnError(ErrorCode.unknown_handle, 'gonn: the GAN is disposed');
      return this.#engine._request(op, {h: this.#h, ...build()});
    } catch (e) {
      return Promise.reject(GonnError.from(e));
    }
  }

  /** One training step on the real batch: {step, dLoss, gLoss}. */
  async step(real) {
    const r = await this.#call('ganStep', () => ({real: tensorArg(real, this.#engine, 'real')}));
    return {step: r.step, dLoss: r.d_loss, gLoss: r.g_loss};
  }

  /** n latent vectors (n, latentDim) from the GAN's seeded generator. */
  async noise(n) {
    const r = await this.#call('ganNoise', () => ({n: index(n, 'noise: n')}));
    return new Tensor(r.data, r.shape);
  }

  /** The generator's outputs on noise (n, latentDim), in inference mode. */
  async generate(noise) {
    const r = await this.#call('ganGenerate', () => ({z: tensorArg(noise, this.#engine, 'noise')}));
    return new Tensor(r.data, r.shape);
  }

  /** Frees the GAN in the engine; the generator and discriminator stay. */
  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#engine._registry.unregister(this);
    this.#engine._send('dispose', {handles: [this.#h]});
  }
}

function batchSize(o, what) {
  if (!o || typeof o !== 'object') throw badArgument(`${what}: options must be an object`);
  let bs = 0;
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (k === 'batchSize' || k === 'batch_size') bs = v;
    else if (k !== 'verbose') throw badArgument(`${what}: unknown option ${k}`);
  }
  if (!Number.isInteger(bs) || bs < 0) throw badArgument(`${what}: batchSize must be an integer ≥ 1`);
  return bs;
}
