// The page of tests/browser/{concurrency,stop,soak}_test.go (issue #9,
// point 5 and the soak of point 2): gonn's JS API from the site, the
// engines in Web Workers unless a scenario says otherwise. The Go test
// calls reliabilityTest.run(name, args) and reads the JSON report; the
// scenarios live in concurrency.mjs, stop.mjs and soak.mjs.

import * as gonn from '/gonn/gonn.js';
import {decodeMNIST} from '/_node/scenarios.mjs';
import * as concurrency from './concurrency.mjs';
import * as stop from './stop.mjs';
import * as soak from './soak.mjs';

let pack = null;
async function mnist(n) {
  if (!pack) {
    const res = await fetch('/data/mnist-train.gmn');
    if (!res.ok) throw new Error(`fetch mnist-train.gmn: ${res.status}`);
    pack = await res.arrayBuffer();
  }
  return decodeMNIST(pack, n);
}

const scenarios = {...concurrency, ...stop, ...soak};

window.reliabilityTest = {
  run: (name, args) => {
    const f = scenarios[name];
    if (!f) throw new Error(`no scenario ${name}`);
    return f(gonn, {mnist}, args ?? {});
  },
};
document.getElementById('status').textContent = 'ready';
