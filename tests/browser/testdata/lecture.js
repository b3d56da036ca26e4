// The page of tests/browser/lecture_test.go: loads gonn's JS API from the
// site (the engine in a Web Worker) and offers window.lectureTest.run(args)
// to the Go test, which reads the JSON report of lecture.mjs.

import * as gonn from '/gonn/gonn.js';
import {lecture} from './lecture.mjs';

const status = document.getElementById('status');
const engine = gonn.init();

window.lectureTest = {
  run: async (args) => lecture(gonn, {engine: await engine}, args),
  inWorker: async () => (await engine).inWorker,
};

engine.then(
  () => (status.textContent = 'ready'),
  (e) => (status.textContent = `failed: ${e.message}`),
);
