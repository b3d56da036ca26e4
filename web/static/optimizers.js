// The boot module of the optimiser race: runs its Go UI, ui/optimizers.wasm (web/ui/optimizers/).
import {start} from './boot.js';

await start('optimizers');
