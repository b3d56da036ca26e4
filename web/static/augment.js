// The augmentation page's boot module: runs its Go UI, ui/augment.wasm (web/ui/augment/).
import {start} from './boot.js';

await start('augment');
