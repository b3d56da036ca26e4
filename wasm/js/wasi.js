// A minimal WASI preview1 shim: what a Go reactor (GOOS=wasip1
// -buildmode=c-shared) needs to run in a browser, a Web Worker or Node.
// It has no file system: stdout and stderr go to a callback line by line,
// stdin is empty, every other file operation fails.
//
// The interface mirrors Node's node:wasi, so either can load the engine:
//
//   const wasi = new WASI({onOutput: (line, stream) => console.log(line)});
//   const instance = await WebAssembly.instantiate(module, wasi.importsFor(module));
//   wasi.initialize(instance);   // calls _initialize; never _start
//
// Sleeping (poll_oneoff on a clock) busy-waits: a Go reactor sleeps only
// when every goroutine waits on a timer, which gonn's engine never does, and
// a busy wait is the one way to sleep on a browser's main thread. Any import
// the shim lacks answers ENOSYS instead of failing instantiation.

const ESUCCESS = 0;
const EBADF = 8;
const EINVAL = 28;
const ENOSYS = 52;
const ESPIPE = 70;

const CLOCK_REALTIME = 0;
const CLOCK_MONOTONIC = 1;
const CLOCK_PROCESS_CPUTIME_ID = 2;
const CLOCK_THREAD_CPUTIME_ID = 3;

const FILETYPE_CHARACTER_DEVICE = 2;
const EVENTTYPE_CLOCK = 0;
const SUBSCRIPTION_SIZE = 48;
const EVENT_SIZE = 32;
const SUBCLOCKFLAG_ABSTIME = 1;

/** Thrown by proc_exit: the module called exit. */
export class WASIExit extends Error {
  constructor(code) {
    super(`wasi: exit(${code})`);
    this.name = 'WASIExit';
    this.code = code;
  }
}

/** The monotonic clock in nanoseconds, as a BigInt. */
function monotonicNs() {
  return BigInt(Math.round(performance.now() * 1e6));
}

/** The wall clock in nanoseconds since 1970, as a BigInt. */
function realtimeNs() {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
}

export class WASI {
  /**
   * @param {{args?: string[], env?: Record<string,string>,
   *          onOutput?: (line: string, stream: 'stdout'|'stderr') => void}} [opts]
   */
  constructor(opts = {}) {
    this.args = opts.args ?? [];
    this.env = Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`);
    this.onOutput = opts.onOutput ?? ((line, stream) => (stream === 'stderr' ? console.warn : console.log)(line));
    this.memory = null;
    this.decoders = {1: new TextDecoder(), 2: new TextDecoder()};
    this.pending = {1: '', 2: ''};
    this.wasiImport = this.#functions();
  }

  /** The import object for node:wasi-style use: only our functions. */
  getImportObject() {
    return {wasi_snapshot_preview1: this.wasiImport};
  }

  /**
   * The import object for module: ours, plus an ENOSYS stub for any
   * wasi_snapshot_preview1 function we do not implement.
   */
  importsFor(module) {
    const ns = {...this.wasiImport};
    for (const imp of WebAssembly.Module.imports(module)) {
      if (imp.module === 'wasi_snapshot_preview1' && imp.kind === 'function' && !(imp.name in ns)) {
        ns[imp.name] = () => ENOSYS;
      }
    }
    return {wasi_snapshot_preview1: ns};
  }

  /** Runs the reactor's _initialize (if it has one); call once, before any other export. */
  initialize(instance) {
    this.memory = instance.exports.memory;
    instance.exports._initialize?.();
  }

  /** Writes out any partial line left in stdout and stderr. */
  flush() {
    for (const fd of [1, 2]) {
      const rest = this.pending[fd] + this.decoders[fd].decode();
      this.pending[fd] = '';
      if (rest) this.onOutput(rest, fd === 1 ? 'stdout' : 'stderr');
    }
  }

  #view() {
    return new DataView(this.memory.buffer);
  }

  #bytes(ptr, len) {
    return new Uint8Array(this.memory.buffer, ptr >>> 0, len >>> 0);
  }

  #output(fd, bytes) {
    let text = this.pending[fd] + this.decoders[fd].decode(bytes, {stream: true});
    let nl;
    while ((nl = text.indexOf('\n')) >= 0) {
      this.onOutput(text.slice(0, nl), fd === 1 ? 'stdout' : 'stderr');
      text = text.slice(nl + 1);
    }
    this.pending[fd] = text;
  }

  // strings writes a list of strings as WASI's args_get and environ_get
  // want them: pointers at ptrsPtr, NUL-terminated bytes at bufPtr.
  #strings(list, ptrsPtr, bufPtr) {
    const enc = new TextEncoder();
    let p = bufPtr >>> 0;
    for (let i = 0; i < list.length; i++) {
      const b = enc.encode(list[i] + '\0');
      this.#view().setUint32((ptrsPtr >>> 0) + 4 * i, p, true);
      this.#bytes(p, b.length).set(b);
      p += b.length;
    }
    return ESUCCESS;
  }

  #sizes(list, countPtr, sizePtr) {
    const enc = new TextEncoder();
    const size = list.reduce((n, s) => n + enc.encode(s).length + 1, 0);
    const v = this.#view();
    v.setUint32(countPtr >>> 0, list.length, true);
    v.setUint32(sizePtr >>> 0, size, true);
    return ESUCCESS;
  }

  #functions() {
    const isStdio = (fd) => fd >= 0 && fd <= 2;
    return {
      args_sizes_get: (countPtr, sizePtr) => this.#sizes(this.args, countPtr, sizePtr),
      args_get: (ptrs, buf) => this.#strings(this.args, ptrs, buf),
      environ_sizes_get: (countPtr, sizePtr) => this.#sizes(this.env, countPtr, sizePtr),
      environ_get: (ptrs, buf) => this.#strings(this.env, ptrs, buf),

      clock_res_get: (id, resPtr) => {
        if (id < 0 || id > CLOCK_THREAD_CPUTIME_ID) return EINVAL;
        this.#view().setBigUint64(resPtr >>> 0, 1000n, true);
        return ESUCCESS;
      },
      clock_time_get: (id, _precision, timePtr) => {
        let t;
        switch (id) {
          case CLOCK_REALTIME: t = realtimeNs(); break;
          case CLOCK_MONOTONIC:
          case CLOCK_PROCESS_CPUTIME_ID:
          case CLOCK_THREAD_CPUTIME_ID: t = monotonicNs(); break;
          default: return EINVAL;
        }
        this.#view().setBigUint64(timePtr >>> 0, t, true);
        return ESUCCESS;
      },

      random_get: (ptr, len) => {
        // getRandomValues fills at most 65536 bytes per call, and refuses
        // views on a shared buffer: fill a copy, chunk by chunk.
        for (let off = 0; off < len; off += 65536) {
          const n = Math.min(65536, len - off);
          const tmp = new Uint8Array(n);
          crypto.getRandomValues(tmp);
          this.#bytes((ptr >>> 0) + off, n).set(tmp);
        }
        return ESUCCESS;
      },

      fd_write: (fd, iovs, iovsLen, nwrittenPtr) => {
        if (fd !== 1 && fd !== 2) return EBADF;
        const v = this.#view();
        let n = 0;
        for (let i = 0; i < iovsLen; i++) {
          const ptr = v.getUint32((iovs >>> 0) + 8 * i, true);
          const len = v.getUint32((iovs >>> 0) + 8 * i + 4, true);
          this.#output(fd, this.#bytes(ptr, len).slice());
          n += len;
        }
        this.#view().setUint32(nwrittenPtr >>> 0, n, true);
        return ESUCCESS;
      },
      fd_read: (fd, _iovs, _iovsLen, nreadPtr) => {
        if (fd !== 0) return EBADF;
        this.#view().setUint32(nreadPtr >>> 0, 0, true); // stdin is empty
        return ESUCCESS;
      },
      fd_fdstat_get: (fd, statPtr) => {
        if (!isStdio(fd)) return EBADF;
        const v = this.#view();
        const p = statPtr >>> 0;
        v.setUint8(p, FILETYPE_CHARACTER_DEVICE);
        v.setUint16(p + 2, 0, true); // fdflags
        v.setBigUint64(p + 8, 0xffffffffffffffffn, true); // rights base
        v.setBigUint64(p + 16, 0xffffffffffffffffn, true); // rights inheriting
        return ESUCCESS;
      },
      fd_fdstat_set_flags: (fd) => (isStdio(fd) ? ESUCCESS : EBADF),
      // No preopened directories: Go's syscall init stops at the first EBADF.
      fd_prestat_get: () => EBADF,
      fd_prestat_dir_name: () => EBADF,
      fd_close: (fd) => (isStdio(fd) ? ESUCCESS : EBADF),
      fd_seek: (fd) => (isStdio(fd) ? ESPIPE : EBADF),
      fd_sync: (fd) => (isStdio(fd) ? ESUCCESS : EBADF),
      fd_filestat_get: () => EBADF,
      path_open: () => ENOSYS,

      poll_oneoff: (inPtr, outPtr, nsubs, neventsPtr) => this.#poll(inPtr >>> 0, outPtr >>> 0, nsubs, neventsPtr >>> 0),
      sched_yield: () => ESUCCESS,
      proc_exit: (code) => {
        this.flush();
        throw new WASIExit(code);
      },
    };
  }

  // poll answers every subscription at once, after waiting (busy) for the
  // earliest clock subscription; fd subscriptions get EBADF events.
  #poll(inPtr, outPtr, nsubs, neventsPtr) {
    if (nsubs === 0) return EINVAL;
    let v = this.#view();
    let deadline = null; // monotonic ns
    for (let i = 0; i < nsubs; i++) {
      const s = inPtr + i * SUBSCRIPTION_SIZE;
      if (v.getUint8(s + 8) !== EVENTTYPE_CLOCK) continue;
      const id = v.getUint32(s + 16, true);
      const timeout = v.getBigUint64(s + 24, true);
      const flags = v.getUint16(s + 40, true);
      let end;
      if (flags & SUBCLOCKFLAG_ABSTIME) {
        end = id === CLOCK_REALTIME ? monotonicNs() + (timeout - realtimeNs()) : timeout;
      } else {
        end = monotonicNs() + timeout;
      }
      if (deadline === null || end < deadline) deadline = end;
    }
    if (deadline !== null) {
      while (monotonicNs() < deadline) {
        // busy wait: see the file comment
      }
    }
    v = this.#view();
    for (let i = 0; i < nsubs; i++) {
      const s = inPtr + i * SUBSCRIPTION_SIZE;
      const e = outPtr + i * EVENT_SIZE;
      const type = v.getUint8(s + 8);
      v.setBigUint64(e, v.getBigUint64(s, true), true); // userdata
      v.setUint16(e + 8, type === EVENTTYPE_CLOCK ? ESUCCESS : EBADF, true);
      v.setUint8(e + 10, type);
      for (let b = 11; b < EVENT_SIZE; b++) v.setUint8(e + b, 0);
    }
    v.setUint32(neventsPtr, nsubs, true);
    return ESUCCESS;
  }
}
