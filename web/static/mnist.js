// The MNIST page's boot module: runs its Go UI, ui/mnist.wasm (web/ui/mnist/).
import {start} from './boot.js';

await start('mnist');
