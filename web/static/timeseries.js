// The time-series page's boot module: runs its Go UI, ui/timeseries.wasm (web/ui/timeseries/).
import {start} from './boot.js';

await start('timeseries');
