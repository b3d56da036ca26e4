// gonn's embeddable widgets: one script tag defines them, one element puts
// one on a page.
//
//   <script type="module" src="/path/to/site/widgets/gonn-widgets.js"></script>
//   <gonn-convolution kernel="horizontal"></gonn-convolution>
//   <gonn-train-chart fn="sin(3*x)" autoplay></gonn-train-chart>
//   <gonn-draw-digit></gonn-draw-digit>
//
// Each element owns an engine (a Web Worker running engine.wasm) and closes
// it when removed from the page. The engine and the JavaScript API are
// loaded relative to this file (../gonn/), so a copy of the built site on any
// static host serves widgets to its pages; no special headers are needed.
// Attributes and events: docs/widgets.md and each widget's module.

import {GonnConvolution} from './convolution.js';
import {GonnDrawDigit} from './draw-digit.js';
import {GonnTrainChart} from './train-chart.js';

const elements = {
  'gonn-convolution': GonnConvolution,
  'gonn-draw-digit': GonnDrawDigit,
  'gonn-train-chart': GonnTrainChart,
};

for (const [name, cls] of Object.entries(elements)) {
  if (!customElements.get(name)) customElements.define(name, cls);
}

export {GonnConvolution, GonnDrawDigit, GonnTrainChart};
