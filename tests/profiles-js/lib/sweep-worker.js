// One share of a sweep (see `sweep` in harness.js): runs the named drive for codes from..to-1 and
// posts the outcomes back.
import { parentPort, workerData } from 'node:worker_threads';

import { sweepRange } from './harness.js';

const { moduleUrl, name, options, from, to } = workerData;
try {
  const drives = await import(moduleUrl);
  const drive = drives[name];
  if (typeof drive !== 'function') throw new Error(`${moduleUrl} exports no drive ${name}`);
  const outcomes = await sweepRange((code) => drive(code, options), from, to);
  parentPort.postMessage({ outcomes });
} catch (err) {
  parentPort.postMessage({ error: err?.stack ?? String(err) });
}
