// Data-parallel training for engine.js's Host (docs/abi.md, "Data-parallel
// training"; docs/engine-api.md, fit's workers): a fit with workers N > 1
// shares every batch among the Host's engine, the leader, and N−1 replicas,
// each an engine of its own. In a browser (a page or a Web Worker) a replica
// is a module Web Worker running worker.js, so the batch's shards run on
// other cores; where there are no Web Workers (Node) it is another engine
// instance in the same thread: the same bits, no speed-up. The replicas are
// made on the first such fit and kept, in a ReplicaPool, for the next.
//
// Per batch, as nn.FitParallel: the leader cuts the batch (gonn_fit_shards),
// shard i goes to replica i, the leader computes shard 0 meanwhile, the
// results come back and the leader combines them in shard order
// (gonn_fit_finish); then its weights go to the replicas. Buffers are
// transferred, not copied, wherever they cross to a worker.

import {ErrorCode, GonnError} from './engine.js'; // a cycle: used at run time only

/** A replica in a module Web Worker running worker.js. */
class WorkerReplica {
  static async start(workerURL, init, onOutput) {
    const r = new WorkerReplica(new Worker(workerURL, {type: 'module'}), onOutput);
    await r.request('init', init);
    return r;
  }

  constructor(worker, onOutput) {
    this.worker = worker;
    this.models = new Map(); // leader handle → this replica's model for it
    this.next = 1;
    this.pending = new Map();
    this.lost = null;
    worker.onmessage = (e) => {
      const m = e.data;
      if (m.output !== undefined) return onOutput?.(m.output, m.stream);
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) p.reject(GonnError.from(m.error));
      else p.resolve(m.result);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      this.#die(`a replica worker failed: ${e.message ?? 'cannot load worker.js'}`);
    };
  }

  request(op, args, transfer = []) {
    if (this.lost) return Promise.reject(this.lost);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {resolve, reject});
      this.worker.postMessage({id, op, args}, transfer);
    });
  }

  #die(msg) {
    this.lost ??= new GonnError(ErrorCode.engine_lost, `gonn: ${msg}`);
    for (const p of this.pending.values()) p.reject(this.lost);
    this.pending.clear();
  }

  terminate() {
    this.worker.terminate();
    this.#die('the replica was closed');
  }
}

/** A replica in this thread: a Host of its own engine. */
class LocalReplica {
  constructor(host) {
    this.host = host;
    this.models = new Map(); // leader handle → this replica's model for it
  }

  request(op, args) {
    return Promise.resolve().then(() => this.host.run(op, args));
  }

  terminate() {
    this.host.core.lost ??= new Error('the replica was closed');
  }
}

/**
 * The replicas of one Host, made on demand and kept until close(). load
 * makes a Host of another engine from the leader's load arguments (for
 * replicas in this thread).
 */
export class ReplicaPool {
  constructor(loadArgs, load) {
    this.loadArgs = loadArgs; // {url, wasi, kernels, onOutput}
    this.load = load;
    this.replicas = [];
    this.growing = Promise.resolve();
  }

  /** The first n replicas, made if missing (one at a time, in order). */
  take(n) {
    this.growing = this.growing.catch(() => {}).then(async () => {
      while (this.replicas.length < n) this.replicas.push(await this.#spawn());
    });
    return this.growing.then(() => this.replicas.slice(0, n));
  }

  #spawn() {
    const {url, wasi, kernels, onOutput} = this.loadArgs;
    if (typeof Worker === 'function') {
      const abs = (u) => (typeof u === 'string' || u instanceof URL ? String(new URL(String(u), globalThis.location?.href)) : u);
      return WorkerReplica.start(new URL('./worker.js', import.meta.url), {url: abs(url), wasi, kernels: abs(kernels)}, onOutput);
    }
    return this.load(url, {wasi, kernels, onOutput}).then((h) => new LocalReplica(h));
  }

  get size() {
    return this.replicas.length;
  }

  close() {
    for (const r of this.replicas) r.terminate();
    this.replicas = [];
  }
}

/**
 * Starts the data-parallel part of a fit that gonn_fit_begin began with
 * workers > 1 (begun is its result): makes the replica models, or seeds
 * again those kept from the leader's last such fit, and gives them the
 * leader's weights. Returns {step}: step() trains up to batchesPerStep
 * batches and returns the last progress. The replica models stay for the
 * next fit, until forget(pool, h).
 */
export async function beginParallel(core, pool, h, begun, batchesPerStep) {
  const replicas = await pool.take(begun.workers - 1);
  // A replica keeps its model for leader h between fits (replica.models):
  // gonn_replica_create seeds it again rather than building another.
  const handles = await Promise.all(replicas.map(async (r, i) => {
    const kept = r.models.get(h);
    const spec = {...begun.replica, seed: begun.seeds[i], ...(kept ? {reuse: kept} : {})};
    const made = await r.request('replicaCreate', {spec}).catch((e) => {
      throw replicaError(core, h, i + 1, e);
    });
    if (kept && kept !== made) r.request('dispose', {handles: [kept]}).catch(() => {});
    r.models.set(h, made);
    return made;
  }));
  let weightsSent = sendWeights(core, h, replicas, handles);

  // batch trains one batch, or reports the end (k = 0).
  async function batch() {
    const {k, shards} = core.fitShards(h);
    if (k === 0) return core.fitStep(h, 0);
    const results = shards.map((s, i) => replicas[i].request('shardGradients', {h: handles[i], data: s}, [s]).catch((e) => {
      e.replica = i + 1;
      throw e;
    }));
    const acks = weightsSent;
    for (const p of results) p.catch(() => {}); // awaited below, unless the leader fails first
    core.fitLeaderShard(h);
    let out;
    try {
      await Promise.all(acks);
      out = await Promise.all(results);
    } catch (e) {
      throw replicaError(core, h, e.replica, e);
    }
    const p = core.fitFinish(h, out.map((r) => r.data));
    weightsSent = p.done ? [] : sendWeights(core, h, replicas, handles);
    return p;
  }

  return {
    async step() {
      let p;
      for (let i = 0; i < batchesPerStep; i++) {
        p = await batch();
        if (p.done) break;
      }
      return p;
    },
  };
}

/** Disposes the replica models kept for leader h (the leader was disposed). */
export function forget(pool, h) {
  for (const r of pool.replicas) {
    const kept = r.models.get(h);
    if (kept === undefined) continue;
    r.models.delete(h);
    r.request('dispose', {handles: [kept]}).catch(() => {});
  }
}

// sendWeights gives every replica the leader's weights: one copy each, the
// last takes the original. It returns the acknowledgements, each failure
// naming its replica.
function sendWeights(core, h, replicas, handles) {
  const w = core.weightsGet(h);
  return replicas.map((r, i) => {
    const data = i === replicas.length - 1 ? w : w.slice();
    const ack = r.request('setWeights', {h: handles[i], data}, [data.buffer]).catch((e) => {
      e.replica = i + 1;
      throw e;
    });
    ack.catch(() => {}); // awaited with the next batch; none follows the last
    return ack;
  });
}

// replicaError ends the leader's fit (its history stays) and names the
// replica that failed.
function replicaError(core, h, i, e) {
  try {
    core.fitAbort(h);
  } catch {
    // the leader is gone too: its own error follows
  }
  const g = GonnError.from(e);
  const err = new GonnError(g.code, `gonn: fit: replica ${i ?? '?'} of the worker pool failed: ${g.message}`, {cause: e});
  err.replica = i ?? true; // the leader lives: Host.fit attaches its history
  return err;
}
