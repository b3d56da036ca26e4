// The convolution playground's boot module: runs its Go UI, ui/conv.wasm (web/ui/conv/).
import {start} from './boot.js';

await start('conv');
