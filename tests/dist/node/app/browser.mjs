// A browser app: bundled by esbuild (--platform=browser); wsclose.wasm is copied next to the
// bundle, where the module's `new URL('./wsclose.wasm', import.meta.url)` looks for it.
import { classify, Category, name } from 'wsclose';

const ok = classify(4000) === Category.PRIVATE && name(1000) === 'Normal Closure';
globalThis.wscloseResult = ok;
if (typeof document !== 'undefined') document.body.textContent = ok ? 'ok' : 'FAILED';
else if (!ok) throw new Error('browser bundle: wrong answers');
console.log('browser bundle: ok');
