// Runs scenarios of scenarios.mjs under Node against a built site and
// prints one JSON object {init, ms: {scenario: ms}, scenario: report, ...}
// on stdout:
//
//   node --disable-warning=ExperimentalWarning [--expose-gc] tests/node/run.mjs <dist> [flags] <scenario>...
//
// Flags: --wasi=shim|node (the WASI behind the engine, default shim),
// --expected=<hash> (for pause). Scenarios: reference, reference-keras
// (the MLP without an InputLayer), api, errors, stop, pause, finalize (needs
// --expose-gc), load-error.

import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import * as scenarios from './scenarios.mjs';

const args = process.argv.slice(2);
const dist = path.resolve(args.shift());
const flags = Object.fromEntries(args.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')));
const names = args.filter((a) => !a.startsWith('--'));

const gonn = await import(pathToFileURL(path.join(dist, 'gonn', 'gonn.js')).href);

let pack = null;
async function mnist(n) {
  pack ??= await readFile(path.join(dist, 'data', 'mnist-train.gmn'));
  return scenarios.decodeMNIST(pack, n);
}

const t0 = performance.now();
const engine = await gonn.init({wasi: flags.wasi ?? 'shim'});
const ctx = {engine, mnist};
const out = {ms: {}, init: {loadMs: performance.now() - t0, version: engine.version, inWorker: engine.inWorker}};

const run = {
  reference: () => scenarios.reference(gonn, ctx),
  'reference-keras': () => scenarios.reference(gonn, ctx, {inputLayer: false}),
  errors: () => scenarios.errors(gonn, ctx),
  stop: () => scenarios.stop(gonn, ctx),
  pause: () => scenarios.pause(gonn, ctx, flags.expected),
  finalize: () => finalize(),
  'load-error': () => loadError(),
  api: () => scenarios.api(gonn, ctx),
};

// finalize drops a model and a tensor without dispose and checks that the
// FinalizationRegistry frees their handles in the engine.
async function finalize() {
  if (typeof globalThis.gc !== 'function') throw new Error('finalize needs node --expose-gc');
  // Made in another function, so that no frame of this one keeps them.
  const handles = await makeGarbage();
  const before = handles.length;
  for (let i = 0; i < 20 && (await liveHandles()).length >= before; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  return {before, after: (await liveHandles()).length};
}

async function makeGarbage() {
  await gonn.sequential(scenarios.referenceLayers(gonn), {engine});
  await engine.upload(gonn.tensor(new Float32Array(784), [1, 784]));
  return liveHandles();
}

// liveHandles lists the handles 1…50 the engine still knows (as a model or a tensor).
async function liveHandles() {
  const live = [];
  for (let h = 1; h <= 50; h++) {
    for (const op of ['info', 'read']) {
      try {
        await engine._request(op, {h});
        live.push(h);
        break;
      } catch {
        // not a live handle of that kind
      }
    }
  }
  return live;
}

async function loadError() {
  try {
    await gonn.init({engineUrl: path.join(dist, 'gonn', 'no-such-engine.wasm')});
    return {ok: true};
  } catch (e) {
    return {ok: false, code: e.code, codeName: e.codeName, message: e.message, gonnError: e instanceof gonn.GonnError};
  }
}

for (const name of names) {
  if (!run[name]) throw new Error(`unknown scenario ${name}`);
  const t = performance.now();
  out[name] = await run[name]();
  out.ms[name] = performance.now() - t;
}
engine.close();
process.stdout.write(JSON.stringify(out) + '\n');
