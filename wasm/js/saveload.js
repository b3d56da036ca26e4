// Models in and out of gonn in the TF.js layers format, on the calling
// thread's side: where saved models go (TF.js' ModelArtifacts, downloads://,
// indexeddb://) and where loaded ones come from (indexeddb://, a model.json
// URL with its weight files beside it, the files of an <input type=file>,
// or ModelArtifacts). The engine (engine.js) only sees model.json and one
// buffer of weight data: every weight file of the manifest, concatenated in
// manifest order.
//
// indexeddb:// uses TF.js' own database ('tensorflowjs', stores
// 'models_store' and 'model_info_store', records keyed by modelPath), so a
// page's models saved by gonn load in TF.js and the other way round.
// downloads:// writes <name>.json and <name>.weights.bin, as TF.js does.

import {ErrorCode, GonnError} from './engine.js';

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

const DOWNLOADS = 'downloads://';
const INDEXEDDB = 'indexeddb://';

function badArgument(msg) {
  return new GonnError(ErrorCode.bad_argument, `gonn: ${msg}`);
}

function loadFailed(msg, cause) {
  return new GonnError(ErrorCode.load_failed, `gonn: loadLayersModel: ${msg}`, {cause});
}

// ---------------------------------------------------------------- saving

/**
 * TF.js' ModelArtifacts of a model the engine saved ({modelJSON, weightData}),
 * and its model.json as modelJSON: what tf.io.fromMemory and TF.js' save
 * handlers take.
 */
export function toArtifacts(modelJSON, weightData) {
  return {
    modelTopology: modelJSON.modelTopology,
    format: modelJSON.format,
    generatedBy: modelJSON.generatedBy,
    convertedBy: modelJSON.convertedBy ?? null,
    weightSpecs: (modelJSON.weightsManifest ?? []).flatMap((g) => g.weights),
    weightData,
    modelJSON,
  };
}

/** Checks a save destination before anything is saved. */
export function checkDestination(url) {
  if (typeof url !== 'string' || !(url.startsWith(DOWNLOADS) || url.startsWith(INDEXEDDB))) {
    throw badArgument(`save: the destination is 'downloads://name' or 'indexeddb://name', got ${typeof url === 'string' ? `'${url}'` : typeof url}`);
  }
  if (url.startsWith(INDEXEDDB) && url.length === INDEXEDDB.length) throw badArgument('save: indexeddb:// needs a name');
}

/** Saves artifacts to a destination of checkDestination; resolves with TF.js' SaveResult. */
export async function saveArtifacts(url, artifacts) {
  if (url.startsWith(DOWNLOADS)) return download(url.slice(DOWNLOADS.length) || 'model', artifacts);
  return idbSave(url.slice(INDEXEDDB.length), artifacts);
}

/** TF.js' ModelArtifactsInfo: sizes of the parts. */
function artifactsInfo(a) {
  const bytes = (v) => new TextEncoder().encode(JSON.stringify(v)).length;
  return {
    dateSaved: new Date(),
    modelTopologyType: 'JSON',
    modelTopologyBytes: bytes(a.modelTopology),
    weightSpecsBytes: bytes(a.weightSpecs),
    weightDataBytes: a.weightData.byteLength,
  };
}

/** The model.json of artifacts whose weight data is the one file at path. */
function modelJSONFor(a, path) {
  const j = {
    modelTopology: a.modelTopology,
    format: a.format,
    generatedBy: a.generatedBy,
    convertedBy: a.convertedBy ?? null,
    weightsManifest: [{paths: [path], weights: a.weightSpecs}],
  };
  if (a.trainingConfig != null) j.trainingConfig = a.trainingConfig;
  if (a.userDefinedMetadata != null) j.userDefinedMetadata = a.userDefinedMetadata;
  return j;
}

// download makes the browser download name.json and name.weights.bin.
function download(name, a) {
  if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') {
    throw badArgument('save: downloads:// needs a page (a document); save() with no destination gives the artifacts');
  }
  const weightsFile = `${name}.weights.bin`;
  const json = new Blob([JSON.stringify(modelJSONFor(a, `./${weightsFile}`))], {type: 'application/json'});
  click(`${name}.json`, json);
  click(weightsFile, new Blob([a.weightData], {type: 'application/octet-stream'}));
  return {modelArtifactsInfo: artifactsInfo(a)};
}

function click(filename, blob) {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.download = filename;
  link.href = href;
  link.dispatchEvent(new MouseEvent('click'));
  setTimeout(() => URL.revokeObjectURL(href), 60_000); // after the download has read it
}

// ---------------------------------------------------------------- IndexedDB

const DATABASE = 'tensorflowjs';
const MODELS = 'models_store';
const INFO = 'model_info_store';

function openDatabase() {
  const factory = globalThis.indexedDB;
  if (!factory) throw badArgument('indexeddb:// needs IndexedDB (a browser)');
  return new Promise((resolve, reject) => {
    const open = factory.open(DATABASE, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore(MODELS, {keyPath: 'modelPath'});
      open.result.createObjectStore(INFO, {keyPath: 'modelPath'});
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

// transaction runs fn(tx) in a transaction on stores; it resolves with
// what fn returns (a request, whose result is then ready) once the
// transaction completes.
async function transaction(stores, mode, fn) {
  const db = await openDatabase();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      let value;
      tx.oncomplete = () => resolve(value);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('the IndexedDB transaction was aborted'));
      value = fn(tx);
    });
  } finally {
    db.close();
  }
}

async function idbSave(path, a) {
  const modelArtifactsInfo = artifactsInfo(a);
  const {modelJSON: _, ...modelArtifacts} = a; // TF.js' record holds the artifacts alone
  try {
    await transaction([INFO, MODELS], 'readwrite', (tx) => {
      tx.objectStore(INFO).put({modelPath: path, modelArtifactsInfo});
      tx.objectStore(MODELS).put({modelPath: path, modelArtifacts, modelArtifactsInfo});
    });
  } catch (e) {
    if (e instanceof GonnError) throw e;
    throw new GonnError(ErrorCode.bad_argument, `gonn: save: indexeddb://${path}: ${e?.message ?? e}`, {cause: e});
  }
  return {modelArtifactsInfo};
}

async function idbLoad(path) {
  let get;
  try {
    get = await transaction([MODELS], 'readonly', (tx) => tx.objectStore(MODELS).get(path));
  } catch (e) {
    if (e instanceof GonnError) throw e;
    throw loadFailed(`indexeddb://${path}: ${e?.message ?? e}`, e);
  }
  const r = get.result; // the request is done once its transaction is
  if (!r?.modelArtifacts) throw loadFailed(`no model is saved at indexeddb://${path}`);
  return r.modelArtifacts;
}

// ---------------------------------------------------------------- loading

/**
 * Reads a model source of loadLayersModel into what the engine takes:
 * {modelJSON: text, weightData: ArrayBuffer (a new one, free to transfer)}.
 */
export async function readModelSource(source) {
  if (typeof source === 'string' || source instanceof URL) {
    const s = String(source);
    if (s.startsWith(INDEXEDDB)) return fromArtifacts(await idbLoad(s.slice(INDEXEDDB.length)));
    if (s.startsWith(DOWNLOADS)) throw badArgument('loadLayersModel: downloads:// is where save() writes; load the files with an <input type=file multiple> (its FileList)');
    return fromURL(s);
  }
  if (isFiles(source)) return fromFiles(Array.from(source));
  if (source && typeof source === 'object' && 'modelTopology' in source) return fromArtifacts(source);
  throw badArgument('loadLayersModel: the source is a model.json URL, \'indexeddb://name\', the files of an <input type=file> (model.json and its .bin files) or ModelArtifacts');
}

function isFiles(v) {
  if (typeof FileList !== 'undefined' && v instanceof FileList) return true;
  return Array.isArray(v) && v.length > 0 && v.every((f) => typeof Blob !== 'undefined' && f instanceof Blob && typeof f.name === 'string');
}

// fromArtifacts reads TF.js' ModelArtifacts: its weight data is already
// the concatenation of the manifest's files.
function fromArtifacts(a) {
  if (a.modelTopology == null) throw badArgument('loadLayersModel: the artifacts have no modelTopology');
  const modelJSON = {
    modelTopology: a.modelTopology,
    format: a.format,
    generatedBy: a.generatedBy,
    convertedBy: a.convertedBy ?? null,
    weightsManifest: [{paths: ['weightData'], weights: a.weightSpecs ?? []}],
  };
  return {modelJSON: JSON.stringify(modelJSON), weightData: concat([].concat(a.weightData ?? []))};
}

// concat copies buffers (ArrayBuffers or views) into one new ArrayBuffer.
function concat(buffers) {
  const views = buffers.map((b) => {
    if (b instanceof ArrayBuffer) return new Uint8Array(b);
    if (ArrayBuffer.isView(b)) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    throw badArgument(`loadLayersModel: weight data is an ArrayBuffer (or a list of them), got ${b?.constructor?.name ?? typeof b}`);
  });
  const out = new Uint8Array(views.reduce((n, v) => n + v.length, 0));
  let off = 0;
  for (const v of views) {
    out.set(v, off);
    off += v.length;
  }
  return out.buffer;
}

// weightPaths are the files of a model.json's manifest, in order.
function weightPaths(text, where) {
  let j;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw badArgument(`loadLayersModel: ${where} is not JSON: ${e.message}`);
  }
  const groups = j?.weightsManifest ?? [];
  if (!Array.isArray(groups) || !groups.every((g) => Array.isArray(g?.paths) && g.paths.every((p) => typeof p === 'string'))) {
    throw badArgument(`loadLayersModel: ${where}: weightsManifest is not a list of {paths, weights}`);
  }
  const paths = groups.flatMap((g) => g.paths);
  if (paths.length > 10_000) throw new GonnError(ErrorCode.too_large, `gonn: loadLayersModel: ${where} lists ${paths.length} weight files, more than 10000`);
  for (const p of paths) {
    if (p.includes(':') || p.startsWith('/')) throw badArgument(`loadLayersModel: ${where}: weight file path '${p}' is not a file beside model.json`);
  }
  return paths;
}

// fromURL fetches model.json and its weight files, relative to it, as
// TF.js' http handler does (in Node, a path or file: URL reads the disk).
async function fromURL(s) {
  const base = await modelURL(s);
  const text = new TextDecoder().decode(await fetchBytes(base));
  const paths = weightPaths(text, String(base));
  const files = await Promise.all(paths.map((p) => fetchBytes(new URL(p, base))));
  return {modelJSON: text, weightData: concat(files)};
}

async function modelURL(s) {
  if (isNode && !/^(file|https?|data|blob):/i.test(s)) {
    const {pathToFileURL} = await import('node:url');
    return pathToFileURL(s);
  }
  return new URL(s, globalThis.location?.href);
}

async function fetchBytes(u) {
  try {
    if (isNode && u.protocol === 'file:') {
      const {fileURLToPath} = await import('node:url');
      const fs = await import('node:fs/promises');
      const b = await fs.readFile(fileURLToPath(u));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    }
    const res = await fetch(u);
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
    return await res.arrayBuffer();
  } catch (e) {
    throw loadFailed(`${u}: ${e?.message ?? e}`, e);
  }
}

// fromFiles reads model.json and its weight files from File objects, the
// weight files matched by name (the last part of each manifest path), as
// TF.js' browserFiles does.
async function fromFiles(files) {
  const jsons = files.filter((f) => f.name.endsWith('.json'));
  if (jsons.length !== 1) {
    throw badArgument(`loadLayersModel: the files hold ${jsons.length} .json files; give model.json and its weight files`);
  }
  const text = await jsons[0].text();
  const paths = weightPaths(text, jsons[0].name);
  const byName = new Map(files.filter((f) => f !== jsons[0]).map((f) => [f.name, f]));
  const weightFiles = paths.map((p) => {
    const name = p.split('/').pop();
    const f = byName.get(name);
    if (!f) throw badArgument(`loadLayersModel: ${jsons[0].name} lists the weight file ${name}, which is not among the files (${[...byName.keys()].join(', ') || 'none'})`);
    return f;
  });
  return {modelJSON: text, weightData: concat(await Promise.all(weightFiles.map((f) => f.arrayBuffer())))};
}

// ---------------------------------------------------------------- checkpoints

/** A copy of checkpoint bytes (an ArrayBuffer or a view), free to transfer. */
export function checkpointBytes(b) {
  if (b instanceof ArrayBuffer) return new Uint8Array(b.slice(0));
  if (ArrayBuffer.isView(b)) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength).slice();
  throw badArgument(`restoreCheckpoint wants the bytes of model.checkpoint() (a Uint8Array or ArrayBuffer), got ${b === null ? 'null' : typeof b}`);
}
