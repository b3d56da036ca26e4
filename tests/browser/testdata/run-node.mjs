// Runs a scenario of this folder under Node against a built site and
// prints its report as JSON on stdout:
//
//   node --disable-warning=ExperimentalWarning run-node.mjs <dist> <module.mjs> <function> '<args JSON>'
//
// The scenario is called as f(gonn, {engine}, args), the engine in-thread.

import path from 'node:path';
import {pathToFileURL} from 'node:url';

const [dist, module, name, args] = process.argv.slice(2);
const gonn = await import(pathToFileURL(path.join(path.resolve(dist), 'gonn', 'gonn.js')).href);
const scenario = (await import(new URL(module, import.meta.url).href))[name];
if (typeof scenario !== 'function') throw new Error(`${module} has no scenario ${name}`);
const engine = await gonn.init();
try {
  process.stdout.write(JSON.stringify(await scenario(gonn, {engine}, JSON.parse(args ?? 'null'))) + '\n');
} finally {
  engine.close();
}
