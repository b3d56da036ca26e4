// Runs the kernel scenarios under Node against a built site, once with the
// SIMD kernels (the default) and once with kernels: false, and prints
// {kernels: report, goLoops: report} as JSON on stdout:
//
//   node --disable-warning=ExperimentalWarning kernels-node.mjs <dist> <scenario> [wasi]
//
// Scenarios: reference (the bit-identity MLP's hash, tests/node), bench
// (GEMM GFLOP/s and MLP 784-512-10 throughput, and the kernel module
// alone). wasi is shim (default) or node.

import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import * as scenarios from '../../node/scenarios.mjs';
import * as kernels from './kernels.mjs';

const [distArg, name, wasi = 'shim'] = process.argv.slice(2);
const dist = path.resolve(distArg);
const gonn = await import(pathToFileURL(path.join(dist, 'gonn', 'gonn.js')).href);
let pack = null;
const mnist = async (n) => scenarios.decodeMNIST((pack ??= await readFile(path.join(dist, 'data', 'mnist-train.gmn'))), n);

const run = {
  reference: (ctx) => scenarios.reference(gonn, ctx),
  bench: async (ctx) => ({gemm: await kernels.gemm(gonn, ctx), mlp: await kernels.mlp(gonn, ctx)}),
};
if (!run[name]) throw new Error(`no scenario ${name}`);

const out = {};
for (const [key, opts] of [['kernels', {}], ['goLoops', {kernels: false}]]) {
  const engine = await gonn.init({wasi, ...opts});
  try {
    out[key] = {...kernels.kernelsState(engine), ...(await run[name]({engine, mnist}))};
  } finally {
    engine.close();
  }
}
if (name === 'bench') out.raw = await kernels.rawKernel(await readFile(path.join(dist, 'gonn', 'kernels.wasm')));
process.stdout.write(JSON.stringify(out) + '\n');
