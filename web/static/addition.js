// The addition page's boot module: runs its Go UI, ui/addition.wasm (web/ui/addition/).
import {start} from './boot.js';

await start('addition');
