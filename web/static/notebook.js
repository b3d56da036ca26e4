// The notebook page: cells of code that run in order, each with its output
// below, on gonn's ES module and a small inline chart helper.
//
// The site's Content-Security-Policy forbids eval, so the cells are not
// handed to the browser's JavaScript compiler: this module reads them with
// its own small interpreter of a subset of JavaScript (docs/notebook.md):
// const/let/var and assignments, literals (numbers, strings, arrays,
// objects, spread), member access and calls, arithmetic, comparisons,
// logic, ?:, arrow functions with an expression body, and await. That is
// enough for the Keras-style workflow, and the same cells run unchanged in
// Observable or a Jupyter JavaScript kernel. Variables live across cells;
// the last expression of a cell is shown.
//
// In a cell's scope: gonn (the module), mnist.load, show (show(value),
// show.digits, show.progress), chart.line, Math, JSON, Number, String,
// Array, Object, console.

import * as gonn from './gonn/gonn.js';
import {drawChart} from './widgets/chart.js';
import {fetchPack, packTensors} from './widgets/mnist-pack.js';

// ---------------------------------------------------------------- tokens

const punctuators = ['...', '===', '!==', '**', '=>', '==', '!=', '<=', '>=', '&&', '||', '??',
  '{', '}', '(', ')', '[', ']', ',', ':', ';', '.', '=', '+', '-', '*', '/', '%', '<', '>', '!', '?'];
const keywords = new Set(['const', 'let', 'var', 'await', 'true', 'false', 'null', 'undefined', 'typeof']);

class NotebookError extends Error {}

function tokenize(src) {
  const out = [];
  let i = 0;
  let line = 1;
  let col = 1;
  const where = () => ({line, col});
  const advance = (n) => {
    for (let k = 0; k < n; k++) {
      if (src[i] === '\n') {
        line++;
        col = 1;
      } else col++;
      i++;
    }
  };
  while (i < src.length) {
    const rest = src.slice(i);
    const ws = /^(\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
    if (ws) {
      advance(ws[0].length);
      continue;
    }
    const at = where();
    const num = /^(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/.exec(rest);
    const id = /^[A-Za-z_$][\w$]*/.exec(rest);
    if (num) {
      out.push({t: 'num', v: Number(num[0]), at});
      advance(num[0].length);
    } else if (id) {
      out.push({t: keywords.has(id[0]) ? id[0] : 'id', v: id[0], at});
      advance(id[0].length);
    } else if (rest[0] === '"' || rest[0] === "'" || rest[0] === '`') {
      const q = rest[0];
      let j = 1;
      let s = '';
      while (j < rest.length && rest[j] !== q) {
        if (q === '`' && rest[j] === '$' && rest[j + 1] === '{') throw syntax(at, 'template literals with ${…} are not supported: join strings with +');
        if (rest[j] === '\\') {
          const e = rest[j + 1];
          s += {n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"', '`': '`'}[e] ?? e;
          j += 2;
        } else s += rest[j++];
      }
      if (j >= rest.length) throw syntax(at, 'a string is not closed');
      out.push({t: 'str', v: s, at});
      advance(j + 1);
    } else {
      const p = punctuators.find((p) => rest.startsWith(p));
      if (!p) throw syntax(at, `unexpected character "${rest[0]}"`);
      out.push({t: p, v: p, at});
      advance(p.length);
    }
  }
  out.push({t: 'eof', v: 'the end', at: where()});
  return out;
}

function syntax(at, msg) {
  return new NotebookError(`line ${at.line}, column ${at.col}: ${msg}`);
}

// ---------------------------------------------------------------- parser

const binaryPrecedence = {
  '??': 1, '||': 2, '&&': 3, '===': 4, '!==': 4, '==': 4, '!=': 4,
  '<': 5, '>': 5, '<=': 5, '>=': 5, '+': 6, '-': 6, '*': 7, '/': 7, '%': 7, '**': 8,
};

/** Parses a cell into statements: {t: 'decl' | 'assign' | 'expr', …}. */
export function parse(src) {
  const toks = tokenize(src);
  let p = 0;
  const peek = (k = 0) => toks[p + k];
  const next = () => toks[p++];
  const is = (t) => peek().t === t;
  const expect = (t) => {
    if (!is(t)) throw syntax(peek().at, `expected "${t}", found ${describe(peek())}`);
    return next();
  };

  function statement() {
    const at = peek().at;
    if (is('const') || is('let') || is('var')) {
      next();
      const name = expect('id').v;
      expect('=');
      return {t: 'decl', name, value: expression(), at};
    }
    const target = expression();
    if (is('=')) {
      if (target.t !== 'id' && target.t !== 'member') throw syntax(peek().at, 'only a name or a property can be assigned');
      next();
      return {t: 'assign', target, value: expression(), at};
    }
    return {t: 'expr', value: target, at};
  }

  function expression() {
    if (isArrow()) return arrow();
    const test = binary(0);
    if (!is('?')) return test;
    next();
    const yes = expression();
    expect(':');
    return {t: 'cond', test, yes, no: expression()};
  }

  // isArrow looks ahead for "x =>" or "(a, b) =>".
  function isArrow() {
    if (is('id') && peek(1).t === '=>') return true;
    if (!is('(')) return false;
    let depth = 0;
    for (let k = p; k < toks.length; k++) {
      if (toks[k].t === '(') depth++;
      if (toks[k].t === ')' && --depth === 0) return toks[k + 1]?.t === '=>';
    }
    return false;
  }

  function arrow() {
    const params = [];
    if (is('id')) params.push(next().v);
    else {
      expect('(');
      while (!is(')')) {
        params.push(expect('id').v);
        if (!is(')')) expect(',');
      }
      next();
    }
    expect('=>');
    if (is('{')) throw syntax(peek().at, 'arrow functions take an expression body here, not { … }');
    return {t: 'arrow', params, body: expression()};
  }

  // binary climbs precedences: left-associative, but ** to the right.
  function binary(min) {
    let left = unary();
    for (;;) {
      const op = peek().t;
      const prec = binaryPrecedence[op];
      if (prec === undefined || prec <= min) return left;
      next();
      left = {t: 'bin', op, left, right: binary(op === '**' ? prec - 1 : prec)};
    }
  }

  function unary() {
    if (is('-') || is('+') || is('!') || is('typeof')) return {t: 'unary', op: next().t, arg: unary()};
    if (is('await')) {
      next();
      return {t: 'await', arg: unary()};
    }
    return postfix(primary());
  }

  function postfix(e) {
    for (;;) {
      if (is('.')) {
        next();
        const name = next();
        if (name.t !== 'id' && !keywords.has(name.t)) throw syntax(name.at, `expected a property name, found ${describe(name)}`);
        e = {t: 'member', obj: e, prop: {t: 'lit', v: name.v}, name: name.v};
      } else if (is('[')) {
        next();
        e = {t: 'member', obj: e, prop: expression(), name: '[…]'};
        expect(']');
      } else if (is('(')) {
        next();
        e = {t: 'call', callee: e, args: list(')')};
      } else return e;
    }
  }

  // list reads items up to close: expressions or ...spread.
  function list(close) {
    const items = [];
    while (!is(close)) {
      if (is('...')) {
        next();
        items.push({t: 'spread', arg: expression()});
      } else items.push(expression());
      if (!is(close)) expect(',');
    }
    next();
    return items;
  }

  function primary() {
    const tok = next();
    switch (tok.t) {
      case 'num':
      case 'str':
        return {t: 'lit', v: tok.v};
      case 'true':
        return {t: 'lit', v: true};
      case 'false':
        return {t: 'lit', v: false};
      case 'null':
        return {t: 'lit', v: null};
      case 'undefined':
        return {t: 'lit', v: undefined};
      case 'id':
        return {t: 'id', name: tok.v, at: tok.at};
      case '(': {
        const e = expression();
        expect(')');
        return e;
      }
      case '[':
        return {t: 'arr', items: list(']')};
      case '{':
        return object();
      default:
        throw syntax(tok.at, `unexpected ${describe(tok)}`);
    }
  }

  function object() {
    const props = [];
    while (!is('}')) {
      if (is('...')) {
        next();
        props.push({spread: expression()});
      } else {
        const key = next();
        if (key.t !== 'id' && key.t !== 'str' && key.t !== 'num' && !keywords.has(key.t)) throw syntax(key.at, `expected a property name, found ${describe(key)}`);
        if (key.t === 'id' && (is(',') || is('}'))) props.push({key: key.v, value: {t: 'id', name: key.v, at: key.at}});
        else {
          expect(':');
          props.push({key: String(key.v), value: expression()});
        }
      }
      if (!is('}')) expect(',');
    }
    next();
    return {t: 'obj', props};
  }

  const out = [];
  while (!is('eof')) {
    if (is(';')) {
      next();
      continue;
    }
    out.push(statement());
    if (!is(';') && !is('eof') && peek().at.line === toks[p - 1].at.line) {
      throw syntax(peek().at, `unexpected ${describe(peek())}`);
    }
  }
  return out;
}

function describe(tok) {
  if (tok.t === 'eof') return 'the end of the cell';
  if (tok.t === 'str') return 'a string';
  if (tok.t === 'num') return `the number ${tok.v}`;
  return `"${tok.v}"`;
}

// ---------------------------------------------------------------- evaluator

// Properties that lead to the Function constructor or prototypes stay out of reach.
const blocked = new Set(['constructor', 'prototype', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

class Scope {
  constructor(parent = null) {
    this.vars = new Map();
    this.parent = parent;
  }

  get(name) {
    for (let s = this; s; s = s.parent) if (s.vars.has(name)) return s.vars.get(name);
    throw new NotebookError(`${name} is not defined`);
  }

  set(name, v) {
    for (let s = this; s; s = s.parent) {
      if (s.vars.has(name)) {
        s.vars.set(name, v);
        return;
      }
    }
    throw new NotebookError(`${name} is not defined (declare it with const or let)`);
  }
}

function getProp(obj, key, name) {
  if (obj === null || obj === undefined) throw new NotebookError(`cannot read ${name} of ${obj}`);
  if (blocked.has(String(key))) throw new NotebookError(`the property ${key} is not available in notebook cells`);
  return obj[key];
}

// ev evaluates node in scope; it yields the values it awaits, so that one
// evaluator serves async cells (runAsync) and arrow functions (runSync).
function* ev(n, scope) {
  switch (n.t) {
    case 'lit':
      return n.v;
    case 'id':
      return scope.get(n.name);
    case 'arr': {
      const out = [];
      for (const item of n.items) {
        if (item.t === 'spread') out.push(...(yield* ev(item.arg, scope)));
        else out.push(yield* ev(item, scope));
      }
      return out;
    }
    case 'obj': {
      const out = {};
      for (const prop of n.props) {
        if (prop.spread) Object.assign(out, yield* ev(prop.spread, scope));
        else if (blocked.has(prop.key)) throw new NotebookError(`the key ${prop.key} is not available in notebook cells`);
        else out[prop.key] = yield* ev(prop.value, scope);
      }
      return out;
    }
    case 'member':
      return getProp(yield* ev(n.obj, scope), yield* ev(n.prop, scope), n.name);
    case 'call': {
      let self;
      let fn;
      if (n.callee.t === 'member') {
        self = yield* ev(n.callee.obj, scope);
        fn = getProp(self, yield* ev(n.callee.prop, scope), n.callee.name);
      } else fn = yield* ev(n.callee, scope);
      const args = [];
      for (const a of n.args) {
        if (a.t === 'spread') args.push(...(yield* ev(a.arg, scope)));
        else args.push(yield* ev(a, scope));
      }
      if (typeof fn !== 'function') throw new NotebookError(`${calleeName(n.callee)} is not a function`);
      return Reflect.apply(fn, self, args);
    }
    case 'await':
      return yield yield* ev(n.arg, scope);
    case 'unary': {
      const v = yield* ev(n.arg, scope);
      return {'-': () => -v, '+': () => +v, '!': () => !v, typeof: () => typeof v}[n.op]();
    }
    case 'bin': {
      const l = yield* ev(n.left, scope);
      if (n.op === '&&') return l && (yield* ev(n.right, scope));
      if (n.op === '||') return l || (yield* ev(n.right, scope));
      if (n.op === '??') return l ?? (yield* ev(n.right, scope));
      const r = yield* ev(n.right, scope);
      return binaryOps[n.op](l, r);
    }
    case 'cond':
      return (yield* ev(n.test, scope)) ? yield* ev(n.yes, scope) : yield* ev(n.no, scope);
    case 'arrow':
      return (...args) => {
        const inner = new Scope(scope);
        n.params.forEach((name, i) => inner.vars.set(name, args[i]));
        return runSync(ev(n.body, inner));
      };
    default:
      throw new NotebookError(`cannot evaluate a ${n.t}`);
  }
}

const binaryOps = {
  '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b,
  '**': (a, b) => a ** b, '<': (a, b) => a < b, '>': (a, b) => a > b, '<=': (a, b) => a <= b, '>=': (a, b) => a >= b,
  '===': (a, b) => a === b, '!==': (a, b) => a !== b, '==': (a, b) => a == b, '!=': (a, b) => a != b, // eslint-disable-line eqeqeq
};

function calleeName(c) {
  if (c.t === 'id') return c.name;
  if (c.t === 'member') return `${calleeName(c.obj)}.${c.name}`;
  return 'the value called';
}

async function runAsync(gen) {
  let r = gen.next();
  while (!r.done) {
    let v;
    try {
      v = await r.value;
    } catch (e) {
      r = gen.throw(e);
      continue;
    }
    r = gen.next(v);
  }
  return r.value;
}

function runSync(gen) {
  const r = gen.next();
  if (!r.done) throw new NotebookError('await is not supported inside an arrow function');
  return r.value;
}

/**
 * Runs a cell's statements in scope; its declarations go to notebook (the
 * variables every cell sees; re-running a cell may declare them again).
 * Resolves with the last expression's value.
 */
export async function runCell(src, scope, notebook) {
  let last;
  for (const s of parse(src)) {
    const v = await runAsync(ev(s.value, scope));
    if (s.t === 'decl') notebook.vars.set(s.name, v);
    else if (s.t === 'assign' && s.target.t === 'id') scope.set(s.target.name, v);
    else if (s.t === 'assign') {
      const obj = await runAsync(ev(s.target.obj, scope));
      const key = await runAsync(ev(s.target.prop, scope));
      if (blocked.has(String(key))) throw new NotebookError(`the property ${key} is not available in notebook cells`);
      obj[key] = v;
    }
    last = s.t === 'expr' ? v : undefined;
  }
  return last;
}

// ---------------------------------------------------------------- helpers in cells

const palette = ['#b54708', '#1d4ed8', '#067647', '#6941c6', '#475467'];

/** mnist.load(url, {count, offset}): examples of a pack as tensors, with their images. */
const mnist = Object.freeze({
  async load(url, opts = {}) {
    const pack = await fetchPack(new URL(url, document.baseURI));
    const offset = opts.offset ?? 0;
    const count = Math.min(opts.count ?? pack.n, pack.n - offset);
    const {x, y, labels} = packTensors(pack, offset, offset + count);
    const size = pack.rows * pack.cols;
    return {
      n: count, x: gonn.tensor(x.data, x.shape), y: gonn.tensor(y.data, y.shape), labels,
      images: pack.pixels.subarray(offset * size, (offset + count) * size), rows: pack.rows, cols: pack.cols,
    };
  },
});

// cellHelpers makes show and chart, which write into one cell's output.
function cellHelpers(out) {
  const show = (v) => {
    out.append(render(v));
    return undefined;
  };

  show.digits = (data, count = 10, predicted) => {
    const n = Math.min(count, data.n);
    const scale = 2;
    const w = data.cols * scale;
    const canvas = document.createElement('canvas');
    canvas.className = 'digits';
    canvas.width = n * (w + 6);
    canvas.height = data.rows * scale + 18;
    const ctx = canvas.getContext('2d');
    const said = [];
    for (let i = 0; i < n; i++) {
      const img = ctx.createImageData(data.cols, data.rows);
      for (let k = 0; k < data.rows * data.cols; k++) {
        const v = 255 - data.images[i * data.rows * data.cols + k];
        img.data.set([v, v, v, 255], 4 * k);
      }
      const tile = document.createElement('canvas');
      tile.width = data.cols;
      tile.height = data.rows;
      tile.getContext('2d').putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(tile, i * (w + 6), 0, w, data.rows * scale);
      const label = data.labels[i];
      const guess = predicted?.[i];
      ctx.fillStyle = guess === undefined || guess === label ? '#1d2939' : '#b42318';
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillText(guess === undefined ? String(label) : `${guess}${guess === label ? '' : ` (${label})`}`, i * (w + 6) + 2, data.rows * scale + 14);
      said.push(guess === undefined ? `${label}` : `${label} read as ${guess}`);
    }
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `${n} digits: ${said.join(', ')}`);
    out.append(canvas);
  };

  let bar = null;
  let live = null;
  show.progress = (p) => {
    if (!bar) {
      bar = document.createElement('progress');
      bar.max = 1;
      bar.setAttribute('aria-label', 'Training progress');
      live = {text: document.createElement('p'), losses: [], canvas: chartCanvas('Loss per batch, live')};
      out.append(bar, live.text, live.canvas.parentElement);
    }
    bar.value = (p.epoch + (p.done ? 0 : p.batch / p.batchesPerEpoch)) / p.epochs;
    if (p.done) bar.value = 1;
    if (p.logs?.loss != null && !p.done) live.losses.push(p.logs.loss);
    const loss = p.logs?.loss != null ? `, loss ${p.logs.loss.toFixed(4)}` : '';
    live.text.textContent = p.done ? `trained ${p.epochs} epochs${loss}` : `epoch ${p.epoch + 1} of ${p.epochs}, batch ${p.batch} of ${p.batchesPerEpoch}${loss}`;
    drawChart(live.canvas, {series: [{name: 'loss (running mean of the epoch)', y: live.losses, color: palette[0]}], xLabel: 'report'});
  };

  const chartCanvas = (title) => {
    const fig = document.createElement('figure');
    fig.className = 'inline-chart';
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', title);
    const cap = document.createElement('figcaption');
    cap.textContent = title;
    fig.append(canvas, cap);
    return canvas;
  };

  const chart = Object.freeze({
    /** chart.line(values | {name: values}, {title, logY, xLabel}): a line chart in the output. */
    line(data, opts = {}) {
      const named = Array.isArray(data) || ArrayBuffer.isView(data) ? {[opts.name ?? 'value']: data} : data;
      const series = Object.entries(named).map(([name, y], i) => ({name, y: Array.from(y ?? []), color: palette[i % palette.length]}));
      const canvas = chartCanvas(opts.title ?? series.map((s) => s.name).join(', '));
      out.append(canvas.parentElement);
      drawChart(canvas, {series, logY: !!opts.logY, xLabel: opts.xLabel});
      canvas.dataset.points = String(series.reduce((n, s) => n + s.y.length, 0));
    },
  });
  return {show, chart};
}

// render turns a value into something to show.
function render(v) {
  if (v instanceof Node) return v;
  const pre = document.createElement('pre');
  if (typeof v === 'string') pre.textContent = v;
  else if (v instanceof gonn.Tensor) {
    const head = Array.from(v.data.subarray(0, 8), (x) => Number(x.toPrecision(4))).join(', ');
    pre.textContent = `Tensor [${v.shape.join(', ')}]: ${head}${v.size > 8 ? ', …' : ''}`;
  } else if (ArrayBuffer.isView(v)) {
    pre.textContent = `${v.constructor.name}(${v.length}) [${Array.from(v.slice(0, 20)).join(', ')}${v.length > 20 ? ', …' : ''}]`;
  } else {
    pre.textContent = pretty(v, '');
  }
  return pre;
}

// pretty writes v as JSON-like text: objects one key a line, arrays of
// plain values on one line, numbers to 6 significant digits.
function pretty(v, indent, seen = new Set()) {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return `ƒ ${v.name || '(anonymous)'}()`;
  if (v === null || typeof v !== 'object') return String(v);
  if (seen.has(v)) return '(cycle)';
  seen.add(v);
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    const items = v.slice(0, 100).map((x) => pretty(x, inner, seen));
    if (v.length > 100) items.push(`… ${v.length - 100} more`);
    const flat = `[${items.join(', ')}]`;
    return flat.length <= 100 && !flat.includes('\n') ? flat : `[\n${items.map((x) => inner + x).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v).map(([k, x]) => `${inner}${k}: ${pretty(x, inner, seen)}`);
  return entries.length ? `{\n${entries.join(',\n')}\n${indent}}` : '{}';
}

// ---------------------------------------------------------------- the page

// The cells' layout, as a constructed stylesheet (the site's CSP allows no
// inline style, and style.css is every page's).
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  .cell { display: grid; gap: 0.5rem; margin-bottom: 1rem; }
  .cell-head { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; }
  .cell-head h2 { margin: 0; flex: 1; }
  .cell textarea { width: 100%; font: 0.88rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    padding: 0.6rem; border: 1px solid #98a2b3; border-radius: 6px; background: #f8fafc; resize: vertical; }
  .cell-status { color: var(--muted); font-size: 0.85rem; }
  .cell[data-state="error"] .cell-status, .output pre.error { color: #b42318; }
  .output { display: grid; gap: 0.5rem; min-height: 0.5rem; }
  .output pre { margin: 0; padding: 0.5rem 0.6rem; background: var(--soft); border-radius: 6px; overflow-x: auto; font-size: 0.85rem; }
  .output progress { width: 100%; }
  .output p { margin: 0; }
  .inline-chart { margin: 0; }
  .inline-chart canvas { width: 100%; max-width: 36rem; height: 12rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
  .inline-chart figcaption { font-size: 0.85rem; color: var(--muted); }
  canvas.digits { max-width: 100%; }
`);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

// Scopes: builtins ← the notebook's variables ← each run's cell scope (show, chart).
const builtins = new Scope();
for (const [k, v] of Object.entries({gonn, mnist, Math, JSON, Number, String, Array, Object, console})) builtins.vars.set(k, v);
const notebook = new Scope(builtins);

const cells = [...document.querySelectorAll('.cell')];
let queue = Promise.resolve();

/** Runs cell i (after the ones queued); resolves to true when it succeeded. */
function run(i) {
  const cell = cells[i];
  const out = cell.querySelector('.output');
  const status = cell.querySelector('.cell-status');
  cell.dataset.state = 'queued';
  status.textContent = 'waiting…';
  queue = queue.then(async () => {
    out.replaceChildren();
    cell.dataset.state = 'running';
    status.textContent = 'running…';
    const t0 = performance.now();
    const scope = new Scope(notebook);
    const {show, chart} = cellHelpers(out);
    scope.vars.set('show', show);
    scope.vars.set('chart', chart);
    try {
      const v = await runCell(cell.querySelector('textarea').value, scope, notebook);
      if (v !== undefined) out.append(render(v));
      cell.dataset.state = 'done';
      status.textContent = `done in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
      return true;
    } catch (e) {
      cell.dataset.state = 'error';
      status.textContent = 'error';
      const pre = document.createElement('pre');
      pre.className = 'error';
      pre.textContent = e instanceof NotebookError ? e.message : `${e?.name ?? 'Error'}: ${e?.message ?? e}`;
      out.append(pre);
      return false;
    }
  });
  return queue;
}

async function runAll() {
  for (let i = 0; i < cells.length; i++) {
    if (!(await run(i))) return;
  }
}

cells.forEach((cell, i) => {
  cell.querySelector('.run').addEventListener('click', () => run(i));
  cell.querySelector('textarea').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.shiftKey) {
      e.preventDefault();
      run(i);
      cells[i + 1]?.querySelector('textarea').focus();
    }
  });
});
document.getElementById('run-all').addEventListener('click', runAll);
for (const b of document.querySelectorAll('.run, #run-all')) b.disabled = false;
document.getElementById('status').textContent = 'Ready: run the cells in order (Shift+Enter in a cell runs it).';
