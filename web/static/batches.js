// The boot module of the batch-size and epochs explorer: runs its Go UI, ui/batches.wasm (web/ui/batches/).
import {start} from './boot.js';

await start('batches');
