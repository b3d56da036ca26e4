// The base of gonn's widgets: a custom element with an open shadow root, the
// widgets' stylesheet, and an engine of its own.
//
// Each connected instance starts its own engine (gonn.init(): a Web Worker
// running engine.wasm) and closes it when the element leaves the page, so a
// page may hold many widgets and remove them freely. The JavaScript API is
// loaded from ../gonn/gonn.js relative to this module, so the widgets work
// from any folder of any static host that serves the site's files; no
// special headers (COOP/COEP) are needed.
//
// The element's state is reflected in its data-state attribute: "loading",
// "ready", "busy" or "error" (the message is in the widget's status line).

import {widgetStyles} from './style.js';

let gonnModule = null; // Promise of the gonn.js module, loaded once per page

/** The JavaScript API, gonn.js, imported relative to this module's URL. */
export function loadGonn() {
  gonnModule ??= import(new URL('../gonn/gonn.js', import.meta.url).href);
  return gonnModule;
}

export class EngineElement extends HTMLElement {
  #generation = 0; // bumped on every connect and disconnect: stale engines are closed
  #rendered = false;

  constructor() {
    super();
    this.attachShadow({mode: 'open'});
    this.shadowRoot.adoptedStyleSheets = [widgetStyles()];
    this.engine = null;
    this.gonn = null;
  }

  connectedCallback() {
    if (!this.#rendered) {
      this.#rendered = true;
      this.render(this.shadowRoot);
    }
    this.#start(++this.#generation);
  }

  disconnectedCallback() {
    this.#generation++;
    this.stopWork();
    this.engine?.close();
    this.engine = null;
    this.setState('loading');
  }

  async #start(generation) {
    this.setState('loading');
    this.setStatus('Starting the engine…');
    let engine = null;
    try {
      this.gonn = await loadGonn();
      engine = await this.gonn.init();
      if (generation !== this.#generation) {
        engine.close(); // removed from the page while the engine started
        return;
      }
      this.engine = engine;
      await this.engineReady(engine);
      if (generation === this.#generation && this.state === 'loading') this.setState('ready');
    } catch (e) {
      if (generation !== this.#generation) return;
      this.fail(e);
    }
  }

  /** True while the engine this call started with is still the element's. */
  alive(engine) {
    return engine !== null && engine === this.engine && this.isConnected;
  }

  get state() {
    return this.dataset.state ?? 'loading';
  }

  setState(state) {
    this.dataset.state = state;
  }

  /** Says msg in the widget's status line (an aria-live region). */
  setStatus(msg) {
    const status = this.shadowRoot.querySelector('[part="status"]');
    if (status) status.textContent = msg;
  }

  /** Shows an error in the status line and on the console. */
  fail(e) {
    this.setState('error');
    this.setStatus(`Error: ${e?.message ?? e}`);
    console.error(`<${this.localName}>:`, e);
  }

  // What a widget defines:

  /** Builds the widget's DOM in its shadow root (once). */
  render(_root) {}

  /** Runs when the widget's engine is ready; may be async. */
  engineReady(_engine) {}

  /** Stops any running job (the element leaves the page). */
  stopWork() {}

  /** Dispatches a bubbling, composed event with detail. */
  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, {detail, bubbles: true, composed: true}));
  }
}

/** Makes an element: h('button', {type: 'button', part: 'run'}, 'Run'). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === undefined || v === null) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children.flat());
  return el;
}

/** An attribute as a number, or fallback when it is missing or not a finite number. */
export function numberAttr(el, name, fallback) {
  const raw = el.getAttribute(name);
  if (raw === null || raw.trim() === '') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new Error(`${name}="${raw}" is not a number`);
  return v;
}

/** An attribute as an integer ≥ min, or fallback when it is missing. */
export function intAttr(el, name, fallback, min = 1) {
  const v = numberAttr(el, name, fallback);
  if (!Number.isInteger(v) || v < min) throw new Error(`${name}="${el.getAttribute(name)}" must be an integer ≥ ${min}`);
  return v;
}

let uid = 0;

/** A page-unique id for labels inside one shadow root. */
export function uniqueId(prefix) {
  return `${prefix}-${++uid}`;
}
