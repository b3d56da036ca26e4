// The transfer-learning page's boot module: runs its Go UI, ui/transfer.wasm (web/ui/transfer/).
import {start} from './boot.js';

await start('transfer');
