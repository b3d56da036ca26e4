// Runs scenarios of parallel.mjs under Node against a built site and prints
// one JSON object {scenario: report, ...} on stdout:
//
//   node --disable-warning=ExperimentalWarning tests/node/parallel-run.mjs <dist> <scenario[:json args]>...
//
// In Node there are no Web Workers: the replicas are engines in this thread.

import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {decodeMNIST} from './scenarios.mjs';
import * as scenarios from './parallel.mjs';

const args = process.argv.slice(2);
const dist = path.resolve(args.shift());
const gonn = await import(pathToFileURL(path.join(dist, 'gonn', 'gonn.js')).href);

let pack = null;
async function mnist(n) {
  pack ??= await readFile(path.join(dist, 'data', 'mnist-train.gmn'));
  return decodeMNIST(pack, n);
}

const engine = await gonn.init();
const out = {};
for (const a of args) {
  const at = a.indexOf(':');
  const name = at < 0 ? a : a.slice(0, at);
  const f = scenarios[name];
  if (!f) throw new Error(`no scenario ${name}`);
  out[a] = await f(gonn, {engine, mnist}, at < 0 ? {} : JSON.parse(a.slice(at + 1)));
}
engine.close();
process.stdout.write(JSON.stringify(out));
