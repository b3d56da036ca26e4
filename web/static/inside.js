// The "look inside" page's boot module: runs its Go UI, ui/inside.wasm (web/ui/inside/).
import {start} from './boot.js';

await start('inside');
