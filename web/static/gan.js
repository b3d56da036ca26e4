// The GAN page's boot module: runs its Go UI, ui/gan.wasm (web/ui/gan/).
import {start} from './boot.js';

await start('gan');
