// ES module user of the installed npm package (top-level await inside the package).
import assert from 'node:assert/strict';
import { classify, Category, info, parseClosePayload, PayloadError, version } from 'wsclose';
import * as cjsView from 'wsclose';

assert.equal(classify(1016), Category.RESERVED);
assert.equal(info(1006).localOnly, true);
assert.throws(() => parseClosePayload(Uint8Array.of(0x03, 0xe8, 0xff)),
  (err) => err instanceof PayloadError && err.closeCode === 1007 && err.code === 1000);
assert.equal(version(), process.env.WSCLOSE_DIST_VERSION);
assert.equal(typeof cjsView.classifyMany, 'function');
console.log(`esm: wsclose ${version()} ok`);
