// The boot module of "a net as a function": runs its Go UI, ui/function.wasm (web/ui/function/).
import {start} from './boot.js';

await start('function');
