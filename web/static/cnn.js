// The CNN page's boot module: runs its Go UI, ui/cnn.wasm (web/ui/cnn/).
import {start} from './boot.js';

await start('cnn');
