// The engine's host side: loading engine.wasm and linking the SIMD kernel
// module kernels.wasm to it, the ABI client (docs/abi.md) and the
// operations gonn.js asks for. The same code runs inside the Web
// Worker (worker.js) and in the calling thread (Node, or init({worker:
// false})): gonn.js talks to a Host either through messages or directly.
//
// Nothing here keeps a view on the engine's memory across a call: any call
// may grow the memory and detach every view.

import {WASI} from './wasi.js';
import {ReplicaPool, beginParallel, forget} from './parallel.js';

/** The engine's status codes (docs/abi.md) and the host's own (100 and up). */
export const ErrorCode = Object.freeze({
  ok: 0,
  bad_argument: 1,
  unknown_handle: 2,
  shape: 3,
  non_finite: 4,
  not_ready: 5,
  too_large: 6,
  busy: 7,
  internal: 99,
  load_failed: 100,
  engine_lost: 101,
});

const codeNames = new Map(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

/** Every failure of the API: the engine's status code and message, or the host's. */
export class GonnError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'GonnError';
    this.code = code;
    this.codeName = codeNames.get(code) ?? `code_${code}`;
  }

  /** The form that crosses postMessage. */
  toJSON() {
    const o = {code: this.code, message: this.message};
    if (this.history) o.history = this.history;
    return o;
  }

  /** Rebuilds an error from its JSON form (or wraps any thrown value). */
  static from(e) {
    if (e instanceof GonnError) return e;
    if (e && typeof e.code === 'number' && typeof e.message === 'string') {
      const g = new GonnError(e.code, e.message);
      if (e.history) g.history = e.history;
      return g;
    }
    return new GonnError(ErrorCode.internal, `gonn: ${e?.message ?? e}`, {cause: e});
  }
}

export const ABI_VERSION = 4;

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

// ---------------------------------------------------------------- loading

// compiled caches the compiled modules per URL: a second engine in the
// same thread instantiates without compiling again.
const compiled = new Map();

/** Fetches (or reads, in Node) and compiles engine.wasm (or kernels.wasm). */
export function compileEngine(url) {
  const key = String(url);
  let p = compiled.get(key);
  if (!p) {
    p = resolveURL(url).then(compile);
    p.catch(() => compiled.delete(key));
    compiled.set(key, p);
  }
  return p;
}

/** url as an absolute URL: a file path (in Node) or relative to the page. */
async function resolveURL(url) {
  if (url instanceof URL) return url;
  const s = String(url);
  if (isNode && !/^(file|https?|data|blob):/i.test(s)) {
    const {pathToFileURL} = await import('node:url');
    return pathToFileURL(s); // relative to the working folder
  }
  return new URL(s, globalThis.location?.href);
}

async function compile(u) {
  if (isNode && u.protocol === 'file:') {
    const {fileURLToPath} = await import('node:url');
    const fs = await import('node:fs/promises');
    return WebAssembly.compile(await fs.readFile(fileURLToPath(u)));
  }
  const res = await fetch(u);
  if (!res.ok) throw new Error(`fetch ${u}: ${res.status} ${res.statusText}`);
  if (WebAssembly.compileStreaming && res.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}

/**
 * Loads an engine: compiles (once per URL), instantiates with a WASI
 * (gonn's shim, or Node's node:wasi when wasi is 'node') and the kernel
 * trampolines, runs _initialize, checks the ABI version, then links the
 * SIMD kernel module and turns it on, unless kernels is false or wasm SIMD
 * is missing. kernels is true (kernels.wasm beside the engine), false, or
 * the kernel module's URL. Every failure is a load_failed GonnError.
 */
export async function loadEngine(url, {wasi = 'shim', onOutput, kernels = true} = {}) {
  let kernelsModule = null;
  try {
    const engineURL = await resolveURL(url);
    const module = await compileEngine(engineURL);
    const kernelsURL = kernelsLocation(kernels, engineURL);
    if (kernelsURL) {
      kernelsModule = compileEngine(kernelsURL); // compiles while the engine starts
      kernelsModule.catch(() => {}); // awaited below, unless the engine fails first
    }
    const link = kernelLink(module);
    let w;
    let imports;
    if (wasi === 'node') {
      const {WASI: NodeWASI} = await import('node:wasi');
      w = new NodeWASI({version: 'preview1', returnOnExit: true});
      imports = w.getImportObject();
    } else {
      w = new WASI({onOutput});
      imports = w.importsFor(module);
    }
    const instance = await WebAssembly.instantiate(module, {...imports, [KERNELS_IMPORT]: link.imports});
    w.initialize(instance);
    const core = new EngineCore(instance);
    const v = core.version();
    if (v.abi !== ABI_VERSION) {
      throw new Error(`engine ABI ${v.abi}, this gonn.js speaks ${ABI_VERSION}`);
    }
    if (kernelsModule) {
      let k;
      try {
        k = await WebAssembly.instantiate(await kernelsModule, {engine: {memory: instance.exports.memory}});
      } catch (e) {
        throw new Error(`the kernel module ${kernelsURL}: ${e.message ?? e} (kernels: false runs without it)`, {cause: e});
      }
      link.to(k);
      core.useKernels(true);
    }
    return core;
  } catch (e) {
    throw new GonnError(ErrorCode.load_failed, `gonn: cannot load the engine ${url}: ${e.message ?? e}`, {cause: e});
  }
}

// ---------------------------------------------------------------- kernels

// The SIMD kernel module (docs/abi.md, "Kernels"). Go's linker defines the
// engine's memory, so the kernel module imports it, and the engine imports
// the kernel functions as gonn_kernels.*: trampolines that forward each call
// (one per matrix product) to the kernel instance made after the engine.
// Until gonn_use_kernels(1) the engine calls none of them.

const KERNELS_IMPORT = 'gonn_kernels';

// simdProbe is the smallest module using v128: WebAssembly.validate says
// whether this runtime has wasm SIMD.
const simdProbe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/** The kernel module's URL for the kernels option, or null to run the Go loops. */
function kernelsLocation(kernels, engineURL) {
  if (kernels === false || !WebAssembly.validate(simdProbe)) return null;
  if (kernels === true) {
    if (engineURL.protocol === 'data:' || engineURL.protocol === 'blob:') {
      throw new Error('kernels.wasm cannot be found beside a data: or blob: engine URL: pass its URL as kernels, or kernels: false');
    }
    return new URL('kernels.wasm', engineURL);
  }
  if (typeof kernels === 'string' || kernels instanceof URL) return kernels;
  throw new Error(`kernels must be true, false or the URL of kernels.wasm, not ${kernels}`);
}

/**
 * The gonn_kernels imports of module, each forwarding to the same-named
 * export of the kernel instance given to to(); until then they throw.
 */
function kernelLink(module) {
  let target = null;
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module !== KERNELS_IMPORT || imp.kind !== 'function') continue;
    const name = imp.name;
    imports[name] = (...args) => {
      if (!target) throw new Error(`gonn: the engine called ${KERNELS_IMPORT}.${name}, but no kernel module is linked`);
      return target[name](...args);
    };
  }
  return {imports, to: (instance) => (target = instance.exports)};
}

// ---------------------------------------------------------------- ABI client

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The low-level ABI client of one engine instance: synchronous, one call at a time. */
export class EngineCore {
  constructor(instance) {
    this.ex = instance.exports;
    this.lost = null; // the trap that killed the instance
    this.kernels = false; // whether the SIMD kernels run (useKernels)
  }

  // raw calls an export; a trap (a wasm RuntimeError, or anything thrown)
  // kills the instance for good.
  raw(name, ...args) {
    if (this.lost) throw this.#lostError();
    try {
      return this.ex[name](...args);
    } catch (e) {
      this.lost = e;
      throw this.#lostError();
    }
  }

  #lostError() {
    return new GonnError(ErrorCode.engine_lost, `gonn: the engine died: ${this.lost?.message ?? this.lost}`, {cause: this.lost});
  }

  // status calls a status export and throws its error.
  status(name, ...args) {
    const s = this.raw(name, ...args);
    if (s !== 0) throw this.#error(s);
  }

  #error(code) {
    const msg = this.#text(this.raw('gonn_error_ptr'), this.raw('gonn_error_len'));
    return new GonnError(code, msg || codeNames.get(code) || `error ${code}`);
  }

  #text(ptr, len) {
    return decoder.decode(new Uint8Array(this.ex.memory.buffer, ptr >>> 0, len));
  }

  resultText() {
    return this.#text(this.raw('gonn_result_ptr'), this.raw('gonn_result_len'));
  }

  resultJSON() {
    return JSON.parse(this.resultText());
  }

  resultHandle() {
    return this.raw('gonn_result_handle');
  }

  alloc(nbytes) {
    const p = this.raw('gonn_alloc', nbytes) >>> 0;
    if (p === 0) throw this.#error(this.raw('gonn_error_code'));
    return p;
  }

  free(ptr) {
    this.raw('gonn_free', ptr);
  }

  // withBytes copies bytes into a fresh block, runs fn(ptr, len) and frees
  // the block: fn must read any result it needs (gonn_free keeps it anyway).
  withBytes(bytes, fn) {
    const p = this.alloc(bytes.byteLength);
    new Uint8Array(this.ex.memory.buffer, p, bytes.byteLength).set(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    try {
      return fn(p, bytes.byteLength);
    } finally {
      this.free(p);
    }
  }

  withJSON(obj, fn) {
    return this.withBytes(encoder.encode(JSON.stringify(obj)), fn);
  }

  /** gonn_version's {abi, version, go}, and kernels: whether the SIMD kernels run. */
  version() {
    this.status('gonn_version');
    return {...this.resultJSON(), kernels: this.kernels};
  }

  /** Turns the SIMD kernels on (the kernel module must be linked) or off. */
  useKernels(on) {
    this.status('gonn_use_kernels', on ? 1 : 0);
    this.kernels = this.resultJSON().kernels;
  }

  dispose(h) {
    this.status('gonn_dispose', h);
  }

  /** Makes a tensor: a zero tensor filled in place (one copy). */
  tensorCreate(data, shape) {
    const dims = Int32Array.from(shape);
    const h = this.withBytes(dims, (sp) => {
      this.status('gonn_tensor_create', 0, data.length, dims.length ? sp : 0, dims.length);
      return this.resultHandle();
    });
    try {
      this.status('gonn_tensor_data', h);
      const ptr = this.raw('gonn_result_ptr') >>> 0;
      new Float32Array(this.ex.memory.buffer, ptr, data.length).set(data);
    } catch (e) {
      this.#disposeQuietly(h);
      throw e;
    }
    return h;
  }

  #disposeQuietly(h) {
    try {
      this.dispose(h);
    } catch {
      // the first error is the one to report
    }
  }

  tensorShape(h) {
    this.status('gonn_tensor_shape', h);
    return this.resultJSON();
  }

  /** A copy of the tensor's data. */
  tensorData(h) {
    this.status('gonn_tensor_data', h);
    return this.#resultFloats();
  }

  #resultFloats() {
    const ptr = this.raw('gonn_result_ptr') >>> 0;
    const len = this.raw('gonn_result_len');
    return new Float32Array(this.ex.memory.buffer, ptr, len / 4).slice();
  }

  modelCreate(spec) {
    return this.withJSON(spec, (p, n) => {
      this.status('gonn_model_create', p, n);
      return this.resultHandle();
    });
  }

  compile(h, cfg) {
    this.withJSON(cfg, (p, n) => this.status('gonn_model_compile', h, p, n));
  }

  info(h) {
    this.status('gonn_model_info', h);
    return this.resultJSON();
  }

  summary(h) {
    this.status('gonn_model_summary', h);
    return this.resultText();
  }

  setTrainable(h, layer, trainable) {
    this.status('gonn_model_set_trainable', h, layer, trainable ? 1 : 0);
  }

  /** Begins a fit; with workers > 1, the replicas' spec and seeds (docs/abi.md), else null. */
  fitBegin(h, x, y, cfg) {
    return this.withJSON(cfg, (p, n) => {
      this.status('gonn_fit_begin', h, x, y, p, n);
      return this.raw('gonn_result_len') > 0 ? this.resultJSON() : null;
    });
  }

  // Data-parallel training (docs/abi.md, "Data-parallel training").

  /** Begins the next batch: {k, shards}, the shards for replicas 1 … k−1 as ArrayBuffers (k 0: the fit is over). */
  fitShards(h) {
    this.status('gonn_fit_shards', h);
    const r = this.#resultBytes();
    const view = new DataView(r.buffer);
    const k = view.getUint32(0, true);
    const shards = [];
    for (let at = 4, i = 1; i < k; i++) {
      const n = view.getUint32(at, true);
      shards.push(r.buffer.slice(at + 4, at + 4 + n));
      at += 4 + n;
    }
    return {k, shards};
  }

  fitLeaderShard(h) {
    this.status('gonn_fit_leader_shard', h);
  }

  /** Ends the batch with the replicas' results (Uint8Arrays or ArrayBuffers, in shard order); the progress. */
  fitFinish(h, results) {
    const total = results.reduce((n, r) => n + r.byteLength, 0);
    const p = this.alloc(total);
    try {
      let at = p;
      for (const r of results) {
        new Uint8Array(this.ex.memory.buffer, at, r.byteLength).set(ArrayBuffer.isView(r) ? r : new Uint8Array(r));
        at += r.byteLength;
      }
      this.status('gonn_fit_finish', h, total ? p : 0, total);
      return this.resultJSON();
    } finally {
      this.free(p);
    }
  }

  fitAbort(h) {
    this.status('gonn_fit_abort', h);
  }

  /** A replica model from gonn_fit_begin's replica spec with its seed; its handle. */
  replicaCreate(spec) {
    return this.withJSON(spec, (p, n) => {
      this.status('gonn_replica_create', p, n);
      return this.resultHandle();
    });
  }

  /** The replica's result on a shard (ArrayBuffer in, Uint8Array out). */
  shardGradients(h, shard) {
    this.withBytes(new Uint8Array(shard), (p, n) => this.status('gonn_shard_gradients', h, p, n));
    return this.#resultBytes();
  }

  fitStep(h, maxBatches) {
    this.status('gonn_fit_step', h, maxBatches);
    return this.resultJSON();
  }

  stop(h) {
    this.status('gonn_model_stop', h);
  }

  evaluate(h, x, y, batchSize) {
    this.status('gonn_evaluate', h, x, y, batchSize);
    return this.resultJSON();
  }

  /** The handle of a new tensor of outputs. */
  predict(h, x, batchSize) {
    this.status('gonn_predict', h, x, batchSize);
    return this.resultHandle();
  }

  /**
   * The outputs {data, shape} of the tensor handle x, or (x = 0) of data
   * in the given shape, in one engine call (gonn_predict_floats): no
   * handle is made, the input goes through a block kept for it.
   */
  predictFloats(h, x, data, shape, batchSize) {
    let dataPtr = 0;
    let shapePtr = 0;
    let n = 0;
    let rank = 0;
    if (!x) {
      n = data.length;
      rank = shape.length;
      shapePtr = this.#inputBlock(4 * (rank + n));
      dataPtr = shapePtr + 4 * rank;
      new Int32Array(this.ex.memory.buffer, shapePtr, rank).set(shape);
      new Float32Array(this.ex.memory.buffer, dataPtr, n).set(data);
    }
    this.status('gonn_predict_floats', h, x, n ? dataPtr : 0, n, rank ? shapePtr : 0, rank, batchSize);
    // The result: u32 rank, rank i32 dims, then the float32s.
    const ptr = this.raw('gonn_result_ptr') >>> 0;
    const len = this.raw('gonn_result_len');
    const buf = this.ex.memory.buffer;
    const view = new DataView(buf, ptr, len);
    const out = Array.from({length: view.getUint32(0, true)}, (_, i) => view.getInt32(4 + 4 * i, true));
    const head = 4 * (1 + out.length);
    return {data: new Float32Array(buf.slice(ptr + head, ptr + len)), shape: out};
  }

  // #input is the block predictFloats writes its input into: kept between
  // calls (a block is the host's until freed), replaced by a larger one
  // when needed.
  #input = null; // {ptr, bytes}

  #inputBlock(nbytes) {
    if (!this.#input || this.#input.bytes < nbytes) {
      const bytes = Math.max(nbytes, 4096);
      const ptr = this.alloc(bytes);
      if (this.#input) this.free(this.#input.ptr);
      this.#input = {ptr, bytes};
    }
    return this.#input.ptr;
  }

  // Custom loops, inspection, composition and GANs (docs/abi.md). Methods
  // named for a tensor return the handle of a new tensor.

  trainOnBatch(h, x, y) {
    this.status('gonn_train_on_batch', h, x, y);
    return this.resultJSON();
  }

  testOnBatch(h, x, y) {
    this.status('gonn_test_on_batch', h, x, y);
    return this.resultJSON();
  }

  predictOnBatch(h, x) {
    this.status('gonn_predict_on_batch', h, x);
    return this.resultHandle();
  }

  modelCall(h, x, training) {
    this.status('gonn_model_call', h, x, training ? 1 : 0);
    return this.resultHandle();
  }

  /** [{name, class_name, shape, tensor}]: a new tensor handle per layer. */
  layerOutputs(h, x) {
    this.status('gonn_layer_outputs', h, x);
    return this.resultJSON();
  }

  filters(h, layer) {
    this.status('gonn_filters', h, layer);
    return this.resultHandle();
  }

  saliency(h, x, classIndex) {
    this.status('gonn_saliency', h, x, classIndex);
    return this.resultHandle();
  }

  occlusion(h, x, cfg) {
    return this.withJSON(cfg, (p, n) => {
      this.status('gonn_occlusion', h, x, p, n);
      return this.resultHandle();
    });
  }

  /** {handle, activation}: the input found and the unit's activation there. */
  maximise(h, cfg) {
    return this.withJSON(cfg, (p, n) => {
      this.status('gonn_maximise', h, p, n);
      return {handle: this.resultHandle(), activation: this.resultJSON().activation};
    });
  }

  weightStats(h) {
    this.status('gonn_weight_stats', h);
    return this.resultJSON();
  }

  gradientStats(h, x, y) {
    this.status('gonn_gradient_stats', h, x, y);
    return this.resultJSON();
  }

  confusionMatrix(cfg) {
    return this.withJSON(cfg, (p, n) => {
      this.status('gonn_confusion_matrix', p, n);
      return this.resultJSON();
    });
  }

  /** The handle of a new model made of the models of cfg.models, shared. */
  compose(cfg) {
    return this.withJSON(cfg, (p, n) => {
      this.status('gonn_model_compose', p, n);
      return this.resultHandle();
    });
  }

  /** {handle, latentDim} of a new GAN. */
  ganCreate(cfg) {
    return this.withJSON(cfg, (p, n) => {
      this.status('gonn_gan_create', p, n);
      return {handle: this.resultHandle(), latentDim: this.resultJSON().latent_dim};
    });
  }

  ganStep(g, real) {
    this.status('gonn_gan_step', g, real);
    return this.resultJSON();
  }

  ganNoise(g, n) {
    this.status('gonn_gan_noise', g, n);
    return this.resultHandle();
  }

  ganGenerate(g, z) {
    this.status('gonn_gan_generate', g, z);
    return this.resultHandle();
  }

  weightsManifest(h) {
    this.status('gonn_weights_manifest', h);
    return this.resultJSON();
  }

  weightsGet(h) {
    this.status('gonn_weights_get', h);
    return this.#resultFloats();
  }

  weightsSet(h, data) {
    this.withBytes(data, (p, n) => this.status('gonn_weights_set', h, p, n));
  }

  weightsHash(h) {
    this.status('gonn_weights_hash', h);
    return this.resultText();
  }

  /** The size of the engine's linear memory now: {bytes, pages} (pages of 64 KiB; it never shrinks). */
  memory() {
    const bytes = this.ex.memory.buffer.byteLength;
    return {bytes, pages: bytes / 65536};
  }

  // #resultBytes is a copy of the result.
  #resultBytes() {
    const ptr = this.raw('gonn_result_ptr') >>> 0;
    return new Uint8Array(this.ex.memory.buffer, ptr, this.raw('gonn_result_len')).slice();
  }

  /** The model in the TF.js layers format: {modelJSON: object, weightData: ArrayBuffer}. */
  modelSave(h) {
    this.status('gonn_model_save', h);
    const r = this.#resultBytes(); // u32 n, n bytes of model.json, the weight file
    const n = new DataView(r.buffer).getUint32(0, true);
    return {modelJSON: JSON.parse(decoder.decode(r.subarray(4, 4 + n))), weightData: r.buffer.slice(4 + n)};
  }

  /** A new model from model.json (text) and its weight data (Uint8Array); its handle. */
  modelLoad(modelJSON, weightData) {
    return this.withBytes(encoder.encode(modelJSON), (jp, jn) =>
      this.withBytes(weightData, (dp, dn) => {
        this.status('gonn_model_load', jp, jn, dp, dn);
        return this.resultHandle();
      }));
  }

  /** The model's checkpoint bytes (docs/checkpoint.md). */
  checkpoint(h) {
    this.status('gonn_model_checkpoint', h);
    return this.#resultBytes();
  }

  restoreCheckpoint(h, bytes) {
    this.withBytes(bytes, (p, n) => this.status('gonn_model_restore', h, p, n));
  }
}

// ---------------------------------------------------------------- host ops

// yieldNow lets the thread's message queue run (a stop, pause or dispose
// message) between two fit steps. setTimeout(0) would be clamped to 4 ms
// once nested; a MessageChannel round trip is not.
let yieldNow;
if (isNode && typeof setImmediate === 'function') {
  yieldNow = () => new Promise((resolve) => setImmediate(resolve));
} else if (typeof MessageChannel === 'function') {
  const ch = new MessageChannel();
  const queue = [];
  ch.port1.onmessage = () => queue.shift()?.();
  yieldNow = () => new Promise((resolve) => {
    queue.push(resolve);
    ch.port2.postMessage(0);
  });
} else {
  yieldNow = () => new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The operations of gonn.js on one engine, with structured-cloneable
 * arguments and results: what worker.js serves and what the in-thread
 * backend calls directly. Tensor arguments are {handle} (an uploaded
 * tensor) or {data: Float32Array, shape}; the latter live in the engine for
 * the call only.
 */
export class Host {
  constructor(core, loadArgs = null) {
    this.core = core;
    this.fits = new Map(); // model handle → {pause: {promise, resolve} | null, last, stoppedAt}
    // The replicas of fits with workers > 1 (parallel.js), made on the
    // first and kept until every model that used them is disposed.
    this.pool = new ReplicaPool(loadArgs ?? {}, Host.load);
    this.poolUsers = new Set(); // model handles that fitted with workers > 1
  }

  static async load(url, opts = {}) {
    return new Host(await loadEngine(url, opts), {url, wasi: opts.wasi, kernels: opts.kernels, onOutput: opts.onOutput});
  }

  /** Ends the replicas (the engine itself is closed by its owner). */
  close() {
    this.pool.close();
  }

  /** Runs op; emit(progress) reports fit progress. */
  run(op, args, emit) {
    const fn = ops[op];
    if (!fn) throw new GonnError(ErrorCode.bad_argument, `gonn: unknown operation ${op}`);
    return fn.call(this, args, emit);
  }

  // tensor turns a tensor argument into a handle, adding temporary handles
  // to temps (disposed by the caller).
  tensor(t, temps) {
    if (t.handle) return t.handle;
    const h = this.core.tensorCreate(t.data, t.shape);
    temps.push(h);
    return h;
  }

  // take reads the new tensor h ({data, shape}) and disposes it.
  take(h) {
    try {
      return {data: this.core.tensorData(h), shape: this.core.tensorShape(h)};
    } finally {
      this.core.dispose(h);
    }
  }

  // withTensors runs fn(...handles) with the tensor arguments in the engine.
  withTensors(ts, fn) {
    const temps = [];
    try {
      return fn(...ts.map((t) => this.tensor(t, temps)));
    } finally {
      for (const h of temps) this.core.dispose(h);
    }
  }

  // fit trains h; emit gets each step's report when report is set (the
  // caller has callbacks: without, no progress message crosses to it). The
  // loop waits for what emit returns (the callbacks, or their
  // acknowledgement from the page) before the next step, so a stop() or
  // pause() from a callback acts before the next batch: Keras' lockstep.
  // Without callbacks nothing is awaited but the yield between steps.
  //
  // With cfg.workers > 1 each step shares its batches with the replicas
  // (parallel.js); stop, pause and dispose act between batches as usual.
  async fit({h, x, y, cfg, validationData, batchesPerStep, report}, emit) {
    const temps = [];
    // last: the last report (where a stop lands); stoppedAt: the report
    // when stop() came, if the fit was still running then.
    const state = {pause: null, last: null, stoppedAt: null};
    let parallel = null;
    try {
      const xh = this.tensor(x, temps);
      const yh = this.tensor(y, temps);
      if (validationData) cfg = {...cfg, validation_data: validationData.map((t) => this.tensor(t, temps))};
      const begun = this.core.fitBegin(h, xh, yh, cfg);
      this.fits.set(h, state);
      for (;;) {
        // Yield first: a stop or pause sent right after fit acts before any batch.
        await yieldNow();
        if (state.pause) await state.pause.promise;
        let p;
        try {
          if (begun && !parallel) {
            this.poolUsers.add(h);
            parallel = await beginParallel(this.core, this.pool, h, begun, batchesPerStep);
          }
          p = parallel ? await parallel.step() : this.core.fitStep(h, batchesPerStep);
        } catch (e) {
          // The fit is over (docs/abi.md): attach the history so far.
          if (e.replica || (e.code !== ErrorCode.unknown_handle && e.code !== ErrorCode.engine_lost)) {
            try {
              e.history = this.core.fitStep(h, 0).history;
            } catch {
              // keep the first error
            }
          }
          throw e;
        }
        if (p.done) markPartial(p, state.stoppedAt);
        else state.last = p;
        if (report) await emit?.(p);
        if (p.done) return p.history;
      }
    } finally {
      if (this.fits.get(h) === state) this.fits.delete(h);
      for (const t of temps) {
        try {
          this.core.dispose(t);
        } catch {
          // the engine is gone: nothing to free
        }
      }
    }
  }
}

// markPartial marks the final report's history when stop() closed an
// epoch in the middle (at stop, the last report stood inside it): its
// entry holds the means of its first batches only.
function markPartial(p, stoppedAt) {
  if (!stoppedAt || stoppedAt.batch === 0 || !p.history.epoch.includes(stoppedAt.epoch)) return;
  p.history.partial = {epoch: stoppedAt.epoch, batches: stoppedAt.batch, batchesPerEpoch: stoppedAt.batches_per_epoch};
}

// ops are the operations Host.run serves, by name; `this` is the Host.
const ops = {
  version() {
    return this.core.version();
  },
  model({spec}) {
    const h = this.core.modelCreate(spec);
    return {handle: h, info: this.core.info(h)};
  },
  compile({h, cfg}) {
    this.core.compile(h, cfg);
  },
  info({h}) {
    return this.core.info(h);
  },
  summary({h}) {
    return this.core.summary(h);
  },
  setTrainable({h, layer, trainable}) {
    this.core.setTrainable(h, layer, trainable);
  },
  upload({data, shape}) {
    return {handle: this.core.tensorCreate(data, shape), shape};
  },
  read({h}) {
    return {data: this.core.tensorData(h), shape: this.core.tensorShape(h)};
  },
  dispose({handles}) {
    // A model disposed mid-fit ends its fit; its loop sees unknown_handle.
    for (const h of handles) {
      const fit = this.fits.get(h);
      if (fit) fit.pause?.resolve();
      try {
        this.core.dispose(h);
      } catch (e) {
        if (e.code !== ErrorCode.unknown_handle) throw e;
      }
      // Its replica models go with it; the last model that fitted with
      // workers takes the replicas along.
      if (this.poolUsers.delete(h)) {
        if (this.poolUsers.size === 0) this.pool.close();
        else forget(this.pool, h);
      }
    }
  },
  // The replica side of data-parallel training (parallel.js).
  replicaCreate({spec}) {
    return this.core.replicaCreate(spec);
  },
  shardGradients({h, data}) {
    return {data: this.core.shardGradients(h, data)};
  },
  /** {replicas}: how many replica engines the pool holds (tests watch it). */
  poolSize() {
    return {replicas: this.pool.size};
  },
  fit(args, emit) {
    return this.fit(args, emit);
  },
  stop({h}) {
    const fit = this.fits.get(h);
    if (!fit) return;
    fit.stoppedAt ??= fit.last;
    this.core.stop(h);
    fit.pause?.resolve();
    fit.pause = null;
  },
  // pause holds the fit: no batch is running while this runs (fitStep is
  // synchronous), and the fit loop looks at fit.pause before its next
  // step, so the fit is paused when pause returns.
  pause({h}) {
    const fit = this.fits.get(h);
    if (!fit || fit.pause) return;
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    fit.pause = {promise, resolve};
  },
  resume({h}) {
    const fit = this.fits.get(h);
    fit?.pause?.resolve();
    if (fit) fit.pause = null;
  },
  evaluate({h, x, y, batchSize}) {
    return this.withTensors([x, y], (xh, yh) => this.core.evaluate(h, xh, yh, batchSize));
  },
  // predict is one engine call (gonn_predict_floats): no tensor handle
  // is made or disposed for x ({data, shape}) or for the outputs.
  predict({h, x, batchSize}) {
    return x.handle ? this.core.predictFloats(h, x.handle, null, null, batchSize) : this.core.predictFloats(h, 0, x.data, x.shape, batchSize);
  },
  trainOnBatch({h, x, y}) {
    return this.withTensors([x, y], (xh, yh) => this.core.trainOnBatch(h, xh, yh));
  },
  testOnBatch({h, x, y}) {
    return this.withTensors([x, y], (xh, yh) => this.core.testOnBatch(h, xh, yh));
  },
  predictOnBatch({h, x}) {
    return this.withTensors([x], (xh) => this.take(this.core.predictOnBatch(h, xh)));
  },
  call({h, x, training}) {
    return this.withTensors([x], (xh) => this.take(this.core.modelCall(h, xh, training)));
  },
  layerOutputs({h, x}) {
    return this.withTensors([x], (xh) => {
      const outs = this.core.layerOutputs(h, xh);
      const handles = outs.map((o) => o.tensor);
      try {
        return outs.map((o) => ({name: o.name, className: o.class_name, data: this.core.tensorData(o.tensor), shape: o.shape}));
      } finally {
        for (const t of handles) this.core.dispose(t);
      }
    });
  },
  filters({h, layer}) {
    return this.take(this.core.filters(h, layer));
  },
  saliency({h, x, classIndex}) {
    return this.withTensors([x], (xh) => this.take(this.core.saliency(h, xh, classIndex)));
  },
  occlusion({h, x, cfg}) {
    return this.withTensors([x], (xh) => this.take(this.core.occlusion(h, xh, cfg)));
  },
  maximise({h, cfg, start}) {
    return this.withTensors(start ? [start] : [], (sh) => {
      const r = this.core.maximise(h, sh ? {...cfg, start: sh} : cfg);
      return {...this.take(r.handle), activation: r.activation};
    });
  },
  weightStats({h}) {
    return this.core.weightStats(h);
  },
  gradientStats({h, x, y}) {
    return this.withTensors([x, y], (xh, yh) => this.core.gradientStats(h, xh, yh));
  },
  confusionMatrix({cfg, scores}) {
    return this.withTensors(scores ? [scores] : [], (sh) => this.core.confusionMatrix(sh ? {...cfg, scores: sh} : cfg));
  },
  compose({cfg}) {
    const h = this.core.compose(cfg);
    return {handle: h, info: this.core.info(h)};
  },
  ganCreate({cfg}) {
    return this.core.ganCreate(cfg);
  },
  ganStep({h, real}) {
    return this.withTensors([real], (rh) => this.core.ganStep(h, rh));
  },
  ganNoise({h, n}) {
    return this.take(this.core.ganNoise(h, n));
  },
  ganGenerate({h, z}) {
    return this.withTensors([z], (zh) => this.take(this.core.ganGenerate(h, zh)));
  },
  getWeights({h}) {
    return {manifest: this.core.weightsManifest(h), data: this.core.weightsGet(h)};
  },
  setWeights({h, data}) {
    this.core.weightsSet(h, data);
  },
  weightsHash({h}) {
    return this.core.weightsHash(h);
  },
  memory() {
    return this.core.memory();
  },
  save({h}) {
    return this.core.modelSave(h);
  },
  load({modelJSON, weightData}) {
    const h = this.core.modelLoad(modelJSON, new Uint8Array(weightData));
    return {handle: h, info: this.core.info(h)};
  },
  checkpoint({h}) {
    return {data: this.core.checkpoint(h)};
  },
  restoreCheckpoint({h, data}) {
    this.core.restoreCheckpoint(h, data);
  },
};
