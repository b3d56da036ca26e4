// The Web Worker that hosts one engine for gonn.js (init({worker: true}),
// the default in a browser's main thread). Messages in: {id, op, args}, the
// first being op 'init' with {url, wasi, kernels}. Messages out: {id, result},
// {id, error: {code, message}}, {id, progress} during a fit, and
// {output, stream} for each line the engine prints. Float32Array results,
// checkpoints and saved weight data are transferred, not copied (and so are
// the binary arguments gonn.js sends: weight data, checkpoints).
//
// Operations run in arrival order; a fit yields between steps, so stop,
// pause, resume and dispose messages (and other calls) act between batches.
// A fit with callbacks runs in lockstep with the page: each progress
// message carries ack: true, and the next step waits for the page's
// {op: 'ack', args: {id}}, which the page sends once the callbacks ran
// (after any stop() or pause() they sent, since messages keep their order).

import {GonnError, Host} from './engine.js';

let host = null; // Promise<Host>
const acks = new Map(); // fit request id → the resolve its next step waits for

// progressFor is the emit of fit request id: it posts the report and
// resolves once the page acknowledges it.
function progressFor(id) {
  return (progress) => new Promise((resolve) => {
    acks.set(id, resolve);
    self.postMessage({id, progress, ack: true});
  });
}

function post(msg) {
  const transfer = [];
  const r = msg.result;
  if (r && typeof r === 'object' && r.data instanceof Float32Array) transfer.push(r.data.buffer);
  if (r && typeof r === 'object' && r.data instanceof Uint8Array) transfer.push(r.data.buffer); // a checkpoint
  if (r && typeof r === 'object' && r.weightData instanceof ArrayBuffer) transfer.push(r.weightData); // a saved model
  if (Array.isArray(r)) for (const o of r) if (o?.data instanceof Float32Array) transfer.push(o.data.buffer); // layer outputs
  self.postMessage(msg, transfer);
}

self.onmessage = async (e) => {
  const {id, op, args} = e.data;
  try {
    if (op === 'init') {
      const onOutput = (output, stream) => self.postMessage({output, stream});
      host = Host.load(args.url, {wasi: args.wasi, kernels: args.kernels, onOutput});
      post({id, result: (await host).core.version()});
      return;
    }
    if (op === 'ack') {
      acks.get(args.id)?.();
      acks.delete(args.id);
      return;
    }
    if (!host) throw new GonnError(101, 'gonn: the worker got a call before init');
    const h = await host;
    const result = await h.run(op, args, progressFor(id));
    if (id) post({id, result});
  } catch (err) {
    if (id) self.postMessage({id, error: GonnError.from(err).toJSON()});
  } finally {
    acks.delete(id);
  }
};
