// The sentiment page's boot module: runs its Go UI, ui/sentiment.wasm (web/ui/sentiment/).
import {start} from './boot.js';

await start('sentiment');
