// A worker of the test page's own that imports gonn.js, as an application
// might: inside a worker gonn runs the engine in the calling thread. It
// runs one scenario per message {name} and answers {result} or {error}.

import * as gonn from '/gonn/gonn.js';
import * as scenarios from './scenarios.mjs';

async function mnist(n) {
  const res = await fetch('/data/mnist-train.gmn');
  if (!res.ok) throw new Error(`fetch mnist-train.gmn: ${res.status}`);
  return scenarios.decodeMNIST(await res.arrayBuffer(), n);
}

self.onmessage = async (e) => {
  try {
    const engine = await gonn.init();
    const result = await scenarios[e.data.name](gonn, {engine, mnist});
    result.inWorker = engine.inWorker;
    engine.close();
    self.postMessage({result});
  } catch (err) {
    self.postMessage({error: `${err.name}: ${err.message}`});
  }
};
